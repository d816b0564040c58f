// IPFS Cluster beside each storage server's kubo (`up --cluster`): CRDT consensus, a shared secret
// and one identity per peer generated once per fleet directory, every listener on the server's own
// address, mDNS off, relay hop off, and explicit peers: each peer starts with the addresses of all
// the others and trusts exactly them. (Peer discovery through Cluster's DHT would not work here:
// its LAN DHT drops loopback addresses.) Settings come from the CLUSTER_* environment variables
// ipfs-cluster-service applies over service.json, as with the official image; CLUSTER_ID and
// CLUSTER_PRIVATEKEY are what its first-start `init` takes the identity from.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataDisk, removeDataDisk } from './data-disks.js';
import { dockerResult, ensureContainer } from './docker-cli.js';
import { fleetUids } from './egress-guard.js';
import type { FleetCluster } from './fleet-description.js';
import { clusterPorts, kuboPorts, type ServerPlan } from './fleet-layout.js';
import { generateLibp2pIdentity, type Libp2pIdentity } from '../../src-main/cluster/libp2p-identity.js';
import { waitFor } from './shell.js';

export const clusterContainerName = (serverName: string): string => `pinfleet-${serverName}-cluster`;
const pinningServicePort = 9097;
const clusterDiskMiB = 256;

export const clusterDataPath = (server: { dataPath: string }): string => join(server.dataPath, '..', 'ipfs-cluster');

function ensureClusterIdentity(stateDir: string, serverName: string): Libp2pIdentity {
  const file = join(stateDir, serverName, 'cluster-identity.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateLibp2pIdentity()), { mode: 0o600 });
  return JSON.parse(readFileSync(file, 'utf8')) as Libp2pIdentity;
}

export function ensureClusterSecret(stateDir: string): string {
  const file = join(stateDir, 'cluster-secret');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

interface ClusterPeerPlan {
  server: ServerPlan;
  identity: Libp2pIdentity;
  address: string;
}

function clusterEnv(peer: ClusterPeerPlan, secret: string, all: ClusterPeerPlan[]): string[] {
  const { server, identity } = peer;
  const a = server.address;
  const others = all.filter((p) => p !== peer);
  return [
    `CLUSTER_PEERNAME=${server.name}`,
    `CLUSTER_ID=${identity.id}`,
    `CLUSTER_PRIVATEKEY=${identity.privateKey}`,
    `CLUSTER_SECRET=${secret}`,
    `CLUSTER_LISTENMULTIADDRESS=/ip4/${a}/tcp/${clusterPorts.swarm}`,
    `CLUSTER_PEERADDRESSES=${others.map((p) => p.address).join(',')}`,
    `CLUSTER_CRDT_TRUSTEDPEERS=${all.map((p) => p.identity.id).join(',')}`,
    'CLUSTER_MDNSINTERVAL=0s',
    'CLUSTER_ENABLERELAYHOP=false',
    // Peers notice each other within seconds rather than the default 15 s.
    'CLUSTER_MONITORPINGINTERVAL=2s',
    // Re-allocate the pins of a peer that went away (Cluster's default is not to): the console shows it.
    'CLUSTER_DISABLEREPINNING=false',
    // Cluster's 64 MiB pebble memtables preallocate WAL files of that size on the 256 MiB state
    // tmpfs and a burst of pins filled it (ENOSPC); pebble's own default, 4 MiB, is plenty here.
    'CLUSTER_PEBBLE_PEBBLEOPTIONS_MEMTABLESIZE=4194304',
    `CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS=/ip4/${a}/tcp/${clusterPorts.restApi}`,
    `CLUSTER_IPFSPROXY_LISTENMULTIADDRESS=/ip4/${a}/tcp/${clusterPorts.proxy}`,
    `CLUSTER_IPFSPROXY_NODEMULTIADDRESS=/ip4/${a}/tcp/${kuboPorts.api}`,
    `CLUSTER_PINSVCAPI_HTTPLISTENMULTIADDRESS=/ip4/${a}/tcp/${pinningServicePort}`,
    `CLUSTER_IPFSHTTP_NODEMULTIADDRESS=/ip4/${a}/tcp/${kuboPorts.api}`,
    // The balanced allocator spreads over tag:group; make the group the server's region.
    `CLUSTER_TAGS_TAGS=group:${server.region}`,
  ];
}

async function ensureClusterContainer(peer: ClusterPeerPlan, imageRef: string, secret: string, all: ClusterPeerPlan[]): Promise<void> {
  const { server } = peer;
  const name = clusterContainerName(server.name);
  await ensureDataDisk(`${server.name}-cluster`, clusterDataPath(server), clusterDiskMiB, fleetUids.cluster);
  await ensureContainer(name, [
    '--label', 'pinfleet.test-fleet=1', '--label', `pinfleet.server=${server.name}`,
    '--network', 'host',
    '--user', `${fleetUids.cluster}:${fleetUids.cluster}`,
    '--restart', 'unless-stopped',
    ...clusterEnv(peer, secret, all).flatMap((e) => ['--env', e]),
    '--volume', `${clusterDataPath(server)}:/data/ipfs-cluster`,
    imageRef,
  ]);
}

interface ClusterId {
  id: string;
  peername: string;
  cluster_peers?: string[];
}

async function clusterRest<T>(address: string, path: string): Promise<T> {
  const response = await fetch(`http://${address}:${clusterPorts.restApi}${path}`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`cluster ${path} on ${address}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function waitForCluster(server: ServerPlan): Promise<string> {
  return waitFor(
    `Cluster peer of ${server.name} on ${server.address}:${clusterPorts.restApi} (see \`docker logs ${clusterContainerName(server.name)}\`)`,
    async () => (await clusterRest<ClusterId>(server.address, '/id')).id,
    90_000,
  );
}

/** Starts (or repairs) a Cluster peer per storage server and waits until each sees all of them. */
export async function clusterUp(stateDir: string, storage: ServerPlan[], imageRef: string, imageTag: string): Promise<Map<string, FleetCluster>> {
  const secret = ensureClusterSecret(stateDir);
  const peers = storage.map((server): ClusterPeerPlan => {
    const identity = ensureClusterIdentity(stateDir, server.name);
    return { server, identity, address: `/ip4/${server.address}/tcp/${clusterPorts.swarm}/p2p/${identity.id}` };
  });
  await Promise.all(peers.map((peer) => ensureClusterContainer(peer, imageRef, secret, peers)));
  const described = new Map<string, FleetCluster>();
  for (const server of storage) {
    described.set(server.name, {
      container: clusterContainerName(server.name),
      image: imageTag,
      peerId: await waitForCluster(server),
      restApi: { host: server.address, port: clusterPorts.restApi },
      proxy: { host: server.address, port: clusterPorts.proxy },
      swarm: `/ip4/${server.address}/tcp/${clusterPorts.swarm}`,
    });
  }
  for (const server of storage) {
    await waitFor(`Cluster peer of ${server.name} to see all ${storage.length} peers`, async () => {
      const id = await clusterRest<ClusterId>(server.address, '/id');
      return (id.cluster_peers?.length ?? 0) >= storage.length ? true : undefined;
    }, 60_000);
  }
  return described;
}

/**
 * Waits until every Cluster peer reaches every other: each one's `GET /peers` (an RPC to every peer
 * of the cluster) lists them all, none with an error. After a peer's traffic was dropped, libp2p's
 * dial backoff can leave it missing from the others' lists for a while after the network is back.
 */
export async function waitForClusterMesh(peers: readonly { name: string; address: string }[], timeoutMs = 90_000): Promise<void> {
  for (const peer of peers) {
    await waitFor(`Cluster peer of ${peer.name} to reach all ${peers.length} peers without error`, async () => {
      const response = await fetch(`http://${peer.address}:${clusterPorts.restApi}/peers`, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) return undefined;
      const ids = (await response.text()).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { error?: string });
      return ids.length === peers.length && ids.every((id) => !id.error) ? true : undefined;
    }, timeoutMs);
  }
}

export async function removeClusterContainer(server: { name: string; dataPath: string }): Promise<void> {
  await dockerResult(['rm', '--force', clusterContainerName(server.name)]);
  await removeDataDisk(clusterDataPath(server));
}
