// The local CID of one big file read on its own, without the importer's per-chunk machinery,
// without a worker thread and without a fresh buffer per chunk.
//
// Why: the memory budget (≤ 64 MiB growth during a 4 GiB upload). The importer reading with
// createReadStream allocates a new 256 KiB Buffer per chunk, and V8 collects such memory only after
// ~64 MiB of it has piled up, per isolate; the worker thread was a second isolate on top (+60 MiB);
// and the importer's generators and batches allocate a few KiB of objects per chunk, which grows
// the young generation (+14 MiB heap measured at 2 GiB). Here the file is read into two reused
// 256 KiB slots, each chunk hashed in this thread while the next is read (file-dag.ts's leafOf: no
// copy, no thread-pool hop; cheaper than WebCrypto, see sent-bytes-dag.ts), and only the leaves'
// CIDs of the node being filled are kept (BalancedFileDag).
//
// An upload to a kubo node hashes the bytes as it sends them instead (sent-bytes-dag.ts); this is
// for the CID without an add (Cluster uploads, tests, benchmarks).
import { close, open, read } from 'node:fs';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { BalancedFileDag, leafOf, type FileDag } from './file-dag.js';

/** For a file of more than one chunk (size > chunkSize): the root CID and the DAG's block count. */
export async function fileDagInRing(absolute: string, size: number, chunkSize: number, signal?: AbortSignal): Promise<FileDag> {
  const fd = await new Promise<number>((resolve, reject) => open(absolute, 'r', (error, opened) => (error ? reject(error) : resolve(opened))));
  // Two slots: the next chunk is read (on the thread pool) while this one is hashed here.
  const slots = [Buffer.allocUnsafeSlow(chunkSize), Buffer.allocUnsafeSlow(chunkSize)];
  const dag = new BalancedFileDag();
  const readChunk = (index: number) => {
    const position = index * chunkSize;
    const length = Math.min(chunkSize, size - position);
    return readFully(fd, slots[index % 2]!, length, position, absolute, size).then(() => length);
  };
  const chunks = Math.ceil(size / chunkSize);
  let next: Promise<number> | undefined = readChunk(0);
  try {
    for (let index = 0; index < chunks; index += 1) {
      const length: number = await next!;
      if (signal?.aborted) throw signal.reason;
      next = index + 1 < chunks ? readChunk(index + 1) : undefined;
      next?.catch(() => {});
      dag.take(leafOf(slots[index % 2]!.subarray(0, length)));
    }
  } finally {
    // No read may still be filling a slot when the descriptor closes.
    await next?.catch(() => {});
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
