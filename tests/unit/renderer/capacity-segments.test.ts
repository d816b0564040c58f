import { describe, expect, it } from 'vitest';
import { capacitySegments } from '../../../src-renderer/shared/capacity/capacity-segments';

const MiB = 1024 ** 2;
const percents = (used: number, usableFree: number, reserved: number) =>
  capacitySegments({ used, usableFree, reserved }).map((s) => s.percent);

describe('capacity bar segments', () => {
  it.each([
    // used, usable free, reserved → percentages of the bar
    [50, 30, 20, [50, 30, 20]],
    [1, 1, 1, [33.4, 33.3, 33.3]],
    [2, 1, 0, [66.7, 33.3, 0]],
    [0, 100, 0, [0, 100, 0]],
    [100, 0, 0, [100, 0, 0]],
    [1, 999_999, 0, [0, 100, 0]],
    [0, 0, 0, [0, 0, 0]],
  ])('%d / %d / %d → %j', (used, free, reserved, expected) => {
    expect(percents(used, free, reserved)).toEqual(expected);
  });

  it('always adds up to exactly 100 when anything is measured', () => {
    for (const [u, f, r] of [[7, 11, 13], [1, 2, 3], [256 * MiB, 3 * MiB, 17 * MiB], [1, 1, 1e12]]) {
      const total = percents(u!, f!, r!).reduce((a, b) => a + b, 0);
      expect(Math.round(total * 10)).toBe(1000);
    }
  });

  it('keeps bytes and labels, in bar order, and treats nonsense as nothing', () => {
    expect(capacitySegments({ used: 10 * MiB, usableFree: -5, reserved: Number.NaN })).toEqual([
      { kind: 'used', label: 'used', bytes: 10 * MiB, percent: 100 },
      { kind: 'free', label: 'usable free', bytes: 0, percent: 0 },
      { kind: 'reserved', label: 'reserved', bytes: 0, percent: 0 },
    ]);
  });
});
