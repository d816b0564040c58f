import type { FleetHealth } from '../../../../src-preload/contract/health-types';
import { HEALTH_STATES, HEALTH_STATE_LABEL } from '../../../shared/capacity/health-state';
import { formatBytes } from '../../../shared/lib/format-bytes';
import { formatRelativeTime } from '../../../shared/lib/relative-time';

/**
 * When any node was last checked. Not the poller's last cycle: a cycle that ran before these nodes
 * were added checked none of them, and "last checked just now" would then be untrue.
 */
function latestCheck(fleet: FleetHealth): string | null {
  return fleet.nodes
    .map((n) => n.checkedAt)
    .filter((at): at is string => at !== null)
    .reduce<string | null>((latest, at) => (latest === null || Date.parse(at) > Date.parse(latest) ? at : latest), null);
}

/** The fleet in four numbers and a count of nodes per state (only the states that occur). */
export function FleetTotals({ fleet, now }: { fleet: FleetHealth; now: number }) {
  const { totals, byState } = fleet;
  const states = HEALTH_STATES.filter((state) => (byState[state] ?? 0) > 0);
  const lastChecked = latestCheck(fleet);
  return (
    <section className="stats" aria-label="Fleet totals">
      <div className="stat">
        <span className="stat__value" data-total="capacity">{formatBytes(totals.usableTotal)}</span>
        <span className="stat__label">usable capacity</span>
      </div>
      <div className="stat">
        <span className="stat__value" data-total="used">{formatBytes(totals.used)}</span>
        <span className="stat__label">used</span>
      </div>
      <div className="stat">
        <span className="stat__value" data-total="usable-free">{formatBytes(totals.usableFree)}</span>
        <span className="stat__label">usable free</span>
      </div>
      <div className="stat stat--wide">
        <span className="stat__label">Nodes by state</span>
        <ul className="region-list" aria-label="Nodes by state">
          {states.length === 0 ? <li className="muted">no nodes</li> : null}
          {states.map((state) => (
            <li key={state} data-state-count={state}>
              {HEALTH_STATE_LABEL[state]} <span className="region-list__count">{byState[state]}</span>
            </li>
          ))}
        </ul>
        <span className="stat__label">
          {lastChecked ? `Last checked ${formatRelativeTime(lastChecked, now)}` : 'Not polled yet'}
          {` · every ${Math.round(fleet.pollIntervalMs / 1000)} s`}
        </span>
      </div>
    </section>
  );
}
