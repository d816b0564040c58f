// The local CID of one big file read on its own, without the importer's per-chunk machinery,
// without a worker thread and without a fresh buffer per chunk.
//
// Why: issue #5's memory budget (≤ 64 MiB growth during a 4 GiB upload). The importer reading with
// createReadStream allocates a new 256 KiB Buffer per chunk, and V8 collects such memory only after
// ~64 MiB of it has piled up, per isolate; the worker thread was a second isolate on top (+60 MiB);
// and the importer's generators and batches allocate a few KiB of objects per chunk, which grows
// the young generation (+14 MiB heap measured at 2 GiB). Here the file is read into a few reused
// 256 KiB slots, each chunk's SHA-256 runs on libuv's thread pool (file-dag.ts's leafOf), and this
// thread keeps only the leaves' CIDs for the node being filled (BalancedFileDag).
//
// An upload to a kubo node hashes the bytes as it sends them instead (sent-bytes-dag.ts); this is
// for the CID without an add (Cluster uploads, tests, benchmarks).
import { close, open, read } from 'node:fs';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { BalancedFileDag, leafOf, type Child, type FileDag } from './file-dag.js';

/** Chunks being hashed at once, each in its own slot (two cores: a few suffice). */
const SLOTS = 4;

/** For a file of more than one chunk (size > chunkSize): the root CID and the DAG's block count. */
export async function fileDagInRing(absolute: string, size: number, chunkSize: number, signal?: AbortSignal): Promise<FileDag> {
  const fd = await new Promise<number>((resolve, reject) => open(absolute, 'r', (error, opened) => (error ? reject(error) : resolve(opened))));
  const slots = Array.from({ length: SLOTS }, () => Buffer.allocUnsafeSlow(chunkSize));
  /** The digest of the chunk in each slot, in reading order (a slot is read again once its digest is in). */
  const hashing: (Promise<Child> | undefined)[] = new Array(SLOTS);
  const dag = new BalancedFileDag();
  try {
    let index = 0;
    for (let position = 0; position < size; position += chunkSize, index += 1) {
      if (signal?.aborted) throw signal.reason;
      const slot = index % SLOTS;
      const pending = hashing[slot];
      if (pending) dag.take(await pending);
      const length = Math.min(chunkSize, size - position);
      await readFully(fd, slots[slot]!, length, position, absolute, size);
      hashing[slot] = leafOf(slots[slot]!.subarray(0, length));
      hashing[slot]!.catch(() => {});
    }
    // The chunks still being hashed, in reading order.
    for (let i = 0; i < SLOTS; i += 1) {
      const pending = hashing[(index + i) % SLOTS];
      if (pending) dag.take(await pending);
    }
  } finally {
    await Promise.allSettled(hashing.filter(Boolean));
    close(fd, () => {});
  }
  return dag.finish();
}

async function readFully(fd: number, buffer: Buffer, length: number, position: number, absolute: string, size: number): Promise<void> {
  for (let filled = 0; filled < length; ) {
    const got = await new Promise<number>((resolve, reject) =>
      read(fd, buffer, filled, length - filled, position + filled, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
    );
    if (got === 0) {
      throw new PinfleetError('cid_mismatch', `${absolute} shrank while it was being hashed (${size - position - filled} of ${size} bytes missing): upload it again once it is complete`);
    }
    filled += got;
  }
}
