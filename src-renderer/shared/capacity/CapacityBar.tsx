// One node's capacity as a bar of used / usable free / reserved, coloured by its health state,
// with the figures in text beside it. A node nothing has measured gets an empty, labelled bar:
// never a made-up zero.
import type { CapacityFigures, HealthState } from '../../../src-preload/contract/health-types';
import { formatBytes, formatPercent } from '../lib/format-bytes';
import { capacitySegments } from './capacity-segments';
import { HEALTH_STATE_LABEL } from './health-state';
import './capacity.css';

interface CapacityBarProps {
  name: string;
  state: HealthState;
  capacity: CapacityFigures | null;
}

export function CapacityBar({ name, state, capacity }: CapacityBarProps) {
  if (!capacity) {
    return (
      <div className="capacity">
        <div className="capacity__bar capacity__bar--empty" aria-hidden="true" />
        <p className="capacity__legend muted" data-testid="capacity-none">No capacity data yet</p>
      </div>
    );
  }
  const segments = capacitySegments({ used: capacity.repoSize, usableFree: capacity.usableFree, reserved: capacity.reserved });
  const fill = formatPercent(capacity.fillRatio);
  const text = segments.map((s) => `${formatBytes(s.bytes)} ${s.label}`).join(', ');
  return (
    <div className={`capacity capacity--${state}`}>
      <div
        className="capacity__bar"
        role="meter"
        aria-label={`Capacity of ${name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(1, Math.max(0, capacity.fillRatio)) * 100)}
        aria-valuetext={`${fill} full (${HEALTH_STATE_LABEL[state]}): ${text}`}
        data-used-bytes={capacity.repoSize}
        data-usable-free-bytes={capacity.usableFree}
        data-reserved-bytes={capacity.reserved}
      >
        {segments.map((segment) =>
          segment.bytes > 0 ? (
            <span
              key={segment.kind}
              className={`capacity__segment capacity__segment--${segment.kind}`}
              style={{ width: `${segment.percent}%` }}
            />
          ) : null,
        )}
      </div>
      <p className="capacity__legend">
        <span className="capacity__fill">{fill} full</span>
        {segments.map((segment) => (
          <span key={segment.kind} className="capacity__figure" data-figure={segment.kind}>
            <span className={`capacity__swatch capacity__swatch--${segment.kind}`} aria-hidden="true" />
            {formatBytes(segment.bytes)} {segment.label}
          </span>
        ))}
      </p>
    </div>
  );
}
