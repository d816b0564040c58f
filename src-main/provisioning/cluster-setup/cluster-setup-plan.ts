// "Set up a cluster", decided as data: the replication defaults, where each peer keeps its state,
// and every peer's container. Each peer's identity is made before any peer starts, so every peer
// starts with the addresses of all the others and trusts exactly them (CRDT trusted peers): no
// discovery, no window in which a peer ignores another's pins. Pure, pinned by a table test.
import { posix } from 'node:path';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { RawPin } from '../../cluster/cluster-answers.js';
import { setupContainerName } from '../cluster-peer/peer-names.js';
import type { PinOptions } from '../../cluster/cluster-client.js';
import { importPinOptions } from '../../cluster/cluster-import.js';
import { clusterAddressOf } from '../../cluster/cluster-tunnel.js';
import type { Libp2pIdentity } from '../../cluster/libp2p-identity.js';
import { CLUSTER_PORTS, clusterContainerSpec, clusterEnvironment, kuboApiPlacement } from '../cluster-peer/cluster-peer-plan.js';
import { isIpv4 } from '../../../src-preload/contract/validators.js';
import { swarmHostFor } from '../steps/provision-plan.js';

/** The REST login every peer of a cluster the console sets up requires. */
export const SETUP_REST_USER = 'pinfleet';

/**
 * Replication when the admin leaves it out: two copies, up to three, never more than there are
 * nodes. A max given below the default min lowers the min to it.
 */
export function setupReplication(nodeCount: number, asked: { replicationMin?: number; replicationMax?: number }): { replicationMin: number; replicationMax: number } {
  const replicationMax = asked.replicationMax ?? Math.min(3, nodeCount);
  const cap = replicationMax > 0 ? replicationMax : nodeCount;
  const replicationMin = asked.replicationMin ?? Math.max(1, Math.min(2, nodeCount, cap));
  return { replicationMin, replicationMax };
}

/** Beside kubo's repo (the host folder mounted at /data/ipfs), as the add-a-server wizard lays it out. */
export function defaultStateDir(kuboRepoHostPath: string | null): string | null {
  if (!kuboRepoHostPath?.startsWith('/')) return null;
  return posix.join(posix.dirname(kuboRepoHostPath.replace(/\/+$/, '')), 'ipfs-cluster');
}

export interface SetupNode {
  name: string;
  host: string;
  apiAddress: string;
  region: string | null;
  tags: readonly string[];
  identity: Libp2pIdentity;
  stateDir: string;
}

export interface SetupPeerSpec {
  node: string;
  peerId: string;
  swarmAddress: string;
  restAddress: string;
  containerName: string;
  stateDir: string;
  spec: ReturnType<typeof clusterContainerSpec>;
}

/** The address the other peers dial: the SSH host, by IP when it is one. */
export function swarmAddressOf(node: Pick<SetupNode, 'host' | 'identity'>): string {
  const proto = isIpv4(node.host) ? 'ip4' : node.host.includes(':') ? 'ip6' : 'dns';
  return `/${proto}/${node.host}/tcp/${CLUSTER_PORTS.swarm}/p2p/${node.identity.id}`;
}

export function setupPeerSpecs(
  nodes: readonly SetupNode[],
  common: { secret: string; restLogin: { user: string; password: string }; image: string; runAs: string },
  /**
   * Nodes whose new peer joins a pinset that already exists: started with unpinning switched off
   * (see guardedJoinPins), then restarted without it.
   */
  guarded: ReadonlySet<string> = new Set(),
): SetupPeerSpec[] {
  const trusted = nodes.map((n) => n.identity.id).sort();
  return nodes.map((node) => {
    const { kuboApi, apiHost } = kuboApiPlacement(node.apiAddress);
    const env = clusterEnvironment({
      peerName: node.name,
      secret: common.secret,
      swarmHost: swarmHostFor(node.host),
      bootstrap: nodes.filter((n) => n !== node).map(swarmAddressOf).sort(),
      trustedPeers: trusted,
      region: node.region,
      tags: node.tags,
      // Every peer's address is known: no mDNS and no relays needed.
      privateNetwork: true,
      restLogin: common.restLogin,
      identity: node.identity,
      apiHost,
      kuboApi,
    });
    if (guarded.has(node.name)) env.push('CLUSTER_IPFSHTTP_UNPINDISABLE=true');
    const containerName = setupContainerName(node.name);
    return {
      node: node.name,
      peerId: node.identity.id,
      swarmAddress: swarmAddressOf(node),
      restAddress: `${apiHost}:${CLUSTER_PORTS.restApi}`,
      containerName,
      stateDir: node.stateDir,
      spec: clusterContainerSpec({ containerName, nodeName: node.name, image: common.image, runAs: common.runAs, stateDir: node.stateDir, env }),
    };
  });
}

/** Pure: which peers do not yet list every peer of the new cluster (the join is done when none). */
export function notYetJoined(peerIds: readonly string[], listedBy: ReadonlyMap<string, readonly string[]>): string[] {
  return peerIds.filter((id) => {
    const listed = listedBy.get(id);
    return !listed || peerIds.some((other) => !listed.includes(other));
  });
}

/** Pure: the (node, CID) pairs pinned before that are no longer pinned on that node. */
export function lostPins(before: ReadonlyMap<string, readonly string[]>, after: ReadonlyMap<string, readonly string[]>): { node: string; cid: string }[] {
  const missing: { node: string; cid: string }[] = [];
  for (const [node, cids] of before) {
    const now = new Set(after.get(node) ?? []);
    for (const cid of cids) if (!now.has(cid)) missing.push({ node, cid });
  }
  return missing;
}

/** REST addresses the console cannot derive from kubo's (clusterAddressOf): stored in the settings. */
export function explicitRestAddresses(nodes: readonly Pick<NodeRecord, 'name' | 'apiAddress'>[], specs: readonly Pick<SetupPeerSpec, 'node' | 'restAddress'>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const node = nodes.find((n) => n.name === spec.node);
    if (node && clusterAddressOf(node, {}) !== spec.restAddress) out[node.name] = spec.restAddress;
  }
  return out;
}

/**
 * A peer joining a cluster that already has a pinset receives every pin of it, and Cluster unpins
 * from that peer's kubo each one not allocated to it (pintracker/stateless Track), including CIDs
 * its kubo pinned before it joined. So it joins with unpinning off, and these pins, the ones its
 * kubo holds that are not allocated to it yet, get it into their allocations before it restarts
 * with unpinning on. Cluster keeps a pin's current allocations while they meet replication min, so
 * `force` asks for one more than it has, the joining peer first; `settle` (when min was lower)
 * puts min back, max raised to the allocations so none is dropped. Pins "everywhere" need nothing.
 */
export function guardedJoinPins(heldByNode: readonly string[], pinset: readonly RawPin[], peerId: string): { cid: string; force: PinOptions; settle: PinOptions | null }[] {
  const held = new Set(heldByNode);
  return pinset
    .filter((pin) => held.has(pin.cid) && !pin.allocations.includes(peerId) && pin.replicationMin !== -1 && pin.replicationMax !== -1)
    .map((pin) => {
      const allocations = [peerId, ...pin.allocations];
      const name = pin.name || undefined;
      const count = allocations.length;
      const force: PinOptions = { name, allocations, replicationMin: Math.max(pin.replicationMin, count), replicationMax: Math.max(pin.replicationMax, count) };
      const settle = pin.replicationMin < count ? { ...importPinOptions(allocations, { replicationMin: pin.replicationMin, replicationMax: pin.replicationMax }), name } : null;
      return { cid: pin.cid, force, settle };
    });
}
