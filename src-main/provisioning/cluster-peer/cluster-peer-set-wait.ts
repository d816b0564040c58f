// Waits, with a deadline, until the cluster's peer set is complete (cluster-peer-set.ts) before a
// new peer is started with it as its trusted peers: a blip heals within seconds, and a peer that
// trusted a partial set would ignore a live peer's pins for good. Each attempt asks a peer that
// answers for /peers and every other inventory node's peer for its /id, each request bounded;
// the admin sees who is missing at every attempt. Past the deadline the step fails naming them.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { RawId } from '../../cluster/cluster-answers.js';
import { ClusterClient } from '../../cluster/cluster-client.js';
import { clusterAddressOf, clusterApiUrl } from '../../cluster/cluster-tunnel.js';
import type { NodeConnector } from '../../connections/node-connector.js';
import type { Inventory } from '../../inventory/inventory.js';
import { describeMissing, peerSetVerdict, type FleetPeerProbe, type MissingPeer } from './cluster-peer-set.js';

const PROBE_TIMEOUT_MS = 10_000;
/** An attempt begun just before the deadline still gets this long. */
const MIN_ATTEMPT_MS = 5_000;
/** An attempt that hangs (a node whose traffic is dropped) is cut off after this long, so the admin hears who is silent. */
const MAX_ATTEMPT_MS = 15_000;

export interface PeerSetSources {
  /** A peer of the cluster that answers, and the node it runs on. */
  reach(): Promise<{ client: ClusterClient; via: string }>;
  /** Every other inventory node's Cluster peer, asked directly; `progress` hears who is asked and who answered. */
  probeFleet(progress?: ProbeProgress): Promise<FleetPeerProbe[]>;
}

export interface PeerSetWait {
  timeoutMs: number;
  say(line: string): void;
  /** Pause between attempts. */
  intervalMs?: number;
}

/** Who an attempt asked and who has answered so far: an attempt cut off at the deadline still names who did not. */
export interface ProbeProgress {
  asked(names: readonly string[]): void;
  answered(name: string): void;
}

type Attempt = { complete: { client: ClusterClient; via: string; live: RawId[] } } | { missing: MissingPeer[] | null; why: string };

/** One look: a peer's /peers against every node's own answer. Never rejects. */
async function attemptOnce(sources: PeerSetSources, self: string, progress: ProbeProgress): Promise<Attempt> {
  const [reached, probes] = await Promise.all([sources.reach().catch((error: Error) => error), sources.probeFleet(progress)]);
  if (reached instanceof Error) return { missing: null, why: `no Cluster peer answers (${reached.message})` };
  const listed = await reached.client.peers().catch((error: Error) => error);
  if (listed instanceof Error) return { missing: null, why: `${reached.via}'s Cluster peer did not list the peers (${listed.message})` };
  const verdict = peerSetVerdict(listed, probes, self);
  if (verdict.complete) return { complete: { client: reached.client, via: reached.via, live: verdict.live } };
  return { missing: verdict.missing, why: verdict.missing.length > 0 ? `missing ${describeMissing(verdict.missing)}` : `${reached.via}'s Cluster peer lists no other peer` };
}

/** The live peers to trust, once every peer the fleet and the cluster know answers; else a timeout naming the missing ones. */
export async function waitForCompletePeerSet(sources: PeerSetSources, self: string, wait: PeerSetWait): Promise<{ client: ClusterClient; via: string; live: RawId[] }> {
  const deadline = Date.now() + wait.timeoutMs;
  let missing: MissingPeer[] = [];
  let why = '';
  for (let attempt = 1; ; attempt++) {
    // Each request has its own timeout; the attempt as a whole also ends at the deadline.
    let timer: NodeJS.Timeout | undefined;
    const cutOff = new Promise<Attempt>((resolve) => {
      const ms = Math.max(Math.min(deadline - Date.now(), MAX_ATTEMPT_MS), MIN_ATTEMPT_MS);
      timer = setTimeout(() => resolve({ missing: null, why: `the cluster and the nodes did not all answer within ${Math.round(ms / 1000)} s` }), ms);
    });
    const asked = new Set<string>();
    const progress: ProbeProgress = { asked: (names) => names.forEach((n) => asked.add(n)), answered: (name) => asked.delete(name) };
    const outcome = await Promise.race([attemptOnce(sources, self, progress), cutOff]);
    clearTimeout(timer);
    // Cut off before every node answered: the ones still silent are the missing ones.
    if (!('complete' in outcome) && outcome.missing === null && asked.size > 0) {
      outcome.missing = [...asked].filter((n) => n !== self).map((name): MissingPeer => ({ name, peerId: null, why: 'did not answer in time' }));
      outcome.why = `missing ${describeMissing(outcome.missing)}`;
    }
    if ('complete' in outcome) {
      wait.say(`the cluster's peer set is complete: ${outcome.complete.live.length} peer(s), asked from ${outcome.complete.via}${attempt > 1 ? ` after ${attempt} attempts` : ''}`);
      return outcome.complete;
    }
    if (outcome.missing) missing = outcome.missing;
    why = outcome.why;
    const left = deadline - Date.now();
    if (left <= 0) break;
    wait.say(`waiting for the cluster's peer set to be complete before the new peer starts (it trusts only the peers it starts with): ${why}; ${Math.ceil(left / 1000)} s left`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait.intervalMs ?? 3000, left)));
  }
  const names = missing.map((m) => m.name);
  throw new PinfleetError(
    'timeout',
    `the cluster's peer set was not complete within ${Math.round(wait.timeoutMs / 1000)} s${names.length > 0 ? `: ${names.join(', ')} missing` : ''} (${why}). A new peer trusts only the peers it starts with, so it was not started with a partial list. Bring ${names.length > 0 ? names.join(', ') : 'the cluster'} back (or remove a node that left the fleet from the inventory), then run the wizard again.`,
  );
}

export interface FleetProbeDeps {
  inventory: Pick<Inventory, 'listNodes'>;
  connector: Pick<NodeConnector, 'serviceUrl' | 'exec'>;
  /** REST addresses the settings name for some nodes (clusterAddressOf). */
  restAddresses: Record<string, string>;
  auth: { user: string; password: string } | null;
}

/** Asks every active inventory node's Cluster peer for its /id through the node's SSH connection. */
export function fleetPeerProbes(deps: FleetProbeDeps): (progress?: ProbeProgress) => Promise<FleetPeerProbe[]> {
  return (progress) => {
    const nodes = deps.inventory.listNodes().filter((n) => n.state === 'active');
    progress?.asked(nodes.map((n) => n.name));
    return Promise.all(nodes.map((node) => probeNode(deps, node).finally(() => progress?.answered(node.name))));
  };
}

async function probeNode(deps: FleetProbeDeps, node: NodeRecord): Promise<FleetPeerProbe> {
  const address = clusterAddressOf(node, deps.restAddresses);
  let baseUrl: string;
  try {
    baseUrl = await clusterApiUrl(deps.connector as NodeConnector, node, address);
  } catch (error) {
    return { node: node.name, outcome: 'unknown', why: `its server does not answer: ${(error as Error).message}` };
  }
  const client = new ClusterClient({ baseUrl, label: `${node.name}'s Cluster peer (${address})`, ...(deps.auth ? { auth: deps.auth } : {}) });
  try {
    return { node: node.name, outcome: 'peer', peerId: (await client.id()).id };
  } catch (error) {
    const why = (error as Error).message;
    if (!(error instanceof PinfleetError && error.code === 'unreachable')) return { node: node.name, outcome: 'unknown', why };
    // Through the tunnel a refused port and a dying SSH connection look alike (a reset socket):
    // only a server that still runs a command has no peer listening there.
    const alive = await deps.connector.exec(node, ['true'], { timeoutMs: PROBE_TIMEOUT_MS }).then((r) => r.code === 0, () => false);
    return alive ? { node: node.name, outcome: 'none' } : { node: node.name, outcome: 'unknown', why };
  }
}
