// The wizard's optional "cluster" step: an ipfs-cluster-service container beside the kubo the
// container step started, joined to the fleet's existing cluster and checked from both sides (the
// cluster's /peers lists it, its own /id sees the others). It starts only once the cluster's peer
// set is complete (cluster-peer-set.ts), since the peer trusts just the peers it starts with.
// Compares what runs with what is wanted and changes only the difference; every change is recorded
// with its undo (the state folder, the container, and the peer's removal from the cluster, which
// re-allocates what it held).
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { ClusterClient } from '../../cluster/cluster-client.js';
import type { ClusterPeerAccess } from '../../cluster/cluster-peer-access.js';
import { defaultClusterImage } from '../cluster-peer/cluster-default-image.js';
import { ensureClusterContainer, waitForPeer } from '../cluster-peer/cluster-container.js';
import { fleetPeerProbes, waitForCompletePeerSet } from '../cluster-peer/cluster-peer-set-wait.js';
import { CLUSTER_PORTS, bootstrapAddresses, clusterContainerSpec, clusterEnvironment, clusterStateDir, joinVerdict } from '../cluster-peer/cluster-peer-plan.js';
import type { StepEnv, StepOutcome } from '../steps/provision-env.js';

const JOIN_TIMEOUT_MS = 90_000;
/** How long a blip may last before the step gives up rather than trust a partial peer set. */
const PEER_SET_TIMEOUT_MS = 180_000;

function accessOf(env: StepEnv): ClusterPeerAccess {
  if (!env.deps.cluster) throw new PinfleetError('internal', 'this Pinfleet was started without its Cluster service');
  return env.deps.cluster;
}

export async function clusterStep(env: StepEnv): Promise<StepOutcome> {
  const { input } = env;
  const access = accessOf(env);
  const secret = await access.secret();
  if (secret === null) throw new PinfleetError('not_found', "the secret store holds no cluster secret: store the fleet's secret (CLUSTER_SECRET of its peers) first, or set up a cluster");
  const restLogin = await access.restLogin();
  // The new peer trusts exactly the peers it starts with: never start it from a partial /peers
  // answer (a blip). Our own peer (a re-run) is neither waited for nor trusted: its name is the node's.
  const { client: existing, via, live: others } = await waitForCompletePeerSet(
    { reach: () => access.reach(), probeFleet: fleetPeerProbes({ inventory: env.deps.inventory, connector: env.deps.connector, restAddresses: access.restAddresses(), auth: restLogin }) },
    input.name,
    { timeoutMs: PEER_SET_TIMEOUT_MS, say: (line) => env.say(line) },
  );
  const bootstrap = input.clusterBootstrap.length > 0 ? [...input.clusterBootstrap].sort() : bootstrapAddresses(others, input);
  if (bootstrap.length === 0) throw new PinfleetError('not_found', `none of the cluster's peers announces a TCP address${input.privateNetwork ? ` inside ${input.fleetNetworks.join(', ')}` : ''}: give --cluster-bootstrap`);
  env.say(`joining the cluster through ${bootstrap.length} address(es) of ${others.length} peer(s), asked from ${via}`);
  const envVars = clusterEnvironment({
    peerName: input.name, secret, swarmHost: env.swarmHost, bootstrap, trustedPeers: others.map((p) => p.id).sort(),
    region: input.region, tags: input.tags, privateNetwork: input.privateNetwork, restLogin,
  });

  const image = input.clusterImage ?? defaultClusterImage(env.deps.environment);
  const stateDir = clusterStateDir(input.dataPath);
  const spec = clusterContainerSpec({ containerName: input.clusterContainerName, nodeName: input.name, image, runAs: input.clusterRunAs, stateDir, env: envVars });
  const docker = await env.docker();
  const { changes } = await ensureClusterContainer(
    { docker, server: input.name, run: (argv) => env.run(argv), say: (m) => env.say(m), undo: (a) => env.undo(a), bytes: (done, total) => env.bytes(done, total) },
    { image, stateDir, runAs: input.clusterRunAs, spec },
  );

  const own = new ClusterClient({
    baseUrl: await env.session.connector.serviceUrl(env.session.node, `127.0.0.1:${CLUSTER_PORTS.restApi}`),
    label: `the new Cluster peer on ${input.host} (127.0.0.1:${CLUSTER_PORTS.restApi})`,
    ...(restLogin ? { auth: restLogin } : {}),
  });
  const selfId = await waitForPeer(own, docker, spec.name);
  // Recorded as soon as its ID is known: a rollback takes it out of the peerset before removing it.
  if (changes.length > 0) env.undo({ kind: 'remove-cluster-peer', peerId: selfId });
  const verdict = await waitForJoin(existing, own, selfId);
  env.say(verdict);
  return { changed: changes.length > 0, summary: `${changes.length > 0 ? changes.join('; ') : `${spec.name} already runs as asked`}; ${verdict}` };
}

/** Both sides agree it joined: the existing cluster lists it, and it sees the other peers. */
async function waitForJoin(existing: ClusterClient, own: ClusterClient, selfId: string): Promise<string> {
  const deadline = Date.now() + JOIN_TIMEOUT_MS;
  let why = '';
  while (Date.now() < deadline) {
    const [listed, self] = await Promise.all([existing.peers().catch(() => null), own.id().catch(() => null)]);
    if (listed && self) {
      const verdict = joinVerdict(selfId, listed.map((p) => p.id), self.clusterPeers);
      if (verdict.joined) return verdict.why;
      why = verdict.why;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new PinfleetError('timeout', `the new Cluster peer did not join within ${JOIN_TIMEOUT_MS / 1000} s: ${why}. Check the secret, that 9096 is open between the servers, and the bootstrap addresses.`);
}
