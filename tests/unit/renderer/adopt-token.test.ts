// The page of a `serve --open` link trades its nonce for the token once, and takes the nonce out
// of the address bar whether or not the trade succeeds.
import { describe, expect, it, vi } from 'vitest';
import { adoptToken, TOKEN_STORAGE_KEY, type TokenPage } from '../../../src-renderer/app/transport/adopt-token';

function page(hash: string): TokenPage & { stored: Map<string, string>; shown: string[] } {
  const stored = new Map<string, string>();
  const shown: string[] = [];
  return {
    hash, stored, shown,
    replaceHash: (rest) => void shown.push(rest),
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
  };
}

describe('adoptToken', () => {
  it('trades a nonce for the token and clears it from the address bar', async () => {
    const tab = page('#nonce=n1&/uploads');
    const exchange = vi.fn(async (nonce: string) => (nonce === 'n1' ? 'the-token' : null));
    expect(await adoptToken(tab, exchange)).toBe('the-token');
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(tab.stored.get(TOKEN_STORAGE_KEY)).toBe('the-token');
    expect(tab.shown).toEqual(['#/uploads']);
  });

  it('keeps no token when the nonce is refused (used or expired), and still clears it', async () => {
    const tab = page('#nonce=spent');
    expect(await adoptToken(tab, async () => null)).toBeNull();
    expect(tab.stored.has(TOKEN_STORAGE_KEY)).toBe(false);
    expect(tab.shown).toEqual(['']);
  });

  it('takes a token in the fragment as before, without any exchange', async () => {
    const tab = page('#token=t1');
    const exchange = vi.fn(async () => 'other');
    expect(await adoptToken(tab, exchange)).toBe('t1');
    expect(exchange).not.toHaveBeenCalled();
    expect(tab.stored.get(TOKEN_STORAGE_KEY)).toBe('t1');
  });
});
