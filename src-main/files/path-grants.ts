// The files and folders the admin gave the Electron window in this session: chosen in main's own
// open dialog, or dropped on the window (the preload reads a dropped File's path with
// webUtils.getPathForFile, so the page cannot make one up). Kept in memory only: a new session
// starts with none, and the admin picks again.
//
// Paths are compared after realpath, so `..`, a symlink or a second spelling of the same file
// cannot reach anything outside what was given. A folder covers what it holds (a dropped folder
// is uploaded whole).
import { realpath } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { LocalPathGrants } from './local-path-policy.js';

/** True when `candidate` is `granted` or lies inside it; both already resolved. Pure. */
export function isWithin(granted: string, candidate: string): boolean {
  if (candidate === granted) return true;
  const folder = granted.endsWith(path.sep) ? granted : granted + path.sep;
  return candidate.startsWith(folder);
}

export class PathGrants implements LocalPathGrants {
  /** Real paths of what was given. */
  private readonly granted = new Set<string>();
  /** The same as the admin's dialog or drop spelled them (normalised), for a file since removed. */
  private readonly spelled = new Set<string>();

  constructor(readonly remedy = 'choose it again with the file picker, or drop it on the window') {}

  /** Records paths the admin gave; a path that does not exist (or cannot be resolved) grants nothing. */
  grant(paths: Iterable<string>): void {
    for (const given of paths) {
      if (typeof given !== 'string' || !path.isAbsolute(given)) continue;
      try {
        this.granted.add(realpathSync(given));
        this.spelled.add(path.resolve(given));
      } catch {
        // Gone already: nothing to read, nothing to grant.
      }
    }
  }

  async allows(localPath: string): Promise<boolean> {
    if (!path.isAbsolute(localPath)) return false;
    const resolved = await realpath(localPath).catch(() => null);
    // A given file removed since: let the handler say it is gone (nothing to read, nothing leaks).
    if (resolved === null) return [...this.spelled].some((given) => isWithin(given, path.resolve(localPath)));
    for (const granted of this.granted) if (isWithin(granted, resolved)) return true;
    return false;
  }
}
