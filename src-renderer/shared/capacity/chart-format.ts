// Axis and tooltip wording for capacity graphs. Pure.
import type { SeriesRange } from '../../../src-preload/contract/health-types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * How precise the time axis must be for the span the samples cover: seconds when they are only
 * minutes apart (else every tick reads the same), the clock within two days, the date beyond.
 */
export type TimeGrain = 'second' | 'minute' | 'day';

export function timeGrain(spanMs: number): TimeGrain {
  if (spanMs < 10 * MINUTE) return 'second';
  if (spanMs < 2 * DAY) return 'minute';
  return 'day';
}

export function formatChartTime(at: number, grain: TimeGrain): string {
  const date = new Date(at);
  if (grain === 'second') return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (grain === 'minute') return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function formatTooltipTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const RANGE_LABEL: Record<SeriesRange, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };
export const RANGES: readonly SeriesRange[] = ['1h', '24h', '7d', '30d'];
