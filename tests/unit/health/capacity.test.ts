import { describe, expect, it } from 'vitest';
import { capacityOf, fleetTotals } from '../../../src-main/health/capacity.js';
import { crossedFillLevels, judgeHealth, type PollOutcome } from '../../../src-main/health/node-health.js';

const GiB = 1024 ** 3;
const policy = { gcWatermark: 0.9, diskReserve: 1 * GiB };

describe('capacityOf', () => {
  it.each([
    // repo, storageMax, diskFree → usableFree, limitedBy
    ['storage max binds', 10 * GiB, 100 * GiB, 500 * GiB, 80 * GiB, 'storage-max'],
    ['disk binds', 10 * GiB, 100 * GiB, 21 * GiB, 20 * GiB, 'disk'],
    ['past the watermark', 95 * GiB, 100 * GiB, 500 * GiB, 0, 'storage-max'],
    ['disk nearly full', 10 * GiB, 100 * GiB, 0.5 * GiB, 0, 'disk'],
  ])('%s', (_why, repoSize, storageMax, diskFree, usableFree, limitedBy) => {
    const c = capacityOf({ repoSize, storageMax, diskFree, diskTotal: 1000 * GiB }, policy);
    expect(c.usableFree).toBe(usableFree);
    expect(c.limitedBy).toBe(limitedBy);
    expect(c.used).toBe(repoSize);
    expect(c.usableTotal).toBe(repoSize + usableFree);
  });

  it('reports a node with no usable space as fill ratio 1', () => {
    expect(capacityOf({ repoSize: 0, storageMax: 0, diskFree: 0, diskTotal: 0 }, policy).fillRatio).toBe(1);
  });

  it('sums a fleet', () => {
    const a = capacityOf({ repoSize: GiB, storageMax: 10 * GiB, diskFree: 100 * GiB, diskTotal: 100 * GiB }, policy);
    expect(fleetTotals([a, a])).toEqual({ used: 2 * GiB, usableFree: 2 * a.usableFree, usableTotal: 2 * a.usableTotal });
  });
});

describe('judgeHealth', () => {
  const healthy = capacityOf({ repoSize: GiB, storageMax: 10 * GiB, diskFree: 100 * GiB, diskTotal: 100 * GiB }, policy);
  const outcome = (o: Partial<PollOutcome>): PollOutcome => ({ capacity: healthy, error: null, failedParts: [], latencyMs: 100, ...o });

  it.each([
    ['online', outcome({}), 'active'],
    ['unreachable', outcome({ capacity: null, error: 'connection refused' }), 'active'],
    ['unreachable', outcome({ capacity: null, error: 'timed out' }), 'draining'],
    ['draining', outcome({}), 'draining'],
    ['full', outcome({ capacity: { ...healthy, usableFree: 1024 } }), 'active'],
    ['degraded', outcome({ failedParts: ['peers'] }), 'active'],
    ['degraded', outcome({ latencyMs: 9_000 }), 'active'],
  ] as const)('%s', (state, o, admin) => {
    expect(judgeHealth(o, admin).state).toBe(state);
  });

  it('keeps the error of an unreachable node', () => {
    expect(judgeHealth(outcome({ capacity: null, error: 'ssh: connection refused' }), 'active').reason).toBe('ssh: connection refused');
  });
});

describe('crossedFillLevels', () => {
  it.each([
    [null, 0.5, []],
    [0.7, 0.85, [0.8]],
    [0.79, 0.96, [0.8, 0.95]],
    [0.85, 0.9, []],
    [0.96, 0.97, []],
    [0.9, 0.7, []],
  ])('%s → %s', (previous, current, crossed) => expect(crossedFillLevels(previous, current)).toEqual(crossed));
});
