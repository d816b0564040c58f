// The CID kubo must answer, computed here with the same settings (CIDv1, raw leaves, fixed-size
// chunks), streaming each file from disk into a blockstore that keeps nothing: only the hashes.
// It runs in a worker thread (local-cid-worker.ts) that reads the files on its own, so the hashing
// takes the other core instead of the thread that feeds the SSH tunnel.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { importer, type ImportCandidate } from 'ipfs-unixfs-importer';
// Before any UnixFS node is encoded: sizes of 2–4 GiB are otherwise written wrongly (see the file).
import './unixfs-size-fix.js';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import type { CID } from 'multiformats/cid';
import type { UploadSource } from './upload-source.js';
import { addParts } from './upload-source.js';

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
  const worker = worthAWorker(source) ? workerScript() : null;
  return worker ? inWorker(worker, source, signal) : computeLocalDagHere(source, signal);
}

/** Starting a worker costs tens of milliseconds: small items are hashed faster right here. */
export function worthAWorker(source: Pick<UploadSource, 'size' | 'files'>): boolean {
  return source.size >= 16 * 1024 * 1024 || source.files.length >= 200;
}

/**
 * Where the worker's code is: beside the bundle (electron-vite builds it as its own entry,
 * out/main/local-cid-worker.js, while this code may sit in out/main/chunks/), or the TypeScript
 * source when running from source (tsx, vitest), loaded through tsx. null: compute in this thread.
 */
export function workerScript(): { url: URL; typescript: boolean } | null {
  for (const relative of ['./local-cid-worker.js', '../local-cid-worker.js']) {
    const url = new URL(relative, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url, typescript: false };
  }
  const source = new URL('./local-cid-worker.ts', import.meta.url);
  return source.protocol === 'file:' && existsSync(fileURLToPath(source)) ? { url: source, typescript: true } : null;
}

/** A worker's entry cannot be TypeScript even under tsx: a tiny bootstrap registers tsx, then imports it. */
function startWorker(script: { url: URL; typescript: boolean }, workerData: unknown): Worker {
  if (!script.typescript) return new Worker(script.url, { workerData });
  const bootstrap = `(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(script.url.href)}); })()`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function inWorker(script: { url: URL; typescript: boolean }, source: UploadSource, signal: AbortSignal | undefined): Promise<LocalDag> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = startWorker(script, { source });
    let settled = false;
    const onAbort = () => void worker.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
      void worker.terminate();
    };
    worker.once('message', (message: { dag?: LocalDag; error?: string; code?: string }) =>
      settle(() => {
        if (message.dag) resolve(message.dag);
        else reject(Object.assign(new Error(message.error ?? 'the CID worker gave no answer'), { code: message.code }));
      }),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(signal?.aborted ? signal.reason : new Error(`the CID worker stopped (exit code ${code}) before answering`))),
    );
  });
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
    yield blocking ? readFileSync(absolute) : await readFile(absolute, { signal });
  })();
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
