// Which stored tiers a graph range reads and how wide its buckets are, so every series stays
// under ~1,000 points. Pure; series-query.ts turns the plan into SQL.
import type { SeriesRange } from '../../src-preload/contract/health-types.js';
import type { Resolution } from './downsample.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGE_MS: Record<SeriesRange, number> = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
export const MAX_POINTS = 1000;

export interface SeriesPlan {
  fromMs: number;
  /** Coarsest first; each tier covers the time its coarser neighbour has not rolled up yet. */
  tiers: Resolution[];
  bucketMs: number;
}

/**
 * 1 h reads raw samples; 24 h and 7 d read 5-minute averages; 30 d reads hourly ones. The finer
 * tiers fill in the recent stretch not rolled up yet. Buckets are at least two poll intervals
 * wide, so every node has a sample in each and the fleet-wide sum does not flicker.
 */
export function planSeries(range: SeriesRange, nowMs: number, pollMs: number): SeriesPlan {
  const rangeMs = RANGE_MS[range];
  const tiers: Resolution[] = range === '1h' ? ['raw'] : range === '30d' ? ['1h', '5m', 'raw'] : ['5m', 'raw'];
  const coarsest = { '1h': 10_000, '24h': 5 * MINUTE, '7d': 15 * MINUTE, '30d': HOUR }[range];
  const fit = Math.ceil(rangeMs / MAX_POINTS / 1000) * 1000;
  const bucketMs = Math.max(coarsest, fit, 2 * pollMs);
  // Start on a bucket boundary so the first point is a whole bucket, not a sliver.
  const fromMs = Math.floor((nowMs - rangeMs) / bucketMs) * bucketMs;
  return { fromMs, tiers, bucketMs };
}

/**
 * Each tier's time window: from the range start (or where the coarser tier's roll-up ends) to
 * where this tier is rolled up to. `rolledTo` maps a tier to the end of its roll-up (ISO), null
 * when it has never rolled. The last tier (raw) is open-ended.
 */
export function tierWindows(
  plan: SeriesPlan,
  rolledTo: (tier: Resolution) => string | null,
): { resolution: Resolution; from: string; to: string | null }[] {
  const windows: { resolution: Resolution; from: string; to: string | null }[] = [];
  let from = new Date(plan.fromMs).toISOString();
  plan.tiers.forEach((resolution, index) => {
    const last = index === plan.tiers.length - 1;
    const to = last ? null : rolledTo(resolution);
    if (!last && (to === null || to <= from)) return;
    windows.push({ resolution, from, to });
    if (to !== null) from = to;
  });
  return windows;
}
