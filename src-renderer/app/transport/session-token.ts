// Moves the token from the address bar into sessionStorage (this tab only, gone when it closes)
// so it is neither left on screen nor kept in the history.
import { extractTokenFromHash } from './hash-token';

export const TOKEN_STORAGE_KEY = 'pinfleet.token';

export function adoptTokenFromUrl(): string | null {
  const { token, rest } = extractTokenFromHash(window.location.hash);
  if (token) {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${rest}`);
  }
  return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}
