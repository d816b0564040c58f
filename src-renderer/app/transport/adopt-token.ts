// Where the tab's token comes from: `#token=…` as printed by `pinfleet serve`, or `#nonce=…` from a
// `serve --open` link (a launched command line is visible in `ps`), traded once for the token
// (POST /session); a used or expired nonce is refused. The page is handed in, so this is tested
// without a browser.
import { extractFromHash } from './hash-token';

export const TOKEN_STORAGE_KEY = 'pinfleet.token';

export type NonceExchange = (nonce: string) => Promise<string | null>;

export interface TokenPage {
  hash: string;
  /** Puts the fragment back without the token or nonce, so neither stays on screen or in history. */
  replaceHash(rest: string): void;
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

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

export async function adoptToken(page: TokenPage, exchange: NonceExchange = exchangeNonce): Promise<string | null> {
  const token = extractFromHash(page.hash, 'token');
  if (token.value) {
    page.storage.setItem(TOKEN_STORAGE_KEY, token.value);
    page.replaceHash(token.rest);
  } else {
    const nonce = extractFromHash(page.hash, 'nonce');
    if (nonce.value) {
      // Out of the address bar first: a nonce is spent whether or not the exchange succeeds.
      page.replaceHash(nonce.rest);
      const traded = await exchange(nonce.value);
      if (traded) page.storage.setItem(TOKEN_STORAGE_KEY, traded);
    }
  }
  return page.storage.getItem(TOKEN_STORAGE_KEY);
}
