// One poll cycle over 500 nodes (the real fleet's three, plus kubo stand-ins on 127.0.x.y), memory
// across many cycles, and the 30-day graph query. Baseline, same run: the plain HTTP requests the
// cycle cannot avoid, to the same endpoints with the same concurrency.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConnections } from '../src-main/connections/index.js';
import { EventBus } from '../src-main/core/events.js';
import { HealthService } from '../src-main/health/health-service.js';
import { mapWithConcurrency } from '../src-main/health/concurrency.js';
import { openStorage } from '../src-main/inventory/index.js';
import { openSecretStore } from '../src-main/secrets/choose-secret-store.js';
import { loadFleet, storageServers } from '../tests/fleet/fleet-description.js';
import { BenchConnector } from './bench-connector.js';
import { fakeAddress, startFakeKuboFleet, type FakeKuboFleet } from './fake-kubo.js';
import { kuboCall } from '../src-main/health/kubo-rpc.js';
import { benchGraphQuery } from './graph-query.js';

const CONCURRENCY = Number(process.env.PINFLEET_BENCH_CONCURRENCY ?? 16);
const KUBO_CALLS = ['repo/stat?size-only=true', 'swarm/peers', 'version', 'id', 'stats/bw'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => round(bytes / 1024 ** 2, 1);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * `calls` plain POSTs per endpoint, `CONCURRENCY` endpoints at a time: what the poller's RPC part
 * costs at least. `client` 'http' is a bare keep-alive request plus JSON.parse (kubo-rpc.ts),
 * 'fetch' the platform's fetch.
 */
async function plainRequests(urls: string[], calls: string[], client: 'http' | 'fetch' = 'http'): Promise<void> {
  const results = await mapWithConcurrency(urls, CONCURRENCY, async (url) => {
    for (const call of calls) {
      if (client === 'http') await kuboCall(url, call);
      else await (await fetch(`${url}/api/v0/${call}`, { method: 'POST' })).text();
    }
  });
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw new Error(`${failed.length} baseline requests failed: ${String((failed[0] as PromiseRejectedResult).reason)}`);
}

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapUsedMiB: mib(m.heapUsed), rssMiB: mib(m.rss) };
}

export async function pollCycleBench(argv: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args: argv,
    options: { nodes: { type: 'string', default: '500' }, cycles: { type: 'string', default: '1000' }, 'graph-nodes': { type: 'string', default: '100' } },
  });
  const total = Number(values.nodes);
  const cycles = Number(values.cycles);
  const fleet = loadFleet();
  const real = storageServers(fleet);
  let fakes: FakeKuboFleet | null = null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-bench-poll-'));
  const { inventory, opened } = openStorage({ dataDir });
  const bus = new EventBus();
  const connections = createConnections({ inventory, db: opened.db, secrets: openSecretStore(dataDir, undefined), bus, actor: 'bench' });
  try {
    for (const s of real) {
      inventory.addNode(
        {
          name: s.name, host: s.ssh.host, sshPort: s.ssh.port, sshUser: s.ssh.user, hostKeyFingerprint: s.ssh.hostKeyFingerprint,
          tags: s.tags, region: s.region, priority: 0, state: 'active', notes: '',
          apiAddress: `${s.kubo.api.host}:${s.kubo.api.port}`, gatewayAddress: `${s.kubo.gateway.host}:${s.kubo.gateway.port}`,
        },
        'bench',
      );
      await connections.handlers['credentials.set']({ name: s.name, method: 'keyFile', keyPath: fleet.clientKeyPath });
    }
    const fakeUrls = new Map<string, string>();
    fakes = await startFakeKuboFleet(total - real.length);
    for (let i = 0; i < total - real.length; i += 1) {
      const name = `fake${i}`;
      fakeUrls.set(name, fakes.urls[i]!);
      inventory.addNode(
        { name, host: fakeAddress(i), sshPort: 22, sshUser: 'root', hostKeyFingerprint: null, tags: [], region: null, priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080' },
        'bench',
      );
    }
    const connector = new BenchConnector(connections.connector, fakeUrls);
    const health = new HealthService({ opened, inventory, bus, connector, actor: 'bench', poller: { concurrency: CONCURRENCY, nodeTimeoutMs: 10_000 } });
    const urls = [...real.map((s) => `http://${s.kubo.api.host}:${s.kubo.api.port}`), ...fakeUrls.values()];

    // Warm up both paths (SSH handshakes, tunnels, JIT), then alternate baseline and cycle runs.
    await plainRequests(urls, KUBO_CALLS);
    await health.poller.cycle();
    const states = health.fleet().byState;
    const baselineOne: number[] = [];
    const baselineAll: number[] = [];
    const baselineFetch: number[] = [];
    const cycle: number[] = [];
    const cycleCpu: number[] = [];
    await plainRequests(urls, KUBO_CALLS, 'fetch');
    for (let i = 0; i < 5; i += 1) {
      baselineOne.push(await timed(() => plainRequests(urls, KUBO_CALLS.slice(0, 1))));
      baselineAll.push(await timed(() => plainRequests(urls, KUBO_CALLS)));
      baselineFetch.push(await timed(() => plainRequests(urls, KUBO_CALLS, 'fetch')));
      const cpu = process.cpuUsage();
      cycle.push(await timed(() => health.poller.cycle()));
      const used = process.cpuUsage(cpu);
      cycleCpu.push((used.user + used.system) / 1000);
    }

    const before = memory();
    const heapEvery100: number[] = [];
    const memoryStart = performance.now();
    for (let i = 1; i <= cycles; i += 1) {
      await health.poller.cycle();
      if (i % 100 === 0) heapEvery100.push(memory().heapUsedMiB);
    }
    const after = memory();
    const memoryRunSeconds = round((performance.now() - memoryStart) / 1000, 0);
    await health.close();

    const cycleMs = median(cycle);
    return {
      nodes: { total, real: real.length, fake: total - real.length, statesAfterFirstCycle: states },
      concurrency: CONCURRENCY,
      cycleMs: { median: round(cycleMs), runs: cycle.map((t) => round(t)), consoleCpuMsMedian: round(median(cycleCpu)) },
      baseline: {
        oneRequestPerNodeMs: round(median(baselineOne)),
        fiveRequestsPerNodeMs: round(median(baselineAll)),
        fiveFetchesPerNodeMs: round(median(baselineFetch)),
        note: 'plain keep-alive POSTs (node:http + JSON.parse; and with fetch) to the same kubo endpoints (real fleet directly, not through SSH), same concurrency; stand-ins in their own process',
      },
      ratios: {
        cycleToOneRequestPerNode: round(cycleMs / median(baselineOne), 2),
        cycleToFiveRequestsPerNode: round(cycleMs / median(baselineAll), 2),
      },
      memory: {
        cycles,
        runSeconds: memoryRunSeconds,
        gcForced: typeof (globalThis as { gc?: unknown }).gc === 'function',
        before,
        after,
        heapUsedMiBEvery100Cycles: heapEvery100,
        samplesInDatabase: (opened.db.prepare('SELECT COUNT(*) AS n FROM capacity_samples').get() as { n: number }).n,
      },
      graph30d: benchGraphQuery(Number(values['graph-nodes'])),
    };
  } finally {
    await connections.close();
    await fakes?.close();
    inventory.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
