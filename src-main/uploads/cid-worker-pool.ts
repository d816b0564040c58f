// The worker threads that hash folders for local-cid.ts, kept for the next item for a while.
//
// Why kept: a fresh worker is a cold V8 isolate. Starting it and compiling the importer's code
// cost more CPU than hashing 10,000 small files once compiled (about 1.2 s against 0.5 s here, on
// a machine whose two cores also carry kubo and the SSH tunnel: the folder benchmark).
// One job at a time per worker; an idle worker does not keep the process alive and ends after
// IDLE_MS. A cancelled job ends its worker (the importer cannot be interrupted otherwise).
import { Worker } from 'node:worker_threads';
import type { UploadSource } from './upload-source.js';

export interface WorkerScript {
  url: URL;
  typescript: boolean;
}

/** The root CID and how many blocks its DAG has (as local-cid.ts's LocalDag). */
interface Dag {
  cid: string;
  blocks: number;
}

/** How long an idle worker waits for the next item before it ends. */
export const IDLE_MS = 30_000;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
  /** Drops it from the pool if it ends or fails while idle (an 'error' without a listener would throw here). */
  onExit: () => void;
}

const idle: Idle[] = [];
let started = 0;

/** How many workers this process has started (tests check that one is reused). */
export function workersStarted(): number {
  return started;
}

/** A worker's entry cannot be TypeScript even under tsx: a tiny bootstrap registers tsx, then imports it. */
function startWorker(script: WorkerScript): Worker {
  started += 1;
  if (!script.typescript) return new Worker(script.url);
  const bootstrap = `(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(script.url.href)}); })()`;
  return new Worker(bootstrap, { eval: true });
}

function take(script: WorkerScript): Worker {
  const kept = idle.pop();
  if (!kept) return startWorker(script);
  clearTimeout(kept.timer);
  kept.worker.off('exit', kept.onExit);
  kept.worker.off('error', kept.onExit);
  kept.worker.ref();
  return kept.worker;
}

function keep(worker: Worker): void {
  const drop = () => {
    clearTimeout(entry.timer);
    const index = idle.indexOf(entry);
    if (index >= 0) idle.splice(index, 1);
  };
  const entry: Idle = {
    worker,
    timer: setTimeout(() => {
      drop();
      void worker.terminate();
    }, IDLE_MS).unref(),
    onExit: drop,
  };
  worker.once('exit', entry.onExit);
  worker.once('error', entry.onExit);
  worker.unref();
  idle.push(entry);
}

export function hashInWorker(script: WorkerScript, source: UploadSource, signal: AbortSignal | undefined): Promise<Dag> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = take(script);
    let settled = false;
    const finish = (reusable: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      outcome();
      if (reusable) keep(worker);
      else void worker.terminate();
    };
    const onAbort = () => finish(false, () => reject(signal!.reason));
    const onMessage = (message: { dag?: Dag; error?: string; code?: string }) =>
      finish(true, () => {
        if (message.dag) resolve(message.dag);
        else reject(Object.assign(new Error(message.error ?? 'the CID worker gave no answer'), { code: message.code }));
      });
    const onError = (error: Error) => finish(false, () => reject(error));
    const onExit = (code: number) =>
      finish(false, () => reject(signal?.aborted ? signal.reason : new Error(`the CID worker stopped (exit code ${code}) before answering`)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ source });
  });
}
