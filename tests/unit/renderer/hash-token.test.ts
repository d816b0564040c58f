import { describe, expect, it } from 'vitest';
import { extractTokenFromHash } from '../../../src-renderer/app/transport/hash-token';
import { backoffDelay } from '../../../src-renderer/app/transport/backoff';

describe('extractTokenFromHash', () => {
  it.each([
    ['', { token: null, rest: '' }],
    ['#', { token: null, rest: '' }],
    ['#token=abc_DEF-123', { token: 'abc_DEF-123', rest: '' }],
    ['token=abc', { token: 'abc', rest: '' }],
    ['#token=a%2Bb%3D', { token: 'a+b=', rest: '' }],
    ['#token=abc&/inventory', { token: 'abc', rest: '#/inventory' }],
    ['#/inventory&token=abc', { token: 'abc', rest: '#/inventory' }],
    ['#/inventory', { token: null, rest: '#/inventory' }],
    ['#token=', { token: null, rest: '' }],
    ['#token=a=b', { token: 'a=b', rest: '' }],
    ['#token=%E0%A4%A', { token: '%E0%A4%A', rest: '' }],
  ])('%j → %j', (hash, expected) => {
    expect(extractTokenFromHash(hash)).toEqual(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles from half a second and stops at ten', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, middle))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  it('jitters by at most a fifth either way', () => {
    expect(backoffDelay(2, () => 0)).toBe(1600);
    expect(backoffDelay(2, () => 1)).toBe(2400);
  });
});
