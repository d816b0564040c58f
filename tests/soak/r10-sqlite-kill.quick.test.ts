// R10's quick size inside `npm test`: forty real SIGKILLs of a writer using the real inventory
// code, ten of them while an older database is being backed up and migrated.
import { expect, test } from 'vitest';
import { r10 } from './r10-sqlite-kill.js';

test('R10 quick: killed SQLite writers leave a whole database holding every acknowledged commit', async () => {
  const result = await r10.run({ quick: true, seed: 1010 });
  expect(result.problems).toEqual([]);
  expect(result.measured).toMatchObject({
    kills: 40,
    writeKills: 30,
    migrationKills: 10,
    missing: 0,
    integrityFailures: 0,
    openFailures: 0,
    tornBackups: 0,
  });
  // The kills must really land in writes: acknowledged commits before them, and some mid-transaction.
  expect(result.measured.acknowledged).toBeGreaterThan(100);
  expect(result.measured.killedInTransaction).toBeGreaterThan(0);
  expect(result.held).toBe(true);
}, 300_000);
