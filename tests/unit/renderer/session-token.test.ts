// The page of a `serve --open` link trades its nonce for the token once, and takes the nonce out
// of the address bar whether or not the trade succeeds. A stand-in window: no browser needed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptTokenFromUrl, TOKEN_STORAGE_KEY } from '../../../src-renderer/app/transport/session-token';

function fakeWindow(hash: string) {
  const stored = new Map<string, string>();
  const replaceState = vi.fn();
  const win = {
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState },
    sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
  };
  vi.stubGlobal('window', win);
  return { stored, replaceState };
}

afterEach(() => vi.unstubAllGlobals());

describe('adoptTokenFromUrl', () => {
  it('trades a nonce for the token and clears it from the address bar', async () => {
    const { stored, replaceState } = fakeWindow('#nonce=n1&/uploads');
    const exchange = vi.fn(async (nonce: string) => (nonce === 'n1' ? 'the-token' : null));
    expect(await adoptTokenFromUrl(exchange)).toBe('the-token');
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(stored.get(TOKEN_STORAGE_KEY)).toBe('the-token');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#/uploads');
  });

  it('keeps no token when the nonce is refused (used or expired), and still clears it', async () => {
    const { stored, replaceState } = fakeWindow('#nonce=spent');
    expect(await adoptTokenFromUrl(async () => null)).toBeNull();
    expect(stored.has(TOKEN_STORAGE_KEY)).toBe(false);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('takes a token in the fragment as before, without any exchange', async () => {
    const { stored } = fakeWindow('#token=t1');
    const exchange = vi.fn(async () => 'other');
    expect(await adoptTokenFromUrl(exchange)).toBe('t1');
    expect(exchange).not.toHaveBeenCalled();
    expect(stored.get(TOKEN_STORAGE_KEY)).toBe('t1');
  });
});
