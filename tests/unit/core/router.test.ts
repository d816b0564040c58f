import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../src-main/core/router.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';

/** Handlers that record what reached them; any channel not listed fails the test if called. */
function fakeHandlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) =>
      (target as Record<string, unknown>)[key] ??
      (() => {
        throw new Error(`unexpected call to ${key}`);
      }),
  });
}

describe('the router', () => {
  it('validates input before a handler runs and names the field', async () => {
    const add = vi.fn();
    const router = createRouter(fakeHandlers({ 'nodes.add': add }));
    const result = await router.call('nodes.add', { name: 'n1', host: 'n1.example', sshPort: 70000 });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: 'sshPort: 70000 is not a port: use 1–65535' } });
    expect(add).not.toHaveBeenCalled();
  });

  it('refuses unknown fields and wrong types', async () => {
    const router = createRouter(fakeHandlers({}));
    const unknownField = await router.call('nodes.add', { name: 'n1', host: 'h', rootPassword: 'x' });
    expect(unknownField.ok).toBe(false);
    if (!unknownField.ok) expect(unknownField.error.message).toContain('rootPassword');
    const wrongType = await router.call('nodes.get', { name: 42 });
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(wrongType.error.message).toMatch(/^name: /);
    expect((await router.call('nodes.get', 'not an object')).ok).toBe(false);
  });

  it('fills defaults from the schema', async () => {
    const add = vi.fn((input) => input);
    const router = createRouter(fakeHandlers({ 'nodes.add': add }));
    const result = await router.call('nodes.add', { name: 'n1', host: '10.0.0.5' });
    expect(result.ok).toBe(true);
    expect(add.mock.calls[0]![0]).toMatchObject({ sshPort: 22, sshUser: 'root', tags: [], apiAddress: '127.0.0.1:5001' });
  });

  it('answers unknown channels as data', async () => {
    const router = createRouter(fakeHandlers({}));
    expect(await router.call('shell.exec', {})).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'no such channel: shell.exec' },
    });
    expect((await router.call('__proto__', {})).ok).toBe(false);
    expect((await router.call('toString', {})).ok).toBe(false);
  });

  it('turns a PinfleetError into its code and an unexpected error into internal', async () => {
    const logger = { error: vi.fn() };
    const router = createRouter(
      fakeHandlers({
        'nodes.get': () => {
          throw new PinfleetError('not_found', 'No node named "x"');
        },
        'nodes.list': async () => {
          throw new TypeError('boom');
        },
      }),
      logger,
    );
    expect(await router.call('nodes.get', { name: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No node named "x"' } });
    const internal = await router.call('nodes.list', {});
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'nodes.list failed unexpectedly: boom' } });
    expect(logger.error).toHaveBeenCalledOnce();
  });
});

describe('nodes.update through the router', () => {
  it('passes only the fields named, never defaults for the rest', async () => {
    const update = vi.fn((input) => input);
    const router = createRouter(fakeHandlers({ 'nodes.update': update }));
    expect((await router.call('nodes.update', { name: 'n1', changes: { notes: 'line one\nline two' } })).ok).toBe(true);
    expect(update.mock.calls[0]![0]).toEqual({ name: 'n1', changes: { notes: 'line one\nline two' } });
    const nothing = await router.call('nodes.update', { name: 'n1', changes: {} });
    expect(nothing).toEqual({ ok: false, error: { code: 'invalid_input', message: 'changes: names no field to change' } });
    const bell = await router.call('nodes.update', { name: 'n1', changes: { notes: 'ding\u0007' } });
    expect(bell.ok).toBe(false);
  });
});
