// The CID kubo must answer, computed here with the same settings (CIDv1, raw leaves, fixed-size
// chunks), streaming each file from disk into a blockstore that keeps nothing: only the hashes.
// One big file: here, through two reused buffers, each chunk hashed in this thread while the next
// is read (ring-leaves.ts; no second V8 isolate, no garbage per chunk). A folder of many files: in a worker
// thread (local-cid-worker.ts, kept warm between items by cid-worker-pool.ts) that reads the files
// on its own, so the per-file work takes the other core instead of the thread that feeds the tunnel.
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importer, type ImportCandidate } from 'ipfs-unixfs-importer';
// Before any UnixFS node is encoded: sizes of 2–4 GiB are otherwise written wrongly (see the file).
import './unixfs-size-fix.js';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import type { CID } from 'multiformats/cid';
import type { UploadSource } from './upload-source.js';
import { addParts } from './upload-source.js';
import { fileDagInRing } from './ring-leaves.js';
import { hashInWorker, type WorkerScript } from './cid-worker-pool.js';

export const CHUNK_SIZE = 262_144;
export const CHUNKER = `size-${CHUNK_SIZE}`;

/**
 * Discards every block (the importer needs somewhere to put them; we only need the root CID) but
 * counts them: a replica's pin/add reports progress in blocks, and this turns it into bytes.
 */
function countingBlockstore() {
  const counter = { blocks: 0, put: async (cid: CID) => {
    counter.blocks += 1;
    return cid;
  } };
  return counter;
}

/** The root CID and how many blocks its DAG has. */
export interface LocalDag {
  cid: string;
  blocks: number;
}

export const IMPORT_OPTIONS = {
  cidVersion: 1 as const,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  chunker: fixedSize({ chunkSize: CHUNK_SIZE }),
};

/** The root CID of the source as kubo's add (with wrap-with-directory for a folder) would make it. */
export async function computeLocalCid(source: UploadSource, signal?: AbortSignal): Promise<string> {
  return (await computeLocalDag(source, signal)).cid;
}

export async function computeLocalDag(source: UploadSource, signal?: AbortSignal): Promise<LocalDag> {
  if (hashedInRing(source)) return computeFileDagInRing(source, signal);
  const worker = worthAWorker(source) ? workerScript() : null;
  return worker ? hashInWorker(worker, source, signal) : computeLocalDagHere(source, signal);
}

/**
 * One file of more than a chunk: hashed in this thread through reused buffers, its DAG built
 * without the importer (ring-leaves.ts): no second isolate, no garbage per chunk.
 */
export function hashedInRing(source: Pick<UploadSource, 'kind' | 'size'>): boolean {
  return source.kind === 'file' && source.size > CHUNK_SIZE;
}

/** Starting a worker costs tens of milliseconds: small items are hashed faster right here. */
export function worthAWorker(source: Pick<UploadSource, 'size' | 'files'>): boolean {
  return source.size >= 16 * 1024 * 1024 || source.files.length >= 200;
}

export async function computeFileDagInRing(source: UploadSource, signal?: AbortSignal): Promise<LocalDag> {
  const file = source.files[0]!;
  return fileDagInRing(file.absolute, file.size, CHUNK_SIZE, signal);
}

/**
 * Where the worker's code is: beside the bundle (electron-vite builds it as its own entry,
 * out/main/local-cid-worker.js, while this code may sit in out/main/chunks/), or the TypeScript
 * source when running from source (tsx, vitest), loaded through tsx. null: compute in this thread.
 */
export function workerScript(): WorkerScript | null {
  for (const relative of ['./local-cid-worker.js', '../local-cid-worker.js']) {
    const url = new URL(relative, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url, typescript: false };
  }
  const source = new URL('./local-cid-worker.ts', import.meta.url);
  return source.protocol === 'file:' && existsSync(fileURLToPath(source)) ? { url: source, typescript: true } : null;
}

/**
 * A file's bytes for the importer: a small file in one read when the importer gets to it (a read
 * stream per file costs more than the hashing of a few KiB), a big one streamed in chunks.
 */
function fileContent(absolute: string, size: number, signal: AbortSignal | undefined, blocking: boolean): AsyncIterable<Uint8Array> {
  if (size > CHUNK_SIZE) return createReadStream(absolute, { highWaterMark: CHUNK_SIZE, signal });
  return (async function* () {
    // In the worker nothing else waits on this thread, and one blocking read of a few KiB costs a
    // fraction of the four thread-pool round trips of an asynchronous one.
    yield blocking ? readSmallSync(absolute, size) : await readFile(absolute, { signal });
  })();
}

/** The walk's size is known: open, one read, close (readFileSync would stat it first). */
function readSmallSync(absolute: string, size: number): Uint8Array {
  const fd = openSync(absolute, 'r');
  try {
    const buffer = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const got = readSync(fd, buffer, done, size - done, done);
      if (got === 0) break; // Shrunk: the CIDs will differ, and the upload fails as cid_mismatch.
      done += got;
    }
    return buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * The same computation in the calling thread (the worker's body); `blocking` reads small files
 * synchronously, for the worker only.
 */
export async function computeLocalCidHere(source: UploadSource, signal?: AbortSignal, blocking = false): Promise<string> {
  return (await computeLocalDagHere(source, signal, blocking)).cid;
}

export async function computeLocalDagHere(source: UploadSource, signal?: AbortSignal, blocking = false): Promise<LocalDag> {
  const candidates: ImportCandidate[] = addParts(source).map((part) =>
    part.kind === 'directory'
      ? { path: part.path }
      : { path: source.kind === 'file' ? undefined : part.path, content: fileContent(part.absolute, part.size, signal, blocking) },
  );
  const blockstore = countingBlockstore();
  let root: CID | undefined;
  for await (const entry of importer(candidates, blockstore, { ...IMPORT_OPTIONS, wrapWithDirectory: source.kind === 'directory' })) {
    root = entry.cid;
  }
  if (!root) throw new Error(`no CID came out of the importer for ${source.absolute}`);
  return { cid: root.toString(), blocks: blockstore.blocks };
}
