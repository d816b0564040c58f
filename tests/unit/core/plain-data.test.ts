// Inputs reach the router as plain data only: what structured clone carries beyond JSON is refused
// before a schema could read a Map as `{}`; depth and size are bounded without recursion.
import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../../src-main/core/router.js';
import { plainDataProblem } from '../../../src-main/core/plain-data.js';

describe('plainDataProblem', () => {
  it.each([
    [undefined], [null], [1], ['x'], [true], [{}], [[]], [{ a: [1, { b: 'c' }] }], [JSON.parse('{"__proto__":{"x":1}}')], [Object.create(null)],
  ])('takes %j', (value) => {
    expect(plainDataProblem(value)).toBeNull();
  });

  it.each([
    ['a Map', new Map([['name', 'x']]), /Map/],
    ['a Set', { tags: new Set(['a']) }, /Set/],
    ['a Date', { at: new Date() }, /Date/],
    ['a typed array', [new Uint8Array(4)], /Uint8Array/],
    ['a BigInt', { limit: 10n }, /bigint/],
    ['deep nesting', JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), /nested more than/],
  ])('refuses %s', (_label, value, message) => {
    expect(plainDataProblem(value)).toMatch(message);
  });

  it('refuses a cycle (it is infinitely deep) and too many values', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(plainDataProblem(cycle)).toMatch(/nested more than/);
    expect(plainDataProblem(new Array(2_000), { depth: 64, values: 1_000 })).toMatch(/more than 1000 values/);
  });

  it('makes the router refuse a Map that a schema would read as an empty object', async () => {
    const router = createRouter({ 'app.info': () => ({ version: 'x' }) } as unknown as Handlers);
    expect(await router.call('app.info', {})).toMatchObject({ ok: true });
    expect(await router.call('app.info', new Map([['name', 'x']]))).toEqual({
      ok: false, error: { code: 'invalid_input', message: 'the input holds a Map, not plain data' },
    });
  });
});
