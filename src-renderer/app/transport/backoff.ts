// How long to wait before reconnection attempt n (0-based): doubling from half a second up to
// ten seconds, with jitter so several tabs do not knock in step after a restart.
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
