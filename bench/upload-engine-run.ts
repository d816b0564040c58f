// One item through the upload engine's own run (upload-run.ts: add streamed to kubo, local CID in
// its worker, CIDs compared, pin ls checked, progress events, SQLite rows), placed on the bench
// node: the queue and placement around it are left out, they do no per-byte work.
import { PinfleetError } from '../src-preload/contract/errors.js';
import type { UploadProgress } from '../src-preload/contract/upload-types.js';
import { CHUNKER } from '../src-main/uploads/local-cid.js';
import { runUpload } from '../src-main/uploads/upload-run.js';
import { readUploadSource } from '../src-main/uploads/upload-source.js';
import { UploadStore } from '../src-main/uploads/upload-store.js';
import type { NodeConnector } from '../src-main/connections/node-connector.js';
import type { BenchNode } from './upload-bench-node.js';

/** The node's kubo straight at its address: the engine's transfer without the tunnel. */
function directConnector(target: BenchNode): NodeConnector {
  const real = target.connections.connector;
  return {
    exec: (node, argv, options) => real.exec(node, argv, options),
    kuboApiUrl: async () => target.directUrl,
    serviceUrl: (node, address) => real.serviceUrl(node, address),
    docker: (node) => real.docker(node),
    disconnect: (name) => real.disconnect(name),
    close: async () => {},
  };
}

export async function engineUpload(target: BenchNode, absolute: string, via: 'tunnel' | 'direct'): Promise<{ cid: string; progressEvents: number }> {
  const store = new UploadStore(target.opened.db);
  const source = await readUploadSource(absolute);
  const id = store.insert({ name: source.name, sourcePath: source.absolute, size: source.size, replicas: 1, chunker: CHUNKER });
  let progressEvents = 0;
  const cid = await runUpload(id, source, 1, {
    store,
    connector: via === 'tunnel' ? target.connections.connector : directConnector(target),
    node: (name) => target.inventory.getNode(name),
    plan: async (exclude) =>
      exclude.has(target.node.name)
        ? { name: source.name, size: source.size, ok: false, reason: 'the bench node failed it', shortfallBytes: 0 }
        : { name: source.name, size: source.size, ok: true, targets: [{ node: target.node.name, freeAfter: 0, why: 'bench' }] },
    progress: (_: UploadProgress) => {
      progressEvents += 1;
    },
    commit: () => () => {},
    nowMs: () => Date.now(),
  }, new AbortController().signal).catch((error: unknown) => {
    throw error instanceof PinfleetError ? new Error(`${error.code}: ${error.message}`) : error;
  });
  store.setStatus(id, 'done', { cid });
  return { cid, progressEvents };
}
