// Pins per second into the test fleet's 3-peer IPFS Cluster, three ways in the same run:
//  - consoleClient: the console's ClusterClient.pinMany through the SSH tunnel the console uses
//    (16 requests in flight), for --cids CIDs;
//  - restDirect: the baseline, plain keep-alive HTTP POSTs straight to the peer's REST API (no
//    tunnel, no parsing), 16 in flight, for another --cids CIDs;
//  - ctlLoop: `ipfs-cluster-ctl pin add --no-status` once per CID in a shell-style loop, for a
//    sample (--ctl-sample, default 500: a process per pin makes 10,000 take minutes), next to the
//    console client run one at a time over the same sample size, the like-for-like comparison.
// Every CID is a tiny raw block added (unpinned) to every kubo first, so peers pin locally; all
// pins ask replication 1. What is measured is accepting the pin (Cluster commits it to its CRDT
// state and answers), not the kubo pinning behind it. Each method's pins are removed before the
// next runs, and the blocks are garbage-collected at the end.
// Each peer's pebble state leaves preallocated WAL files on the test fleet's 256 MiB state tmpfs under
// a burst of writes (until the peer restarts): the 10,000-CID run filled them, so the default is 2,000.
// `flock /tmp/pinfleet-integration.lock npm run bench -- cluster-pins --cids 2000`
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ClusterClient } from '../src-main/cluster/cluster-client.js';
import { ClusterService } from '../src-main/cluster/cluster-service.js';
import { ClusterSettingsStore } from '../src-main/cluster/cluster-settings.js';
import { createConnections } from '../src-main/connections/index.js';
import { EventBus } from '../src-main/core/events.js';
import { mapWithConcurrency } from '../src-main/health/concurrency.js';
import { openStorage } from '../src-main/inventory/index.js';
import { LockedSecretStore } from '../src-main/secrets/locked-secret-store.js';
import { nodeFields } from '../src-preload/contract/schemas.js';
import { loadFleet, storageServers } from '../tests/fleet/fleet-description.js';

const run = promisify(execFile);
const CONCURRENCY = 16;

async function makeCids(ipfs: string, apis: string[], dir: string, count: number, tag: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i += 1) fs.writeFileSync(path.join(dir, `${i}`), `pinfleet cluster bench ${tag} ${i}\n`);
  let cids: string[] = [];
  for (const api of apis) {
    const { stdout } = await run(ipfs, ['--api', api, 'add', '-r', '--pin=false', '--cid-version=1', '--raw-leaves', dir], { maxBuffer: 64 << 20 });
    const files = stdout.trim().split('\n').map((l) => l.split(' ')).filter((p) => p[0] === 'added' && p[2]?.includes('/'));
    cids = files.map((p) => p[1]!);
  }
  if (cids.length !== count) throw new Error(`expected ${count} CIDs from ipfs add, got ${cids.length}`);
  return cids;
}

function restPost(agent: http.Agent, host: string, cid: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: 9094, method: 'POST', path: `/pins/${cid}?replication-min=1&replication-max=1`, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} for ${cid}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const perSecond = (count: number, ms: number) => Math.round((count / (ms / 1000)) * 10) / 10;

/** Waits until no peer has pins queued, so one method's kubo work does not slow the next one down. */
async function drained(client: ClusterClient, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const queue = await client.metrics('pinqueue');
    if (queue.every((m) => Number(m.value) === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function clusterPinsBench(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { cids: { type: 'string', default: '2000' }, 'ctl-sample': { type: 'string', default: '500' } } });
  const count = Number(values.cids);
  const sample = Math.min(Number(values['ctl-sample']), count);
  const fleet = loadFleet();
  const servers = storageServers(fleet);
  if (!servers[0]?.cluster) throw new Error('the fleet has no Cluster: npm run fleet -- up --cluster');
  const restHost = servers[0].cluster.restApi.host;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-bench-cluster-'));
  const { inventory, opened } = openStorage({ dataDir: path.join(work, 'data') });
  const bus = new EventBus();
  const connections = createConnections({ inventory, db: opened.db, secrets: new LockedSecretStore(), bus, actor: 'bench' });
  const service = new ClusterService({ inventory, connector: connections.connector, settings: new ClusterSettingsStore(opened.db, false, new LockedSecretStore()), bus });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const pinnedHere = new Set<string>();
  const allCids = new Set<string>();
  let direct: ClusterClient | undefined;
  try {
    for (const s of servers) {
      inventory.addNode(nodeFields.parse({
        name: s.name, host: s.ssh.host, sshPort: s.ssh.port, sshUser: s.ssh.user, hostKeyFingerprint: s.ssh.hostKeyFingerprint,
        apiAddress: `${s.kubo.api.host}:${s.kubo.api.port}`, gatewayAddress: `${s.kubo.gateway.host}:${s.kubo.gateway.port}`,
      }), 'bench');
      await connections.handlers['credentials.set']({ name: s.name, method: 'keyFile', keyPath: fleet.clientKeyPath });
    }
    const apis = servers.map((s) => `/ip4/${s.kubo.api.host}/tcp/${s.kubo.api.port}`);
    const tag = `${Date.now()}`;
    const sets = {
      consoleClient: await makeCids(fleet.binaries.ipfs, apis, path.join(work, 'a'), count, `${tag}-a`),
      restDirect: await makeCids(fleet.binaries.ipfs, apis, path.join(work, 'b'), count, `${tag}-b`),
      ctlLoop: await makeCids(fleet.binaries.ipfs, apis, path.join(work, 'c'), sample, `${tag}-c`),
      consoleClientOneAtATime: await makeCids(fleet.binaries.ipfs, apis, path.join(work, 'd'), sample, `${tag}-d`),
    };
    for (const cids of Object.values(sets)) for (const cid of cids) allCids.add(cid);
    const { client, via } = await service.reach();
    direct = new ClusterClient({ baseUrl: `http://${restHost}:9094`, label: 'bench clean-up' });
    // Cluster may re-pin while we unpin (a peer busy pinning thousands can miss pings and trigger
    // re-allocation), so clean-up repeats until none of ours is left in the pinset.
    const clean = async (cids: string[]) => {
      const ours = new Set(cids);
      for (let round = 0; round < 5; round += 1) {
        const left = (await direct!.allocations()).map((p) => p.cid).filter((cid) => ours.has(cid));
        if (left.length === 0) break;
        await direct!.unpinMany(left, CONCURRENCY);
        await drained(direct!);
      }
      for (const cid of cids) pinnedHere.delete(cid);
    };
    const methods: Record<keyof typeof sets, () => Promise<number>> = {
      consoleClient: async () => {
        const result = await client.pinMany(sets.consoleClient, { replicationMin: 1, replicationMax: 1 }, CONCURRENCY);
        return result.failed.length;
      },
      restDirect: async () => {
        const results = await mapWithConcurrency(sets.restDirect, CONCURRENCY, (cid) => restPost(agent, restHost, cid));
        return results.filter((r) => r.status === 'rejected').length;
      },
      ctlLoop: async () => {
        let failed = 0;
        for (const cid of sets.ctlLoop) {
          await run(fleet.binaries.clusterCtl, ['--host', `/ip4/${restHost}/tcp/9094`, 'pin', 'add', '--no-status', '--rmin', '1', '--rmax', '1', cid]).catch(() => (failed += 1));
        }
        return failed;
      },
      consoleClientOneAtATime: async () => {
        const result = await client.pinMany(sets.consoleClientOneAtATime, { replicationMin: 1, replicationMax: 1 }, 1);
        return result.failed.length;
      },
    };
    const results: Record<string, { pins: number; seconds: number; pinsPerSecond: number; failed: number }> = {};
    for (const [name, pinAll] of Object.entries(methods) as [keyof typeof sets, () => Promise<number>][]) {
      const cids = sets[name];
      for (const cid of cids) pinnedHere.add(cid);
      const { ms, value: failed } = await timed(pinAll);
      results[name] = { pins: cids.length, seconds: Math.round(ms) / 1000, pinsPerSecond: perSecond(cids.length - failed, ms), failed };
      // Every pin really is in the pinset, with the replication asked for.
      const pinset = new Map((await direct.allocations()).map((p) => [p.cid, p]));
      const missing = cids.filter((cid) => pinset.get(cid)?.replicationMin !== 1);
      if (missing.length > failed) throw new Error(`${name}: ${missing.length} pins are not in the pinset with replication 1`);
      await clean(cids);
    }
    const r = (a: string, b: string) => Math.round((results[a]!.pinsPerSecond / results[b]!.pinsPerSecond) * 100) / 100;
    return {
      via,
      concurrency: CONCURRENCY,
      results,
      ratios: {
        consoleClientToRestDirect: r('consoleClient', 'restDirect'),
        consoleClientToCtlLoop: r('consoleClient', 'ctlLoop'),
        consoleClientOneAtATimeToCtlLoop: r('consoleClientOneAtATime', 'ctlLoop'),
      },
    };
  } finally {
    if (direct && pinnedHere.size > 0) await direct.unpinMany([...pinnedHere], CONCURRENCY).catch(() => {});
    if (direct) await drained(direct, 120_000).catch(() => {});
    // A kubo may still hold pins the cluster's unpin queue has not reached: remove ours, then GC.
    for (const s of servers) {
      const base = `http://${s.kubo.api.host}:${s.kubo.api.port}`;
      const listed = await fetch(`${base}/api/v0/pin/ls?type=recursive`, { method: 'POST' }).then((r) => r.json() as Promise<{ Keys?: Record<string, unknown> }>).catch(() => ({ Keys: {} }));
      const ours = Object.keys(listed.Keys ?? {}).filter((cid) => allCids.has(cid));
      await mapWithConcurrency(ours, 8, (cid) => fetch(`${base}/api/v0/pin/rm?arg=${cid}`, { method: 'POST' }).then((r) => r.arrayBuffer()));
      await run(fleet.binaries.ipfs, ['--api', `/ip4/${s.kubo.api.host}/tcp/${s.kubo.api.port}`, 'repo', 'gc', '--quiet'], { maxBuffer: 64 << 20 }).catch(() => {});
    }
    agent.destroy();
    service.close();
    await connections.close();
    inventory.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
