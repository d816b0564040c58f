// R2's quick size inside `npm test`: the kubo receiving an upload SIGKILLed mid-transfer; every item
// must still complete, with the right CID, pinned where it says. `npm run soak -- --only R2` runs 100.
import { describe, expect, inject, it } from 'vitest';
import { runR2 } from './r2-kubo-kill.js';

const fleet = inject('fleet');

describe('R2: the target kubo killed mid-upload', () => {
  it('completes every upload elsewhere or after the restart, pinned where it says', async () => {
    const result = await runR2(fleet, { quick: true, seed: 1202 });
    console.log(JSON.stringify(result));
    expect(result.problems).toEqual([]);
    expect(result.measured).toMatchObject({ iterations: 3, completed: 3, notDone: 0, wrongCid: 0, doneWithoutPins: 0, strayPins: 0 });
    // The kill must have cut a transfer at least once, or the run proved nothing.
    expect(result.measured.killedMidTransfer).toBeGreaterThan(0);
    expect(result.held).toBe(true);
  }, 900_000);
});
