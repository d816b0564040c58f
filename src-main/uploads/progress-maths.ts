// Progress as an admin reads it: bytes, a smoothed rate and the time left. Pure: the caller hands
// in the clock readings, so the maths is table-tested without waiting.

export interface RateSample {
  atMs: number;
  bytes: number;
}

export interface RateEstimate {
  rateBytesPerSec: number;
  /** null while the rate is unknown (no bytes moved yet, or no time passed). */
  etaSec: number | null;
}

/** Keeps the samples of the last `windowMs`, plus the one just before it, so a rate spans the window. */
export function trimSamples(samples: readonly RateSample[], nowMs: number, windowMs: number): RateSample[] {
  const firstInside = samples.findIndex((s) => s.atMs >= nowMs - windowMs);
  if (firstInside === -1) return samples.slice(-1);
  return samples.slice(Math.max(0, firstInside - 1));
}

/** Rate over the samples (oldest to newest) and the ETA for what is left of `total`. */
export function estimateRate(samples: readonly RateSample[], total: number): RateEstimate {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.atMs <= first.atMs) return { rateBytesPerSec: 0, etaSec: null };
  const rate = Math.max(0, (last.bytes - first.bytes) / ((last.atMs - first.atMs) / 1000));
  const left = Math.max(0, total - last.bytes);
  if (left === 0) return { rateBytesPerSec: rate, etaSec: 0 };
  return { rateBytesPerSec: rate, etaSec: rate > 0 ? Math.ceil(left / rate) : null };
}

/** Tracks one transfer's bytes and answers the rate and ETA over a sliding window. */
export class RateMeter {
  private samples: RateSample[] = [];

  constructor(
    private readonly total: number,
    private readonly windowMs = 5000,
  ) {}

  add(bytesDone: number, nowMs: number): RateEstimate {
    this.samples.push({ atMs: nowMs, bytes: bytesDone });
    this.samples = trimSamples(this.samples, nowMs, this.windowMs);
    return estimateRate(this.samples, this.total);
  }
}
