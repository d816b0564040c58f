// How the reader gets each part from a connector: disk free by statvfs with df as the fallback,
// kubo's identity asked once, and Docker's slow stats never awaited by a poll. The connector is a
// stand-in (pure logic under test); the real paths are covered by tests/integration/health-fleet.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecResult, NodeConnector } from '../../../src-main/connections/node-connector.js';
import { StatvfsUnavailable } from '../../../src-main/connections/sftp-disk.js';
import { NodeReader } from '../../../src-main/health/read-node.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';

const node = { name: 'node1' } as NodeRecord;
const options = { timeoutMs: 2000, dataPathFallback: '/srv/ipfs' };

async function kuboStandIn(calls: string[]) {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    calls.push(path);
    const answers: Record<string, unknown> = {
      '/api/v0/repo/stat': { RepoSize: 10, StorageMax: 100 },
      '/api/v0/swarm/peers': { Peers: [] },
      '/api/v0/version': { Version: '0.43.0' },
      '/api/v0/id': { ID: '12D3KooWx' },
      '/api/v0/stats/bw': { TotalIn: 1, TotalOut: 2, RateIn: 0, RateOut: 0 },
    };
    response.end(JSON.stringify(answers[path] ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

function connector(url: string, parts: { statvfs: 'ok' | 'unavailable' | 'absent'; execs: string[][]; statsStarted: number[]; free?: number }): NodeConnector {
  const container = {
    inspect: async () => ({ Name: '/kubo', RestartCount: 0, State: { Status: 'running', StartedAt: '2026-11-22T00:00:00Z' }, Config: { Image: 'kubo' } }),
    // Docker's one-shot stats is slow; the poll must not wait for it.
    stats: () => {
      parts.statsStarted.push(Date.now());
      return new Promise((resolve) => setTimeout(() => resolve({ memory_stats: { usage: 1000 } }), 300));
    },
  };
  const docker = {
    listContainers: async () => [{ Id: 'k', Names: ['/kubo'], Image: 'kubo', State: 'running', Labels: { 'pinfleet.server': 'node1' }, Mounts: [] }],
    getContainer: () => container,
  } as unknown as Docker;
  const base: NodeConnector = {
    exec: async (_n, argv): Promise<ExecResult> => {
      parts.execs.push([...argv]);
      return { stdout: '1B-blocks Avail\n1000 600\n', stderr: '', code: 0 };
    },
    kuboApiUrl: async () => url,
    serviceUrl: async () => url,
    docker: async () => docker,
    disconnect: async () => {},
    close: async () => {},
  };
  if (parts.statvfs === 'absent') return base;
  return {
    ...base,
    diskUsage: async () => {
      if (parts.statvfs === 'unavailable') throw new StatvfsUnavailable('no sftp');
      return { total: 2000, free: parts.free ?? 1500 };
    },
  };
}

/** A reader over a kubo stand-in and a connector whose statvfs behaves as asked; closed after `work`. */
async function withReader(
  statvfs: 'ok' | 'unavailable' | { free: number },
  work: (reader: NodeReader, seen: { calls: string[]; parts: { execs: string[][]; statsStarted: number[] } }) => Promise<void>,
): Promise<void> {
  const calls: string[] = [];
  const kubo = await kuboStandIn(calls);
  const parts = typeof statvfs === 'object'
    ? { statvfs: 'ok' as const, free: statvfs.free, execs: [] as string[][], statsStarted: [] as number[] }
    : { statvfs, execs: [] as string[][], statsStarted: [] as number[] };
  try {
    await work(new NodeReader(connector(kubo.url, parts)), { calls, parts });
  } finally {
    kubo.close();
  }
}

describe('NodeReader parts', () => {
  it('reads disk free by statvfs without running df', () =>
    withReader('ok', async (reader, { parts }) => {
      const reading = await reader.read(node, options);
      expect(reading.disk).toEqual({ ok: true, value: { total: 2000, free: 1500 } });
      expect(parts.execs).toEqual([]);
    }));

  it('falls back to df once statvfs is unavailable, and stays with df for that node', () =>
    withReader('unavailable', async (reader, { parts }) => {
      expect((await reader.read(node, options)).disk).toEqual({ ok: true, value: { total: 1000, free: 600 } });
      await reader.read(node, options);
      expect(parts.execs).toHaveLength(2);
      expect(parts.execs[0]).toEqual(['df', '-B1', '--output=size,avail', '/srv/ipfs']);
    }));

  it('asks kubo for its version and id once, then reuses them', () =>
    withReader('ok', async (reader, { calls }) => {
      const first = await reader.read(node, options);
      const second = await reader.read(node, options);
      expect(first.version).toEqual({ ok: true, value: '0.43.0' });
      expect(second.peerId).toEqual({ ok: true, value: '12D3KooWx' });
      expect(calls.filter((c) => c === '/api/v0/version')).toHaveLength(1);
      expect(calls.filter((c) => c === '/api/v0/id')).toHaveLength(1);
      expect(calls.filter((c) => c === '/api/v0/repo/stat')).toHaveLength(2);
    }));

  it('does not wait for docker stats: the next poll shows what the previous one measured', () =>
    withReader('ok', async (reader, { parts }) => {
      const first = await reader.read(node, options);
      expect(first.container.ok && first.container.value.memoryBytes).toBeNull();
      expect(parts.statsStarted).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const second = await reader.read(node, options);
      expect(second.container.ok && second.container.value.memoryBytes).toBe(1000);
    }));

  it('probes writes at the first poll when the disk has room, then not again until due', () =>
    withReader({ free: 10 * 1024 ** 3 }, async (reader, { calls }) => {
      const first = await reader.read(node, options);
      expect(first.writes).toEqual({ ok: true, value: null });
      expect(calls.filter((c) => c === '/api/v0/pin/add')).toHaveLength(1);
      expect(calls.filter((c) => c === '/api/v0/pin/rm')).toHaveLength(1);
      await reader.read(node, options);
      expect(calls.filter((c) => c === '/api/v0/pin/add')).toHaveLength(1);
    }));

  it('never probes writes on a disk without room (a write there is what wedges kubo)', () =>
    withReader({ free: 1024 ** 2 }, async (reader, { calls }) => {
      const reading = await reader.read(node, options);
      expect(reading.writes).toEqual({ ok: true, value: null });
      expect(calls.filter((c) => c === '/api/v0/pin/add')).toHaveLength(0);
    }));
});
