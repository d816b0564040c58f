// What the add-a-server wizard will put on a server, decided from the admin's choices and what the
// server said about itself: sizes, limits, kubo's settings (as a /container-init.d script) and the
// container itself. Pure, so every decision is pinned by a table test; the steps do the I/O.
import { createHash } from 'node:crypto';
import { isIpv4 } from '../../../src-preload/contract/validators.js';
import { quoteShellArg } from '../../connections/shell-quote.js';
import { privateNetworkSettings } from './private-network.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

export const KUBO_PORTS = { swarm: 4001, api: 5001, gateway: 8080 } as const;
/** The repo inside the kubo image (IPFS_PATH) and where it runs its init scripts. */
const REPO_MOUNT = '/data/ipfs';
const INIT_MOUNT = '/container-init.d';
export const INIT_SCRIPT_NAME = '001-pinfleet.sh';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12, kib: 1024, mib: MiB, gib: GiB, tib: 1024 ** 4 };

/** "50MiB", "2GB", "512m", "1048576" → bytes; null when it is not a size. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) return null;
  const unit = UNITS[match[2]!.toLowerCase()];
  return unit === undefined ? null : Math.floor(Number(match[1]) * unit);
}

/** The default reserve: a tenth of the disk, at least 64 MiB (kubo's own files, logs) and at most 50 GiB. */
export function defaultReserve(diskTotal: number): number {
  return Math.min(50 * GiB, Math.max(64 * MiB, Math.floor(diskTotal / 10)));
}

/** StorageMax in bytes: the admin's figure, else the disk minus the reserve; never more than the disk. */
export function storageMaxBytes(diskTotal: number, choice: { reserveBytes?: number; storageMaxBytes?: number }): number {
  if (choice.storageMaxBytes !== undefined) return Math.min(choice.storageMaxBytes, diskTotal);
  return Math.max(0, diskTotal - (choice.reserveBytes ?? defaultReserve(diskTotal)));
}

/** kubo reads StorageMax as a humanized size; whole decimal megabytes are exact enough and stable. */
export function kuboSize(bytes: number): string {
  return `${Math.floor(bytes / 1e6)}MB`;
}

/** Memory: half the server's, at least 512 MiB (kubo's floor), never more than it has; CPUs: all unless limited. */
export function resourceLimits(memTotal: number | null, cpusOnServer: number | null, choice: { memoryLimitBytes?: number; cpus?: number }): { memoryBytes: number; cpus: number } {
  const total = memTotal ?? 2 * GiB;
  const memoryBytes = choice.memoryLimitBytes ?? Math.min(total, Math.max(512 * MiB, Math.floor(total / 2)));
  return { memoryBytes, cpus: choice.cpus ?? Math.max(1, cpusOnServer ?? 1) };
}

/** Where the swarm listens: the admin's address, else the SSH host when it is an IPv4 address, else everywhere. */
export function swarmHostFor(host: string, swarmHost?: string): string {
  if (swarmHost) return swarmHost;
  return isIpv4(host) ? host : '0.0.0.0';
}

export interface KuboSettingsChoice {
  swarmHost: string;
  storageMaxBytes: number;
  gcWatermarkPercent: number;
  privateNetwork: boolean;
  fleetNetworks: readonly string[];
  /**
   * The gateway serves only what the node holds (Gateway.NoFetch): a storage node's gateway is for
   * its own content, not a public proxy to the whole network. Unset: kubo's default.
   */
  gatewayOnlyLocal?: boolean;
}

/** RPC and gateway on loopback only (reached through SSH); the swarm on the server's address. */
export function kuboSettings(choice: KuboSettingsChoice): [string, unknown][] {
  const swarm = `/ip4/${choice.swarmHost}/tcp/${KUBO_PORTS.swarm}`;
  const base: [string, unknown][] = [
    ['Addresses.API', `/ip4/127.0.0.1/tcp/${KUBO_PORTS.api}`],
    ['Addresses.Gateway', `/ip4/127.0.0.1/tcp/${KUBO_PORTS.gateway}`],
    ['Addresses.Swarm', [swarm]],
    ['Datastore.StorageMax', kuboSize(choice.storageMaxBytes)],
    ['Datastore.StorageGCWatermark', choice.gcWatermarkPercent],
    ...(choice.gatewayOnlyLocal === undefined ? [] : [['Gateway.NoFetch', choice.gatewayOnlyLocal] as [string, unknown]]),
  ];
  return choice.privateNetwork ? [...base, ...privateNetworkSettings(choice.fleetNetworks, swarm)] : base;
}

/**
 * The init script the kubo image runs before every daemon start (as the official image does with
 * /container-init.d). Every value is JSON, then one single-quoted shell word: nothing in it is
 * interpreted by the shell. Peering is not here: the configure step sets it through the RPC API.
 */
export function initScript(settings: readonly [string, unknown][]): string {
  return [
    '#!/bin/sh',
    '# kubo settings written by the Pinfleet add-a-server wizard; re-applied at every start.',
    'set -e',
    ...settings.map(([key, value]) => `ipfs config --json ${quoteShellArg(key)} ${quoteShellArg(JSON.stringify(value))}`),
    '',
  ].join('\n');
}

export interface ServerLayout {
  repo: string;
  initDir: string;
  initFile: string;
}

/** kubo's repo and its init scripts, side by side under the data path. */
export function serverLayout(dataPath: string): ServerLayout {
  const root = dataPath.replace(/\/+$/, '');
  return { repo: `${root}/ipfs`, initDir: `${root}/container-init.d`, initFile: `${root}/container-init.d/${INIT_SCRIPT_NAME}` };
}

export interface ContainerChoice {
  containerName: string;
  nodeName: string;
  image: string;
  runAs: string;
  privateNetwork: boolean;
  layout: ServerLayout;
  memoryBytes: number;
  cpus: number;
  /** The init script's text: a change of settings must replace the container too. */
  script: string;
}

export const SPEC_LABEL = 'pinfleet.spec';

/**
 * Docker's create options. Host networking: kubo's own listen addresses decide what is reachable,
 * so RPC and gateway on 127.0.0.1 are loopback-only on the server, and no Docker NAT hides the
 * swarm's real address. The spec hash label lets a re-run tell "already as wanted" from "changed".
 */
export function containerSpec(choice: ContainerChoice): { name: string; options: Record<string, unknown>; hash: string } {
  const profile = choice.privateNetwork ? 'server,autoconf-off' : 'server';
  const body = {
    Image: choice.image,
    User: choice.runAs,
    Env: [`IPFS_PROFILE=${profile}`, 'IPFS_TELEMETRY=off'],
    HostConfig: {
      NetworkMode: 'host',
      RestartPolicy: { Name: 'unless-stopped' },
      Binds: [`${choice.layout.repo}:${REPO_MOUNT}`, `${choice.layout.initDir}:${INIT_MOUNT}:ro`],
      Memory: choice.memoryBytes,
      NanoCpus: Math.round(choice.cpus * 1e9),
    },
  };
  const hash = createHash('sha256').update(JSON.stringify({ body, script: choice.script })).digest('hex').slice(0, 16);
  return {
    name: choice.containerName,
    hash,
    options: { ...body, name: choice.containerName, Labels: { 'pinfleet.server': choice.nodeName, 'pinfleet.provisioned': '1', [SPEC_LABEL]: hash } },
  };
}

export interface Identity {
  name: string;
  id: string;
  addresses: string[];
}

/** Peering.Peers: every other node's peer ID with its swarm addresses (without /p2p/), sorted so re-runs compare equal. */
export function peeringPeers(identities: readonly Identity[], selfId: string | null): { ID: string; Addrs: string[] }[] {
  return identities
    .filter((i) => i.id !== selfId)
    .map((i) => ({ ID: i.id, Addrs: [...new Set(i.addresses.map((a) => a.replace(/\/p2p\/[^/]+$/, '')).filter((a) => /\/tcp\/\d+$/.test(a)))].sort() }))
    .filter((p) => p.Addrs.length > 0)
    .sort((a, b) => a.ID.localeCompare(b.ID));
}

/** Docker's install commands per distribution (shown to the admin before they run; root or sudo needed). */
export function dockerInstallCommands(osRelease: Record<string, string>): string[][] | null {
  const ids = [osRelease.ID ?? '', ...(osRelease.ID_LIKE ?? '').split(/\s+/)];
  if (ids.some((id) => id === 'debian' || id === 'ubuntu')) {
    return [['apt-get', 'update'], ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'docker.io'], ['systemctl', 'enable', '--now', 'docker']];
  }
  if (ids.some((id) => ['fedora', 'rhel', 'centos', 'rocky', 'almalinux'].includes(id))) {
    return [['dnf', 'install', '-y', 'moby-engine'], ['systemctl', 'enable', '--now', 'docker']];
  }
  if (ids.includes('alpine')) return [['apk', 'add', 'docker'], ['rc-update', 'add', 'docker', 'default'], ['service', 'docker', 'start']];
  if (ids.some((id) => id === 'opensuse-leap' || id === 'sles')) return [['zypper', '--non-interactive', 'install', 'docker'], ['systemctl', 'enable', '--now', 'docker']];
  return null;
}
