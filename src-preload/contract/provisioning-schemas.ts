// Input schemas of the provisioning channels. A server being adopted or checked is not
// in the inventory yet, so every request names its connection target and login itself.
import { z } from 'zod';
import { containerRef, fingerprint, host, hostPort, nodeName, port, sshUser, tag } from './schemas.js';
import { hasControlCharacters } from './validators.js';

const keyPath = z
  .string()
  .min(1, 'is empty')
  .max(4096)
  .refine((v) => !hasControlCharacters(v), 'contains control characters')
  // The app and the CLI run from different folders: refused here, naming the field, before a run starts.
  .refine((v) => v === '~' || /^(~\/|\/|[A-Za-z]:[\\/]|\\\\)/.test(v), 'must be an absolute path on this computer (or start with ~/)');

export const targetLogin = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('keyFile'), keyPath, passphrase: z.string().max(1024).optional() }),
  z.strictObject({ method: z.literal('agent') }),
]);

const target = {
  host,
  port: port.default(22),
  user: sshUser.default('root'),
  /** Confirmed by the admin before anything else happens: required, never trusted on first use. */
  fingerprint,
  login: targetLogin,
};

/** An absolute POSIX path on the server; it reaches the server only as one quoted argument. */
export const serverPath = z
  .string()
  .min(1, 'is empty')
  .max(1024, 'must be at most 1024 characters')
  .refine((v) => v.startsWith('/'), 'must be an absolute path on the server (starting with /)')
  .refine((v) => !hasControlCharacters(v), 'contains control characters');

export const preflightInput = z.strictObject({
  ...target,
  dataPath: serverPath,
  /** The address kubo will listen on; omitted: swarm on every address, RPC and gateway on 127.0.0.1. */
  listenHost: host.optional(),
});

export const adoptDetectInput = z.strictObject({
  ...target,
  /** The name it will get: picks its container when one Docker engine runs several kubos. */
  name: nodeName.optional(),
});

export const adoptRegisterInput = z.strictObject({
  ...target,
  name: nodeName,
  tags: z.array(tag).max(32, 'at most 32 tags').default([]),
  region: z
    .string()
    .max(64)
    .refine((v) => !hasControlCharacters(v), 'contains control characters')
    .nullable()
    .default(null),
  priority: z.number().int('must be a whole number').min(-1000).max(1000).default(0),
  apiAddress: hostPort,
  gatewayAddress: hostPort,
  /** The container adopt found kubo in: stored, so health never has to guess which one it is. */
  kuboContainer: containerRef.nullable().default(null),
});

/** A folder for kubo's repo: plain characters only, since it also appears in a Docker bind (src:dst). */
export const dataPath = serverPath
  .refine((v) => /^[A-Za-z0-9._/-]+$/.test(v), 'may contain only letters, digits and . _ - / (it becomes a Docker volume path)')
  .refine((v) => !v.split('/').includes('..'), 'must not contain ".." segments')
  .refine((v) => v !== '/', 'must not be the root directory');

/** An image reference as Docker writes it (repository[:tag][@digest]); never starts with "-". */
export const imageRef = z
  .string()
  .max(255, 'must be at most 255 characters')
  .refine((v) => /^[a-z0-9][a-z0-9._/:@-]*$/.test(v), 'is not a Docker image reference (lowercase letters, digits and . _ / : @ -)');

/** An IPv4 network in CIDR form, e.g. 10.0.0.0/8. */
export const ipv4Cidr = z.string().refine((v) => {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(v);
  return match !== null && match.slice(1, 5).every((o) => Number(o) <= 255) && Number(match[5]) <= 32;
}, 'is not an IPv4 network like 10.0.0.0/8');

const bytes = z.number().int('must be a whole number of bytes').min(0).max(2 ** 53 - 1);
const region = z
  .string()
  .max(64)
  .refine((v) => !hasControlCharacters(v), 'contains control characters')
  .nullable()
  .default(null);

export const provisionStep = z.enum(['connect', 'preflight', 'docker', 'image', 'container', 'configure', 'cluster', 'verify', 'register']);

/** A Cluster peer's swarm address with its ID: /ip4/10.0.0.5/tcp/9096/p2p/12D3Koo… (no commas: they join a list). */
export const clusterPeerAddress = z
  .string()
  .max(256)
  .refine((v) => /^\/(ip4|ip6|dns4|dns6|dns)\/[A-Za-z0-9.:-]+\/tcp\/\d{1,5}\/p2p\/[A-Za-z0-9]{20,100}$/.test(v), 'is not a Cluster peer address like /ip4/10.0.0.5/tcp/9096/p2p/12D3KooW…');

export const provisionInput = z.strictObject({
  ...target,
  name: nodeName,
  dataPath,
  tags: z.array(tag).max(32, 'at most 32 tags').default([]),
  region,
  priority: z.number().int('must be a whole number').min(-1000).max(1000).default(0),
  /** Left free on the data disk; StorageMax = disk size − reserve unless storageMaxBytes is given. */
  reserveBytes: bytes.optional(),
  storageMaxBytes: bytes.optional(),
  gcWatermarkPercent: z.number().int().min(50).max(99).default(90),
  /** Default: the pinned image of resources/versions.env (PINFLEET_KUBO_IMAGE overrides it). */
  image: imageRef.optional(),
  /** pull from a registry, or send from this computer over SSH (its Docker, or imageFile). */
  imageSource: z.enum(['pull', 'send']).default('pull'),
  /** A `docker save` tar on this computer to send instead of asking the local Docker. */
  imageFile: keyPath.optional(),
  /** Apply the private-fleet settings: no public bootstrap, AutoConf, mDNS, relays or NAT, and dial only fleetNetworks. */
  privateNetwork: z.boolean().default(false),
  fleetNetworks: z.array(ipv4Cidr).min(1).max(32).default(['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']),
  /** Where the swarm (4001) listens; default the host when it is an IPv4 address, else every address. */
  swarmHost: host.optional(),
  /** uid:gid kubo runs as (the official image's ipfs user is 1000). */
  runAs: z.string().regex(/^\d{1,10}:\d{1,10}$/, 'must be uid:gid, e.g. 1000:1000').default('1000:1000'),
  containerName: nodeName.default('pinfleet-kubo'),
  memoryLimitBytes: bytes.optional(),
  cpus: z.number().min(0.1).max(1024).optional(),
  /** The admin saw the install commands and confirmed them. */
  installDocker: z.boolean().default(false),
  /**
   * Require a bearer token on kubo's RPC (API.Authorizations): Pinfleet generates it, keeps it in
   * the secret store only, and the node's RPC credential is set to it on registration.
   */
  rpcToken: z.boolean().default(false),
  /** The gateway serves only content the node holds (Gateway.NoFetch); false lets it fetch from the network. */
  gatewayOnlyLocal: z.boolean().default(true),
  /**
   * Run an ipfs-cluster-service peer beside kubo and join the fleet's cluster (CRDT, the secret from
   * the secret store, REST on 127.0.0.1:9094, the cluster swarm on 9096 of the server's address).
   */
  clusterPeer: z.boolean().default(false),
  /** Peers to join; default: every address the existing cluster's peers announce (inside fleetNetworks on a private network). */
  clusterBootstrap: z.array(clusterPeerAddress).max(32).default([]),
  /** Default: the pinned image of resources/versions.env (PINFLEET_CLUSTER_IMAGE overrides it). */
  clusterImage: imageRef.optional(),
  /** uid:gid the Cluster peer runs as (the official image's ipfs user is 1000, group users 100). */
  clusterRunAs: z.string().regex(/^\d{1,10}:\d{1,10}$/, 'must be uid:gid, e.g. 1000:100').default('1000:100'),
  clusterContainerName: nodeName.default('pinfleet-cluster'),
  /** Resume: steps before it are not run again. */
  fromStep: provisionStep.optional(),
}).refine((input) => !(input.clusterPeer && input.rpcToken), {
  // Cluster's kubo connector would call a token-guarded RPC without the token: refused until it can send it.
  message: 'clusterPeer cannot be combined with rpcToken yet: the Cluster peer would not send kubo the token',
  path: ['rpcToken'],
}).refine((input) => !input.clusterPeer || !/[:,]/.test(input.region ?? ''), {
  // Cluster reads its informer tags as "key:value,key:value": refused here, before kubo is installed, not at the cluster step.
  message: 'must not contain ":" or "," when the server joins IPFS Cluster (it becomes the peer\'s region tag)',
  path: ['region'],
}).refine((input) => !input.clusterPeer || !/[:,]/.test(input.tags[0] ?? ''), {
  message: 'must not contain ":" or "," when the server joins IPFS Cluster (the first tag becomes the peer\'s group tag)',
  path: ['tags', 0],
});

/** A run of the wizard on this host (the report's runId): undone even when it succeeded. */
const runId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Omitted runId: the unfinished attempt (runs since the last successful one). */
export const rollbackPlanInput = z.strictObject({ ...target, runId: runId.optional() });

export const rollbackInput = z.strictObject({
  ...target,
  runId: runId.optional(),
  /** The plan's confirmWord, typed by the admin: required when the rollback deletes data. */
  confirm: z.string().max(256).optional(),
});

export const hostKeyProbeInput = z.strictObject({ host, port: port.default(22) });

export const decommissionInput = z.strictObject({
  name: nodeName,
  removeContainer: z.boolean().default(false),
  removeData: z.boolean().default(false),
  /** Copies each CID must have on the remaining nodes (capped by how many there are). */
  replicas: z.number().int().min(1).max(16).default(1),
  /** Only work out and answer the plan: nothing changes. */
  dryRun: z.boolean().default(false),
  /** The node's name typed by the admin: required when the run deletes data (the repo, a Cluster peer's state). */
  confirm: z.string().max(200).optional(),
  /** Cluster mode: how long Cluster may take to re-allocate the peer's pins before the run stops (the node untouched). */
  reallocationTimeoutSeconds: z.number().int().min(1).max(86_400).default(600),
});
