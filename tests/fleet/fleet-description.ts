// The JSON description of a running test fleet (fleet.json), written by `npm run fleet -- up` and
// read by integration tests, benchmarks and the demo. Everything a client needs to reach a server
// the way the console will: SSH address, user, key, the host-key fingerprint to verify, and the
// kubo/Cluster endpoints as seen from inside the server (reach them through an SSH tunnel).
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fleetStateDir } from './fleet-layout.js';

export interface Endpoint {
  host: string;
  port: number;
}

export interface FleetKubo {
  container: string;
  image: string;
  peerId: string;
  /** RPC API, bound to the server's own address. */
  api: Endpoint;
  gateway: Endpoint;
  swarm: string;
  storageMax: string;
}

export interface FleetCluster {
  container: string;
  image: string;
  peerId: string;
  restApi: Endpoint;
  proxy: Endpoint;
  swarm: string;
}

export interface FleetServer {
  name: string;
  role: 'storage' | 'bare';
  address: string;
  ssh: {
    host: string;
    port: number;
    user: string;
    /** As `ssh-keygen -lf` prints it: `SHA256:` + unpadded base64 of the key blob's SHA-256. */
    hostKeyFingerprint: string;
  };
  /** The server's own size-limited filesystem; the kubo repo on storage servers. */
  dataPath: string;
  diskBytes: number;
  region: string;
  tags: string[];
  kubo?: FleetKubo;
  cluster?: FleetCluster;
}

export interface FleetDescription {
  version: 1;
  createdAt: string;
  stateDir: string;
  /** What `docker` talks to on every server (set through sshd's SetEnv). */
  dockerHost: string;
  clientKeyPath: string;
  versions: { kubo: string; cluster: string };
  images: { kubo: string; cluster?: string };
  /** Local binaries for checks such as `ipfs add --only-hash` and `ipfs-cluster-ctl`. */
  binaries: { ipfs: string; clusterCtl: string };
  cluster?: { secret: string };
  servers: FleetServer[];
}

export function fleetDescriptionPath(stateDir: string = fleetStateDir()): string {
  return join(stateDir, 'fleet.json');
}

/** Reads the description of the running fleet; fails with what to run when there is none. */
export function loadFleet(path: string = fleetDescriptionPath()): FleetDescription {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`no fleet description at ${path}; start the fleet with \`npm run fleet -- up\``);
  }
  const fleet = JSON.parse(text) as FleetDescription;
  if (fleet.version !== 1) throw new Error(`${path} has version ${String(fleet.version)}, expected 1; run \`npm run fleet -- up\``);
  return fleet;
}

export function writeFleet(fleet: FleetDescription, path: string = fleetDescriptionPath(fleet.stateDir)): void {
  // Written whole then renamed, so a reader never sees half a file.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(fleet, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

export function storageServers(fleet: FleetDescription): (FleetServer & { kubo: FleetKubo })[] {
  return fleet.servers.filter((s): s is FleetServer & { kubo: FleetKubo } => s.role === 'storage' && s.kubo !== undefined);
}

export function serverNamed(fleet: FleetDescription, name: string): FleetServer {
  const server = fleet.servers.find((s) => s.name === name);
  if (!server) throw new Error(`no server named ${name} in the fleet (have ${fleet.servers.map((s) => s.name).join(', ')})`);
  return server;
}
