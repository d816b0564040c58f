// Which container on a server is its kubo, and what to show about it. Pure: the poller hands in
// what Docker answered (`docker ps -a` summaries, `docker inspect`, one-shot `docker stats`).
import type { ContainerInfo } from '../../src-preload/contract/health-types.js';

/** kubo's repo inside the official image (IPFS_PATH). */
export const KUBO_REPO_MOUNT = '/data/ipfs';
/** Containers Pinfleet deploys (and the test fleet) carry this label naming their server. */
export const SERVER_LABEL = 'pinfleet.server';

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Labels: Record<string, string>;
  Mounts: { Source?: string; Destination: string }[];
}

function isKubo(c: ContainerSummary): boolean {
  return /kubo|go-ipfs/i.test(c.Image) || c.Mounts.some((m) => m.Destination === KUBO_REPO_MOUNT);
}

/**
 * The node's kubo container: the only kubo-looking one, else the one labelled with the node's
 * name, else the one whose name contains it. One Docker engine may serve several servers (as in
 * the test fleet), so "the first kubo" would be a guess; null means we could not tell.
 */
export function pickKuboContainer(containers: readonly ContainerSummary[], nodeName: string): ContainerSummary | null {
  const kubos = containers.filter(isKubo);
  if (kubos.length === 1) return kubos[0]!;
  const labelled = kubos.filter((c) => c.Labels[SERVER_LABEL]?.toLowerCase() === nodeName.toLowerCase());
  if (labelled.length === 1) return labelled[0]!;
  const named = kubos.filter((c) => c.Names.some((n) => n.toLowerCase().includes(nodeName.toLowerCase())));
  return named.length === 1 ? named[0]! : null;
}

/** Where the kubo repo lives on the server: the host side of the /data/ipfs mount. */
export function repoHostPath(container: ContainerSummary): string | null {
  return container.Mounts.find((m) => m.Destination === KUBO_REPO_MOUNT)?.Source ?? null;
}

export interface InspectAnswer {
  Name: string;
  RestartCount: number;
  State: { Status: string; StartedAt?: string };
  Config: { Image: string };
}

export interface StatsAnswer {
  cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
  memory_stats?: { usage?: number; stats?: { inactive_file?: number; cache?: number } };
}

/** The cumulative CPU counters of one `docker stats` answer, kept to compute a rate next poll. */
export interface CpuCounters {
  container: number;
  system: number;
  cpus: number;
}

export function cpuCounters(stats: StatsAnswer): CpuCounters | null {
  const container = stats.cpu_stats?.cpu_usage?.total_usage;
  const system = stats.cpu_stats?.system_cpu_usage;
  if (container === undefined || system === undefined) return null;
  return { container, system, cpus: stats.cpu_stats?.online_cpus ?? 1 };
}

/**
 * CPU use between two polls, as `docker stats` shows it (100 % = one core). A one-shot stats
 * answer carries no previous reading, so the poller keeps the last one itself.
 */
export function cpuPercentBetween(previous: CpuCounters | null, current: CpuCounters | null): number | null {
  if (previous === null || current === null) return null;
  const containerDelta = current.container - previous.container;
  const systemDelta = current.system - previous.system;
  if (systemDelta <= 0 || containerDelta < 0) return null;
  return Math.round((containerDelta / systemDelta) * current.cpus * 1000) / 10;
}

/** Memory as `docker stats` shows it: usage minus the page cache the kernel can drop. */
export function memoryBytes(stats: StatsAnswer): number | null {
  const usage = stats.memory_stats?.usage;
  if (usage === undefined) return null;
  const cache = stats.memory_stats?.stats?.inactive_file ?? stats.memory_stats?.stats?.cache ?? 0;
  return Math.max(0, usage - cache);
}

export function containerInfo(
  inspect: InspectAnswer,
  resources: { cpuPercent: number | null; memoryBytes: number | null },
): ContainerInfo {
  const started = inspect.State.StartedAt;
  return {
    name: inspect.Name.replace(/^\//, ''),
    state: inspect.State.Status,
    restartCount: inspect.RestartCount,
    image: inspect.Config.Image,
    // Docker answers the zero time for a container that never started.
    startedAt: started && !started.startsWith('0001-') ? started : null,
    cpuPercent: resources.cpuPercent,
    memoryBytes: resources.memoryBytes,
  };
}
