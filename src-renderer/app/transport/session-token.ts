// Moves the token from the address bar into sessionStorage (this tab only, gone when it closes)
// so it is neither left on screen nor kept in the history; adopt-token.ts holds the logic.
import { adoptToken } from './adopt-token';

export { TOKEN_STORAGE_KEY } from './adopt-token';

export function adoptTokenFromUrl(): Promise<string | null> {
  return adoptToken({
    hash: window.location.hash,
    replaceHash: (rest) => {
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, '', `${pathname}${search}${rest}`);
    },
    storage: window.sessionStorage,
  });
}
