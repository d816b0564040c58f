// The worker thread of local-cid.ts (managed by cid-worker-pool.ts): hashes an item's files (read
// here, independently of the transfer) and posts back the root CID and the DAG's block count, or
// the error. One item at a time; the same worker takes the next item while it is kept.
import { parentPort } from 'node:worker_threads';
import { computeLocalDagHere } from './local-cid.js';
import type { UploadSource } from './upload-source.js';

parentPort?.on('message', ({ source }: { source: UploadSource }) => {
  computeLocalDagHere(source, undefined, true).then(
    (dag) => parentPort?.postMessage({ dag }),
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error), code: (error as NodeJS.ErrnoException).code }),
  );
});
