// Where kubo runs on a server, from what the server answers: Docker's container list, `ps`, a
// process's cgroup and environment, and the repo's `api` file. Pure; adopt-detect.ts does the I/O.
import type { ContainerSummary } from '../../health/kubo-container.js';
import { parseTcpMultiaddr, hostPortOf } from '../steps/exposure.js';

export const PS_ARGV = ['ps', '-eo', 'pid=,user=,args='] as const;

export interface IpfsProcess {
  pid: number;
  user: string;
  command: string;
}

/** `ipfs daemon …` processes (the program's basename is ipfs). */
export function parseIpfsDaemons(psOutput: string): IpfsProcess[] {
  const found: IpfsProcess[] = [];
  for (const line of psOutput.split('\n')) {
    const match = /^\s*(\d+)\s+(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!match) continue;
    const program = match[3]!.split('/').at(-1);
    if (program === 'ipfs' && /(^|\s)daemon(\s|$)/.test(match[4]!)) {
      found.push({ pid: Number(match[1]), user: match[2]!, command: `${match[3]!}${match[4]!}`.slice(0, 200) });
    }
  }
  return found;
}

/** A process whose cgroup names a container runtime belongs to a container, not to the host. */
export function isContainerised(cgroup: string): boolean {
  return /docker|containerd|kubepods|libpod|lxc/.test(cgroup);
}

/** IPFS_PATH from /proc/PID/environ (NUL-separated). */
export function ipfsPathFromEnviron(environ: string): string | null {
  const entry = environ.split('\0').find((e) => e.startsWith('IPFS_PATH='));
  const value = entry?.slice('IPFS_PATH='.length) ?? '';
  return value.startsWith('/') ? value : null;
}

/** The home directory field of one `getent passwd USER` line. */
export function homeFromPasswd(line: string): string | null {
  const home = line.trim().split(':')[5];
  return home && home.startsWith('/') ? home : null;
}

const KUBO_IMAGE = /kubo|go-ipfs/i;

export function kuboContainers(containers: readonly ContainerSummary[]): ContainerSummary[] {
  return containers.filter((c) => c.State === 'running' && (KUBO_IMAGE.test(c.Image) || c.Mounts.some((m) => m.Destination === '/data/ipfs')));
}

/**
 * A listen multiaddr → host:port to reach from the server itself: a wildcard becomes loopback
 * (a socket on every address answers there), an unparsable one null.
 */
export function reachableAddress(multiaddr: string): string | null {
  const parsed = parseTcpMultiaddr(multiaddr);
  if (!parsed) return null;
  if (parsed.host === '0.0.0.0') return hostPortOf({ host: '127.0.0.1', port: parsed.port });
  if (parsed.host === '::') return hostPortOf({ host: '::1', port: parsed.port });
  return hostPortOf(parsed);
}

/** Addresses.API / Addresses.Gateway may be one string or a list. */
export function listOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Datastore.StorageGCWatermark as a number, when it is one. */
export function watermarkOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
