import { describe, expect, it } from 'vitest';
import { estimateRate, RateMeter, trimSamples } from '../../../src-main/uploads/progress-maths.js';

describe('estimateRate', () => {
  it.each([
    { name: 'no samples', samples: [], total: 100, rate: 0, eta: null },
    { name: 'one sample: no time passed', samples: [{ atMs: 0, bytes: 10 }], total: 100, rate: 0, eta: null },
    { name: '1 MiB/s with 3 MiB left', samples: [{ atMs: 0, bytes: 0 }, { atMs: 2000, bytes: 2 * 1048576 }], total: 5 * 1048576, rate: 1048576, eta: 3 },
    { name: 'stalled: unknown ETA', samples: [{ atMs: 0, bytes: 50 }, { atMs: 1000, bytes: 50 }], total: 100, rate: 0, eta: null },
    { name: 'finished: ETA 0', samples: [{ atMs: 0, bytes: 0 }, { atMs: 1000, bytes: 100 }], total: 100, rate: 100, eta: 0 },
    { name: 'ETA rounds up', samples: [{ atMs: 0, bytes: 0 }, { atMs: 1000, bytes: 30 }], total: 100, rate: 30, eta: 3 },
    { name: 'zero-byte total', samples: [{ atMs: 0, bytes: 0 }, { atMs: 5, bytes: 0 }], total: 0, rate: 0, eta: 0 },
  ])('$name', ({ samples, total, rate, eta }) => {
    expect(estimateRate(samples, total)).toEqual({ rateBytesPerSec: rate, etaSec: eta });
  });
});

describe('trimSamples', () => {
  it('keeps the window plus the sample just before it', () => {
    const samples = [0, 1000, 2000, 6000, 7000].map((atMs) => ({ atMs, bytes: atMs }));
    expect(trimSamples(samples, 7000, 5000).map((s) => s.atMs)).toEqual([1000, 2000, 6000, 7000]);
  });
  it('keeps the last sample when all are older than the window', () => {
    expect(trimSamples([{ atMs: 0, bytes: 1 }], 60_000, 5000)).toEqual([{ atMs: 0, bytes: 1 }]);
  });
});

describe('RateMeter', () => {
  it('measures the recent rate, not the average since the start', () => {
    const meter = new RateMeter(1000, 1500);
    meter.add(0, 0);
    meter.add(100, 10_000); // slow start: 10 B/s
    meter.add(400, 11_000); // now 300 B/s
    expect(meter.add(700, 12_000)).toEqual({ rateBytesPerSec: 300, etaSec: 1 });
  });
});
