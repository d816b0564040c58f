import { describe, expect, it } from 'vitest';
import { timeGrain } from '../../../src-renderer/shared/capacity/chart-format';
import { describeForecast } from '../../../src-renderer/shared/capacity/forecast-wording';

const now = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GiB = 1024 ** 3;

describe('forecast wording', () => {
  it.each([
    [{ kind: 'full-at', at: now + 12 * DAY, bytesPerDay: 1.2 * GiB }, 'Full in ~12 days at 1.20 GiB/day'],
    [{ kind: 'full-at', at: now + 12.4 * DAY, bytesPerDay: 1.2 * GiB }, 'Full in ~12 days at 1.20 GiB/day'],
    [{ kind: 'full-at', at: now + 5 * HOUR, bytesPerDay: 300 * 1024 ** 2 }, 'Full in ~5 hours at 300 MiB/day'],
    [{ kind: 'full-at', at: now + HOUR, bytesPerDay: GiB }, 'Full in less than two hours at 1.00 GiB/day'],
    [{ kind: 'full-at', at: now + 3 * 365 * DAY, bytesPerDay: 1024 }, 'Full in ~3 years at 1.00 KiB/day'],
    [{ kind: 'full-at', at: now - HOUR, bytesPerDay: GiB }, 'Full now, growing 1.00 GiB/day'],
    [{ kind: 'not-filling', bytesPerDay: 0 }, 'Not filling'],
    [{ kind: 'not-filling', bytesPerDay: -2 * GiB }, 'Not filling: shrinking 2.00 GiB/day'],
    [{ kind: 'unknown', reason: 'needs at least an hour of history' }, 'Not enough history for a forecast (needs at least an hour of history)'],
  ] as const)('%j → %s', (forecast, text) => {
    expect(describeForecast(forecast, now)).toBe(text);
  });
});

describe('time axis precision', () => {
  it.each([
    [20_000, 'second'],
    [9 * 60_000, 'second'],
    [HOUR, 'minute'],
    [47 * HOUR, 'minute'],
    [7 * DAY, 'day'],
  ] as const)('samples %d ms apart → %s', (span, grain) => {
    expect(timeGrain(span)).toBe(grain);
  });
});
