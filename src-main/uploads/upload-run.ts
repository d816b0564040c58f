// One item, start to finish: send it to the first planned node while computing its CID here,
// require both CIDs equal, pin it on the other replicas (each connected to the first as a peer),
// then check every replica's own `pin ls`. A node failing the transfer is left out and the item
// goes to the next-ranked node; the caller decides what a refusal (no space) means for the queue.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { ItemPlan, UploadProgress } from '../../src-preload/contract/upload-types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import { kuboAdd } from './kubo-add.js';
import { isPinned, peerIdentity, pinRm, swarmConnect } from './kubo-pins.js';
import { DEFAULT_REPLICA_STALL_MS, pinReplica } from './replica-pin.js';
import { localCidPerAttempt, type AttemptCid } from './attempt-cid.js';
import { reasonAfterFullNodes } from './full-nodes-reason.js';
import type { LocalDag } from './local-cid.js';
import { RateMeter } from './progress-maths.js';
import type { UploadSource } from './upload-source.js';
import type { UploadStore } from './upload-store.js';

export interface RunDeps {
  store: UploadStore;
  connector: NodeConnector;
  node(name: string): NodeRecord;
  /** Plans the item afresh, leaving out `exclude` (nodes that failed it); `fresh` forces a new poll. */
  plan(exclude: ReadonlySet<string>, fresh?: boolean): Promise<ItemPlan>;
  progress(update: UploadProgress): void;
  /** Marks bytes as promised to a node while they are in flight (and releases them). */
  commit(node: string, bytes: number): () => void;
  nowMs(): number;
  /** How long a replica's pin may fetch nothing before the console sends the blocks itself. */
  replicaStallMs?: number;
  /** Told when a node refused a write for lack of space, so health checks whether it takes writes at all. */
  writeRefused?(node: string): void;
}

/** Raised when the item cannot go anywhere right now; the queue keeps it and tries again later. */
export class WaitingInQueue extends PinfleetError {}

/** No node has room for the item right now. */
export class WaitingForSpace extends WaitingInQueue {
  constructor(reason: string) {
    super('no_space', `waiting for space: ${reason}`);
  }
}

/**
 * The nodes that had room failed the item just now (a kubo restarting after a crash, a dropped link)
 * and the rest cannot hold it: the failures are often seconds long, so the item waits, and its next
 * try counts every node again, rather than failing for good.
 */
export class WaitingForNodes extends WaitingInQueue {
  constructor(failed: readonly string[], reason: string) {
    super('unreachable', `waiting for a node: ${failed.join(', ')} failed it just now and the other nodes cannot take it (${reason}); it is tried again as the fleet changes`);
  }
}

const NODE_FAILURES = new Set(['unreachable', 'timeout', 'remote_failed', 'no_space', 'auth_failed', 'host_key_mismatch', 'host_key_unknown']);

export async function runUpload(id: number, source: UploadSource, replicas: number, deps: RunDeps, signal: AbortSignal): Promise<string> {
  const failed = new Set<string>();
  const outOfSpace = new Set<string>();
  const attemptCid = localCidPerAttempt(source, signal);
  for (;;) {
    const plan = await deps.plan(failed);
    if (!plan.ok) {
      if (failed.size > 0 && outOfSpace.size === failed.size) throw await waitingAfterFullNodes(outOfSpace, deps);
      if (failed.size > 0) throw new WaitingForNodes([...failed], plan.reason);
      throw new WaitingForSpace(plan.reason);
    }
    const first = plan.targets[0]!.node;
    const local = attemptCid();
    try {
      const cid = await sendTo(id, source, first, deps, signal, local);
      const dag = await local.dag();
      const expected = dag.cid;
      if (cid !== expected) {
        // kubo's add pinned what it received: that pin holds data nobody asked for, so it goes before the item fails.
        const removed = await removeMismatchedPin(deps, first, cid, id);
        throw new PinfleetError('cid_mismatch', `${first} stored ${cid} but the bytes sent hash to ${expected} here: the data changed on the way or the source changed while uploading. ${removed ? `Its pin on ${first} was removed` : `Its pin on ${first} could not be removed: remove it with ipfs pin rm ${cid}`}`);
      }
      deps.store.setReplica(id, deps.node(first).id, 'pinned');
      await replicate(id, source.size, dag, first, replicas, plan.targets.slice(1).map((t) => t.node), failed, deps, signal);
      return cid;
    } catch (error) {
      if (signal.aborted || !(error instanceof PinfleetError) || !NODE_FAILURES.has(error.code) || failed.has(first)) throw error;
      failed.add(first);
      if (error.code === 'no_space') {
        outOfSpace.add(first);
        deps.writeRefused?.(first);
      }
      deps.store.setReplica(id, deps.node(first).id, 'failed', error.message);
      void cleanUp(deps, first, await local.cidIfKnown(), id);
    }
  }
}

/**
 * Every node that had room by the last reading refused the item as full: that is the fleet being
 * full, not a failure. Measure again so the admin reads the real shortfall, or learns that a node
 * with room is the one refusing.
 */
async function waitingAfterFullNodes(nodes: ReadonlySet<string>, deps: RunDeps): Promise<WaitingForSpace> {
  return new WaitingForSpace(reasonAfterFullNodes([...nodes], await deps.plan(new Set(), true)));
}

async function sendTo(id: number, source: UploadSource, name: string, deps: RunDeps, signal: AbortSignal, local: AttemptCid): Promise<string> {
  const node = deps.node(name);
  deps.store.setStatus(id, 'uploading');
  deps.store.setReplica(id, node.id, 'pinning');
  const release = deps.commit(name, source.size);
  const meter = new RateMeter(source.size);
  let lastEvent = 0;
  const report = (bytesDone: number, force = false) => {
    const now = deps.nowMs();
    if (!force && now - lastEvent < 250) return;
    lastEvent = now;
    const { rateBytesPerSec, etaSec } = meter.add(bytesDone, now);
    deps.progress({ id, status: 'uploading', bytesDone, bytesTotal: source.size, rateBytesPerSec, etaSec, node: name });
  };
  try {
    report(0, true);
    // Through the tunnel, an agent whose connections are SSH channels: no loopback hop for the body.
    const target = deps.connector.kuboRequestTarget
      ? await deps.connector.kuboRequestTarget(node)
      : { baseUrl: await deps.connector.kuboApiUrl(node) };
    const { cid } = await kuboAdd(target.baseUrl, source, {
      signal, agent: target.agent, onBytes: (sent) => report(sent), onFileData: local.onFileData,
    });
    report(source.size, true);
    return cid;
  } finally {
    release();
  }
}

async function replicate(
  id: number, size: number, dag: LocalDag, first: string, replicas: number, planned: string[],
  failed: Set<string>, deps: RunDeps, signal: AbortSignal,
): Promise<void> {
  const cid = dag.cid;
  const pinned = [first];
  deps.store.setStatus(id, 'pinning', { cid });
  const firstUrl = await deps.connector.kuboApiUrl(deps.node(first));
  const origin = await peerIdentity(firstUrl);
  let queue = planned;
  while (pinned.length < replicas) {
    if (signal.aborted) throw signal.reason;
    const name = queue.shift();
    if (name === undefined) {
      const again = await deps.plan(new Set([...failed, ...pinned]));
      if (!again.ok) throw new PinfleetError('no_space', `pinned on ${pinned.join(', ')} only: ${again.reason}`);
      queue = again.targets.map((t) => t.node);
      continue;
    }
    const node = deps.node(name);
    deps.store.setReplica(id, node.id, 'pinning');
    const report = pinProgress(id, size, dag.blocks, name, cid, deps);
    report(0, true);
    try {
      const url = await deps.connector.kuboApiUrl(node);
      await swarmConnect(url, origin);
      await pinReplica({ target: { name, url }, holder: { name: first, url: firstUrl } }, cid, {
        stallMs: deps.replicaStallMs ?? DEFAULT_REPLICA_STALL_MS,
        signal,
        onProgress: (fetched, bytes) => report(fetched, false, bytes),
        onRescue: (line) => deps.store.setReplica(id, node.id, 'pinning', line),
      });
      report(dag.blocks, true);
      deps.store.setReplica(id, node.id, 'pinned');
      pinned.push(name);
    } catch (error) {
      if (signal.aborted || !(error instanceof PinfleetError)) throw error;
      failed.add(name);
      if (/no space left/iu.test(error.message)) deps.writeRefused?.(name);
      deps.store.setReplica(id, node.id, 'failed', error.message);
    }
  }
  // Done means each replica's own `pin ls` says so, not that a call returned.
  for (const name of pinned) {
    const url = await deps.connector.kuboApiUrl(deps.node(name));
    if (!(await isPinned(url, cid))) {
      deps.store.setReplica(id, deps.node(name).id, 'failed', 'pin ls does not list it');
      throw new PinfleetError('remote_failed', `${name} does not list ${cid} in pin ls after pinning it`);
    }
  }
}

/**
 * A replica's pin progress as bytes: kubo's own byte count when it sends one (v0.43 does; it counts
 * the DAG's nodes too, so it is capped at the size), else its block count as a share of the DAG's
 * blocks the local import counted. Events at most every 250 ms, with rate and ETA like the transfer's.
 */
export function pinProgress(id: number, size: number, blocks: number, node: string, cid: string, deps: Pick<RunDeps, 'progress' | 'nowMs'>) {
  const meter = new RateMeter(size);
  let lastEvent = 0;
  return (fetched: number, force = false, fetchedBytes?: number) => {
    const now = deps.nowMs();
    if (!force && now - lastEvent < 250) return;
    lastEvent = now;
    const bytesDone = fetchedBytes === undefined ? pinnedBytes(size, blocks, fetched) : Math.min(size, fetchedBytes);
    const { rateBytesPerSec, etaSec } = meter.add(bytesDone, now);
    deps.progress({ id, status: 'pinning', bytesDone, bytesTotal: size, rateBytesPerSec, etaSec, node, cid });
  };
}

export function pinnedBytes(size: number, blocks: number, fetched: number): number {
  if (blocks <= 0) return size;
  return Math.min(size, Math.round((size * Math.max(0, fetched)) / blocks));
}

/** Removes the pin kubo's add made of a CID that is not the one sent; true when it is gone. */
async function removeMismatchedPin(deps: RunDeps, name: string, cid: string, id: number): Promise<boolean> {
  try {
    await pinRm(await deps.connector.kuboApiUrl(deps.node(name)), cid);
    deps.store.setReplica(id, deps.node(name).id, 'unpinned', `it stored ${cid}, which is not what was sent; that pin was removed`);
    return true;
  } catch (error) {
    deps.store.setReplica(id, deps.node(name).id, 'failed', `it stored ${cid}, which is not what was sent, and its pin could not be removed: ${(error as Error).message}`);
    return false;
  }
}

/** Best effort: a node that broke off may hold a pin or loose blocks; remove the pin if reachable. */
async function cleanUp(deps: RunDeps, name: string, cid: string | null, id: number): Promise<void> {
  if (cid === null) return;
  try {
    await pinRm(await deps.connector.kuboApiUrl(deps.node(name)), cid);
    deps.store.setReplica(id, deps.node(name).id, 'unpinned', 'the transfer failed here; its pin was removed');
  } catch {
    // Unreachable now: the replica row stays 'failed' with the reason, for a later clean-up.
  }
}
