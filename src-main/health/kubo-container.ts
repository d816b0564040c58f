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
  /** Published ports (bridge networking); empty for host networking. */
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  HostConfig?: { NetworkMode?: string };
}

/** What identifies a node's kubo container; a bare string is a name to match (the adopt wizard's hint). */
export interface KuboIdentity {
  name: string;
  /** host:port of kubo's RPC as seen from the server. */
  apiAddress?: string;
  /** The container's name or ID, stored when the node was added or adopted: it wins. */
  kuboContainer?: string | null;
}

export function isKubo(c: ContainerSummary): boolean {
  return /kubo|go-ipfs/i.test(c.Image) || c.Mounts.some((m) => m.Destination === KUBO_REPO_MOUNT);
}

const containerNames = (c: ContainerSummary) => c.Names.map((n) => n.replace(/^\//, '').toLowerCase());

/** A stored name or ID (full, or a prefix of at least 12 hex digits, as `docker ps` shows it). */
export function matchesContainerRef(c: ContainerSummary, ref: string): boolean {
  const wanted = ref.toLowerCase();
  if (containerNames(c).includes(wanted)) return true;
  return /^[0-9a-f]{12,64}$/.test(wanted) && c.Id.toLowerCase().startsWith(wanted);
}

/** host:port → parts; null when it is not one. */
function hostPortOf(address: string): { host: string; port: number } | null {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(address) ?? /^([^:]+):(\d+)$/.exec(address);
  return match ? { host: match[1]!.toLowerCase(), port: Number(match[2]) } : null;
}

/** `/ip4/127.0.0.12/tcp/5001` (kubo's Addresses.API, as its repo's `api` file holds it) → parts. */
export function multiaddrHostPort(multiaddr: string): { host: string; port: number } | null {
  const match = /^\/(ip4|ip6|dns|dns4|dns6)\/([^/]+)\/tcp\/(\d+)/.exec(multiaddr.trim());
  return match ? { host: match[2]!.toLowerCase(), port: Number(match[3]) } : null;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** Does a listener on `listen` answer at `apiAddress`? A wildcard listener answers on every address of its port. */
export function listensOn(listen: { host: string; port: number }, apiAddress: string): boolean {
  const api = hostPortOf(apiAddress);
  if (!api || api.port !== listen.port) return false;
  return listen.host === api.host || WILDCARDS.has(listen.host) || (api.host === 'localhost' && listen.host === '127.0.0.1');
}

function publishes(c: ContainerSummary, apiAddress: string): boolean {
  return (c.Ports ?? []).some((p) => p.Type === 'tcp' && p.PublicPort !== undefined && listensOn({ host: (p.IP ?? '').toLowerCase(), port: p.PublicPort }, apiAddress));
}

const single = <T>(list: readonly T[]): T | null => (list.length === 1 ? list[0]! : null);

/** Which rule chose the container: the caller of a destructive action may refuse a guess. */
export type KuboContainerRule = 'stored' | 'only-kubo' | 'label' | 'published' | 'listening' | 'name';

export interface KuboContainerChoice {
  chosen: ContainerSummary | null;
  rule: KuboContainerRule | null;
  /** The containers the deciding rule (or, when none decided, every kubo-looking one) left in play. */
  candidates: ContainerSummary[];
}

/**
 * The node's kubo container, by what identifies it for sure, in this order: the container name or
 * ID stored with the node; the only kubo-looking container; the one labelled pinfleet.server=<name>;
 * the one that publishes the node's API address (bridge networking); the one whose kubo listens on
 * it (host networking: `apiListen` maps container ID → the multiaddr in its repo's `api` file,
 * gathered by the caller only when the cheaper rules did not decide); the one whose name contains
 * the node's name. One Docker engine may serve several servers (as in the test fleet), so "the
 * first kubo" would be a guess: null means we could not tell, and a stored name that matches
 * nothing is null too, never a guess.
 */
export function chooseKuboContainer(
  containers: readonly ContainerSummary[],
  node: string | KuboIdentity,
  apiListen: ReadonlyMap<string, string> = new Map(),
): KuboContainerChoice {
  const identity: KuboIdentity = typeof node === 'string' ? { name: node } : node;
  const decide = (rule: KuboContainerRule, matching: ContainerSummary[]): KuboContainerChoice | null =>
    matching.length === 1 ? { chosen: matching[0]!, rule, candidates: matching } : null;
  if (identity.kuboContainer) {
    const stored = containers.filter((c) => matchesContainerRef(c, identity.kuboContainer!));
    return decide('stored', stored) ?? { chosen: null, rule: null, candidates: stored };
  }
  const kubos = containers.filter(isKubo);
  const onlyKubo = decide('only-kubo', kubos);
  if (onlyKubo) return onlyKubo;
  const name = identity.name.toLowerCase();
  const labelled = decide('label', kubos.filter((c) => c.Labels[SERVER_LABEL]?.toLowerCase() === name));
  if (labelled) return labelled;
  if (identity.apiAddress) {
    const api = identity.apiAddress;
    const published = decide('published', kubos.filter((c) => publishes(c, api)));
    if (published) return published;
    const listening = decide(
      'listening',
      kubos.filter((c) => {
        const listen = apiListen.get(c.Id);
        const parsed = listen ? multiaddrHostPort(listen) : null;
        return parsed !== null && listensOn(parsed, api);
      }),
    );
    if (listening) return listening;
  }
  return decide('name', kubos.filter((c) => containerNames(c).some((n) => n.includes(name)))) ?? { chosen: null, rule: null, candidates: kubos };
}

/** The chosen container of chooseKuboContainer (health, adopt and the cluster set-up take every rule). */
export function pickKuboContainer(
  containers: readonly ContainerSummary[],
  node: string | KuboIdentity,
  apiListen: ReadonlyMap<string, string> = new Map(),
): ContainerSummary | null {
  return chooseKuboContainer(containers, node, apiListen).chosen;
}

/** Whether the rules that need no lookup (stored name, only kubo, label, published port) decide. */
function decidedWithoutLookup(containers: readonly ContainerSummary[], node: KuboIdentity): boolean {
  if (node.kuboContainer) return true;
  const kubos = containers.filter(isKubo);
  if (kubos.length <= 1) return true;
  if (single(kubos.filter((c) => c.Labels[SERVER_LABEL]?.toLowerCase() === node.name.toLowerCase()))) return true;
  return node.apiAddress !== undefined && single(kubos.filter((c) => publishes(c, node.apiAddress!))) !== null;
}

/**
 * The kubo containers whose listening address the caller should look up (the `api` file kubo
 * writes in its repo while it runs) before choosing: only when the cheaper rules did not decide,
 * and only host-networked ones with a repo mount. Looked up before the name rule, so a node named
 * like another server's container still gets its own.
 */
export function containersToProbe(containers: readonly ContainerSummary[], node: KuboIdentity): ContainerSummary[] {
  if (!node.apiAddress || decidedWithoutLookup(containers, node)) return [];
  return containers.filter((c) => isKubo(c) && (c.Ports ?? []).length === 0 && repoHostPath(c) !== null);
}

/** Why no container was chosen, for the admin. */
export function noContainerMessage(containers: readonly ContainerSummary[], node: KuboIdentity): string {
  if (node.kuboContainer) {
    return `${node.name}'s kubo container "${node.kuboContainer}" (set with the node) is not on its Docker engine: was it renamed or removed?`;
  }
  const kubos = containers.filter(isKubo);
  if (kubos.length === 0) return `no kubo container found on ${node.name}'s Docker engine`;
  const names = kubos.map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12)).join(', ');
  return (
    `no single kubo container found for ${node.name} among ${names}: none is labelled pinfleet.server=${node.name}, ` +
    `publishes or listens on ${node.apiAddress ?? 'its API address'}; set the node's kubo container (kuboContainer) to its name`
  );
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
