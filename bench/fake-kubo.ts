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
