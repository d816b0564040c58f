// Lightweight stand-ins for kubo's RPC API on 127.0.x.y, for the poll benchmark only (tests use the
// real fleet). Each answers the five calls the poller makes with fixed, kubo-shaped JSON.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const ANSWERS: Record<string, unknown> = {
  '/api/v0/repo/stat': { RepoSize: 52_428_800, StorageMax: 10_000_000_000, NumObjects: 0, RepoPath: '', Version: '' },
  '/api/v0/swarm/peers': { Peers: [{ Addr: '/ip4/127.0.0.11/tcp/4001', Peer: '12D3KooWfake' }] },
  '/api/v0/version': { Version: '0.43.0', Commit: '', Repo: '18', System: 'amd64/linux', Golang: 'go1.26' },
  '/api/v0/id': { ID: '12D3KooWfake', PublicKey: '', Addresses: [], AgentVersion: 'kubo/0.43.0', Protocols: [] },
  '/api/v0/stats/bw': { TotalIn: 1000, TotalOut: 2000, RateIn: 1.5, RateOut: 2.5 },
};

export interface FakeKubo {
  url: string;
  close(): Promise<void>;
}

export async function startFakeKubo(host: string): Promise<FakeKubo> {
  const server = http.createServer((request, response) => {
    const answer = ANSWERS[(request.url ?? '').split('?')[0]!];
    request.resume();
    response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer ?? { Message: 'unknown command', Code: 0, Type: 'error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The fake endpoint addresses: 127.0.100.1 … 127.0.101.250, all on the loopback interface. */
export function fakeAddress(index: number): string {
  return `127.0.${100 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/**
 * The stand-ins live in a process of their own, as real nodes do: in the console's process their
 * server work would be billed to the poller (and compete with it for the one JS thread).
 */
export interface FakeKuboFleet {
  urls: string[];
  close(): Promise<void>;
}

export async function startFakeKuboFleet(count: number): Promise<FakeKuboFleet> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fake-kubo-fleet.ts', import.meta.url).pathname, String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const urls = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.indexOf('\n');
      if (line >= 0) resolve(JSON.parse(out.slice(0, line)) as string[]);
    });
    child.once('exit', (code) => reject(new Error(`the kubo stand-ins exited early (code ${code})`)));
  });
  return {
    urls,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
