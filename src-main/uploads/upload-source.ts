// What a local path holds, read from disk: one file, or a folder walked into the files and
// folders to send (the decisions are entry-paths.ts's). No content is read here, only metadata.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { decideEntries, type SeenEntry, type Skipped } from './entry-paths.js';

export interface SourceFile {
  /** Path inside the upload ('/'-separated); for a single file, its name. */
  relative: string;
  absolute: string;
  size: number;
}

export interface UploadSource {
  name: string;
  absolute: string;
  kind: 'file' | 'directory';
  size: number;
  files: SourceFile[];
  /** Folders inside the dropped folder (relative), so empty ones survive too. */
  directories: string[];
  skipped: Skipped[];
}

export async function readUploadSource(absolute: string): Promise<UploadSource> {
  const stat = await fs.lstat(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new PinfleetError('not_found', `cannot read ${absolute}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  const name = path.basename(absolute);
  if (stat.isFile()) {
    return { name, absolute, kind: 'file', size: stat.size, files: [{ relative: name, absolute, size: stat.size }], directories: [], skipped: [] };
  }
  if (!stat.isDirectory()) {
    throw new PinfleetError('invalid_input', `${absolute} is not a regular file or folder (a link, device or pipe): upload its target instead`);
  }
  const root = await fs.realpath(absolute);
  const seen: SeenEntry[] = [];
  await walk(root, '', seen);
  const decided = decideEntries(root, seen);
  // Sizes, 64 stats at a time: one after another, ten thousand small files take seconds.
  const files: SourceFile[] = new Array(decided.files.length);
  for (let i = 0; i < decided.files.length; i += 64) {
    await Promise.all(decided.files.slice(i, i + 64).map(async (relative, j) => {
      const file = path.join(root, ...relative.split('/'));
      files[i + j] = { relative, absolute: file, size: (await fs.stat(file)).size };
    }));
  }
  const size = files.reduce((sum, f) => sum + f.size, 0);
  return { name, absolute, kind: 'directory', size, files, directories: decided.directories, skipped: decided.skipped };
}

async function walk(root: string, prefix: string, seen: SeenEntry[]): Promise<void> {
  const entries = await fs.readdir(path.join(root, ...prefix.split('/').filter(Boolean)), { withFileTypes: true });
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) {
      const target = await fs.realpath(path.join(root, relative)).catch(() => null);
      seen.push({ relative, kind: 'symlink', resolvedTarget: target });
    } else if (entry.isDirectory()) {
      seen.push({ relative, kind: 'directory' });
      await walk(root, relative, seen);
    } else {
      seen.push({ relative, kind: entry.isFile() ? 'file' : 'other' });
    }
  }
}

/**
 * The parts kubo's /api/v0/add receives, depth first: each folder before its contents, siblings
 * by name, so kubo's multipart reader never sees a file whose folder was already closed.
 */
export function addParts(source: UploadSource): ({ kind: 'directory'; path: string } | ({ kind: 'file'; path: string } & SourceFile))[] {
  if (source.kind === 'file') return [{ kind: 'file', path: source.name, ...source.files[0]! }];
  const parts = [
    ...source.directories.map((d) => ({ kind: 'directory' as const, path: d })),
    ...source.files.map((f) => ({ kind: 'file' as const, path: f.relative, ...f })),
  ];
  return parts.sort((a, b) => compareSegments(a.path, b.path));
}

export function compareSegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}
