import { describe, expect, it } from 'vitest';
import { mapWithConcurrency, withDeadline } from '../../../src-main/health/concurrency.js';

/** A promise the test resolves by hand, to control the order things finish in. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and starts the next as one ends', async () => {
    const gates = Array.from({ length: 5 }, () => gate());
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const done = mapWithConcurrency([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      running += 1;
      peak = Math.max(peak, running);
      await gates[i]!.promise;
      running -= 1;
      return i * 10;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    const results = await done;
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual([0, 10, 20, 30, 40]);
  });

  it('settles every task, keeping failures in their place', async () => {
    const results = await mapWithConcurrency(['a', 'b', 'c'], 8, async (x) => {
      if (x === 'b') throw new Error('b broke');
      return x;
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('refuses a limit below one', async () => {
    await expect(mapWithConcurrency([1], 0, async (x) => x)).rejects.toThrow(RangeError);
  });
});

describe('withDeadline', () => {
  it('answers with the work when it finishes first', async () => {
    await expect(withDeadline(1000, 'x', async () => 42)).resolves.toBe(42);
  });

  it('rejects with a timeout naming what did not answer, and aborts the work', async () => {
    let aborted = false;
    const never = (signal: AbortSignal) =>
      new Promise<never>(() => signal.addEventListener('abort', () => (aborted = true)));
    await expect(withDeadline(20, "kubo's repo/stat", never)).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining("kubo's repo/stat did not answer"),
    });
    expect(aborted).toBe(true);
  });
});
