// The shape of the test fleet: which servers exist, on which loopback address, with how much disk,
// in which region. Pure data, so `up`, `status`, faults and tests all agree on it.
import { join } from 'node:path';

export interface FleetOptions {
  /** Storage servers (kubo) to run: node1..nodeN. */
  nodes: number;
  /** Also run an IPFS Cluster peer beside each kubo. */
  cluster: boolean;
  /** Port every server's sshd listens on, on its own address. */
  sshPort: number;
  /** tmpfs size per storage server, in MiB; cycled when there are more nodes than entries. */
  diskSizesMiB: number[];
  /** tmpfs size of the bare server, in MiB. */
  bareDiskMiB: number;
  /** Descriptions, keys, sshd configs and logs. */
  stateDir: string;
  /** Mount points of the servers' data disks. */
  dataRoot: string;
}

export const dockerSocketDir = '/run/pinfleet';
export const dockerHost = `unix://${dockerSocketDir}/docker.sock`;

export function defaultFleetOptions(env: NodeJS.ProcessEnv = process.env): FleetOptions {
  return {
    nodes: Number(env.PINFLEET_FLEET_NODES ?? 3),
    cluster: env.PINFLEET_FLEET_CLUSTER === '1',
    sshPort: Number(env.PINFLEET_SSH_PORT ?? 22),
    diskSizesMiB: (env.PINFLEET_DISK_SIZES_MIB ?? '256,384,512').split(',').map(Number),
    bareDiskMiB: Number(env.PINFLEET_BARE_DISK_MIB ?? 512),
    stateDir: fleetStateDir(env),
    dataRoot: env.PINFLEET_DATA_ROOT ?? '/srv/pinfleet-fleet',
  };
}

export function fleetStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PINFLEET_FLEET_DIR ?? '/tmp/pinfleet-fleet';
}

export interface ServerPlan {
  name: string;
  role: 'storage' | 'bare';
  address: string;
  diskMiB: number;
  /** Where the server's data disk is mounted; the kubo repo for storage servers. */
  dataPath: string;
  region: string;
  tags: string[];
}

// Two regions and a few tags, so placement has something to spread replicas over.
const regions = ['eu', 'us'];
const tagSets = [['ssd', 'rack-a'], ['hdd', 'rack-b'], ['ssd', 'rack-c'], ['hdd', 'rack-d']];

export function planServers(options: FleetOptions): ServerPlan[] {
  if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > 8) {
    throw new Error(`--nodes must be 1..8 (addresses 127.0.0.11-18; .20 is the bare server), got ${options.nodes}`);
  }
  const storage = Array.from({ length: options.nodes }, (_, i): ServerPlan => {
    const name = `node${i + 1}`;
    return {
      name,
      role: 'storage',
      address: `127.0.0.${11 + i}`,
      diskMiB: options.diskSizesMiB[i % options.diskSizesMiB.length] ?? 256,
      dataPath: join(options.dataRoot, name, 'ipfs'),
      region: regions[i % regions.length] ?? 'eu',
      tags: tagSets[i % tagSets.length] ?? [],
    };
  });
  const bare: ServerPlan = {
    name: 'bare',
    role: 'bare',
    address: '127.0.0.20',
    diskMiB: options.bareDiskMiB,
    dataPath: join(options.dataRoot, 'bare', 'data'),
    region: 'eu',
    tags: ['new'],
  };
  return [...storage, bare];
}

/** Datastore.StorageMax: 80% of the disk, leaving kubo's leveldb and the GC watermark room. */
export function storageMaxFor(diskMiB: number): string {
  return `${Math.floor(diskMiB * 0.8)}MB`;
}

export const kuboPorts = { swarm: 4001, api: 5001, gateway: 8080 } as const;
export const clusterPorts = { proxy: 9095, restApi: 9094, swarm: 9096 } as const;
