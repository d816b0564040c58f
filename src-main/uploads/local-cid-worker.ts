// The worker thread of local-cid.ts: hashes the upload's files (read here, independently of the
// transfer) and posts back the root CID or the error. One worker per item, ended after answering.
import { parentPort, workerData } from 'node:worker_threads';
import { computeLocalCidHere } from './local-cid.js';
import type { UploadSource } from './upload-source.js';

const { source } = workerData as { source: UploadSource };
computeLocalCidHere(source).then(
  (cid) => parentPort?.postMessage({ cid }),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error), code: (error as NodeJS.ErrnoException).code }),
);
