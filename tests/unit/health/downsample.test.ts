import { describe, expect, it } from 'vitest';
import { bucketForRange, downsample, resolutionForAge } from '../../../src-main/health/downsample.js';
import { forecastFull } from '../../../src-main/health/forecast.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('downsample', () => {
  it('averages each bucket and stamps it with the bucket start', () => {
    const samples = [
      { at: 0, used: 10, usableFree: 100 },
      { at: 2 * MIN, used: 20, usableFree: 90 },
      { at: 5 * MIN, used: 30, usableFree: 80 },
    ];
    expect(downsample(samples, 5 * MIN)).toEqual([
      { at: 0, used: 15, usableFree: 95 },
      { at: 5 * MIN, used: 30, usableFree: 80 },
    ]);
  });

  it('keeps a year of 30-second samples under ~1,000 points a graph', () => {
    const bucket = bucketForRange(365 * DAY, 30_000);
    expect(bucket).not.toBeNull();
    expect((365 * DAY) / bucket!).toBeLessThanOrEqual(1000);
    expect(bucketForRange(HOUR, 30_000)).toBeNull();
  });

  it('places samples by age', () => {
    expect(resolutionForAge(HOUR)).toBe('raw');
    expect(resolutionForAge(3 * DAY)).toBe('5m');
    expect(resolutionForAge(40 * DAY)).toBe('1h');
  });
});

describe('forecastFull', () => {
  it('projects a steady fill to when usable space runs out', () => {
    // 1 GiB a day, 10 GiB free at the last sample → full ten days after it.
    const perDay = 1024 ** 3;
    const samples = Array.from({ length: 5 }, (_, i) => ({ at: i * DAY, used: i * perDay, usableFree: (14 - i) * perDay }));
    const f = forecastFull(samples);
    expect(f.kind).toBe('full-at');
    if (f.kind === 'full-at') {
      expect(Math.round(f.bytesPerDay)).toBe(perDay);
      expect(f.at).toBe(4 * DAY + 10 * DAY);
    }
  });

  it('says so when a node is not filling or history is too short', () => {
    const flat = [0, 1, 2].map((i) => ({ at: i * DAY, used: 5, usableFree: 5 }));
    expect(forecastFull(flat).kind).toBe('not-filling');
    expect(forecastFull(flat.slice(0, 2)).kind).toBe('unknown');
    expect(forecastFull([0, 1, 2].map((i) => ({ at: i * MIN, used: i, usableFree: 5 }))).kind).toBe('unknown');
  });
});
