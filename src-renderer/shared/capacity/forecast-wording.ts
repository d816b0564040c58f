// A capacity forecast in words: "Full in ~12 days at 1.20 GiB/day", "Not filling", or why
// there is no forecast yet. Pure; `nowMs` is passed in so the wording is tested without a clock.
import type { CapacityForecast } from '../../../src-preload/contract/health-types';
import { formatBytes } from '../lib/format-bytes';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

function perDay(bytes: number): string {
  return `${formatBytes(bytes)}/day`;
}

function timeUntil(ms: number): string {
  if (ms >= 730 * DAY) return `~${Math.round(ms / (365 * DAY))} years`;
  if (ms >= 2 * DAY) return `~${Math.round(ms / DAY)} days`;
  if (ms >= 2 * HOUR) return `~${Math.round(ms / HOUR)} hours`;
  return 'less than two hours';
}

export function describeForecast(forecast: CapacityForecast, nowMs: number): string {
  switch (forecast.kind) {
    case 'full-at': {
      const left = forecast.at - nowMs;
      if (left <= 0) return `Full now, growing ${perDay(forecast.bytesPerDay)}`;
      return `Full in ${timeUntil(left)} at ${perDay(forecast.bytesPerDay)}`;
    }
    case 'not-filling':
      return forecast.bytesPerDay < 0 ? `Not filling: shrinking ${perDay(-forecast.bytesPerDay)}` : 'Not filling';
    case 'unknown':
      return `Not enough history for a forecast (${forecast.reason})`;
  }
}
