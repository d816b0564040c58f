// Which files of a dropped folder go up, and under which path inside it. Pure: the walker (I/O)
// hands in what it saw, this decides. Everything that could escape the folder, or collide with
// another entry once normalised, is refused with a reason the admin can act on.

export interface SeenEntry {
  /** Path relative to the dropped folder, '/'-separated, as the walker built it. */
  relative: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
  /** For a symlink: its target resolved to an absolute path; null when it does not resolve. */
  resolvedTarget?: string | null;
}

export interface Skipped {
  relative: string;
  reason: string;
}

/** Why a relative path may not be used inside the folder, or null when it is fine. */
export function relativePathProblem(relative: string): string | null {
  if (relative.length === 0) return 'empty path';
  if (relative.includes('\0')) return 'contains a NUL byte';
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative) || relative.startsWith('\\')) return 'is an absolute path';
  const parts = relative.split(/[\\/]/);
  if (parts.some((p) => p === '..')) return 'climbs out of the folder (..)';
  if (parts.some((p) => p === '' || p === '.')) return 'has an empty or "." path segment';
  return null;
}

/** True when `target` is `root` or inside it (both absolute, '/'-separated, normalised). */
export function isInside(root: string, target: string): boolean {
  const base = root.endsWith('/') ? root : `${root}/`;
  return target === root || target.startsWith(base);
}

export interface EntryDecision {
  files: string[];
  directories: string[];
  skipped: Skipped[];
}

/**
 * Sorts what the walker saw into files and directories to send (sorted, NFC-normalised, unique)
 * and entries skipped with a reason. Symlinks are followed only when they stay inside `root`,
 * and even then they are skipped: kubo would store the target twice, and a link is not content.
 */
export function decideEntries(root: string, seen: readonly SeenEntry[]): EntryDecision {
  const files: string[] = [];
  const directories: string[] = [];
  const skipped: Skipped[] = [];
  const byNormalForm = new Map<string, string>();
  for (const entry of seen) {
    const problem = relativePathProblem(entry.relative);
    if (problem) {
      skipped.push({ relative: entry.relative, reason: problem });
      continue;
    }
    if (entry.kind === 'symlink') {
      const target = entry.resolvedTarget ?? null;
      const reason =
        target === null ? 'is a broken symbolic link'
        : isInside(root, target) ? 'is a symbolic link (links are not uploaded; the target is, if inside the folder)'
        : `is a symbolic link leaving the folder (to ${target})`;
      skipped.push({ relative: entry.relative, reason });
      continue;
    }
    if (entry.kind === 'other') {
      skipped.push({ relative: entry.relative, reason: 'is not a regular file or folder (device, socket or pipe)' });
      continue;
    }
    const normal = entry.relative.normalize('NFC');
    const earlier = byNormalForm.get(normal);
    if (earlier !== undefined) {
      skipped.push({ relative: entry.relative, reason: `has the same name as "${earlier}" once Unicode-normalised` });
      continue;
    }
    byNormalForm.set(normal, entry.relative);
    (entry.kind === 'file' ? files : directories).push(entry.relative);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(order), directories: directories.sort(order), skipped };
}
