// Tabs for a graph's time range. Arrow keys move between tabs (roving tabindex), as the ARIA
// tabs pattern expects; the chosen range lives in the caller's UI store.
import { useRef, type KeyboardEvent } from 'react';
import type { SeriesRange } from '../../../src-preload/contract/health-types';
import { RANGES, RANGE_LABEL } from './chart-format';
import './capacity.css';

interface RangeTabsProps {
  value: SeriesRange;
  onChange(range: SeriesRange): void;
  /** id of the panel the tabs control. */
  panelId: string;
  label: string;
}

export function RangeTabs({ value, onChange, panelId, label }: RangeTabsProps) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    let next = step === 0 ? -1 : (index + step + RANGES.length) % RANGES.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = RANGES.length - 1;
    if (next < 0) return;
    event.preventDefault();
    onChange(RANGES[next]!);
    refs.current[next]?.focus();
  }

  return (
    <div className="range-tabs" role="tablist" aria-label={label}>
      {RANGES.map((range, index) => (
        <button
          key={range}
          ref={(element) => {
            refs.current[index] = element;
          }}
          type="button"
          role="tab"
          className="range-tabs__tab"
          aria-selected={range === value}
          aria-controls={panelId}
          tabIndex={range === value ? 0 : -1}
          onClick={() => onChange(range)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {RANGE_LABEL[range]}
        </button>
      ))}
    </div>
  );
}
