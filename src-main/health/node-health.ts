// Decides a node's health state from one poll. Pure: the poller gathers, this judges.
import type { CapacityBreakdown } from './capacity.js';

export type HealthState = 'online' | 'degraded' | 'full' | 'unreachable' | 'draining';

export interface PollOutcome {
  /** null when nothing answered; the error says why, in words for the admin. */
  capacity: CapacityBreakdown | null;
  error: string | null;
  /** Parts of the poll that failed while others answered (e.g. "peers", "container"). */
  failedParts: string[];
  /** How long the slowest answered part took, ms. */
  latencyMs: number;
}

export interface HealthThresholds {
  /** Below this many usable free bytes a node takes no new uploads. */
  fullBelowBytes: number;
  /** Answers slower than this make a node degraded. */
  slowAfterMs: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  fullBelowBytes: 256 * 1024 ** 2,
  slowAfterMs: 5_000,
};

export interface HealthVerdict {
  state: HealthState;
  reason: string;
}

export function judgeHealth(
  outcome: PollOutcome,
  adminState: 'active' | 'draining',
  thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): HealthVerdict {
  if (outcome.capacity === null) {
    return { state: 'unreachable', reason: outcome.error ?? 'no answer' };
  }
  if (adminState === 'draining') return { state: 'draining', reason: 'drained by an admin: takes no new uploads' };
  if (outcome.capacity.usableFree < thresholds.fullBelowBytes) {
    const limit = outcome.capacity.limitedBy === 'disk' ? 'the disk reserve' : 'StorageMax × GC watermark';
    return { state: 'full', reason: `usable free space is below the threshold (limited by ${limit})` };
  }
  if (outcome.failedParts.length > 0) {
    return { state: 'degraded', reason: `no answer for: ${outcome.failedParts.join(', ')}` };
  }
  if (outcome.latencyMs > thresholds.slowAfterMs) {
    return { state: 'degraded', reason: `slow: answered in ${(outcome.latencyMs / 1000).toFixed(1)} s` };
  }
  return { state: 'online', reason: 'answering normally' };
}

/** Fill levels that raise an alert when crossed upwards, once per crossing. */
export const FILL_ALERT_LEVELS = [0.8, 0.95] as const;

/** The alert levels crossed between two readings, going up. */
export function crossedFillLevels(previousRatio: number | null, currentRatio: number): number[] {
  return FILL_ALERT_LEVELS.filter((level) => currentRatio >= level && (previousRatio === null || previousRatio < level));
}
