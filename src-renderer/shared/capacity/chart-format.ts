// Axis and tooltip wording for capacity graphs. Pure.
import type { SeriesRange } from '../../../src-preload/contract/health-types';

/** Ticks show the clock for short ranges and the date for long ones. */
export function formatChartTime(at: number, range: SeriesRange): string {
  const date = new Date(at);
  if (range === '1h' || range === '24h') {
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function formatTooltipTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const RANGE_LABEL: Record<SeriesRange, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };
export const RANGES: readonly SeriesRange[] = ['1h', '24h', '7d', '30d'];
