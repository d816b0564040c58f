// The "cluster peer" part of the add-a-server wizard, decided as data: the environment of an
// ipfs-cluster-service container beside the new kubo (CRDT, the fleet's secret, trusted peers,
// tag:region / tag:group informers, REST on 127.0.0.1, the swarm on the server's address) and
// which of the existing peers' addresses to bootstrap to. Settings go in as CLUSTER_* variables,
// which ipfs-cluster-service applies over service.json (as the official image documents), through
// the Docker API: no value is ever part of a shell string. Pure, pinned by a table test.
import { createHash } from 'node:crypto';
import { PinfleetError } from '../../../src-preload/contract/errors.js';

export const CLUSTER_PORTS = { restApi: 9094, proxy: 9095, swarm: 9096, pinningService: 9097 } as const;
/** IPFS_CLUSTER_PATH in the official image (and the test fleet's). */
export const CLUSTER_STATE_MOUNT = '/data/ipfs-cluster';
export const CLUSTER_SPEC_LABEL = 'pinfleet.cluster-spec';

export interface ClusterPeerChoice {
  peerName: string;
  /** The fleet's shared 32-byte hex secret (the private network key of the cluster swarm). */
  secret: string;
  /** The server's address the swarm listens on (0.0.0.0 when the host is a name). */
  swarmHost: string;
  /** /ip4/…/tcp/9096/p2p/<id> of the peers to join. */
  bootstrap: readonly string[];
  /** The existing peers' IDs; the peer trusts itself anyway (crdt IsTrustedPeer). */
  trustedPeers: readonly string[];
  region: string | null;
  tags: readonly string[];
  privateNetwork: boolean;
  restLogin: { user: string; password: string } | null;
  /**
   * A ready-made identity ("Set up a cluster" makes every peer's before any starts, so each trusts
   * all the others from its first start); absent: the peer makes its own on first start.
   */
  identity?: { id: string; privateKey: string };
  /** The loopback host of its REST, proxy and pinning-service APIs; default 127.0.0.1. */
  apiHost?: string;
  /** kubo's RPC API as the server sees it, as a multiaddr; default the wizard's kubo, /ip4/127.0.0.1/tcp/5001. */
  kuboApi?: string;
}

/** The variables are envconfig maps ("k:v,k:v"): a ':' or ',' inside a value would split it wrongly. */
function mapValue(what: string, value: string): string {
  if (/[:,]/.test(value)) throw new PinfleetError('invalid_input', `${what} "${value}" cannot be given to Cluster: it must not contain ":" or ","`);
  return value;
}

/** Cluster's informer tags: tag:region from the inventory region, tag:group from the first tag. */
export function clusterTags(region: string | null, tags: readonly string[]): string {
  const pairs: string[] = [];
  if (region) pairs.push(`region:${mapValue('region', region)}`);
  if (tags[0]) pairs.push(`group:${mapValue('tag', tags[0])}`);
  return pairs.join(',');
}

export function clusterEnvironment(choice: ClusterPeerChoice): string[] {
  if (!/^[0-9a-f]{64}$/.test(choice.secret)) throw new PinfleetError('invalid_input', 'the cluster secret in the secret store is not 64 hexadecimal characters (32 bytes): set the fleet\'s secret again');
  const apiHost = choice.apiHost ?? '127.0.0.1';
  const kuboApi = choice.kuboApi ?? '/ip4/127.0.0.1/tcp/5001';
  const env = [
    `CLUSTER_PEERNAME=${choice.peerName}`,
    ...(choice.identity ? [`CLUSTER_ID=${choice.identity.id}`, `CLUSTER_PRIVATEKEY=${choice.identity.privateKey}`] : []),
    `CLUSTER_SECRET=${choice.secret}`,
    `CLUSTER_LISTENMULTIADDRESS=/ip4/${choice.swarmHost}/tcp/${CLUSTER_PORTS.swarm}`,
    `CLUSTER_PEERADDRESSES=${choice.bootstrap.join(',')}`,
    `CLUSTER_CRDT_TRUSTEDPEERS=${choice.trustedPeers.join(',')}`,
    // The admin's APIs on loopback only: the console reaches them through SSH.
    `CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS=/ip4/${apiHost}/tcp/${CLUSTER_PORTS.restApi}`,
    `CLUSTER_IPFSPROXY_LISTENMULTIADDRESS=/ip4/${apiHost}/tcp/${CLUSTER_PORTS.proxy}`,
    `CLUSTER_PINSVCAPI_HTTPLISTENMULTIADDRESS=/ip4/${apiHost}/tcp/${CLUSTER_PORTS.pinningService}`,
    // The node's kubo, on the same host network.
    `CLUSTER_IPFSHTTP_NODEMULTIADDRESS=${kuboApi}`,
    `CLUSTER_IPFSPROXY_NODEMULTIADDRESS=${kuboApi}`,
    // Self-healing: the pins of a peer that went away are re-allocated (Cluster's default is not to).
    'CLUSTER_DISABLEREPINNING=false',
    // Pebble's 64 MiB memtables preallocate WAL files that size; the cluster state is small, and
    // the state folder shares the data disk with kubo's repo.
    'CLUSTER_PEBBLE_PEBBLEOPTIONS_MEMTABLESIZE=4194304',
  ];
  const tags = clusterTags(choice.region, choice.tags);
  if (tags) env.push(`CLUSTER_TAGS_TAGS=${tags}`);
  if (choice.restLogin) {
    env.push(`CLUSTER_RESTAPI_BASICAUTHCREDENTIALS=${mapValue('the Cluster REST user', choice.restLogin.user)}:${mapValue('the Cluster REST password', choice.restLogin.password)}`);
  }
  // A fleet on a private network: no mDNS, no relay (the listener above is the server's address only).
  if (choice.privateNetwork) env.push('CLUSTER_MDNSINTERVAL=0s', 'CLUSTER_ENABLERELAYHOP=false');
  return env;
}

interface Ipv4Net {
  base: number;
  mask: number;
}

function ipv4Number(text: string): number | null {
  const octets = text.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return null;
  return octets.reduce((n, o) => n * 256 + Number(o), 0);
}

function parseNet(cidr: string): Ipv4Net {
  const [address = '', bits = '32'] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return { base: ((ipv4Number(address) ?? 0) & mask) >>> 0, mask };
}

/**
 * The addresses to join: each existing peer's TCP swarm addresses with its /p2p/ ID, never circuit
 * relays; on a private network only IPv4 addresses inside the fleet's networks. Sorted, so a
 * re-run computes the same container.
 */
export function bootstrapAddresses(peers: readonly { id: string; addresses: readonly string[] }[], options: { privateNetwork: boolean; fleetNetworks: readonly string[] }): string[] {
  const nets = options.fleetNetworks.map(parseNet);
  const out = new Set<string>();
  for (const peer of peers) {
    for (const address of peer.addresses) {
      if (address.includes('/p2p-circuit')) continue;
      const match = /^\/(ip4|ip6|dns4|dns6|dns)\/([^/]+)\/tcp\/(\d+)(?:\/p2p\/[^/]+)?$/.exec(address);
      if (!match) continue;
      if (options.privateNetwork) {
        const ip = match[1] === 'ip4' ? ipv4Number(match[2]!) : null;
        if (ip === null || !nets.some((n) => ((ip & n.mask) >>> 0) === n.base)) continue;
      }
      out.add(`/${match[1]}/${match[2]}/tcp/${match[3]}/p2p/${peer.id}`);
    }
  }
  return [...out].sort();
}

export interface ClusterContainerChoice {
  containerName: string;
  nodeName: string;
  image: string;
  runAs: string;
  stateDir: string;
  env: readonly string[];
}

/**
 * Docker's create options. Host networking, as kubo's: the listen addresses above decide what is
 * reachable. The spec hash label lets a re-run tell "already as wanted" from "changed"; it is a
 * digest, so the secret in the environment cannot be read back from it.
 */
export function clusterContainerSpec(choice: ClusterContainerChoice): { name: string; options: Record<string, unknown>; hash: string } {
  const body = {
    Image: choice.image,
    User: choice.runAs,
    Env: [...choice.env],
    Cmd: ['daemon'],
    HostConfig: {
      NetworkMode: 'host',
      RestartPolicy: { Name: 'unless-stopped' },
      Binds: [`${choice.stateDir}:${CLUSTER_STATE_MOUNT}`],
    },
  };
  // The bootstrap addresses only matter for the first join (the peer keeps a peerstore), and they
  // follow which peers answered just now: left out, a re-run while one peer is down changes nothing.
  const judged = { ...body, Env: body.Env.filter((e) => !e.startsWith('CLUSTER_PEERADDRESSES=')) };
  const hash = createHash('sha256').update(JSON.stringify(judged)).digest('hex').slice(0, 16);
  return {
    name: choice.containerName,
    hash,
    options: { ...body, name: choice.containerName, Labels: { 'pinfleet.server': choice.nodeName, 'pinfleet.provisioned': '1', 'pinfleet.role': 'cluster', [CLUSTER_SPEC_LABEL]: hash } },
  };
}

/** The cluster's state folder (identity, service.json, pebble) beside kubo's repo under the data path. */
export function clusterStateDir(dataPath: string): string {
  return `${dataPath.replace(/\/+$/, '')}/ipfs-cluster`;
}

/** Joined: the existing cluster lists the new peer, and the new peer sees at least one other. */
export function joinVerdict(selfId: string, clusterPeerIds: readonly string[], ownClusterPeers: readonly string[]): { joined: boolean; why: string } {
  const listed = clusterPeerIds.includes(selfId);
  const seesOthers = ownClusterPeers.some((p) => p !== selfId);
  if (listed && seesOthers) return { joined: true, why: `the cluster lists ${selfId} among ${clusterPeerIds.length} peers` };
  if (!listed) return { joined: false, why: `the existing cluster does not list ${selfId} yet (it lists ${clusterPeerIds.length} peers)` };
  return { joined: false, why: `${selfId} does not see any other cluster peer yet` };
}

/**
 * kubo's RPC address (host:port as the server sees it) as a multiaddr. The admin APIs of the peer
 * beside it listen on the same host when that is a loopback IPv4 address (servers sharing one
 * machine, each on its own 127.0.0.x), else on 127.0.0.1: never anywhere SSH does not guard.
 */
export function kuboApiPlacement(apiAddress: string): { kuboApi: string; apiHost: string } {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(apiAddress);
  const [host, port] = bracketed ? [bracketed[1]!, bracketed[2]!] : [apiAddress.replace(/:\d+$/, ''), /:(\d+)$/.exec(apiAddress)?.[1] ?? '5001'];
  const v4 = ipv4Number(host);
  const kuboApi = v4 !== null ? `/ip4/${host}/tcp/${port}` : host.includes(':') ? `/ip6/${host}/tcp/${port}` : `/dns/${host}/tcp/${port}`;
  const loopbackV4 = v4 !== null && host.startsWith('127.');
  return { kuboApi, apiHost: loopbackV4 ? host : '127.0.0.1' };
}
