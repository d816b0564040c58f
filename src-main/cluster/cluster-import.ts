// "Set up a cluster", the part that moves data ownership: the CIDs each node's kubo already pins
// (recursive pins, read through the node's kubo tunnel) go into the cluster pinset with the chosen
// replication, every existing CID staying pinned where it is throughout.
//
// Why the allocations: Cluster unpins from a peer's kubo any pinset CID not allocated to that peer
// (pintracker/stateless Track: "trigger unpin whenever something remote is tracked"). Imported
// naively with replication 2, a CID three nodes pin would lose one copy at once, possibly before
// the allocated peers hold it. So each CID is pinned with its current holders as user
// allocations, and replication max raised to at least their number: nothing is unpinned, and the
// allocator adds peers only where the holders are fewer than replication min. Trimming extra
// copies is a later, separate step (`cluster replication CID --rmax N`) once everything settled.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ClusterImportReport } from '../../src-preload/contract/cluster-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import type { ClusterClient, PinOptions } from './cluster-client.js';
import { nodeOfPeer } from './cluster-views.js';

/** Pure: which CIDs to pin (each once, in first-seen order), who holds each, and how many the pinset already has. */
export function planImport(
  perNode: ReadonlyMap<string, readonly string[]>,
  pinset: ReadonlySet<string>,
  only?: ReadonlySet<string>,
): { toPin: string[]; holders: Map<string, string[]>; alreadyInPinset: number } {
  const holders = new Map<string, string[]>();
  for (const [node, cids] of perNode) {
    for (const cid of cids) {
      if (only && !only.has(cid)) continue;
      holders.set(cid, [...(holders.get(cid) ?? []), node]);
    }
  }
  const toPin = [...holders.keys()].filter((cid) => !pinset.has(cid));
  return { toPin, holders, alreadyInPinset: holders.size - toPin.length };
}

/** Pure: the pin options that keep every holder: its peers allocated, max raised to their number. */
export function importPinOptions(holderPeers: readonly string[], replication: { replicationMin?: number; replicationMax?: number }): PinOptions {
  const { replicationMin, replicationMax } = replication;
  const max = replicationMax === undefined || replicationMax === -1 || replicationMax === 0 ? replicationMax : Math.max(replicationMax, holderPeers.length);
  return { name: 'imported by Pinfleet', allocations: [...holderPeers], replicationMin, replicationMax: max };
}

/** A node's recursive pins, from kubo's own `pin/ls` (RPC is POST-only). */
export async function kuboRecursivePins(baseUrl: string, node: string): Promise<string[]> {
  const response = await fetch(new URL('/api/v0/pin/ls?type=recursive', baseUrl), { method: 'POST', signal: AbortSignal.timeout(120_000) }).catch((error: unknown) => {
    throw new PinfleetError('unreachable', `${node}: kubo's pin list could not be read (${(error as Error).message})`);
  });
  const body = (await response.json().catch(() => null)) as { Keys?: Record<string, unknown>; Message?: string } | null;
  if (!response.ok || !body) throw new PinfleetError('remote_failed', `${node}: kubo refused pin/ls: ${body?.Message ?? `HTTP ${response.status}`}`);
  return Object.keys(body.Keys ?? {});
}

export async function importPins(
  client: ClusterClient,
  connector: NodeConnector,
  nodes: readonly NodeRecord[],
  options: { replicationMin?: number; replicationMax?: number; cids?: string[]; dryRun: boolean },
): Promise<ClusterImportReport> {
  const perNode = new Map<string, string[]>();
  for (const node of nodes) perNode.set(node.name, await kuboRecursivePins(await connector.kuboApiUrl(node), node.name));
  const pinset = new Set((await client.allocations()).map((p) => p.cid));
  const plan = planImport(perNode, pinset, options.cids ? new Set(options.cids) : undefined);
  const found = [...perNode].map(([node, cids]) => ({ node, pins: cids.length }));
  if (options.dryRun) return { found, toImport: plan.toPin, alreadyInPinset: plan.alreadyInPinset, imported: 0, failed: [] };
  const peers = await client.peers();
  const peerOfNode = new Map<string, string>();
  for (const peer of peers) {
    const node = nodeOfPeer(peer, nodes);
    if (node) peerOfNode.set(node, peer.id);
  }
  const unmatched = nodes.filter((n) => !peerOfNode.has(n.name)).map((n) => n.name);
  if (unmatched.length > 0) {
    // Its pins could not be allocated to it, and Cluster would unpin them there: refuse, not guess.
    throw new PinfleetError('not_found', `no Cluster peer runs on ${unmatched.join(', ')}: add a peer beside its kubo first (importing now would let the cluster unpin its copies)`);
  }
  const result = await client.pinMany(plan.toPin, (cid) => importPinOptions((plan.holders.get(cid) ?? []).map((n) => peerOfNode.get(n)!), options));
  return { found, toImport: plan.toPin, alreadyInPinset: plan.alreadyInPinset, imported: result.done, failed: result.failed };
}
