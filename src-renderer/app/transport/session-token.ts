// Moves the token from the address bar into sessionStorage (this tab only, gone when it closes)
// so it is neither left on screen nor kept in the history. A `serve --open` link carries a nonce
// instead, traded once for the token (POST /session); a used or expired one is refused.
import { extractFromHash } from './hash-token';

export const TOKEN_STORAGE_KEY = 'pinfleet.token';

export type NonceExchange = (nonce: string) => Promise<string | null>;

/** Trades a nonce for the token; null when the server refuses it (used, expired) or cannot be reached. */
export const exchangeNonce: NonceExchange = async (nonce) => {
  try {
    const response = await fetch('/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nonce }),
    });
    const body = (await response.json()) as { ok?: boolean; data?: { token?: unknown } };
    return body.ok === true && typeof body.data?.token === 'string' ? body.data.token : null;
  } catch {
    return null;
  }
};

function replaceHash(rest: string): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${rest}`);
}

export async function adoptTokenFromUrl(exchange: NonceExchange = exchangeNonce): Promise<string | null> {
  const token = extractFromHash(window.location.hash, 'token');
  if (token.value) {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token.value);
    replaceHash(token.rest);
  } else {
    const nonce = extractFromHash(window.location.hash, 'nonce');
    if (nonce.value) {
      // Out of the address bar first: a nonce is spent whether or not the exchange succeeds.
      replaceHash(nonce.rest);
      const traded = await exchange(nonce.value);
      if (traded) window.sessionStorage.setItem(TOKEN_STORAGE_KEY, traded);
    }
  }
  return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}
