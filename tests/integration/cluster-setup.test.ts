// "Set up a cluster" against the real fleet: node1-3 as a standalone fleet (the fleet's own Cluster
// paused), each kubo holding CIDs of this test. The console converts node1 and node2 into a new
// IPFS Cluster with replication 1, then grows it by running the set-up again with node3 too and
// replication 2. While both run, every node's kubo `pin ls` is sampled: no CID a node pinned
// before may be missing from it at any sample. Checked with the real `ipfs-cluster-ctl` (with the
// REST login the set-up made): the peers the reports name, each CID allocated to exactly the nodes
// that held it, a CID only node3 held getting its second copy. A fleet that already runs a Cluster
// is refused.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { CLUSTER_PASSWORD_REF, CLUSTER_SECRET_REF } from '../../src-main/cluster/cluster-settings.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import type { ClusterSetupProgress, ClusterSetupReport } from '../../src-preload/contract/cluster-types.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import { dockerResult } from '../fleet/docker-cli.js';
import { storageServers } from '../fleet/fleet-description.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { kuboPinsByNode, pauseFleetCluster, removeSetupPeers, restoreFleetCluster, restoreKuboPins, setupInputFor } from './cluster-setup-support.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const run = promisify(execFile);
const fleet = inject('fleet');
const servers = storageServers(fleet);
const [node1, node2, node3] = servers as [(typeof servers)[0], (typeof servers)[0], (typeof servers)[0]];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-cluster-setup-test-'));
const dataDir = path.join(work, 'data');
let app: AppContext;
let secrets: FileSecretStore;
let pinsBefore = new Map<string, string[]>();
/** The CIDs of this test, by who holds them. */
const cids = { node1And2: '', node2Only: '', node3Only: '', node1And3: '' };

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

async function addOn(address: string, text: string): Promise<string> {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(file, text);
  const { stdout } = await run(fleet.binaries.ipfs, ['--api', `/ip4/${address}/tcp/5001`, 'add', '-Q', '--cid-version=1', file]);
  return stdout.trim();
}

async function ctl(args: string[]): Promise<string> {
  const password = (await secrets.get(CLUSTER_PASSWORD_REF)) ?? '';
  try {
    return (await run(fleet.binaries.clusterCtl, ['--host', `/ip4/${node1.address}/tcp/9094`, '--basic-auth', `pinfleet:${password}`, '--force-http', ...args], { timeout: 60_000 })).stdout;
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`ipfs-cluster-ctl ${args.join(' ')}: ${failed.stderr ?? ''} ${failed.stdout ?? ''}`);
  }
}

/** `--enc json` prints one indented JSON object per item, one after another. */
const jsonObjects = <T>(out: string): T[] => JSON.parse(`[${out.trim().replace(/}\s*\n{/g, '},{')}]`) as T[];

beforeAll(async () => {
  await removeSetupPeers(fleet);
  secrets = new FileSecretStore({ dataDir, passphrase: 'cluster-setup-test', kdf: { N: 1024, r: 8, p: 1 } });
  fs.mkdirSync(dataDir, { recursive: true });
  app = createAppContext({ dataDir, actor: 'test', secrets });
  await addFleetNodes(app, fleet, servers);
  const stamp = `${Date.now()} ${Math.random()}`;
  cids.node1And2 = await addOn(node1.address, `cluster set-up, node1 and node2 ${stamp}`);
  await kuboRpc(node2.address, 'pin/add', [cids.node1And2], 60_000);
  cids.node2Only = await addOn(node2.address, `cluster set-up, node2 alone ${stamp}`);
  cids.node3Only = await addOn(node3.address, `cluster set-up, node3 alone ${stamp}`);
  cids.node1And3 = await addOn(node1.address, `cluster set-up, node1 and node3 ${stamp}`);
  await kuboRpc(node3.address, 'pin/add', [cids.node1And3], 60_000);
  pinsBefore = await kuboPinsByNode(fleet);
}, 120_000);

afterAll(async () => {
  if (app) await app.close();
  await removeSetupPeers(fleet);
  for (const s of servers) for (const cid of Object.values(cids)) if (cid) await kuboRpc(s.address, 'pin/rm', [cid], 30_000).catch(() => {});
  // The copies the set-up's replication added to other tests' CIDs.
  await restoreKuboPins(fleet, pinsBefore);
  await restoreFleetCluster(fleet);
  fs.rmSync(work, { recursive: true, force: true });
}, 240_000);

describe('"Set up a cluster" on a standalone fleet', () => {
  it('refuses while the nodes already run a Cluster it did not set up, and changes nothing', async () => {
    const answer = await app.router.call('cluster.setup', { ...setupInputFor(fleet), dryRun: true });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('duplicate');
    expect(answer.error.message).toMatch(/already runs an IPFS Cluster peer at 127\.0\.0\.1\d:9094 .*this fleet has a cluster already/);
    expect(await secrets.get(CLUSTER_SECRET_REF)).toBeNull();
  });

  it('a dry run plans a peer beside each kubo and the CIDs to import, and changes nothing', async () => {
    await pauseFleetCluster(fleet);
    const plan = await call('cluster.setup', { ...setupInputFor(fleet), dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.peers.map((p) => [p.node, p.action, p.restAddress, p.container])).toEqual(
      servers.map((s) => [s.name, 'create', `${s.address}:9094`, `pinfleet-cluster-${s.name}`]),
    );
    expect(plan.peers.map((p) => p.swarmAddress)).toEqual(servers.map((s) => expect.stringMatching(new RegExp(`^/ip4/${s.address.replace(/\./g, '\\.')}/tcp/9096$`)) as unknown));
    expect(plan).toMatchObject({ secretGenerated: true, restUser: 'pinfleet', replicationMin: 2, replicationMax: 3 });
    expect(plan.import.toImport).toEqual(expect.arrayContaining(Object.values(cids)));
    expect(plan.import.found.find((f) => f.node === 'node1')?.pins).toBe(pinsBefore.get('node1')?.length);
    expect(await secrets.get(CLUSTER_SECRET_REF)).toBeNull();
    for (const s of servers) expect((await dockerResult(['inspect', `pinfleet-cluster-${s.name}`])).code).not.toBe(0);
  });

  let first: ClusterSetupReport;
  let report: ClusterSetupReport;
  const progress: ClusterSetupProgress[] = [];
  // Every node's pins, sampled while the set-up runs (both runs).
  const gaps: string[] = [];
  let samples = 0;

  async function setUpSampled(input: ChannelInput<'cluster.setup'>): Promise<ClusterSetupReport> {
    const unsubscribe = app.bus.subscribe((event, payload) => {
      if (event === 'cluster.setupProgress') progress.push(payload as ClusterSetupProgress);
    });
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await kuboPinsByNode(fleet).catch(() => null);
        if (now) {
          samples += 1;
          for (const [node, had] of pinsBefore) for (const cid of had) if (!now.get(node)?.includes(cid)) gaps.push(`${cid} on ${node} at sample ${samples}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    try {
      return await call('cluster.setup', input);
    } finally {
      sampling = false;
      await sampler;
      unsubscribe();
    }
  }

  const pinCount = (nodes: string[]) => nodes.reduce((n, node) => n + (pinsBefore.get(node)?.length ?? 0), 0);
  const pinLs = async (cid: string) => JSON.parse(await ctl(['--enc', 'json', 'pin', 'ls', cid])) as { allocations: string[] };
  const pinnedOn = async (cid: string) => {
    const status = JSON.parse(await ctl(['--enc', 'json', 'status', cid])) as { peer_map: Record<string, { peername: string; status: string }> };
    return Object.values(status.peer_map).filter((p) => p.status === 'pinned').map((p) => p.peername).sort();
  };

  it('converts node1 and node2 with replication 1: each CID allocated to exactly the nodes that hold it, none unpinned throughout', async () => {
    first = await setUpSampled({ ...setupInputFor(fleet), nodes: ['node1', 'node2'], replicationMin: 1, replicationMax: 1 });
    expect(gaps).toEqual([]);
    expect(first.kept).toEqual({ checked: pinCount(['node1', 'node2']), missing: [] });
    expect(first.peers.map((p) => [p.node, p.action])).toEqual([['node1', 'create'], ['node2', 'create']]);
    expect(first.import.failed).toEqual([]);
    expect(first.import.toImport).toEqual(expect.arrayContaining([cids.node1And2, cids.node2Only, cids.node1And3]));
    expect(first.import.toImport).not.toContain(cids.node3Only);
    expect(first.settings).toMatchObject({ enabled: true, user: 'pinfleet', hasPassword: true, replicationMin: 1, replicationMax: 1 });
    // Progress went through every phase, in order, naming the nodes.
    expect([...new Set(progress.map((p) => p.phase))]).toEqual(['check', 'secret', 'peers', 'join', 'import', 'verify', 'done']);
    expect(progress.filter((p) => p.phase === 'peers').map((p) => p.node)).toEqual(expect.arrayContaining(['node1', 'node2']));

    const peerOf = new Map(first.peers.map((p) => [p.node, p.peerId]));
    // Held by both: both allocated, though replication max is 1 (raised to the holders, so none is unpinned).
    expect((await pinLs(cids.node1And2)).allocations.sort()).toEqual([peerOf.get('node1'), peerOf.get('node2')].sort());
    expect((await pinLs(cids.node2Only)).allocations).toEqual([peerOf.get('node2')]);
    expect(await pinnedOn(cids.node2Only)).toEqual(['node2']);
  }, 600_000);

  it('grows to node3 when run again with every node and replication 2: node1-2 restarted trusting node3, node3 joined, its CIDs imported', async () => {
    report = await setUpSampled({ ...setupInputFor(fleet), replicationMin: 2, replicationMax: 2 });
    expect(gaps).toEqual([]);
    expect(samples).toBeGreaterThan(6);
    expect(report.kept).toEqual({ checked: pinCount(['node1', 'node2', 'node3']), missing: [] });
    // Same identities; node1-2's containers replaced because their trusted peers changed.
    expect(report.peers.map((p) => [p.node, p.action])).toEqual([['node1', 'replace'], ['node2', 'replace'], ['node3', 'create']]);
    expect(report.peers.slice(0, 2).map((p) => p.peerId)).toEqual(first.peers.map((p) => p.peerId));
    expect(report.secretGenerated).toBe(false);
    expect(report.import.failed).toEqual([]);
    expect(report.import.toImport).toContain(cids.node3Only);
    expect(report.import.toImport).not.toContain(cids.node1And3);
    expect(report.settings).toMatchObject({ enabled: true, replicationMin: 2, replicationMax: 2 });
  }, 600_000);

  it('the real ipfs-cluster-ctl, with the login the set-up made, lists the three peers, each seeing all three', async () => {
    const peers = jsonObjects<{ id: string; peername: string; cluster_peers: string[] }>(await ctl(['--enc', 'json', 'peers', 'ls']));
    expect(peers.map((p) => [p.peername, p.id]).sort()).toEqual(report.peers.map((p) => [p.node, p.peerId]).sort());
    for (const p of peers) expect([...p.cluster_peers].sort()).toEqual(report.peers.map((r) => r.peerId).sort());
    // The REST API asks for that login: without it, 401.
    const anonymous = await fetch(`http://${node1.address}:9094/id`, { signal: AbortSignal.timeout(5_000) });
    expect(anonymous.status).toBe(401);
  });

  it('the CID only node3 held gets its second copy; node3\'s copy of an imported CID joins its allocations; the rest keep theirs', async () => {
    const peerOf = new Map(report.peers.map((p) => [p.node, p.peerId]));
    const third = await pinLs(cids.node3Only);
    expect(third.allocations).toContain(peerOf.get('node3'));
    expect(third.allocations).toHaveLength(2);
    const second = report.peers.find((p) => p.node !== 'node3' && third.allocations.includes(p.peerId))!.node;
    await waitFor(`${cids.node3Only} pinned on ${second}'s kubo`, async () => ((await kuboPinsByNode(fleet)).get(second)?.includes(cids.node3Only) ? true : undefined), 120_000);
    await waitFor(`${cids.node3Only} pinned on node3 and ${second}`, async () => ((await pinnedOn(cids.node3Only)).join() === ['node3', second].sort().join() ? true : undefined), 60_000);
    expect((await pinLs(cids.node1And2)).allocations.sort()).toEqual([peerOf.get('node1'), peerOf.get('node2')].sort());
    // Imported from node1 alone before node3 joined; node3's own copy is now one of its allocations.
    expect((await pinLs(cids.node1And3)).allocations.sort()).toEqual([peerOf.get('node1'), peerOf.get('node3')].sort());
    expect(await pinnedOn(cids.node1And3)).toEqual(['node1', 'node3']);
  }, 180_000);

  it('the console now reaches the new cluster with its login (cluster.peers lists node1-3, uploads go through it)', async () => {
    const overview = await call('cluster.peers');
    expect(overview.peers.map((p) => p.node).sort()).toEqual(['node1', 'node2', 'node3']);
    expect(overview.peers.map((p) => p.id).sort()).toEqual(report.peers.map((p) => p.peerId).sort());
  });

  it('running it again changes nothing and finds everything already in the pinset', async () => {
    const again = await call('cluster.setup', { ...setupInputFor(fleet), replicationMin: 2, replicationMax: 2 });
    expect(again.peers.map((p) => [p.node, p.action, p.peerId])).toEqual(report.peers.map((p) => [p.node, 'keep', p.peerId]));
    expect(again.import.toImport).toEqual([]);
    expect(again.secretGenerated).toBe(false);
    expect(again.import.imported).toBe(0);
    expect(again.import.alreadyInPinset).toBeGreaterThanOrEqual(Object.values(cids).length);
    expect(again.kept.missing).toEqual([]);
  }, 300_000);

  it('node2 and node3 still hold what they held before (their own kubo pin ls)', async () => {
    const now = await kuboPinsByNode(fleet);
    for (const s of [node2, node3]) expect(now.get(s.name)).toEqual(expect.arrayContaining(pinsBefore.get(s.name) ?? []));
  });
});
