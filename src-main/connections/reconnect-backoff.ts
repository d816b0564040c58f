// How long to wait before the next attempt to re-establish a dropped pooled connection: doubling
// from a base, capped, with "full jitter" (a random point in the window) so that a fleet whose
// network blipped does not reconnect every node in the same instant.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/**
 * Delay before attempt `attempt` (1 for the first retry). `random` returns [0, 1) like Math.random;
 * the delay is at least half the window so that retries never collapse to zero.
 */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy = RECONNECT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(Math.floor(attempt) - 1, 30));
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(window / 2 + (window / 2) * r);
}
