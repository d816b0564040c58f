// One poll of one node: kubo's RPC through the SSH tunnel, df and Docker over the same SSH
// connection. Every part runs at once under the same deadline, so a node answers within
// `timeoutMs` whatever hangs, and a part that fails only costs that part.
import type Docker from 'dockerode';
import type { NodeConnector } from '../connections/node-connector.js';
import type { ContainerInfo } from '../../src-preload/contract/health-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { withDeadline } from './concurrency.js';
import { dfArgv, parseDf } from './df.js';
import { readBandwidth, readPeerCount, readPeerId, readRepoStat, readVersion } from './kubo-answers.js';
import {
  containerInfo,
  cpuCounters,
  cpuPercentBetween,
  memoryBytes,
  pickKuboContainer,
  repoHostPath,
  type ContainerSummary,
  type CpuCounters,
  type InspectAnswer,
  type StatsAnswer,
} from './kubo-container.js';
import { kuboCall } from './kubo-rpc.js';
import type { NodeReading, Part } from './node-reading.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';

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
  const docker = await connector.docker(node);
  const containers = (await docker.listContainers({ all: true })) as unknown as ContainerSummary[];
  const summary = pickKuboContainer(containers, node.name);
  if (summary === null) {
    throw new PinfleetError('not_found', `no single kubo container found on ${node.name} (label it pinfleet.server=${node.name})`);
  }
  return { summary, docker };
}

export class NodeReader {
  /** The CPU counters of each node's last poll: a one-shot `docker stats` needs them for a rate. */
  private readonly lastCpu = new Map<string, CpuCounters>();

  constructor(private readonly connector: NodeConnector) {}

  async read(node: NodeRecord, options: ReadOptions): Promise<NodeReading> {
    const ms = options.timeoutMs;
    const kubo = this.connector.kuboApiUrl(node);
    const found = findKuboContainer(this.connector, node);
    // Both are awaited by several parts; mark them handled so an early failure is not "unhandled".
    kubo.catch(() => {});
    found.catch(() => {});
    const rpc = (path: string) => (signal: AbortSignal) => kubo.then((base) => kuboCall(base, path, signal));

    let latencyMs: number | null = null;
    const started = performance.now();
    const [repo, disk, peers, version, peerId, bandwidth, container] = await Promise.all([
      part(ms, "kubo's repo/stat", async (signal) => {
        const answer = readRepoStat(await rpc('repo/stat?size-only=true')(signal));
        latencyMs = Math.round(performance.now() - started);
        return answer;
      }),
      part(ms, 'df', async () => {
        const dataPath = await found.then((f) => repoHostPath(f.summary), () => null);
        const result = await this.connector.exec(node, dfArgv(dataPath ?? options.dataPathFallback), { timeoutMs: ms });
        if (result.code !== 0) throw new PinfleetError('remote_failed', `df failed: ${result.stderr.trim().slice(0, 200) || `exit code ${result.code}`}`);
        return parseDf(result.stdout);
      }),
      part(ms, "kubo's swarm/peers", async (signal) => readPeerCount(await rpc('swarm/peers')(signal))),
      part(ms, "kubo's version", async (signal) => readVersion(await rpc('version')(signal))),
      part(ms, "kubo's id", async (signal) => readPeerId(await rpc('id')(signal))),
      part(ms, "kubo's stats/bw", async (signal) => readBandwidth(await rpc('stats/bw')(signal))),
      part(ms, 'Docker', async () => this.readContainer(node, await found, ms)),
    ]);
    return { repo, disk, peers, version, peerId, bandwidth, container, latencyMs };
  }

  private async readContainer(node: NodeRecord, found: FoundContainer, ms: number): Promise<ContainerInfo> {
    const container = found.docker.getContainer(found.summary.Id);
    const inspect = (await container.inspect()) as unknown as InspectAnswer;
    // Resource use is a nice-to-have: it never fails the container part.
    const stats = inspect.State.Status === 'running'
      ? await withDeadline(Math.min(ms, 3000), 'docker stats', () => container.stats({ stream: false, 'one-shot': true }))
          .then((s) => s as unknown as StatsAnswer, () => null)
      : null;
    const counters = stats ? cpuCounters(stats) : null;
    const cpuPercent = cpuPercentBetween(this.lastCpu.get(node.name) ?? null, counters);
    if (counters) this.lastCpu.set(node.name, counters);
    return containerInfo(inspect, { cpuPercent, memoryBytes: stats ? memoryBytes(stats) : null });
  }

  forget(name: string): void {
    this.lastCpu.delete(name);
  }
}
