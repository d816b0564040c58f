// Decommission in Cluster mode, decided as data: which Cluster peer is the node's (the one whose
// kubo is the node's kubo; the container Pinfleet made for it says so too), which pins of the
// pinset it holds and what each needs on the remaining peers, what refuses the whole run before
// anything changes, and when Cluster's re-allocation counts as done. The pinset is Cluster's:
// nothing here unpins on a kubo. Pure; decommission-cluster.ts does the calls.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { RawId, RawPin, RawPinStatus } from '../../cluster/cluster-answers.js';

/** The peer container Pinfleet made for this node (labels pinfleet.provisioned=1, role cluster, server <node>). */
export interface OwnPeerContainer {
  name: string;
  /** CLUSTER_ID in its environment (a set-up peer); null when the peer made its own identity. */
  peerId: string | null;
  /** Host side of its /data/ipfs-cluster mount: identity.json, service.json (the secret), the pinset copy. */
  stateDir: string | null;
}

export interface ClusterPinNeed {
  cid: string;
  /** Copies it must have on the remaining peers; -1: every remaining peer. */
  min: number;
}

export interface ClusterDecommissionPlan {
  peerId: string | null;
  peerName: string | null;
  container: OwnPeerContainer | null;
  /** Pins allocated to the peer (or to every peer): Cluster must re-allocate them before the node goes. */
  pins: ClusterPinNeed[];
  /** IDs of the peers that stay. */
  remaining: string[];
}

export interface ClusterFacts {
  node: string;
  /** The node's kubo peer ID (`ipfs id`). */
  kuboPeerId: string;
  peers: readonly Pick<RawId, 'id' | 'peername' | 'ipfsId'>[];
  pinset: readonly Pick<RawPin, 'cid' | 'allocations' | 'replicationMin'>[];
  /** The node's kubo recursive pins. */
  kuboPins: readonly string[];
  /** Pinfleet-made peer containers found for this node (more than one is refused). */
  containers: readonly OwnPeerContainer[];
}

const list = (items: readonly string[], max = 3) => `${items.slice(0, max).join(', ')}${items.length > max ? ` and ${items.length - max} more` : ''}`;

/** Which peer is the node's: its container's ID, else the peer whose kubo is the node's, else the one named like it. */
export function findNodePeer(facts: Pick<ClusterFacts, 'node' | 'kuboPeerId' | 'peers' | 'containers'>): { id: string; name: string } | null {
  if (facts.containers.length > 1) {
    throw new PinfleetError('duplicate', `${facts.node}'s Docker engine has ${facts.containers.length} Cluster peer containers Pinfleet made for it (${facts.containers.map((c) => c.name).join(', ')}): remove the stray one first; nothing was changed`);
  }
  const own = facts.containers[0]?.peerId;
  if (own) return { id: own, name: facts.peers.find((p) => p.id === own)?.peername ?? facts.node };
  const byKubo = facts.peers.filter((p) => p.ipfsId !== '' && p.ipfsId === facts.kuboPeerId);
  if (byKubo.length > 1) {
    throw new PinfleetError('duplicate', `${byKubo.length} Cluster peers (${byKubo.map((p) => p.id).join(', ')}) drive ${facts.node}'s kubo: remove the stray one first; nothing was changed`);
  }
  if (byKubo[0]) return { id: byKubo[0].id, name: byKubo[0].peername };
  const byName = facts.peers.filter((p) => p.peername === facts.node);
  return byName.length === 1 ? { id: byName[0]!.id, name: byName[0]!.peername } : null;
}

/** What the cluster must do before the node may go; throws the refusals (nothing has changed yet). */
export function planClusterDecommission(facts: ClusterFacts): ClusterDecommissionPlan {
  const peer = findNodePeer(facts);
  const container = facts.containers[0] ?? null;
  const remaining = facts.peers.map((p) => p.id).filter((id) => id !== peer?.id);
  const inPinset = new Set(facts.pinset.map((p) => p.cid));
  // Pins made on the kubo directly are Cluster's to know about first, or they would go with the node.
  const outside = facts.kuboPins.filter((cid) => !inPinset.has(cid)).sort();
  if (outside.length > 0) {
    throw new PinfleetError(
      'invalid_input',
      `${facts.node}'s kubo pins ${outside.length} CID(s) that are not in the cluster pinset (${list(outside)}): they would be lost with the node. ` +
        `Bring them into the pinset first (\`pinfleet cluster import --nodes ${facts.node}\`), then decommission again; nothing was changed`,
    );
  }
  const pins: ClusterPinNeed[] = [];
  for (const pin of facts.pinset) {
    const everywhere = pin.replicationMin === -1 || pin.allocations.length === 0;
    if (!everywhere && (peer === null || !pin.allocations.includes(peer.id))) continue;
    pins.push({ cid: pin.cid, min: everywhere ? -1 : Math.max(1, pin.replicationMin) });
  }
  pins.sort((a, b) => a.cid.localeCompare(b.cid));
  const tooFew = pins.filter((p) => p.min > remaining.length);
  if (tooFew.length > 0) {
    throw new PinfleetError(
      'no_space',
      `${tooFew.length} pin(s) need more copies than the ${remaining.length} peer(s) left after ${facts.node} (${list(tooFew.map((p) => `${p.cid} needs ${p.min}`))}): ` +
        `lower their replication or add a node first; nothing was changed`,
    );
  }
  if (remaining.length === 0 && pins.length > 0) {
    throw new PinfleetError('no_space', `${facts.node}'s peer is the cluster's last: its ${pins.length} pin(s) would have nowhere to go; nothing was changed`);
  }
  return { peerId: peer?.id ?? null, peerName: peer?.name ?? null, container, pins, remaining };
}

export interface ReallocationState {
  done: number;
  /** Pins not re-allocated and pinned yet, with why. */
  waiting: { cid: string; why: string }[];
}

/**
 * Re-allocation is done for a pin when at least `min` remaining peers (every remaining one for -1)
 * are allocated it and report it pinned. Cluster may keep the departing peer in a pin's
 * allocations when the others already meet the minimum (its allocator adds no one then), so
 * being listed there does not count against it; only the remaining peers count for it.
 */
export function reallocationState(plan: Pick<ClusterDecommissionPlan, 'pins' | 'remaining'>, pinset: readonly Pick<RawPin, 'cid' | 'allocations'>[], statuses: readonly Pick<RawPinStatus, 'cid' | 'peers'>[]): ReallocationState {
  const allocations = new Map(pinset.map((p) => [p.cid, p.allocations]));
  const status = new Map(statuses.map((s) => [s.cid, s.peers]));
  const remaining = new Set(plan.remaining);
  const waiting: ReallocationState['waiting'] = [];
  for (const pin of plan.pins) {
    const allocated = allocations.get(pin.cid);
    if (allocated === undefined) {
      waiting.push({ cid: pin.cid, why: 'it left the pinset (unpinned by someone meanwhile?)' });
      continue;
    }
    const need = pin.min === -1 ? remaining.size : pin.min;
    // An empty allocation list is "every peer" (replication -1).
    const allocatedRemaining = allocated.length === 0 ? remaining.size : allocated.filter((id) => remaining.has(id)).length;
    if (allocatedRemaining < need) {
      waiting.push({ cid: pin.cid, why: `allocated to ${allocatedRemaining} of the ${need} remaining peer(s) it needs` });
      continue;
    }
    const pinned = (status.get(pin.cid) ?? []).filter((p) => remaining.has(p.peer) && p.status === 'pinned').length;
    if (pinned < need) waiting.push({ cid: pin.cid, why: `pinned on ${pinned} of the ${need} remaining peer(s) it needs` });
  }
  return { done: plan.pins.length - waiting.length, waiting };
}

/** The remaining peers' own kubo `pin ls`: each pin on at least its min of them. */
export function missingOnKubos(pins: readonly ClusterPinNeed[], pinsByNode: ReadonlyMap<string, ReadonlySet<string>>): { cid: string; on: string[]; need: number }[] {
  const missing: { cid: string; on: string[]; need: number }[] = [];
  for (const pin of pins) {
    const on = [...pinsByNode.entries()].filter(([, pins]) => pins.has(pin.cid)).map(([node]) => node).sort();
    const need = pin.min === -1 ? pinsByNode.size : pin.min;
    if (on.length < need) missing.push({ cid: pin.cid, on, need });
  }
  return missing;
}
