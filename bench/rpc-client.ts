// Short kubo RPC calls (the poller's `repo/stat`, `id`; measured with `id`): CPU per call of the console's node:http client
// (src-main/health/kubo-rpc.ts) against the two alternatives an engineer would reach for, fetch and the
// official kubo-rpc-client, in the same run against the same real kubo of the test fleet (loopback, no
// tunnel, so the clients' own cost is what differs). `npm run bench -- rpc-client --calls 2000`; needs
// `npm run fleet -- up`. Calls run one at a time; CPU is this process's user+system time.
import { parseArgs } from 'node:util';
import { create } from 'kubo-rpc-client';
import { kuboCall } from '../src-main/health/kubo-rpc.js';
import { loadFleet, storageServers } from '../tests/fleet/fleet-description.js';

interface ClientFigure {
  client: string;
  calls: number;
  cpuMicrosPerCall: number;
  wallMicrosPerCall: number;
}

async function measure(client: string, calls: number, call: () => Promise<unknown>): Promise<ClientFigure> {
  for (let i = 0; i < 50; i += 1) await call(); // warm sockets and JIT
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) await call();
  const used = process.cpuUsage(cpu);
  const elapsed = Number(process.hrtime.bigint() - wall) / 1000;
  return { client, calls, cpuMicrosPerCall: Math.round((used.user + used.system) / calls), wallMicrosPerCall: Math.round(elapsed / calls) };
}

export async function rpcClientBench(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { calls: { type: 'string', default: '2000' } } });
  const calls = Number(values.calls);
  const kubo = storageServers(loadFleet())[0]!.kubo!;
  const base = `http://${kubo.api.host}:${kubo.api.port}`;
  const official = create({ url: `${base}/api/v0` });
  const figures: ClientFigure[] = [];
  // Interleaved twice so a drift in the machine's load touches every client alike.
  for (let round = 0; round < 2; round += 1) {
    figures.push(await measure('node:http (the console)', calls, () => kuboCall(base, 'id')));
    figures.push(await measure('fetch', calls, async () => (await fetch(`${base}/api/v0/id`, { method: 'POST' })).json()));
    figures.push(await measure('kubo-rpc-client', calls, () => official.id()));
  }
  const best = (client: string) => Math.min(...figures.filter((f) => f.client === client).map((f) => f.cpuMicrosPerCall));
  const console_ = best('node:http (the console)');
  return {
    headline: 'CPU per short kubo RPC call: real kubo v0.43 on loopback, real clients; lower is better',
    figures,
    cpuRatioToConsole: { fetch: +(best('fetch') / console_).toFixed(2), 'kubo-rpc-client': +(best('kubo-rpc-client') / console_).toFixed(2) },
  };
}
