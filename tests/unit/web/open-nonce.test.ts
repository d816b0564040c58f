// The `serve --open` nonce: good once, within its lifetime, for nothing else.
import { describe, expect, it } from 'vitest';
import { createOpenNonces } from '../../../src-main/web/open-nonce.js';

describe('open nonces', () => {
  it('are redeemed once and refused the second time', () => {
    const nonces = createOpenNonces();
    const nonce = nonces.issue();
    expect(nonces.redeem(nonce)).toBe(true);
    expect(nonces.redeem(nonce)).toBe(false);
  });

  it('are refused once expired', () => {
    let now = 1_000;
    const nonces = createOpenNonces({ ttlMs: 100, now: () => now });
    const nonce = nonces.issue();
    now += 100;
    expect(nonces.redeem(nonce)).toBe(false);
  });

  it('refuse anything that was not issued, and each nonce is its own', () => {
    const nonces = createOpenNonces();
    const first = nonces.issue();
    const second = nonces.issue();
    expect(first).not.toBe(second);
    for (const wrong of [undefined, null, 42, {}, [first], '', `${first}x`, first.slice(1)]) expect(nonces.redeem(wrong)).toBe(false);
    expect(nonces.redeem(second)).toBe(true);
    expect(nonces.redeem(first)).toBe(true);
  });
});
