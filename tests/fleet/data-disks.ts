// Each server's own size-limited filesystem: a tmpfs with a different size per server, so `df` over
// SSH shows that server's figures and a full disk is a real ENOSPC rather than a simulated one.
import { mkdirSync, readFileSync, statSync, statfsSync } from 'node:fs';
import { run } from './shell.js';

export function isMounted(path: string): boolean {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[1] === path);
}

export function diskSizeBytes(path: string): number {
  const stats = statfsSync(path);
  return stats.blocks * stats.bsize;
}

/**
 * Mounts the tmpfs (owned by the uid of the container that writes it), or resizes and re-owns one
 * that is already there.
 */
export async function ensureDataDisk(label: string, path: string, sizeMiB: number, ownerUid = 0): Promise<void> {
  mkdirSync(path, { recursive: true });
  if (!isMounted(path)) {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0755,uid=${ownerUid},gid=${ownerUid}`, `pinfleet-${label}`, path]);
    return;
  }
  if (diskSizeBytes(path) !== sizeMiB * 1024 * 1024) await run('mount', ['-o', `remount,size=${sizeMiB}m`, path]);
  if (statSync(path).uid !== ownerUid) await run('chown', ['-R', `${ownerUid}:${ownerUid}`, path]);
}

export async function removeDataDisk(path: string): Promise<void> {
  if (isMounted(path)) await run('umount', [path]);
}
