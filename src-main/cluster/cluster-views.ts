// Pure: turns Cluster's answers into what the page and the CLI show: peers joined with their
// metrics and inventory node, pins joined with their replication and judged (settled,
// under-replicated), and the filters of the pinset view.
import type { ClusterAlert, ClusterPeer, ClusterPin, ClusterPinState } from '../../src-preload/contract/cluster-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { RawAlert, RawId, RawMetric, RawPin, RawPinStatus } from './cluster-answers.js';

const hostOfMultiaddr = (address: string): string | null => /^\/ip[46]\/([^/]+)\//.exec(address)?.[1] ?? null;

/** The inventory node a peer runs on: same name first (the usual peername), else a matching address. */
export function nodeOfPeer(peer: Pick<RawId, 'peername' | 'addresses' | 'ipfsAddresses'>, nodes: readonly Pick<NodeRecord, 'name' | 'host'>[]): string | null {
  const byName = nodes.find((n) => n.name === peer.peername);
  if (byName) return byName.name;
  const hosts = new Set([...peer.addresses, ...peer.ipfsAddresses].map(hostOfMultiaddr).filter((h): h is string => h !== null && h !== '127.0.0.1'));
  return nodes.find((n) => hosts.has(n.host))?.name ?? null;
}

/**
 * A peer that stops answering drops out of /peers altogether; what is left of it is the `ping`
 * alert the others raise (its value names the peer). Those come back as peers in error.
 */
export function missingPeers(peers: readonly RawId[], alerts: readonly RawAlert[]): RawId[] {
  const known = new Set(peers.map((p) => p.id));
  const missing = new Map<string, RawId>();
  for (const alert of alerts) {
    if (alert.name !== 'ping' || known.has(alert.peer) || missing.has(alert.peer)) continue;
    let named: { peer_name?: unknown; ipfs_id?: unknown } = {};
    try {
      named = JSON.parse(alert.value) as typeof named;
    } catch {
      // an older peer's ping carries no JSON: the id will do
    }
    missing.set(alert.peer, {
      id: alert.peer,
      peername: typeof named.peer_name === 'string' ? named.peer_name : '',
      version: '',
      addresses: [],
      clusterPeers: [],
      ipfsId: typeof named.ipfs_id === 'string' ? named.ipfs_id : '',
      ipfsAddresses: [],
      error: `no ping since ${alert.triggeredAt || 'a while'}: the cluster counts it as down and re-allocates its pins`,
    });
  }
  return [...missing.values()];
}

export function peerViews(
  answered: readonly RawId[],
  metrics: readonly RawMetric[],
  alerts: readonly RawAlert[],
  nodes: readonly Pick<NodeRecord, 'name' | 'host'>[],
  nowNs: bigint,
): ClusterPeer[] {
  return [...answered, ...missingPeers(answered, alerts)]
    .map((peer): ClusterPeer => {
      const mine = metrics.filter((m) => m.peer === peer.id);
      const freespace = mine.find((m) => m.name === 'freespace');
      const tags: Record<string, string> = {};
      for (const m of mine) if (m.name.startsWith('tag:')) tags[m.name.slice(4)] = m.value;
      // Cluster's expire is a UnixNano: compare as bigint, a double loses the last digits.
      const expired = (m: RawMetric | undefined) => m !== undefined && BigInt(Math.trunc(m.expire)) < nowNs;
      const ping = mine.find((m) => m.name === 'ping');
      return {
        id: peer.id,
        name: peer.peername || peer.id.slice(-8),
        version: peer.version,
        ipfsId: peer.ipfsId,
        addresses: peer.addresses,
        node: nodeOfPeer(peer, nodes),
        error: peer.error,
        freespaceBytes: freespace && freespace.valid ? Number(freespace.value) : null,
        tags,
        metricsExpired: expired(ping) || expired(freespace),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Newest first; an alert about a peer that answers now (no error in `peers`) counts as cleared. */
export function alertViews(alerts: readonly RawAlert[], peers: readonly Pick<ClusterPeer, 'id' | 'name' | 'error'>[]): ClusterAlert[] {
  const byId = new Map(peers.map((p) => [p.id, p]));
  return alerts
    .map((a) => {
      const peer = byId.get(a.peer);
      return { name: a.name, peer: a.peer, peerName: peer?.name ?? a.peer.slice(-8), value: a.value, triggeredAt: a.triggeredAt, cleared: peer !== undefined && peer.error === '' };
    })
    .sort((a, b) => Number(a.cleared) - Number(b.cleared) || b.triggeredAt.localeCompare(a.triggeredAt));
}

const IN_FLIGHT: ReadonlySet<ClusterPinState> = new Set(['pinning', 'pin_queued', 'queued', 'unpinning', 'unpin_queued']);
const BROKEN: ReadonlySet<ClusterPinState> = new Set(['pin_error', 'cluster_error', 'error', 'unexpectedly_unpinned', 'unpin_error']);

/**
 * Joins a pin's per-peer status with its replication. An empty allocation list means "every peer"
 * (replication -1). Under-replicated: fewer allocated peers hold it pinned than replication min
 * asks for (at least one), or an allocated peer is in error: that is what recovery is for.
 */
export function pinView(status: RawPinStatus, pin: RawPin | undefined, names: ReadonlyMap<string, string>): ClusterPin {
  const allocations = status.allocations.length > 0 ? status.allocations : (pin?.allocations ?? []);
  const holders = allocations.length > 0 ? allocations : status.peers.map((p) => p.peer);
  const byPeer = new Map(status.peers.map((p) => [p.peer, p]));
  const pinnedCount = holders.filter((peer) => byPeer.get(peer)?.status === 'pinned').length;
  const min = pin?.replicationMin ?? null;
  const wanted = min === null || min === 0 ? 1 : min === -1 ? holders.length : min;
  const broken = holders.some((peer) => BROKEN.has(byPeer.get(peer)?.status ?? 'undefined'));
  const inFlight = holders.some((peer) => IN_FLIGHT.has(byPeer.get(peer)?.status ?? 'undefined'));
  return {
    cid: status.cid,
    name: status.name || pin?.name || '',
    allocations,
    allocationNames: allocations.map((peer) => byPeer.get(peer)?.peerName || names.get(peer) || peer.slice(-8)),
    replicationMin: pin ? pin.replicationMin : null,
    replicationMax: pin ? pin.replicationMax : null,
    created: status.created,
    peers: status.peers.map((p) => ({ peer: p.peer, peerName: p.peerName || names.get(p.peer) || p.peer.slice(-8), status: p.status, error: p.error, at: p.at })),
    pinnedCount,
    underReplicated: broken || pinnedCount < wanted,
    settled: !broken && !inFlight && pinnedCount === holders.length && holders.length > 0,
  };
}

export type PinsFilter = 'all' | 'pinned' | 'pinning' | 'queued' | 'error' | 'unexpectedly_unpinned' | 'underReplicated';

/** Applied here rather than by Cluster's `filter=`: that one filters peers inside each pin, not pins. */
export function matchesFilter(pin: ClusterPin, filter: PinsFilter): boolean {
  const states = new Set(pin.peers.filter((p) => pin.allocations.length === 0 || pin.allocations.includes(p.peer)).map((p) => p.status));
  switch (filter) {
    case 'all':
      return true;
    case 'underReplicated':
      return pin.underReplicated;
    case 'pinned':
      return pin.settled;
    case 'queued':
      return states.has('pin_queued') || states.has('queued') || states.has('unpin_queued');
    case 'error':
      return [...states].some((s) => BROKEN.has(s));
    default:
      return states.has(filter);
  }
}
