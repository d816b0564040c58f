// Several test runs (several engineers, one machine) may want the one fleet at once. Faults make
// sharing it mid-run unsafe (one run's dropped node is another's failed test), so a test run holds
// the fleet exclusively from global setup to teardown; a second run waits. A separate lock keeps a
// human's `up`/`down` from interleaving with a run's.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, waitFor } from './shell.js';

/** Takes a lock file (waiting while a live process holds it); returns its release. */
async function takeLock(lockFile: string, what: string, timeoutMs: number): Promise<() => void> {
  await waitFor(`${what} (${lockFile})`, async () => {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (!holder || !isProcessAlive(holder)) rmSync(lockFile, { force: true }); // left by a dead process
      return undefined;
    }
  }, timeoutMs);
  return () => rmSync(lockFile, { force: true });
}

export async function withFleetLock<T>(stateDir: string, action: () => Promise<T>): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const release = await takeLock(join(stateDir, 'fleet.lock'), 'another fleet up/down to finish', 600_000);
  try {
    return await action();
  } finally {
    release();
  }
}

export async function takeTestRunLock(stateDir: string): Promise<() => void> {
  mkdirSync(stateDir, { recursive: true });
  return takeLock(join(stateDir, 'test-run.lock'), 'another test run using the fleet to finish', 1_800_000);
}

/** The pid of the test run holding the fleet, if any. */
export function testRunHolder(stateDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(stateDir, 'test-run.lock'), 'utf8').trim());
    return pid && isProcessAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Present while the running fleet was started by a test run (not by a person's `up`). */
export const startedByTestsMarker = (stateDir: string): string => join(stateDir, 'started-by-test-run');
