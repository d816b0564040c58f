// R1's quick size inside `npm test`: the console (the built CLI) SIGKILLed at seeded random moments
// during uploads in transfer, replica and Cluster mode, then restarted with `pinfleet serve`.
// Needs `npx electron-vite build` first (out/main/cli.js). `npm run soak -- --only R1` runs 200.
import { describe, expect, inject, it } from 'vitest';
import { runR1 } from './r1-console-kill.js';

const fleet = inject('fleet');

describe('R1: the console killed mid-upload, then restarted', () => {
  it('loses nothing acknowledged, marks nothing done without pins, leaves no stray pin', async () => {
    const result = await runR1(fleet, { quick: true, seed: 1201 });
    console.log(JSON.stringify(result));
    expect(result.problems).toEqual([]);
    expect(result.measured).toMatchObject({ iterations: 6, lost: 0, doneWithoutPins: 0, duplicatePins: 0, wrongCid: 0 });
    expect(result.measured.acknowledged).toBeGreaterThan(0);
    expect(result.held).toBe(true);
  }, 1_800_000);
});
