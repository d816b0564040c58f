// Uploads in cluster mode. Pin first, then send:
//  1. the CID is computed here (same importer settings as kubo's add);
//  2. it is pinned through the cluster with the replication asked for: Cluster's balanced
//     allocator (freespace and tag:group) picks the peers before any byte moves;
//  3. the bytes go once, to the first allocated node (kubo's add through its tunnel, the CID
//     checked); the other allocated peers fetch them from it over bitswap;
//  4. done when every allocated peer reports pinned, confirmed by each kubo's own `pin ls`; the
//     replicas recorded are exactly the peers the cluster chose.
// Why not Cluster's /add: it would need the whole upload to stream through one peer's REST API
// and its adder (no CID check against ours, no per-byte progress from kubo, a second multipart
// writer); and why not "add on the emptiest node, then pin": that node may not be among the
// peers the allocator picks, leaving a stray copy to clean up. Pinning first puts the bytes only
// where the cluster wants them.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { UploadSource } from '../uploads/upload-source.js';
import { computeLocalCid } from '../uploads/local-cid.js';
import { kuboAdd } from '../uploads/kubo-add.js';
import { isPinned } from '../uploads/kubo-pins.js';
import { RateMeter } from '../uploads/progress-maths.js';
import { WaitingForSpace, type RunDeps } from '../uploads/upload-run.js';
import type { ClusterService } from './cluster-service.js';
import { senders, settling, uploadReplication } from './cluster-placement.js';
import { nodeOfPeer } from './cluster-views.js';

export interface ClusterUploadOptions {
  /** How long the allocated peers may take to pin after the bytes arrived. */
  settleTimeoutMs?: number;
  pollMs?: number;
}

/** What upload-service.ts hands an item to when cluster mode is on. */
export class ClusterUploader {
  constructor(
    private readonly cluster: ClusterService,
    private readonly options: ClusterUploadOptions = {},
  ) {}

  active(): boolean {
    return this.cluster.enabled();
  }

  async run(id: number, source: UploadSource, replicas: number, deps: RunDeps, signal: AbortSignal): Promise<string> {
    const progress = (status: 'uploading' | 'pinning', bytesDone: number, node: string | null, extra: { cid?: string; rate?: number; eta?: number | null } = {}) =>
      deps.progress({ id, status, bytesDone, bytesTotal: source.size, rateBytesPerSec: extra.rate ?? 0, etaSec: extra.eta ?? null, node, ...(extra.cid ? { cid: extra.cid } : {}) });
    deps.store.setStatus(id, 'uploading');
    progress('uploading', 0, null);
    const cid = await computeLocalCid(source, signal);
    const { client } = await this.cluster.reach();
    const replication = uploadReplication(replicas, this.cluster.storedSettings());
    let pin;
    try {
      pin = await client.pin(cid, { name: source.name, replicationMin: replication.min, replicationMax: replication.max });
    } catch (error) {
      // The allocator found too few peers with room (or in the wanted tags): the fleet is full for it.
      if (error instanceof PinfleetError && /not enough peers to allocate/i.test(error.message)) throw new WaitingForSpace(error.message);
      throw error;
    }
    const peers = await client.peers();
    const inventory = this.cluster.nodes();
    const nodeOf = new Map(peers.map((p) => [p.id, nodeOfPeer(p, inventory)] as const));
    const allocated = pin.allocations.length > 0 ? pin.allocations : peers.map((p) => p.id);
    const targets = senders(allocated, nodeOf);
    if (targets.length === 0) {
      await client.unpin(cid).catch(() => {});
      throw new PinfleetError('not_found', `the cluster allocated ${cid} to peers that are not in the inventory (${allocated.join(', ')}): add their servers as nodes`);
    }
    for (const name of targets) deps.store.setReplica(id, deps.node(name).id, 'pending');
    let first: string;
    try {
      first = await this.send(id, source, cid, targets, deps, signal, progress);
    } catch (error) {
      // No node holds the bytes: take the pin out of the pinset again, or the peers keep looking for it.
      await client.unpin(cid).catch(() => {});
      throw error;
    }
    // From here the cluster owns it: a slow or partial pinning stays in the pinset and keeps trying.
    deps.store.setStatus(id, 'pinning', { cid });
    progress('pinning', source.size, first, { cid });
    await this.settle(id, cid, nodeOf, deps, signal, progress, source.size);
    return cid;
  }

  /** Sends the bytes to the first allocated node that takes them; the CID must be ours. */
  private async send(
    id: number, source: UploadSource, cid: string, targets: string[], deps: RunDeps, signal: AbortSignal,
    progress: (status: 'uploading', bytes: number, node: string, extra?: { rate?: number; eta?: number | null }) => void,
  ): Promise<string> {
    const failures: string[] = [];
    for (const name of targets) {
      const node = deps.node(name);
      deps.store.setReplica(id, node.id, 'pinning');
      const meter = new RateMeter(source.size);
      let last = 0;
      const release = deps.commit(name, source.size);
      try {
        const url = await deps.connector.kuboApiUrl(node);
        const added = await kuboAdd(url, source, {
          signal,
          onBytes: (sent) => {
            const now = deps.nowMs();
            if (now - last < 250) return;
            last = now;
            const { rateBytesPerSec, etaSec } = meter.add(sent, now);
            progress('uploading', sent, name, { rate: rateBytesPerSec, eta: etaSec });
          },
        });
        if (added.cid !== cid) {
          throw new PinfleetError('cid_mismatch', `${name} stored ${added.cid} but the file hashes to ${cid} here: the data changed on the way or the source changed while uploading`);
        }
        return name;
      } catch (error) {
        if (signal.aborted || !(error instanceof PinfleetError) || error.code === 'cid_mismatch') throw error;
        failures.push(`${name}: ${error.message}`);
        deps.store.setReplica(id, node.id, 'failed', error.message);
      } finally {
        release();
      }
    }
    throw new PinfleetError('remote_failed', `no node the cluster allocated took the bytes: ${failures.join(' | ')}`);
  }

  /** Waits for the cluster's verdict on every allocated peer, then checks each kubo's own pin ls. */
  private async settle(
    id: number, cid: string, nodeOf: ReadonlyMap<string, string | null>, deps: RunDeps, signal: AbortSignal,
    progress: (status: 'pinning', bytes: number, node: string | null, extra: { cid: string }) => void, size: number,
  ): Promise<void> {
    const deadline = deps.nowMs() + (this.options.settleTimeoutMs ?? 600_000);
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { client } = await this.cluster.reach();
      const pin = await this.cluster.pinStatus(client, cid);
      const verdict = settling(pin);
      if (verdict.done) {
        const byName = new Map(pin.peers.map((p) => [p.peerName, p.peer]));
        const nodeFor = (peerName: string) => nodeOf.get(byName.get(peerName) ?? '') ?? null;
        for (const f of verdict.failed) {
          const name = nodeFor(f.peer);
          if (name) deps.store.setReplica(id, deps.node(name).id, 'failed', `cluster: ${f.error}`);
        }
        const confirmed: string[] = [];
        for (const peerName of verdict.pinned) {
          const name = nodeFor(peerName);
          if (!name) continue;
          // Done means the node's own pin ls says so, not that the cluster reported it.
          if (await isPinned(await deps.connector.kuboApiUrl(deps.node(name)), cid)) {
            deps.store.setReplica(id, deps.node(name).id, 'pinned');
            confirmed.push(name);
          } else {
            deps.store.setReplica(id, deps.node(name).id, 'failed', 'the cluster reports it pinned, but pin ls does not list it');
          }
        }
        const wanted = pin.replicationMin !== null && pin.replicationMin > 0 ? pin.replicationMin : 1;
        if (confirmed.length < wanted) {
          throw new PinfleetError('remote_failed', `pinned on ${confirmed.join(', ') || 'no node'} only, ${wanted} wanted: ${verdict.failed.map((f) => `${f.peer}: ${f.error}`).join('; ') || 'see the cluster page'}`);
        }
        return;
      }
      if (deps.nowMs() > deadline) {
        throw new PinfleetError('timeout', `the cluster has not finished pinning ${cid} after ${Math.round((this.options.settleTimeoutMs ?? 600_000) / 1000)} s; it keeps trying (see the cluster page)`);
      }
      progress('pinning', size, null, { cid });
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 1000));
    }
  }
}
