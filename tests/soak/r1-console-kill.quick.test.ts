// R1's quick size inside `npm test`: the console (the built CLI) SIGKILLed at seeded random moments
// during uploads in transfer, replica and Cluster mode, then restarted with `pinfleet serve`.
// Needs `npx electron-vite build` first (out/main/cli.js). `npm run soak -- --only R1` runs 200.
// The second test makes R1's own checks fire on a real stray pin and a real missing pin, so a
// clean figure means the checks looked, not that they cannot see.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { storageServers } from '../fleet/fleet-description.js';
import { run } from '../fleet/shell.js';
import { confirmedPins, runR1, strayPins } from './r1-console-kill.js';
import { removePins } from './support/soak-fleet.js';

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

  it("counts a pin on a node the item does not record, and a recorded node that does not pin", async () => {
    const [first, second] = storageServers(fleet);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-r1-checks-')), 'stray.txt');
    fs.writeFileSync(file, `a pin no item records ${Date.now()}\n`);
    const cid = (await run(fleet.binaries.ipfs, ['--api', `/ip4/${second!.address}/tcp/5001`, 'add', '-Q', '--cid-version=1', file])).trim();
    try {
      const item = { name: 'stray.txt', status: 'done', replicas: [{ node: first!.name, status: 'pinned' }] };
      const notes: string[] = [];
      expect(await strayPins(fleet, [item], new Map([['stray.txt', cid]]), (n) => notes.push(n), 0)).toBe(1);
      expect(notes[0]).toContain(`pinned on ${second!.name}`);
      expect(await confirmedPins(fleet, cid, [first!.name])).toBe(false);
      expect(await confirmedPins(fleet, cid, [second!.name])).toBe(true);
    } finally {
      await removePins(fleet, [cid], { gc: false });
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
