import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, formatRate } from '../../../src-renderer/shared/lib/format-bytes';
import { formatAge, formatRelativeTime } from '../../../src-renderer/shared/lib/relative-time';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024 ** 2, '10.0 MiB'],
    [256 * 1024 ** 2, '256 MiB'],
    [1024 ** 3 - 1, '1.00 GiB'],
    [1.2 * 1024 ** 3, '1.20 GiB'],
    [-3 * 1024, '-3.00 KiB'],
    [Number.NaN, '—'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('formats rates per second', () => {
    expect(formatRate(2048)).toBe('2.00 KiB/s');
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0 %'],
    [0.004, '<1 %'],
    [0.5, '50 %'],
    [0.994, '>99 %'],
    [1, '100 %'],
    [1.3, '100 %'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%d → %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });
});

describe('relative time', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it.each([
    ['2026-03-01T12:00:00Z', 'just now'],
    ['2026-03-01T12:00:05Z', 'just now'], // the server's clock a little ahead
    ['2026-03-01T11:59:51Z', 'just now'],
    ['2026-03-01T11:59:30Z', '30 s ago'],
    ['2026-03-01T11:57:00Z', '3 min ago'],
    ['2026-03-01T09:00:00Z', '3 h ago'],
    ['2026-02-28T11:00:00Z', '1 day ago'],
    ['2026-02-19T12:00:00Z', '10 days ago'],
    ['not a date', 'not a date'],
  ])('%s → %s', (iso, text) => {
    expect(formatRelativeTime(iso, now)).toBe(text);
  });

  it('formats a bare age', () => {
    expect(formatAge(59_999)).toBe('59 s ago');
    expect(formatAge(60_000)).toBe('1 min ago');
  });
});
