// The words for each health state. Colour is never the only signal: every badge and bar says
// its state in text too.
import type { HealthState } from '../../../src-preload/contract/health-types';

export const HEALTH_STATES: readonly HealthState[] = ['online', 'degraded', 'full', 'unreachable', 'draining', 'unknown'];

export const HEALTH_STATE_LABEL: Record<HealthState, string> = {
  online: 'Online',
  degraded: 'Degraded',
  full: 'Full',
  unreachable: 'Unreachable',
  draining: 'Draining',
  unknown: 'Unknown',
};

/** What the admin should look at first, worst first: the order "sort by state" uses. */
export const HEALTH_STATE_SEVERITY: Record<HealthState, number> = {
  unreachable: 0,
  full: 1,
  degraded: 2,
  draining: 3,
  unknown: 4,
  online: 5,
};
