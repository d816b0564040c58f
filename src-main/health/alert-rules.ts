// When a poll raises an alert: a node crossing 80 % or 95 % full, going unreachable, or coming
// back. Once per crossing: the previous status (kept in SQLite, so across restarts too) is the
// memory, and a node that stays full or stays down raises nothing more.
import type { AlertKind, HealthState } from '../../src-preload/contract/health-types.js';
import { crossedFillLevels } from './node-health.js';

export interface AlertSnapshot {
  state: HealthState;
  /** null when nothing is known about the node's fill level. */
  fillRatio: number | null;
}

export interface AlertDecision {
  kind: AlertKind;
  message: string;
}

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10} %`;

export function decideAlerts(
  name: string,
  previous: AlertSnapshot | null,
  current: AlertSnapshot & { reason: string },
): AlertDecision[] {
  const wasDown = previous?.state === 'unreachable';
  if (current.state === 'unreachable') {
    return wasDown ? [] : [{ kind: 'unreachable', message: `${name} is unreachable: ${current.reason}` }];
  }
  const alerts: AlertDecision[] = [];
  if (wasDown) alerts.push({ kind: 'recovered', message: `${name} answers again (${current.state})` });
  if (current.fillRatio !== null) {
    // Jumping from 70 % to 97 % is one event: report the highest level crossed.
    const top = crossedFillLevels(previous?.fillRatio ?? null, current.fillRatio).at(-1);
    if (top !== undefined) {
      alerts.push({
        kind: top >= 0.95 ? 'fill-95' : 'fill-80',
        message: `${name} is ${percent(current.fillRatio)} full (crossed ${percent(top)})`,
      });
    }
  }
  return alerts;
}
