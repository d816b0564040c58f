// IPFS Cluster mode against the test fleet's real 3-peer cluster (v1.1.6, CRDT), reached through
// each node's SSH connection as the console does. An upload with replication 2 must be pinned on
// exactly the peers the cluster allocated, by the real ipfs-cluster-ctl and by each kubo's own
// `pin ls`; stopping one of those peers (below replication min) must show re-allocation in
// cluster.pins until the pin converges on the peers left. Pins are removed and the peer restarted.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { UploadItem } from '../../src-preload/contract/upload-types.js';
import { storageServers } from '../fleet/fleet-description.js';
import { docker } from '../fleet/docker-cli.js';
import { run, waitFor } from '../fleet/shell.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-cluster-'));
const cids = new Set<string>();
const stopped = new Set<string>();
let app: AppContext;

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

/** The real client, straight at node1's REST API (the test runs on the servers' machine). */
async function ctlStatus(cid: string, host = servers[0]!.address): Promise<Record<string, { peername: string; status: string }>> {
  const out = await run(fleet.binaries.clusterCtl, ['--host', `/ip4/${host}/tcp/9094`, '--enc', 'json', 'status', cid]);
  return (JSON.parse(out) as { peer_map: Record<string, { peername: string; status: string }> }).peer_map;
}

/** Each kubo's own recursive pins, from the real ipfs binary. */
async function kuboPins(address: string): Promise<string[]> {
  const out = await run(fleet.binaries.ipfs, ['--api', `/ip4/${address}/tcp/5001`, 'pin', 'ls', '--type=recursive', '--quiet']);
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}

async function pinnedOnKubo(cid: string): Promise<string[]> {
  const holders: string[] = [];
  for (const s of servers) if ((await kuboPins(s.address)).includes(cid)) holders.push(s.name);
  return holders.sort();
}

async function finished(id: number): Promise<UploadItem> {
  return waitFor(`upload ${id} to finish`, async () => {
    const item = (await call('uploads.list', { limit: 100 })).find((i) => i.id === id);
    return item && ['done', 'failed', 'cancelled'].includes(item.status) ? item : undefined;
  }, 90_000);
}

/** Every peer answers and reports its free space and tags (the allocator needs those metrics to place pins). */
async function allPeersBack(): Promise<void> {
  await waitFor('every cluster peer to answer and report its free space and tags', async () => {
    const overview = await call('cluster.peers').catch(() => undefined);
    const ready = overview?.peers.filter((p) => p.error === '' && p.freespaceBytes !== null && p.tags.group !== undefined && !p.metricsExpired) ?? [];
    return ready.length === servers.length ? true : undefined;
  }, 120_000);
}

beforeAll(async () => {
  execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: path.join(work, 'repo') } });
  app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test', poller: { intervalMs: 2000, nodeTimeoutMs: 5000 } });
  await addFleetNodes(app, fleet, servers);
  // A fleet just brought up (this file run alone) may not have every peer's metrics in yet.
  if (fleet.images.cluster !== undefined) await allPeersBack();
});

afterAll(async () => {
  for (const name of stopped) await docker(['start', `pinfleet-${name}-cluster`]).catch(() => {});
  if (stopped.size > 0) await allPeersBack().catch(() => {});
  // Cluster can re-pin while we unpin (a re-allocation still in flight): repeat until none is left.
  // Done when two readings 5 s apart find none of ours.
  let clean = 0;
  for (let round = 0; round < 12 && clean < 2; round += 1) {
    const left = (await call('cluster.pins', { limit: 100_000 }).catch(() => ({ pins: [] }))).pins.filter((p) => cids.has(p.cid));
    clean = left.length === 0 ? clean + 1 : 0;
    for (const pin of left) await call('cluster.unpin', { cid: pin.cid }).catch((error: unknown) => console.warn(`clean-up: ${String(error)}`));
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  await app?.close();
  // The cluster unpins on its peers; make sure no kubo keeps a pin of ours either.
  for (const s of servers) {
    for (const cid of cids) await run(fleet.binaries.ipfs, ['--api', `/ip4/${s.address}/tcp/5001`, 'pin', 'rm', cid]).catch(() => {});
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe.runIf(fleet.images.cluster !== undefined)('IPFS Cluster mode on the test fleet', () => {
  let uploaded: { cid: string; allocated: string[] } | undefined;

  it('lists the three peers with freespace and their tag:group, through SSH tunnels', async () => {
    const overview = await call('cluster.peers');
    expect(overview.version).toBe(fleet.versions.cluster.replace(/^v/, ''));
    expect(overview.peers.map((p) => [p.name, p.node, p.tags.group, p.error])).toEqual(servers.map((s) => [s.name, s.name, s.region, '']));
    for (const peer of overview.peers) expect(peer.freespaceBytes).toBeGreaterThan(0);
    expect(overview.metricNames).toEqual(expect.arrayContaining(['freespace', 'ping', 'tag:group']));
  });

  it('uploads with replication 2 onto exactly the peers the cluster allocated', async () => {
    await call('cluster.updateSettings', { enabled: true });
    const source = path.join(work, 'replicated.bin');
    fs.writeFileSync(source, randomBytes(600 * 1024));
    const { ids } = await call('uploads.start', { paths: [source], replicas: 2 });
    const item = await finished(ids[0]!);
    expect(item.error).toBeNull();
    expect(item.status).toBe('done');
    const cid = item.cid!;
    cids.add(cid);
    const expected = execFileSync(fleet.binaries.ipfs, ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', source], {
      env: { ...process.env, IPFS_PATH: path.join(work, 'repo') },
      encoding: 'utf8',
    }).trim();
    expect(cid).toBe(expected);

    const page = await call('cluster.pins', { cid });
    const pin = page.pins[0]!;
    expect(pin).toMatchObject({ replicationMin: 2, replicationMax: 2, settled: true, underReplicated: false, name: 'replicated.bin' });
    const allocated = [...pin.allocationNames].sort();
    expect(allocated).toHaveLength(2);
    // The upload records exactly the cluster's placement.
    expect(item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node).sort()).toEqual(allocated);
    // The real ipfs-cluster-ctl agrees: pinned on the allocated peers, "remote" on the third.
    const ctl = await ctlStatus(cid);
    const ctlPinned = Object.values(ctl).filter((p) => p.status === 'pinned').map((p) => p.peername).sort();
    expect(ctlPinned).toEqual(allocated);
    expect(Object.values(ctl).filter((p) => p.status === 'remote')).toHaveLength(1);
    // And each kubo's own pin ls: on the allocated nodes, nowhere else.
    expect(await pinnedOnKubo(cid)).toEqual(allocated);
    uploaded = { cid, allocated };
  });

  it('pins, changes replication, recovers and unpins a CID through the channels', async () => {
    await allPeersBack();
    await call('cluster.updateSettings', { enabled: false });
    fs.writeFileSync(path.join(work, 'small.txt'), `cluster channels ${Date.now()}\n`);
    const cid = (await run(fleet.binaries.ipfs, ['--api', `/ip4/${servers[1]!.address}/tcp/5001`, 'add', '-Q', '--pin=false', '--cid-version=1', path.join(work, 'small.txt')])).trim();
    cids.add(cid);
    const pinned = await call('cluster.pin', { cid, name: 'channels', replicationMin: 1, replicationMax: 1 });
    expect(pinned.allocations).toHaveLength(1);
    const wider = await call('cluster.setReplication', { cid, replicationMin: 3, replicationMax: 3 });
    expect(wider).toMatchObject({ name: 'channels', replicationMin: 3, replicationMax: 3 });
    await waitFor('the pin on all three peers', async () => ((await call('cluster.pins', { cid })).pins[0]!.pinnedCount === 3 ? true : undefined), 60_000);
    expect(await pinnedOnKubo(cid)).toEqual(servers.map((s) => s.name).sort());
    const recovered = await call('cluster.recover', { cid });
    expect(recovered[0]!.cid).toBe(cid);
    expect(await call('cluster.unpin', { cid })).toEqual({ cid, unpinned: true });
    await waitFor('the unpin on every kubo', async () => ((await pinnedOnKubo(cid)).length === 0 ? true : undefined), 60_000);
    await expect(call('cluster.unpin', { cid })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('imports the CIDs the nodes already pin into the pinset, keeping every copy pinned throughout', async () => {
    await allPeersBack();
    // A is pinned by node1 and node2, B by node2 only, as on a fleet run without a cluster.
    const holders = new Map<string, string[]>();
    for (const [label, on] of [['A', servers.slice(0, 2)], ['B', servers.slice(1, 2)]] as const) {
      const file = path.join(work, `standalone-${label}.txt`);
      fs.writeFileSync(file, `pinned before the cluster ${label} ${Date.now()}\n`);
      let cid = '';
      for (const s of on) cid = (await run(fleet.binaries.ipfs, ['--api', `/ip4/${s.address}/tcp/5001`, 'add', '-Q', '--cid-version=1', file])).trim();
      cids.add(cid);
      holders.set(cid, on.map((s) => s.name).sort());
    }
    const stillPinned = async () => {
      for (const [cid, names] of holders) {
        for (const name of names) expect(await kuboPins(servers.find((s) => s.name === name)!.address)).toContain(cid);
      }
    };
    const dry = await call('cluster.importPins', { cids: [...holders.keys()], dryRun: true });
    expect([...dry.toImport].sort()).toEqual([...holders.keys()].sort());
    expect(dry.imported).toBe(0);
    expect(dry.alreadyInPinset).toBe(0);
    await expect(call('cluster.pins', { cid: [...holders.keys()][0]! })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/is not in the cluster pinset/) });
    // Replication 1 asks fewer copies than A has: Cluster would unpin a non-allocated holder, so
    // the import allocates every holder and raises max to their number.
    const report = await call('cluster.importPins', { cids: [...holders.keys()], replicationMin: 1, replicationMax: 1 });
    expect(report).toMatchObject({ imported: 2, failed: [] });
    await stillPinned();
    for (const [cid, names] of holders) {
      const pin = await waitFor(`${cid} to settle in the cluster`, async () => {
        const p = (await call('cluster.pins', { cid })).pins[0]!;
        return p.settled ? p : undefined;
      }, 60_000);
      expect(pin).toMatchObject({ replicationMin: 1, replicationMax: names.length, pinnedCount: names.length, name: 'imported by Pinfleet' });
      expect([...pin.allocationNames].sort()).toEqual(names);
      await stillPinned();
    }
  });

  it('says which peer is unreachable when the configured one is down', async () => {
    await call('cluster.updateSettings', { node: servers[2]!.name, apiAddresses: { [servers[2]!.name]: `${servers[2]!.address}:9` } });
    try {
      await expect(call('cluster.peers')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(new RegExp(`${servers[2]!.name}'s Cluster peer \\(${servers[2]!.address.replace(/\./g, '\\.')}:9\\) does not answer`)) });
    } finally {
      await call('cluster.updateSettings', { node: null, apiAddresses: {} });
    }
  });
  // Last: Cluster keeps re-pinning for a while after a peer came back, which must not meet the other tests' pins.
  it('shows re-allocation when an allocated peer stops, until the pin converges on the peers left', async () => {
    if (!uploaded) throw new Error('the upload test did not leave a pin to re-allocate');
    const { cid, allocated } = uploaded;
    const victim = allocated[0]!;
    const third = servers.map((s) => s.name).find((n) => !allocated.includes(n))!;
    const before = (await call('cluster.pins', { cid })).pins[0]!;
    expect([...before.allocationNames].sort()).toEqual(allocated);
    stopped.add(victim);
    await docker(['stop', `pinfleet-${victim}-cluster`]);
    try {
      // The console keeps answering through another node's peer, and shows the stopped one as down.
      const down = await waitFor(`cluster.peers to show ${victim} down`, async () => {
        const overview = await call('cluster.peers');
        const peer = overview.peers.find((p) => p.name === victim);
        return peer && peer.error !== '' ? overview : undefined;
      }, 60_000);
      expect(down.via).not.toBe(victim);
      expect(down.alerts.filter((a) => !a.cleared).map((a) => a.peerName)).toContain(victim);

      const converged = await waitFor(`${cid} to be re-allocated away from ${victim} and pinned`, async () => {
        const pin = (await call('cluster.pins', { cid })).pins[0]!;
        return !pin.allocationNames.includes(victim) && pin.settled ? pin : undefined;
      }, 90_000);
      expect([...converged.allocationNames].sort()).toEqual([allocated[1]!, third].sort());
      expect(converged.pinnedCount).toBe(2);
      // The third node's kubo now holds it too, by its own pin ls.
      expect(await kuboPins(servers.find((s) => s.name === third)!.address)).toContain(cid);
    } finally {
      await docker(['start', `pinfleet-${victim}-cluster`]);
      stopped.delete(victim);
      await allPeersBack();
    }
  });
});
