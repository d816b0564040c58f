// Pure decisions of an upload through the cluster: the replication it asks for, which allocated
// node receives the bytes, and when the cluster's pinning of it is over (and how it went).
import type { ClusterPin } from '../../src-preload/contract/cluster-types.js';
import type { StoredClusterSettings } from './cluster-settings.js';

export interface Replication {
  min: number;
  max: number;
}

/**
 * The upload asks for at least `replicas` copies; the settings can raise that floor and set the
 * ceiling (-1: every peer). A ceiling below the floor is lifted to it.
 */
export function uploadReplication(replicas: number, settings: Pick<StoredClusterSettings, 'replicationMin' | 'replicationMax'>): Replication {
  const min = Math.max(replicas, settings.replicationMin !== null && settings.replicationMin > 0 ? settings.replicationMin : 0);
  const max = settings.replicationMax === -1 ? -1 : Math.max(min, settings.replicationMax ?? min);
  return { min, max };
}

/**
 * Allocated nodes in the allocator's order (Cluster lists the best candidate first): the bytes go
 * to the first that the inventory knows, the others fetch them from it over bitswap.
 */
export function senders(allocations: readonly string[], nodeOfPeer: ReadonlyMap<string, string | null>): string[] {
  return allocations.map((peer) => nodeOfPeer.get(peer) ?? null).filter((n): n is string => n !== null);
}

export type Settling =
  | { done: false }
  | { done: true; pinned: string[]; failed: { peer: string; error: string }[] };

const FAILED = new Set(['pin_error', 'cluster_error', 'error', 'unexpectedly_unpinned']);

/** Over when every allocated peer is pinned or has failed; in flight otherwise. Peer names in the answer. */
export function settling(pin: ClusterPin): Settling {
  const allocated = pin.peers.filter((p) => pin.allocations.length === 0 || pin.allocations.includes(p.peer));
  if (allocated.length === 0) return { done: false };
  const pinned = allocated.filter((p) => p.status === 'pinned').map((p) => p.peerName);
  const failed = allocated.filter((p) => FAILED.has(p.status)).map((p) => ({ peer: p.peerName, error: p.error || p.status }));
  if (pinned.length + failed.length < allocated.length) return { done: false };
  return { done: true, pinned, failed };
}
