// One poll of one node: kubo's RPC through the SSH tunnel, df and Docker over the same SSH
// connection. Every part runs at once under the same deadline, so a node answers within
// `timeoutMs` whatever hangs, and a part that fails only costs that part.
import type Docker from 'dockerode';
import type { NodeConnector } from '../connections/node-connector.js';
import type { ContainerInfo } from '../../src-preload/contract/health-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { withDeadline } from './concurrency.js';
import { dfArgv, parseDf, type DiskUsage } from './df.js';
import { StatvfsUnavailable } from '../connections/sftp-disk.js';
import { readBandwidth, readPeerCount, readPeerId, readRepoStat, readVersion } from './kubo-answers.js';
import {
  containerInfo,
  cpuCounters,
  cpuPercentBetween,
  memoryBytes,
  repoHostPath,
  type ContainerSummary,
  type CpuCounters,
  type InspectAnswer,
  type StatsAnswer,
} from './kubo-container.js';
import { kuboCall } from './kubo-rpc.js';
import { locateKuboContainer } from './locate-kubo-container.js';
import { IdentityCache } from './identity-cache.js';
import type { NodeReading, Part } from './node-reading.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { writeRefusal } from './write-probe.js';
import { WriteProbeSchedule } from './write-probe-schedule.js';

export interface ReadOptions {
  timeoutMs: number;
  /** Where to run df when no kubo container names its repo mount (kubo outside Docker). */
  dataPathFallback: string;
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function part<T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await withDeadline(ms, what, work) };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

interface FoundContainer {
  summary: ContainerSummary;
  docker: Docker;
}

/** Finds the node's kubo container; throws a PinfleetError saying why when it cannot tell which. */
export async function findKuboContainer(connector: NodeConnector, node: NodeRecord): Promise<FoundContainer> {
  // By stored name, label, published or listened-on API address (locate-kubo-container.ts).
  return locateKuboContainer(connector, node);
}

const cached = <T>(value: T): Part<T> => ({ ok: true, value });

/** The write probe runs only with this much free on the repo's disk (its writes are a few KiB). */
const WRITE_PROBE_MIN_FREE_BYTES = 64 * 1024 * 1024;

export class NodeReader {
  /** The CPU counters of each node's last poll: a one-shot `docker stats` needs them for a rate. */
  private readonly lastCpu = new Map<string, CpuCounters>();
  private readonly identities = new IdentityCache();
  /** What the latest finished `docker stats` of each node measured. */
  private readonly resourceUse = new Map<string, { cpuPercent: number | null; memoryBytes: number | null }>();
  private readonly statsInFlight = new Set<string>();
  /** Nodes whose SSH server cannot answer statvfs: they get df. */
  private readonly noStatvfs = new Set<string>();

  constructor(
    private readonly connector: NodeConnector,
    /** When each node's writes are probed; health hands in its own so uploads can flag a node. */
    readonly writeProbes = new WriteProbeSchedule(),
  ) {}

  async read(node: NodeRecord, options: ReadOptions): Promise<NodeReading> {
    const ms = options.timeoutMs;
    const kubo = this.connector.kuboApiUrl(node);
    const found = findKuboContainer(this.connector, node);
    // Both are awaited by several parts; mark them handled so an early failure is not "unhandled".
    kubo.catch(() => {});
    found.catch(() => {});
    const rpc = (path: string) => (signal: AbortSignal) => kubo.then((base) => kuboCall(base, path, signal));

    // Version and peer ID are asked for only when the cache cannot vouch for them (identity-cache.ts).
    const known = this.identities.fresh(node.name);
    let latencyMs: number | null = null;
    const started = performance.now();
    const diskRead = part(ms, 'df', async () => {
      const dataPath = await found.then((f) => repoHostPath(f.summary), () => null);
      return this.diskUsage(node, dataPath ?? options.dataPathFallback, ms);
    });
    // A write on a full disk is what leaves kubo's datastore holding the error, so the probe runs
    // only once the disk is known to have room; otherwise the last result stands.
    const probeWrites = this.writeProbes.due(node.name, Date.now());
    const writesRead: Promise<Part<string | null> & { probed?: boolean }> = probeWrites
      ? diskRead.then((disk) => (disk.ok && disk.value.free >= WRITE_PROBE_MIN_FREE_BYTES
        ? part(ms, "kubo's write probe", async (signal) => writeRefusal(await kubo, signal)).then((p) => ({ ...p, probed: true }))
        : cached(this.writeProbes.refusal(node.name))))
      : Promise.resolve(cached(this.writeProbes.refusal(node.name)));
    const [repo, disk, peers, version, peerId, bandwidth, container, probe] = await Promise.all([
      part(ms, "kubo's repo/stat", async (signal) => {
        const answer = readRepoStat(await rpc('repo/stat?size-only=true')(signal));
        latencyMs = Math.round(performance.now() - started);
        return answer;
      }),
      diskRead,
      part(ms, "kubo's swarm/peers", async (signal) => readPeerCount(await rpc('swarm/peers')(signal))),
      known ? cached(known.version) : part(ms, "kubo's version", async (signal) => readVersion(await rpc('version')(signal))),
      known ? cached(known.peerId) : part(ms, "kubo's id", async (signal) => readPeerId(await rpc('id')(signal))),
      part(ms, "kubo's stats/bw", async (signal) => readBandwidth(await rpc('stats/bw')(signal))),
      part(ms, 'Docker', async () => this.readContainer(node, await found, ms)),
      writesRead,
    ]);
    const { probed, ...writes } = probe;
    // A probe that got no answer says nothing about writes: it is tried again at the next poll.
    if (probed && writes.ok) this.writeProbes.record(node.name, writes.value, Date.now());
    const read = !known && version.ok && peerId.ok ? { version: version.value, peerId: peerId.value } : null;
    this.identities.observe(node.name, { read, answered: repo.ok, startedAt: container.ok ? container.value.startedAt : null });
    return { repo, disk, peers, version, peerId, bandwidth, container, latencyMs, writes };
  }

  /** statvfs over the SSH connection's SFTP channel; df for a server that cannot answer that way. */
  private async diskUsage(node: NodeRecord, path: string, ms: number): Promise<DiskUsage> {
    if (this.connector.diskUsage && !this.noStatvfs.has(node.name)) {
      try {
        return await this.connector.diskUsage(node, path);
      } catch (error) {
        if (!(error instanceof StatvfsUnavailable)) throw error;
        this.noStatvfs.add(node.name);
      }
    }
    const result = await this.connector.exec(node, dfArgv(path), { timeoutMs: ms });
    if (result.code !== 0) throw new PinfleetError('remote_failed', `df failed: ${result.stderr.trim().slice(0, 200) || `exit code ${result.code}`}`);
    return parseDf(result.stdout);
  }

  private async readContainer(node: NodeRecord, found: FoundContainer, ms: number): Promise<ContainerInfo> {
    const container = found.docker.getContainer(found.summary.Id);
    const inspect = (await container.inspect()) as unknown as InspectAnswer;
    if (inspect.State.Status === 'running') this.sampleResourceUse(node.name, container, ms);
    else this.resourceUse.delete(node.name);
    const use = this.resourceUse.get(node.name) ?? { cpuPercent: null, memoryBytes: null };
    return containerInfo(inspect, use);
  }

  /**
   * Resource use is a nice-to-have, and Docker takes 0.5 s or more to answer a one-shot stats
   * request: a poll does not wait for it. It starts one (if none is running) and shows what the
   * previous one measured, which is at most one poll interval old.
   */
  private sampleResourceUse(name: string, container: Docker.Container, ms: number): void {
    if (this.statsInFlight.has(name)) return;
    this.statsInFlight.add(name);
    void withDeadline(Math.min(ms, 5000), 'docker stats', () => container.stats({ stream: false, 'one-shot': true }))
      .then((answer) => {
        const stats = answer as unknown as StatsAnswer;
        const counters = cpuCounters(stats);
        const cpuPercent = cpuPercentBetween(this.lastCpu.get(name) ?? null, counters);
        if (counters) this.lastCpu.set(name, counters);
        this.resourceUse.set(name, { cpuPercent, memoryBytes: memoryBytes(stats) });
      }, () => this.resourceUse.delete(name))
      .finally(() => this.statsInFlight.delete(name));
  }

  forget(name: string): void {
    this.lastCpu.delete(name);
    this.identities.forget(name);
    this.resourceUse.delete(name);
    this.noStatvfs.delete(name);
    this.writeProbes.forget(name);
  }
}
