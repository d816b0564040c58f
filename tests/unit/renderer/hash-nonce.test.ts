import { describe, expect, it } from 'vitest';
import { extractFromHash } from '../../../src-renderer/app/transport/hash-token';

describe('extractFromHash', () => {
  it.each([
    ['#nonce=abc', 'nonce', { value: 'abc', rest: '' }],
    ['#/inventory&nonce=abc', 'nonce', { value: 'abc', rest: '#/inventory' }],
    ['#token=t&nonce=n', 'nonce', { value: 'n', rest: '#token=t' }],
    ['#nonce=', 'nonce', { value: null, rest: '' }],
    ['#noncex=abc', 'nonce', { value: null, rest: '#noncex=abc' }],
  ])('%j, %s → %j', (hash, key, expected) => {
    expect(extractFromHash(hash, key)).toEqual(expected);
  });
});
