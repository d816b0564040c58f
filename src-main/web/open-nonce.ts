// `pinfleet serve --open` must start a browser on a URL, and a launched command line is readable
// by every local user through `ps`. So the launched URL carries a nonce, not the session token: the
// page trades it once, within a short time, for the token (POST /session). A nonce someone else
// saw in `ps` is worthless once the browser has used it or it has expired; and if another process
// wins the race, the browser's own exchange is refused, so the admin sees it rather than not.
import { randomBytes } from 'node:crypto';
import { tokenMatches } from './access-policy.js';

/** Long enough for a cold browser start, short enough that a stale link is dead. */
export const OPEN_NONCE_TTL_MS = 120_000;

export interface OpenNonces {
  /** A fresh single-use nonce. */
  issue(): string;
  /** True once for a nonce issued and not expired; false for any other string, ever after. */
  redeem(presented: unknown): boolean;
}

export function createOpenNonces(options: { ttlMs?: number; now?: () => number } = {}): OpenNonces {
  const ttl = options.ttlMs ?? OPEN_NONCE_TTL_MS;
  const now = options.now ?? Date.now;
  const live = new Map<string, number>();

  const forgetExpired = () => {
    for (const [nonce, expires] of live) if (expires <= now()) live.delete(nonce);
  };

  return {
    issue() {
      forgetExpired();
      const nonce = randomBytes(24).toString('base64url');
      live.set(nonce, now() + ttl);
      return nonce;
    },
    redeem(presented) {
      forgetExpired();
      if (typeof presented !== 'string') return false;
      // Constant-time comparison against each live nonce (there is one, rarely two).
      for (const nonce of live.keys()) {
        if (tokenMatches(presented, nonce)) {
          live.delete(nonce);
          return true;
        }
      }
      return false;
    },
  };
}
