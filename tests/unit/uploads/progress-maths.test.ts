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

describe('pin progress in bytes', () => {
  it('turns kubo\'s fetched blocks into bytes by the DAG\'s block count, never past the size', async () => {
    const { pinnedBytes, pinProgress } = await import('../../../src-main/uploads/upload-run.js');
    expect(pinnedBytes(1000, 4, 0)).toBe(0);
    expect(pinnedBytes(1000, 4, 1)).toBe(250);
    expect(pinnedBytes(1000, 4, 9)).toBe(1000);
    expect(pinnedBytes(1000, 0, 3)).toBe(1000);
    const events: { bytesDone: number; status: string; node: string | null }[] = [];
    let now = 0;
    const report = pinProgress(7, 1000, 4, 'node2', 'bafyX', { progress: (p) => events.push(p), nowMs: () => now });
    report(0, true);
    now = 100;
    report(1); // within 250 ms of the last event: not sent
    now = 400;
    report(2);
    now = 700;
    report(3, false, 1040); // kubo's own byte count wins, capped at the size
    expect(events.map((e) => [e.status, e.bytesDone, e.node])).toEqual([['pinning', 0, 'node2'], ['pinning', 500, 'node2'], ['pinning', 1000, 'node2']]);
  });
});
