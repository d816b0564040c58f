import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../src-main/connections/reconnect-backoff.js';

const policy = { baseMs: 1_000, capMs: 60_000 };

describe('reconnectDelayMs', () => {
  it.each([
    // attempt, random, expected
    [1, 0, 500],
    [1, 0.999999, 1_000],
    [2, 0, 1_000],
    [3, 0.5, 3_000],
    [6, 1, 32_000],
    [7, 0, 30_000], // window capped at 60 s
    [7, 1, 60_000],
    [50, 1, 60_000],
    [0, 1, 1_000], // a nonsense attempt is treated as the first
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(reconnectDelayMs(attempt, policy, () => random)).toBe(expected);
  });

  it('never exceeds the cap and grows with the attempt', () => {
    let previousMin = 0;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const min = reconnectDelayMs(attempt, policy, () => 0);
      const max = reconnectDelayMs(attempt, policy, () => 1);
      expect(max).toBeLessThanOrEqual(policy.capMs);
      expect(min).toBeGreaterThanOrEqual(previousMin);
      previousMin = min;
    }
  });

  it('spreads retries of many nodes (jitter)', () => {
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelayMs(5)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
