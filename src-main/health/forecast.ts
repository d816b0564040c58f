// When will a node be full? A least-squares line through recent usage, read where it meets the
// usable ceiling. Honest about uncertainty: no forecast from too little data or a shrinking trend.
import type { Sample } from './downsample.js';

export type Forecast =
  | { kind: 'full-at'; at: number; bytesPerDay: number }
  | { kind: 'not-filling'; bytesPerDay: number }
  | { kind: 'unknown'; reason: string };

const DAY = 24 * 60 * 60_000;

export function forecastFull(samples: readonly Sample[], minSamples = 3, minSpanMs = 60 * 60_000): Forecast {
  if (samples.length < minSamples) return { kind: 'unknown', reason: `needs at least ${minSamples} samples` };
  const first = samples[0]!.at;
  const last = samples[samples.length - 1]!;
  if (last.at - first < minSpanMs) return { kind: 'unknown', reason: 'needs at least an hour of history' };
  const n = samples.length;
  const xs = samples.map((s) => s.at - first);
  const ys = samples.map((s) => s.used);
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY);
    sxx += (xs[i]! - meanX) ** 2;
  }
  const slopePerMs = sxx === 0 ? 0 : sxy / sxx;
  const bytesPerDay = slopePerMs * DAY;
  if (slopePerMs <= 0) return { kind: 'not-filling', bytesPerDay };
  // Project from the latest reading: free space left divided by the rate of growth.
  return { kind: 'full-at', at: Math.round(last.at + last.usableFree / slopePerMs), bytesPerDay };
}
