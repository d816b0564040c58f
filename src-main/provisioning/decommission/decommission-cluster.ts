// Decommission in Cluster mode, the calls: read what the cluster holds (through a peer on another
// node), remove the node's peer from the peerset (Cluster re-allocates every pin it held), wait
// with a deadline until every such pin is pinned on its minimum of remaining peers, check that
// with the remaining nodes' own kubo `pin ls`, and only then remove the peer container Pinfleet
// made for the node and its state folder (its identity.json and service.json hold the peer's key
// and the fleet secret). The decisions are in decommission-cluster-plan.ts.
import type Docker from 'dockerode';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { ClusterClient } from '../../cluster/cluster-client.js';
import { kuboRecursivePins } from '../../cluster/cluster-import.js';
import { removeClusterPeer } from '../../cluster/cluster-peer-access.js';
import { peerIdentity } from '../../uploads/kubo-pins.js';
import { CLUSTER_STATE_MOUNT } from '../cluster-peer/cluster-peer-plan.js';
import { identitySecretRef } from '../cluster-peer/peer-names.js';
import { missingOnKubos, planClusterDecommission, reallocationState, type ClusterDecommissionPlan, type OwnPeerContainer } from './decommission-cluster-plan.js';
import type { WizardDeps } from '../steps/provision-env.js';

const POLL_MS = 2_000;
const PEERSET_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_S = 60;

export interface ClusterContext {
  deps: WizardDeps;
  node: NodeRecord;
  docker: Docker;
  kuboUrl: string;
  say(line: string): void;
}

export interface ClusterPlanned {
  plan: ClusterDecommissionPlan;
  client: ClusterClient;
  via: string;
}

export async function planThroughCluster(ctx: ClusterContext): Promise<ClusterPlanned> {
  const { deps, node } = ctx;
  if (!deps.cluster) throw new PinfleetError('internal', 'this Pinfleet was started without its Cluster service');
  const { client, via } = await deps.cluster.reachExcept(deps.connector, node.name);
  const [peers, pinset, kuboPins, kubo, containers] = await Promise.all([
    client.peers(),
    client.allocations(),
    kuboRecursivePins(ctx.kuboUrl, node.name),
    peerIdentity(ctx.kuboUrl),
    ownPeerContainers(ctx.docker, node.name),
  ]);
  const plan = planClusterDecommission({ node: node.name, kuboPeerId: kubo.id, peers, pinset, kuboPins, containers });
  ctx.say(
    plan.peerId
      ? `${node.name}'s Cluster peer is ${plan.peerId}; ${plan.pins.length} pin(s) of the pinset must be re-allocated to the ${plan.remaining.length} remaining peer(s) (asked through ${via})`
      : `${node.name} runs no Cluster peer the cluster knows; its kubo pins nothing outside the pinset`,
  );
  return { plan, client, via };
}

/** Containers Pinfleet made as this node's Cluster peer, with the identity and state folder they were given. */
async function ownPeerContainers(docker: Docker, node: string): Promise<OwnPeerContainer[]> {
  const listed = await docker.listContainers({ all: true, filters: { label: ['pinfleet.provisioned=1', 'pinfleet.role=cluster', `pinfleet.server=${node}`] } });
  const out: OwnPeerContainer[] = [];
  for (const summary of listed) {
    const inspected = (await docker.getContainer(summary.Id).inspect()) as { Name: string; Config: { Env?: string[] | null }; Mounts?: { Source?: string; Destination: string }[] };
    const env = inspected.Config.Env ?? [];
    const id = env.find((e) => e.startsWith('CLUSTER_ID='))?.slice('CLUSTER_ID='.length) ?? null;
    const stateDir = inspected.Mounts?.find((m) => m.Destination === CLUSTER_STATE_MOUNT)?.Source ?? null;
    out.push({ name: inspected.Name.replace(/^\//, ''), peerId: id || null, stateDir });
  }
  return out;
}

/** peers rm, then the wait for Cluster's re-allocation and the kubo check; throws (node untouched) when it does not complete. */
export async function reallocateThroughCluster(ctx: ClusterContext, planned: ClusterPlanned, timeoutMs: number): Promise<void> {
  const { plan, client } = planned;
  if (plan.peerId) {
    await removeClusterPeer(client, plan.peerId);
    ctx.say(`asked the cluster to remove peer ${plan.peerId}: it re-allocates the ${plan.pins.length} pin(s) it held`);
  }
  const deadline = Date.now() + timeoutMs;
  let lastLine = '';
  for (;;) {
    const [pinset, statuses] = await Promise.all([client.allocations(), client.statusAll()]);
    const state = reallocationState(plan, pinset, statuses);
    const line = `re-allocation: ${state.done} of ${plan.pins.length} pin(s) pinned on their minimum of remaining peers`;
    if (line !== lastLine) ctx.say(line);
    lastLine = line;
    if (state.waiting.length === 0) break;
    if (Date.now() >= deadline) {
      const sample = state.waiting.slice(0, 3).map((w) => `${w.cid} (${w.why})`).join('; ');
      throw new PinfleetError(
        'timeout',
        `Cluster did not finish re-allocating ${ctx.node.name}'s pins within ${Math.round(timeoutMs / 1000)} s: ${state.waiting.length} of ${plan.pins.length} still waiting, e.g. ${sample}. ` +
          `${ctx.node.name} was not touched: its kubo and Cluster peer still run and it stays in the inventory, draining. ` +
          'See `pinfleet cluster status` for those pins, then decommission again (it continues).',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  await verifyOnRemainingKubos(ctx, planned);
}

async function verifyOnRemainingKubos(ctx: ClusterContext, planned: ClusterPlanned): Promise<void> {
  const { deps, node } = ctx;
  const peers = await planned.client.peers();
  const remaining = new Set(planned.plan.remaining);
  const kuboIds = new Set(peers.filter((p) => remaining.has(p.id)).map((p) => p.ipfsId));
  const pinsByNode = new Map<string, ReadonlySet<string>>();
  for (const other of deps.inventory.listNodes()) {
    if (other.name === node.name) continue;
    const url = await deps.connector.kuboApiUrl(other);
    if (!kuboIds.has((await peerIdentity(url)).id)) continue; // not one of the cluster's remaining peers
    pinsByNode.set(other.name, new Set(await kuboRecursivePins(url, other.name)));
  }
  const missing = missingOnKubos(planned.plan.pins, pinsByNode);
  if (missing.length > 0) {
    const sample = missing.slice(0, 3).map((m) => `${m.cid} is pinned on ${m.on.length} of ${m.need} (${m.on.join(', ') || 'none'})`).join('; ');
    throw new PinfleetError('remote_failed', `Cluster reports the pins re-allocated, but the remaining nodes' own pin ls disagrees for ${missing.length}: ${sample}. ${node.name} was not touched; decommission again once \`pinfleet cluster status\` settles.`);
  }
  ctx.say(`checked with ${pinsByNode.size} remaining node(s)' own pin ls: every one of the ${planned.plan.pins.length} pin(s) has its copies`);
}

/** The peer container Pinfleet made and its state folder (the peer's key, the fleet secret), then the key in the secret store. */
export async function removeOwnPeer(ctx: ClusterContext, planned: ClusterPlanned): Promise<string[]> {
  const { deps, node, docker } = ctx;
  const removed: string[] = [];
  const own = planned.plan.container;
  if (own) {
    const container = docker.getContainer(own.name);
    // A clean stop: the peer leaves the swarm instead of timing out.
    await container.stop({ t: STOP_TIMEOUT_S }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 304) throw error;
    });
    await container.remove({ force: true });
    removed.push(own.name);
    ctx.say(`removed the Cluster peer container ${own.name} (its environment held the fleet secret and the peer's key)`);
    if (own.stateDir && own.stateDir.startsWith('/') && own.stateDir.split('/').filter(Boolean).length >= 2) {
      const result = await deps.connector.exec(node, ['rm', '-rf', '--one-file-system', '--', own.stateDir], { timeoutMs: 120_000 });
      if (result.code !== 0) throw new PinfleetError('remote_failed', `could not remove the Cluster peer's state folder ${own.stateDir} on ${node.name}: ${result.stderr.trim()}`);
      removed.push(own.stateDir);
      ctx.say(`removed ${own.stateDir} (identity.json, service.json with the secret, the pinset copy)`);
    }
  } else if (planned.plan.peerId) {
    ctx.say(`${node.name}'s Cluster peer was not made by Pinfleet: stop it and remove its state folder on the server by hand`);
  }
  if (deps.secrets && (await deps.secrets.get(identitySecretRef(node.id)).catch(() => null)) !== null) {
    await deps.secrets.delete(identitySecretRef(node.id));
    ctx.say(`deleted ${node.name}'s Cluster peer identity from the secret store`);
  }
  if (planned.plan.peerId && own) await waitUntilGone(ctx, planned);
  return removed;
}

/** CRDT Cluster drops a peer from /peers once its metrics expire: wait for that (bounded). */
async function waitUntilGone(ctx: ClusterContext, planned: ClusterPlanned): Promise<void> {
  const deadline = Date.now() + PEERSET_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const listed = await planned.client.peers().then((peers) => peers.some((p) => p.id === planned.plan.peerId)).catch(() => true);
    if (!listed) {
      ctx.say(`the cluster no longer lists ${planned.plan.peerId}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  ctx.say(`the cluster still lists ${planned.plan.peerId} after ${PEERSET_TIMEOUT_MS / 1000} s (its container is gone; CRDT Cluster drops it once its metrics expire)`);
}
