// The worker thread of local-cid.ts: hashes the upload's files (read here, independently of the
// transfer) and posts back the root CID and the DAG's block count, or the error. One worker per
// item, ended after answering.
import { parentPort, workerData } from 'node:worker_threads';
import { computeLocalDagHere } from './local-cid.js';
import type { UploadSource } from './upload-source.js';

const { source } = workerData as { source: UploadSource };
computeLocalDagHere(source, undefined, true).then(
  (dag) => parentPort?.postMessage({ dag }),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error), code: (error as NodeJS.ErrnoException).code }),
);
