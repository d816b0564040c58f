// The wizard's optional "cluster" step: an ipfs-cluster-service container beside the kubo the
// container step started, joined to the fleet's existing cluster and checked from both sides (the
// cluster's /peers lists it, its own /id sees the others). Compares what runs with what is wanted
// and changes only the difference; every change is recorded with its undo (the state folder, the
// container, and the peer's removal from the cluster, which re-allocates what it held).
import { inspectContainer } from './container-state.js';
import type Docker from 'dockerode';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { ClusterClient } from '../cluster/cluster-client.js';
import type { ClusterPeerAccess } from '../cluster/cluster-peer-access.js';
import { defaultClusterImage } from './cluster-default-image.js';
import { CLUSTER_PORTS, CLUSTER_SPEC_LABEL, bootstrapAddresses, clusterContainerSpec, clusterEnvironment, clusterStateDir, joinVerdict } from './cluster-peer-plan.js';
import { imagePresent, pullImage } from './image-transfer.js';
import { firstLine, type StepEnv, type StepOutcome } from './provision-env.js';

const START_TIMEOUT_MS = 90_000;
const JOIN_TIMEOUT_MS = 90_000;

function accessOf(env: StepEnv): ClusterPeerAccess {
  if (!env.deps.cluster) throw new PinfleetError('internal', 'this Pinfleet was started without its Cluster service');
  return env.deps.cluster;
}

export async function clusterStep(env: StepEnv): Promise<StepOutcome> {
  const { input } = env;
  const access = accessOf(env);
  const secret = await access.secret();
  if (secret === null) throw new PinfleetError('not_found', "the secret store holds no cluster secret: store the fleet's secret (CLUSTER_SECRET of its peers) first, or set up a cluster");
  const { client: existing, via } = await access.reach();
  // Our own peer (a re-run) is not a peer to join or to list as trusted: its name is the node's.
  const others = (await existing.peers()).filter((p) => p.peername !== input.name && p.id !== '');
  if (others.length === 0) throw new PinfleetError('not_found', `${via}'s Cluster peer lists no other peer to join`);
  const bootstrap = input.clusterBootstrap.length > 0 ? [...input.clusterBootstrap].sort() : bootstrapAddresses(others, input);
  if (bootstrap.length === 0) throw new PinfleetError('not_found', `none of the cluster's peers announces a TCP address${input.privateNetwork ? ` inside ${input.fleetNetworks.join(', ')}` : ''}: give --cluster-bootstrap`);
  env.say(`joining the cluster through ${bootstrap.length} address(es) of ${others.length} peer(s), asked from ${via}`);
  const restLogin = await access.restLogin();
  const envVars = clusterEnvironment({
    peerName: input.name, secret, swarmHost: env.swarmHost, bootstrap, trustedPeers: others.map((p) => p.id).sort(),
    region: input.region, tags: input.tags, privateNetwork: input.privateNetwork, restLogin,
  });

  const changes: string[] = [];
  const docker = await env.docker();
  const image = input.clusterImage ?? defaultClusterImage(env.deps.environment);
  if (!(await imagePresent(docker, image))) {
    env.say(`pulling ${image} on the server`);
    env.undo({ kind: 'remove-image', ref: image });
    await pullImage(docker, image, (done, total) => env.bytes(done, total));
    changes.push(`pulled ${image}`);
  }

  const stateDir = clusterStateDir(input.dataPath);
  const present = await env.run(['test', '-d', stateDir]);
  if (present.code !== 0) env.undo({ kind: 'remove-path', path: stateDir });
  const made = await env.run(['install', '-d', '-o', input.clusterRunAs.split(':')[0]!, '-g', input.clusterRunAs.split(':')[1]!, '-m', '0700', '--', stateDir]);
  if (made.code !== 0) throw new PinfleetError('remote_failed', `could not prepare ${stateDir}: ${firstLine(made)}`);
  if (present.code !== 0) changes.push(`created ${stateDir}`);

  const spec = clusterContainerSpec({ containerName: input.clusterContainerName, nodeName: input.name, image, runAs: input.clusterRunAs, stateDir, env: envVars });
  const current = await inspectContainer(docker, spec.name);
  if (current && current.Config.Labels?.['pinfleet.provisioned'] !== '1') {
    throw new PinfleetError('duplicate', `a container named ${spec.name} already exists on the server and was not made by Pinfleet: choose another cluster container name`);
  }
  if (current && current.Config.Labels?.[CLUSTER_SPEC_LABEL] === spec.hash) {
    if (!current.State.Running) {
      await docker.getContainer(spec.name).start();
      changes.push(`started ${spec.name}`);
    }
  } else {
    if (current) {
      await docker.getContainer(spec.name).remove({ force: true });
      changes.push(`replaced ${spec.name} (its settings changed)`);
    }
    await docker.createContainer(spec.options as Docker.ContainerCreateOptions);
    env.undo({ kind: 'remove-container', name: spec.name });
    await docker.getContainer(spec.name).start();
    changes.push(`created and started ${spec.name} from ${image}`);
  }
  for (const change of changes) env.say(change);

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


/** Its /id through the tunnel; a container that exits or restarts meanwhile fails at once. */
async function waitForPeer(own: ClusterClient, docker: Docker, name: string): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    try {
      return (await own.id()).id;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    const state = await inspectContainer(docker, name);
    if (!state || !state.State.Running || state.RestartCount > 0) {
      throw new PinfleetError('remote_failed', `ipfs-cluster-service in ${name} stopped (${state ? `${state.State.Status}, exit code ${state.State.ExitCode}` : 'container gone'}): see \`docker logs ${name}\` on the server`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new PinfleetError('timeout', `the Cluster peer in ${name} did not answer within ${START_TIMEOUT_MS / 1000} s (${last})`);
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
