// Fills a server's tmpfs until the kernel says ENOSPC, so the next write of anything on that server
// (kubo's blocks included) fails the way a full disk does.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const fillFileName = '.pinfleet-fill';

export function fillDisk(dataPath: string): number {
  const fd = openSync(join(dataPath, fillFileName), 'a');
  let written = 0;
  try {
    // Big writes to get close quickly, then page-sized ones so not a byte is left.
    for (const size of [1024 * 1024, 4096]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

export function unfillDisk(dataPath: string): void {
  rmSync(join(dataPath, fillFileName), { force: true });
}
