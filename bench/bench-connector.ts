// The connector of the poll benchmark: the real SSH connector for the fleet's nodes, and for the
// fake ones their local kubo stand-in, a canned `df` and a Docker that answers from memory.
import type Docker from 'dockerode';
import type { ExecResult, NodeConnector } from '../src-main/connections/node-connector.js';
import type { NodeRecord } from '../src-preload/contract/types.js';

const DF_OUTPUT = '1B-blocks     Avail\n21474836480 16106127360\n';

const fakeDocker = {
  listContainers: async () => [
    { Id: 'fake', Names: ['/kubo'], Image: 'ipfs/kubo:v0.43.0', State: 'running', Labels: {}, Mounts: [{ Source: '/srv/ipfs', Destination: '/data/ipfs' }] },
  ],
  getContainer: () => ({
    inspect: async () => ({ Name: '/kubo', RestartCount: 0, State: { Status: 'running', StartedAt: '2025-01-01T00:00:00Z' }, Config: { Image: 'ipfs/kubo:v0.43.0', Tty: false } }),
    stats: async () => ({ cpu_stats: { cpu_usage: { total_usage: Date.now() * 1000 }, system_cpu_usage: Date.now() * 4000, online_cpus: 2 }, memory_stats: { usage: 100_000_000 } }),
  }),
} as unknown as Docker;

export class BenchConnector implements NodeConnector {
  constructor(
    private readonly real: NodeConnector,
    /** Node name → its fake kubo's base URL; nodes not here are real fleet nodes. */
    private readonly fakes: Map<string, string>,
  ) {}

  async exec(node: NodeRecord, argv: readonly string[]): Promise<ExecResult> {
    if (!this.fakes.has(node.name)) return this.real.exec(node, argv);
    return { stdout: DF_OUTPUT, stderr: '', code: 0 };
  }

  async diskUsage(node: NodeRecord, path: string): Promise<{ total: number; free: number }> {
    if (!this.fakes.has(node.name) && this.real.diskUsage) return this.real.diskUsage(node, path);
    return { total: 21474836480, free: 16106127360 };
  }

  serviceUrl(node: NodeRecord, address: string): Promise<string> {
    return this.real.serviceUrl(node, address);
  }

  async kuboApiUrl(node: NodeRecord): Promise<string> {
    return this.fakes.get(node.name) ?? this.real.kuboApiUrl(node);
  }

  async docker(node: NodeRecord): Promise<Docker> {
    return this.fakes.has(node.name) ? fakeDocker : this.real.docker(node);
  }

  disconnect(name: string): Promise<void> {
    return this.real.disconnect(name);
  }

  close(): Promise<void> {
    return this.real.close();
  }
}
