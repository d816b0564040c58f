// What one poll of one node gathered, and the NodeHealth the console shows for it. Pure: the
// reader does the I/O, this decides (through capacityOf and judgeHealth) what it means.
import type {
  BandwidthFigures,
  CapacityFigures,
  ContainerInfo,
  HealthSettings,
  NodeHealth,
} from '../../src-preload/contract/health-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { capacityOf } from './capacity.js';
import type { DiskUsage } from './df.js';
import type { RepoStat } from './kubo-answers.js';
import { judgeHealth } from './node-health.js';
import { capacityPolicyFor, thresholdsFor } from './health-settings.js';

/** One part of a poll: its answer, or the error that stands in for it. */
export type Part<T> = { ok: true; value: T } | { ok: false; error: string };

export interface NodeReading {
  repo: Part<RepoStat>;
  disk: Part<DiskUsage>;
  peers: Part<number>;
  version: Part<string>;
  peerId: Part<string>;
  bandwidth: Part<BandwidthFigures>;
  container: Part<ContainerInfo>;
  /** How long kubo took to answer repo/stat, ms; null when it did not. */
  latencyMs: number | null;
  /** The write probe (write-probe.ts): null when kubo takes writes, else its refusal; absent when never probed. */
  writes?: Part<string | null>;
}

const PART_NAMES: Record<keyof Omit<NodeReading, 'latencyMs' | 'writes'>, string> = {
  repo: 'repo size',
  disk: 'disk usage',
  peers: 'peers',
  version: 'kubo version',
  peerId: 'peer id',
  bandwidth: 'bandwidth',
  container: 'container',
};

const valueOf = <T>(part: Part<T>): T | null => (part.ok ? part.value : null);

export function capacityFigures(repo: RepoStat, disk: DiskUsage, settings: HealthSettings): CapacityFigures {
  const reading = { ...repo, diskFree: disk.free, diskTotal: disk.total };
  const breakdown = capacityOf(reading, capacityPolicyFor(settings, disk.total));
  return {
    repoSize: repo.repoSize,
    storageMax: repo.storageMax,
    diskFree: disk.free,
    diskTotal: disk.total,
    usableFree: breakdown.usableFree,
    usableTotal: breakdown.usableTotal,
    reserved: breakdown.reserved,
    fillRatio: breakdown.fillRatio,
    limitedBy: breakdown.limitedBy,
  };
}

/**
 * The node's health after a poll. kubo's repo/stat is what makes a node reachable: without it we
 * cannot say how full the node is, so it is unreachable with kubo's error (and the container's
 * state when Docker answered, which usually says why). A node whose disk could not be read keeps
 * the disk figures of its last poll and shows as degraded.
 */
export function nodeHealthFrom(
  node: NodeRecord,
  reading: NodeReading,
  previous: NodeHealth | null,
  settings: HealthSettings,
  checkedAt: string,
): NodeHealth {
  const lastDisk = previous?.capacity ? { total: previous.capacity.diskTotal, free: previous.capacity.diskFree } : null;
  const disk = valueOf(reading.disk) ?? lastDisk;
  const repo = valueOf(reading.repo);
  const capacity = repo && disk ? capacityFigures(repo, disk, settings) : null;
  // Each failed part with its error, so "degraded" says what to look at.
  const failedParts = (Object.keys(PART_NAMES) as (keyof typeof PART_NAMES)[]).flatMap((key) => {
    const part = reading[key];
    return part.ok ? [] : [`${PART_NAMES[key]} (${part.error})`];
  });
  const error = unreachableReason(reading, capacity);
  // kubo answered but the disk was never read (a node reached only at its direct RPC URL with no
  // SSH login, or df failing since the first poll): reachable, but how full its disk is is unknown,
  // so it shows no capacity (placement skips it) and says why, rather than "unreachable".
  const diskUnknown = repo !== null && disk === null && !reading.disk.ok ? reading.disk.error : null;
  const verdict = diskUnknown !== null
    ? node.state === 'draining'
      ? { state: 'draining' as const, reason: 'drained by an admin: takes no new uploads' }
      : { state: 'degraded' as const, reason: `disk free unknown: ${diskUnknown}` }
    : judgeHealth(
    {
      capacity: capacity && { ...capacity, used: capacity.repoSize },
      error,
      failedParts,
      latencyMs: reading.latencyMs ?? 0,
    },
    node.state,
    thresholdsFor(settings, capacity?.usableTotal ?? 0),
  );
  const answered = repo !== null;
  const refusal = reading.writes?.ok ? reading.writes.value : null;
  // Reads answer normally while writes fail, so this outranks online and degraded; a full node shows as
  // full (its disk is the problem to fix first), an unreachable or draining one as such.
  const final = refusal !== null && (verdict.state === 'online' || verdict.state === 'degraded')
    ? { state: 'degraded' as const, reason: refusingWritesReason(refusal) }
    : verdict;
  return {
    name: node.name,
    state: final.state,
    reason: final.reason,
    checkedAt,
    lastSeenAt: answered ? checkedAt : (previous?.lastSeenAt ?? null),
    // An unreachable node keeps what it last showed, so the fleet view still says how full it was.
    capacity: capacity ?? previous?.capacity ?? null,
    kuboVersion: valueOf(reading.version) ?? previous?.kuboVersion ?? null,
    peerId: valueOf(reading.peerId) ?? previous?.peerId ?? null,
    peers: answered ? valueOf(reading.peers) : null,
    bandwidth: answered ? valueOf(reading.bandwidth) : null,
    container: valueOf(reading.container),
    latencyMs: reading.latencyMs,
  };
}

/** What a node that refuses writes shows, with the fix. */
export function refusingWritesReason(refusal: string): string {
  return `refusing writes: ${refusal.replace(/^kubo refused [^:]+: /u, '')}. kubo keeps a datastore write error (often an earlier full disk) until it restarts: restart kubo (the node's page, Restart container)`;
}

function unreachableReason(reading: NodeReading, capacity: CapacityFigures | null): string | null {
  if (capacity !== null) return null;
  if (!reading.repo.ok) {
    const container = reading.container.ok ? reading.container.value : null;
    const hint = container && container.state !== 'running' ? ` (its kubo container is ${container.state})` : '';
    return `${reading.repo.error}${hint}`;
  }
  return reading.disk.ok ? 'no answer' : `its disk usage could not be read: ${reading.disk.error}`;
}

/** A node nobody has polled yet, or one whose poll failed before any part ran. */
export function unpolledHealth(name: string): NodeHealth {
  return {
    name,
    state: 'unknown',
    reason: 'not polled yet',
    checkedAt: null,
    lastSeenAt: null,
    capacity: null,
    kuboVersion: null,
    peerId: null,
    peers: null,
    bandwidth: null,
    container: null,
    latencyMs: null,
  };
}

/**
 * Of two views of one node (this process's last poll, and node_status, which another process
 * such as the CLI may have written since), the more recent one; null when neither exists.
 */
export function newerHealth(a: NodeHealth | null | undefined, b: NodeHealth | null | undefined): NodeHealth | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return (b.checkedAt ?? '') > (a.checkedAt ?? '') ? b : a;
}
