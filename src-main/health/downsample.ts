// Downsampling of capacity samples as they age, and the resolution a graph query should read,
// so a year of a 100-node fleet stays small and a graph never draws more than ~1,000 points.

export type Resolution = 'raw' | '5m' | '1h';

export const RESOLUTION_MS: Record<Exclude<Resolution, 'raw'>, number> = {
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
};

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** Raw samples are kept for 48 h, 5-minute averages for 30 days, hourly averages beyond. */
export const RETENTION = { rawFor: 48 * HOUR, fiveMinuteFor: 30 * DAY } as const;

export interface Sample {
  /** Milliseconds since the epoch. */
  at: number;
  used: number;
  usableFree: number;
}

/** Averages samples into buckets of `bucketMs`, each stamped with its bucket's start. */
export function downsample(samples: readonly Sample[], bucketMs: number): Sample[] {
  const buckets = new Map<number, { n: number; used: number; usableFree: number }>();
  for (const s of samples) {
    const start = Math.floor(s.at / bucketMs) * bucketMs;
    const b = buckets.get(start) ?? { n: 0, used: 0, usableFree: 0 };
    b.n += 1;
    b.used += s.used;
    b.usableFree += s.usableFree;
    buckets.set(start, b);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, b]) => ({ at, used: Math.round(b.used / b.n), usableFree: Math.round(b.usableFree / b.n) }));
}

/** Which stored resolution a sample of this age belongs in. */
export function resolutionForAge(ageMs: number): Resolution {
  if (ageMs <= RETENTION.rawFor) return 'raw';
  if (ageMs <= RETENTION.fiveMinuteFor) return '5m';
  return '1h';
}

/**
 * The bucket size a graph over `rangeMs` should use to stay within `maxPoints`, given that samples
 * arrive every `pollMs`: null means raw samples already fit.
 */
export function bucketForRange(rangeMs: number, pollMs: number, maxPoints = 1000): number | null {
  if (rangeMs / pollMs <= maxPoints) return null;
  const minute = 60_000;
  const needed = rangeMs / maxPoints;
  return Math.ceil(needed / minute) * minute;
}
