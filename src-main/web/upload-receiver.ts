// `POST /upload?name=<relative path>` of `pinfleet serve`: the browser cannot hand main a local
// path, so it streams the File's body here. The body goes straight to a file under
// <dataDir>/incoming/<random>/<name> (never held whole in memory) and the answer is that path,
// which the renderer then passes to uploads.start like any other local path.
//
// The receiver records every file it wrote (by real path). Those records are the only local paths
// a web client may name (see src-main/files/local-path-policy.ts), and the only files the
// receiver ever deletes: a path that merely looks like it is under incoming/ (`incoming/../x`, a
// symlink) is neither readable nor deletable through it.
//
// Who deletes a file: the upload engine reads it again on retry and after a restart, so it must
// outlive a failure or a cancel (both can be retried). incoming-sweep.ts removes it once its upload
// is done, and at start removes folders no upload or credential refers to any more.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, realpath, rm, statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { LocalPathGrants } from '../files/local-path-policy.js';
import { relativePathProblem } from '../uploads/entry-paths.js';

export const INCOMING_DIR = 'incoming';
/** Left free on the local disk after every file being received, so receiving never fills it to the brim. */
export const LOCAL_DISK_MARGIN_BYTES = 256 * 1024 * 1024;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a name sent with an upload may not be used, or null when it is fine. Pure. */
export function incomingNameProblem(name: string | null): string | null {
  if (name === null || name.length === 0) return 'names no file (?name=…)';
  if (name.length > 1024) return 'is longer than 1024 characters';
  if (name.includes('\0')) return 'contains a NUL byte';
  if (CONTROL_CHARACTERS.test(name)) return 'contains control characters';
  return relativePathProblem(name);
}

/**
 * Why a reception of `length` bytes may not start, or null. `reserved` is what receptions already
 * under way will still write: two uploads that each fit alone but not together must not both start,
 * or the second fills the disk halfway through. Pure.
 */
export function spaceProblem(length: number, free: number, reserved: number): string | null {
  const needed = length + reserved + LOCAL_DISK_MARGIN_BYTES;
  if (needed <= free) return null;
  const others = reserved > 0 ? ` (${reserved} bytes are already promised to uploads still arriving)` : '';
  return `this computer's disk is ${needed - free} bytes short of holding ${length} more bytes while it uploads${others}: wait for them to finish or free some space`;
}

export interface ReceiverOptions {
  dataDir: string;
  /** Free bytes on the disk holding `dataDir`; statfs by default (tests hand in a figure). */
  freeBytes?: (dir: string) => Promise<number>;
}

async function diskFree(dir: string): Promise<number> {
  const info = await statfs(dir);
  return info.bavail * info.bsize;
}

/** Counts bytes as they pass (reporting each chunk) and stops the stream once more arrive than were announced. */
function byteLimit(limit: number, onBytes: (count: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) return done(new PinfleetError('invalid_input', `the body is longer than its Content-Length (${limit} bytes)`));
      onBytes(chunk.length);
      done(null, chunk);
    },
    flush(done) {
      done(seen === limit ? null : new PinfleetError('invalid_input', `the body ended after ${seen} of ${limit} bytes`));
    },
  });
}

export class UploadReceiver implements LocalPathGrants {
  readonly remedy = 'in the browser console, add the file again on the Uploads page (it is sent to this console first); a path on this computer cannot be named from a browser';
  readonly incoming: string;
  /** Real paths of the files this receiver wrote, or found referenced by the queue at start. */
  private readonly recorded = new Set<string>();
  /** Bytes each reception under way has still to write. */
  private readonly outstanding = new Map<symbol, number>();

  constructor(private readonly options: ReceiverOptions) {
    this.incoming = path.join(options.dataDir, INCOMING_DIR);
  }

  /** Bytes promised to receptions under way and not yet written. */
  reservedBytes(): number {
    let sum = 0;
    for (const bytes of this.outstanding.values()) sum += bytes;
    return sum;
  }

  /** Streams the request body to <dataDir>/incoming/<random>/<name>, records it and answers its absolute path. */
  async receive(request: IncomingMessage, rawName: string | null): Promise<string> {
    const problem = incomingNameProblem(rawName);
    if (problem) throw new PinfleetError('invalid_input', `the file name ${problem}`);
    const name = rawName!.normalize('NFC');
    const lengthHeader = request.headers['content-length'];
    const length = lengthHeader === undefined ? Number.NaN : Number(lengthHeader);
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new PinfleetError('invalid_input', 'an upload needs a Content-Length: send the file itself as the body');
    }
    await mkdir(this.incoming, { recursive: true, mode: 0o700 });
    const free = await (this.options.freeBytes ?? diskFree)(this.incoming);
    // No await between this check and the reservation: two receptions cannot both pass on the same figure.
    const short = spaceProblem(length, free, this.reservedBytes());
    if (short) throw new PinfleetError('no_space', `${name}: ${short}`);
    const ticket = Symbol(name);
    this.outstanding.set(ticket, length);
    const folder = path.join(this.incoming, randomBytes(12).toString('hex'));
    try {
      const target = path.join(folder, ...name.split(/[\\/]/));
      // The checks above already refuse anything that climbs out; this is the belt to their braces.
      if (!target.startsWith(folder + path.sep)) throw new PinfleetError('invalid_input', 'the file name leaves the upload folder');
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const written = (count: number) => this.outstanding.set(ticket, (this.outstanding.get(ticket) ?? 0) - count);
      await pipeline(request, byteLimit(length, written), createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      this.recorded.add(await realpath(target));
      return target;
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error instanceof PinfleetError ? error : new PinfleetError('invalid_input', `the upload was cut off: ${String(error)}`);
    } finally {
      this.outstanding.delete(ticket);
    }
  }

  /** Adds files found on disk that the queue still refers to (after a restart); each must lie in incoming/. */
  async adopt(paths: Iterable<string>): Promise<void> {
    for (const given of paths) {
      const resolved = await this.resolveInside(given);
      if (resolved !== null) this.recorded.add(resolved);
    }
  }

  /** A web client may name a file only if this receiver recorded it. */
  async allows(localPath: string): Promise<boolean> {
    const resolved = await this.resolveInside(localPath);
    return resolved !== null && this.recorded.has(resolved);
  }

  /**
   * Removes a recorded file with its random folder (and every record in that folder). Anything
   * else, whatever its spelling, is left alone; answers whether something was removed.
   */
  async remove(localPath: string | null): Promise<boolean> {
    if (!localPath) return false;
    const resolved = await this.resolveInside(localPath);
    if (resolved === null || !this.recorded.has(resolved)) return false;
    const root = await realpath(this.incoming);
    await this.removeFolder(path.relative(root, resolved).split(path.sep)[0] ?? '');
    return true;
  }

  /** Removes incoming/<name> (one entry of the folder itself, as readdir names it) and its records. */
  async removeFolder(name: string): Promise<void> {
    if (!name || name === '.' || name === '..' || name.includes('/') || name.includes(path.sep)) return;
    const root = await realpath(this.incoming);
    const folder = path.join(root, name);
    for (const file of [...this.recorded]) if (file.startsWith(folder + path.sep)) this.recorded.delete(file);
    await rm(folder, { recursive: true, force: true });
  }

  /** The real path of `localPath` when it is a file inside incoming/<folder>/, else null. */
  private async resolveInside(localPath: string): Promise<string | null> {
    if (typeof localPath !== 'string' || !path.isAbsolute(localPath)) return null;
    const [root, resolved] = await Promise.all([realpath(this.incoming).catch(() => null), realpath(localPath).catch(() => null)]);
    if (root === null || resolved === null) return null;
    const relative = path.relative(root, resolved);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || !relative.includes(path.sep)) return null;
    return resolved;
  }
}
