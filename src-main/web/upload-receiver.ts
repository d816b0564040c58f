// `POST /upload?name=<relative path>` of `pinfleet serve`: the browser cannot hand main a local
// path, so it streams the File's body here. The body goes straight to a file under
// <dataDir>/incoming/<random>/<name> (never held whole in memory) and the answer is that path,
// which the renderer then passes to uploads.start like any other local path.
//
// Who deletes it: the upload engine reads the file again on retry and after a restart, so the file
// must outlive a failure or a cancel (both can be retried). It is removed once its upload is done
// (removeIncomingWhenDone); a failed or cancelled item's file stays in incoming/ until then.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { UploadItem, UploadProgress } from '../../src-preload/contract/upload-types.js';
import type { EventBus } from '../core/events.js';
import type { Router } from '../core/router.js';
import { relativePathProblem } from '../uploads/entry-paths.js';

export const INCOMING_DIR = 'incoming';
/** Left free on the local disk after a received file, so receiving never fills it to the brim. */
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

export interface ReceiveOptions {
  dataDir: string;
  /** Free bytes on the disk holding `dataDir`; statfs by default (tests hand in a figure). */
  freeBytes?: (dir: string) => Promise<number>;
}

async function diskFree(dir: string): Promise<number> {
  const info = await statfs(dir);
  return info.bavail * info.bsize;
}

/** Counts bytes as they pass and stops the stream once more arrive than were announced. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new PinfleetError('invalid_input', `the body is longer than its Content-Length (${limit} bytes)`));
      else done(null, chunk);
    },
    flush(done) {
      done(seen === limit ? null : new PinfleetError('invalid_input', `the body ended after ${seen} of ${limit} bytes`));
    },
  });
}

/** Streams the request body to <dataDir>/incoming/<random>/<name> and answers its absolute path. */
export async function receiveUpload(request: IncomingMessage, rawName: string | null, options: ReceiveOptions): Promise<string> {
  const problem = incomingNameProblem(rawName);
  if (problem) throw new PinfleetError('invalid_input', `the file name ${problem}`);
  const name = rawName!.normalize('NFC');
  const lengthHeader = request.headers['content-length'];
  const length = lengthHeader === undefined ? Number.NaN : Number(lengthHeader);
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new PinfleetError('invalid_input', 'an upload needs a Content-Length: send the file itself as the body');
  }
  const incoming = path.join(options.dataDir, INCOMING_DIR);
  await mkdir(incoming, { recursive: true, mode: 0o700 });
  const free = await (options.freeBytes ?? diskFree)(incoming);
  if (length + LOCAL_DISK_MARGIN_BYTES > free) {
    const short = length + LOCAL_DISK_MARGIN_BYTES - free;
    throw new PinfleetError('no_space', `this computer's disk is ${short} bytes short of holding ${name} (${length} bytes) while it uploads`);
  }
  const folder = path.join(incoming, randomBytes(12).toString('hex'));
  const target = path.join(folder, ...name.split(/[\\/]/));
  // The checks above already refuse anything that climbs out; this is the belt to their braces.
  if (!target.startsWith(folder + path.sep)) throw new PinfleetError('invalid_input', 'the file name leaves the upload folder');
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  try {
    await pipeline(request, byteLimit(length), createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error instanceof PinfleetError ? error : new PinfleetError('invalid_input', `the upload was cut off: ${String(error)}`);
  }
  return target;
}

/** Removes a received file (and its random folder) once main no longer needs it. */
export async function removeIncoming(dataDir: string, sourcePath: string | null): Promise<void> {
  if (!sourcePath) return;
  const incoming = path.join(dataDir, INCOMING_DIR) + path.sep;
  if (!sourcePath.startsWith(incoming)) return;
  const folder = sourcePath.slice(incoming.length).split(path.sep)[0];
  if (folder) await rm(path.join(incoming, folder), { recursive: true, force: true });
}

/** Deletes a received file when its upload is done: the engine no longer reads it after that. */
export function removeIncomingWhenDone(bus: EventBus, router: Router, dataDir: string): () => void {
  const unsubscribe = bus.subscribe((event, payload) => {
    if (event !== 'uploads.progress' || (payload as UploadProgress).status !== 'done') return;
    const id = (payload as UploadProgress).id;
    void router.call('uploads.list', { limit: 1000 }).then(async (result) => {
      const item = result.ok ? (result.data as UploadItem[]).find((i) => i.id === id) : undefined;
      await removeIncoming(dataDir, item?.sourcePath ?? null);
    }).catch(() => undefined);
  });
  return () => void unsubscribe();
}
