// When is the cluster's peer set complete enough to start a new peer? A CRDT peer accepts pinset
// updates only from the peers it trusts, and it learns whom to trust once, from
// CLUSTER_CRDT_TRUSTEDPEERS at its first start: a peer started from a /peers answer taken during a
// network blip never trusts the peer that was cut off. /peers lists only peers whose heartbeat is
// fresh, so a peer that went quiet for half a minute is simply absent from it. What the cluster
// should contain therefore comes from elsewhere too: every other inventory node, whose Cluster
// peer is asked directly. Complete: every such peer, and every peer /peers names, is listed by
// /peers without an error. Pure, pinned by a table test.
import type { RawId } from '../../cluster/cluster-answers.js';

/** One inventory node's Cluster peer, asked directly through its SSH connection. */
export type FleetPeerProbe =
  | { node: string; outcome: 'peer'; peerId: string }
  /** Its REST port refused: the node runs no Cluster peer, so none is expected of it. */
  | { node: string; outcome: 'none' }
  /** It could not be asked (the server or its peer did not answer): whether it has a peer is unknown. */
  | { node: string; outcome: 'unknown'; why: string };

export interface MissingPeer {
  /** The node's name, else the peer's name, else its ID. */
  name: string;
  peerId: string | null;
  why: string;
}

export interface PeerSetVerdict {
  complete: boolean;
  /** The peers listed without an error, the new peer's own excepted: whom it will trust and bootstrap to. */
  live: RawId[];
  missing: MissingPeer[];
}

/**
 * Judges one /peers answer against what the fleet says. `self` is the new peer's name (a re-run
 * finds its own peer listed: it is neither trusted nor waited for).
 */
export function peerSetVerdict(listed: readonly RawId[], probes: readonly FleetPeerProbe[], self: string): PeerSetVerdict {
  const others = listed.filter((p) => p.peername !== self && p.id !== '');
  const live = others.filter((p) => p.error === '');
  const liveIds = new Set(live.map((p) => p.id));
  const missing: MissingPeer[] = [];
  const named = new Set<string>();
  for (const probe of probes) {
    if (probe.node === self || probe.outcome === 'none') continue;
    if (probe.outcome === 'unknown') {
      missing.push({ name: probe.node, peerId: null, why: `its Cluster peer could not be asked (${probe.why})` });
      continue;
    }
    named.add(probe.peerId);
    const entry = others.find((p) => p.id === probe.peerId);
    if (liveIds.has(probe.peerId)) continue;
    missing.push({
      name: probe.node,
      peerId: probe.peerId,
      why: entry ? `the cluster cannot reach it (${entry.error})` : 'the cluster does not list it (it has not been heard from recently)',
    });
  }
  for (const entry of others) {
    if (entry.error === '' || named.has(entry.id)) continue;
    missing.push({ name: entry.peername || entry.id, peerId: entry.id, why: `the cluster cannot reach it (${entry.error})` });
  }
  return { complete: missing.length === 0 && live.length > 0, live, missing };
}

/** "node3 (12D3Koo…): why; …" for progress lines and the step's error. */
export function describeMissing(missing: readonly MissingPeer[]): string {
  return missing.map((m) => `${m.name}${m.peerId && m.peerId !== m.name ? ` (${m.peerId})` : ''}: ${m.why}`).join('; ');
}
