import type { HealthState } from '../../../src-preload/contract/health-types';
import { HEALTH_STATE_LABEL } from './health-state';
import './capacity.css';

/** A node's health state in words, with a marker whose shape differs per state as well as its colour. */
export function HealthBadge({ state }: { state: HealthState }) {
  return (
    <span className={`health health--${state}`} data-health-state={state}>
      {HEALTH_STATE_LABEL[state]}
    </span>
  );
}
