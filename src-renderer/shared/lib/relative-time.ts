// "3 min ago": how long ago something happened, from two clocks the caller passes in, so the
// wording is pure and tested without waiting. A time in the future (the server's clock runs a
// little ahead) reads as "just now" rather than as a negative age.
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatAge(ageMs: number): string {
  if (!Number.isFinite(ageMs) || ageMs < 10 * SECOND) return 'just now';
  if (ageMs < MINUTE) return `${Math.floor(ageMs / SECOND)} s ago`;
  if (ageMs < HOUR) return `${Math.floor(ageMs / MINUTE)} min ago`;
  if (ageMs < DAY) return `${Math.floor(ageMs / HOUR)} h ago`;
  const days = Math.floor(ageMs / DAY);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** An ISO-8601 time as an age relative to `nowMs`; the raw text if it does not parse. */
export function formatRelativeTime(iso: string, nowMs: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return formatAge(nowMs - at);
}
