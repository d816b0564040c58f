// Uploads against the real fleet: files land where placement says from the capacity of that
// moment, CIDs equal what the kubo binary computes for the same bytes, replicas are checked with
// each node's own `pin ls`, and a full fleet keeps the item queued until space appears. Faults are
// healed and every pin made here is removed again.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { DATABASE_FILE } from '../../src-main/inventory/open-database.js';
import { computeLocalCid } from '../../src-main/uploads/local-cid.js';
import { readUploadSource } from '../../src-main/uploads/upload-source.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { UploadItem } from '../../src-preload/contract/upload-types.js';
import { storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-uploads-'));
const ipfsPath = path.join(work, 'ipfs-repo');
const cids = new Set<string>();
let app: AppContext;

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

function file(name: string, bytes: number): string {
  const target = path.join(work, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes === 0 ? Buffer.alloc(0) : randomBytes(bytes));
  return target;
}

/** What `ipfs add --only-hash` of the real kubo binary says for the same path. */
function onlyHash(target: string): string {
  const args = ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144'];
  if (fs.statSync(target).isDirectory()) args.push('-r');
  return execFileSync(fleet.binaries.ipfs, [...args, target], { env: { ...process.env, IPFS_PATH: ipfsPath }, encoding: 'utf8' }).trim();
}

async function finished(id: number, timeoutMs = 90_000): Promise<UploadItem> {
  return waitFor(`upload ${id} to finish`, async () => {
    const item = (await call('uploads.list', { limit: 1000 })).find((i) => i.id === id);
    return item && ['done', 'failed', 'cancelled'].includes(item.status) ? item : undefined;
  }, timeoutMs);
}

async function pinnedOn(server: string, cid: string): Promise<boolean> {
  const address = servers.find((s) => s.name === server)!.address;
  const answer = await kuboRpc<{ Keys: Record<string, unknown> }>(address, 'pin/ls', [cid]).catch(() => ({ Keys: {} }));
  return cid in answer.Keys;
}

beforeAll(async () => {
  execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: ipfsPath } });
  app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test', poller: { intervalMs: 2000, nodeTimeoutMs: 5000 } });
  await addFleetNodes(app, fleet, servers);
});

afterAll(async () => {
  await faults.healFleet(fleet);
  await app?.close();
  for (const s of servers) {
    for (const cid of cids) await kuboRpc(s.address, 'pin/rm', [cid]).catch(() => {});
    await kuboRpc(s.address, 'repo/gc', [], 60_000).catch(() => {});
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('uploads against the real fleet', () => {
  afterEach(async () => {
    await faults.healFleet(fleet);
  });

  it('computes the CID the kubo binary computes, for known answers', async () => {
    const hello = path.join(work, 'hello.txt');
    fs.writeFileSync(hello, 'hello world\n');
    for (const target of [hello, file('empty', 0), file('three-chunks', 700_000)]) {
      expect(await computeLocalCid(await readUploadSource(target))).toBe(onlyHash(target));
    }
  });

  it('lands files of several sizes on the node placement predicts, with the CID kubo computes', async () => {
    for (const size of [1024, 3 * 1024 * 1024, 12 * 1024 * 1024]) {
      const source = file(`sized-${size}.bin`, size);
      const [plan] = await call('uploads.plan', { items: [{ name: path.basename(source), size }], replicas: 1 });
      expect(plan?.ok).toBe(true);
      const predicted = plan!.ok ? plan!.targets[0]!.node : '';
      const { ids } = await call('uploads.start', { paths: [source], replicas: 1 });
      const item = await finished(ids[0]!);
      expect(item.error).toBeNull();
      expect(item.status).toBe('done');
      cids.add(item.cid!);
      expect(item.cid).toBe(onlyHash(source));
      expect(item.replicas.map((r) => [r.node, r.status])).toEqual([[predicted, 'pinned']]);
      expect(await pinnedOn(predicted, item.cid!)).toBe(true);
      expect((await call('uploads.list', { search: item.cid!.slice(0, 24) })).map((i) => i.id)).toEqual([item.id]);
    }
  });

  it('pins replicas=2 on two distinct nodes, each by its own pin ls, reporting the pin in bytes', async () => {
    const source = file('replicated.bin', 2 * 1024 * 1024 + 5);
    const pinning: { node: string | null; bytesDone: number; bytesTotal: number }[] = [];
    const stop = app.bus.subscribe((event, payload) => {
      const p = payload as { status: string; node: string | null; bytesDone: number; bytesTotal: number };
      if (event === 'uploads.progress' && p.status === 'pinning') pinning.push(p);
    });
    const { ids } = await call('uploads.start', { paths: [source], replicas: 2 });
    const item = await finished(ids[0]!);
    stop();
    expect(item.status).toBe('done');
    cids.add(item.cid!);
    const nodes = item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node);
    expect(new Set(nodes).size).toBe(2);
    for (const node of nodes) expect(await pinnedOn(node, item.cid!)).toBe(true);
    // The second replica's pin was reported in bytes, from 0 to the whole size, naming that node.
    expect(pinning.length).toBeGreaterThanOrEqual(2);
    const second = pinning[0]!.node;
    expect(nodes).toContain(second);
    expect(pinning.every((p) => p.node === second)).toBe(true);
    expect(pinning[0]!.bytesDone).toBe(0);
    expect(pinning.at(-1)).toMatchObject({ bytesDone: 2 * 1024 * 1024 + 5, bytesTotal: 2 * 1024 * 1024 + 5 });
  });

  it('uploads a zero-byte file and a folder with nested files, keeping its structure', async () => {
    const empty = file('zero.bin', 0);
    const folder = path.join(work, 'tree');
    file('tree/a.txt', 10);
    file('tree/sub/b.bin', 300_000);
    file('tree/sub/deeper/c.txt', 0);
    fs.mkdirSync(path.join(folder, 'empty-dir'));
    const { ids } = await call('uploads.start', { paths: [empty, folder], replicas: 1 });
    const [zero, tree] = [await finished(ids[0]!), await finished(ids[1]!)];
    expect([zero.status, tree.status]).toEqual(['done', 'done']);
    cids.add(zero.cid!).add(tree.cid!);
    expect(zero.cid).toBe(onlyHash(empty));
    expect(tree.cid).toBe(onlyHash(folder));
    const node = servers.find((s) => s.name === tree.replicas[0]!.node)!;
    const listing = await kuboRpc<{ Objects: { Links: { Name: string }[] }[] }>(node.address, 'ls', [`${tree.cid}/sub`]);
    expect(listing.Objects[0]!.Links.map((l) => l.Name)).toEqual(['b.bin', 'deeper']);
  });

  it('leaves out a symbolic link that leaves the folder, and says so', async () => {
    const folder = path.join(work, 'with-link');
    file('with-link/kept.txt', 100);
    fs.symlinkSync('/etc/hostname', path.join(folder, 'escape'));
    const started = await call('uploads.start', { paths: [folder], replicas: 1 });
    expect(started.skipped).toEqual([{ path: `${folder}/escape`, reason: 'is a symbolic link leaving the folder (to /etc/hostname)' }]);
    const item = await finished(started.ids[0]!);
    expect(item.status).toBe('done');
    cids.add(item.cid!);
    const node = servers.find((s) => s.name === item.replicas[0]!.node)!;
    const listing = await kuboRpc<{ Objects: { Links: { Name: string }[] }[] }>(node.address, 'ls', [item.cid!]);
    expect(listing.Objects[0]!.Links.map((l) => l.Name)).toEqual(['kept.txt']);
  });

  it('refuses up front a file too big for every node, naming the shortfall', async () => {
    const big = path.join(work, 'too-big.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 600 * 1024 * 1024);
    const result = await app.router.call('uploads.start', { paths: [big], replicas: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('no_space');
      expect(result.error.message).toMatch(/short/);
    }
  });

  it('keeps an item queued with a clear error while every node is full, and completes it after unfill', async () => {
    for (const s of servers) faults.fillDiskOf(fleet, s.name);
    const source = file('waits.bin', 1024 * 1024);
    const { ids } = await call('uploads.start', { paths: [source], replicas: 1 });
    const waiting = await waitFor('the item to wait for space', async () => {
      const item = (await call('uploads.list', { search: 'waits.bin' }))[0];
      // The first attempt may still see yesterday's capacity and meet ENOSPC; it ends up waiting too.
      return item?.error?.match(/^waiting for space: .*short/) ? item : undefined;
    }, 60_000);
    expect(waiting.status).toBe('queued');
    expect(waiting.error).toMatch(/short/);
    // Heal, not only unfill: a kubo that wrote while full keeps refusing until it restarts (see uploads-wedged-kubo).
    await faults.healFleet(fleet);
    const item = await finished(ids[0]!);
    expect(item.status).toBe('done');
    cids.add(item.cid!);
    expect(item.cid).toBe(onlyHash(source));
  });

  it('moves to the next-ranked node when the target stops mid-transfer', async () => {
    // A clean stop, not a SIGKILL: a killed kubo can leave its flatfs disk-usage count wrong.
    const size = 96 * 1024 * 1024;
    const source = file('failover.bin', size);
    const [plan] = await call('uploads.plan', { items: [{ name: 'failover.bin', size }], replicas: 1 });
    const first = plan!.ok ? plan!.targets[0]!.node : '';
    let stopping: Promise<void> | null = null;
    const stop = app.bus.subscribe((event, payload) => {
      const p = payload as { node: string | null; bytesDone: number; status: string };
      if (event === 'uploads.progress' && p.status === 'uploading' && p.node === first && p.bytesDone > 0 && !stopping) {
        stopping = faults.stopKubo(fleet, first);
      }
    });
    const { ids } = await call('uploads.start', { paths: [source], replicas: 1 });
    const item = await finished(ids[0]!);
    stop();
    expect(stopping).not.toBeNull();
    await stopping;
    await faults.startKubo(fleet, first);
    expect(item.status).toBe('done');
    cids.add(item.cid!);
    expect(item.cid).toBe(onlyHash(source));
    const byNode = Object.fromEntries(item.replicas.map((r) => [r.node, r.status]));
    expect(byNode[first]).toMatch(/failed|unpinned/);
    // Once the crashed node answers again, whatever pin the broken add left there is removed.
    await call('health.pollNow', { name: first });
    await waitFor(`${first}'s replica row to be cleaned up`, async () => {
      const row = (await call('uploads.list', { search: 'failover.bin' }))[0]!.replicas.find((r) => r.node === first);
      return row?.status === 'unpinned' ? row : undefined;
    }, 30_000);
    expect(await pinnedOn(first, item.cid!)).toBe(false);
    const landed = item.replicas.find((r) => r.status === 'pinned')!.node;
    expect(landed).not.toBe(first);
    expect(await pinnedOn(landed, item.cid!)).toBe(true);
  });

  it('resumes, after a restart, an item that was cut off mid-upload, and never marks it done unpinned', async () => {
    const source = file('resumed.bin', 1024 * 1024);
    // Rows as a console killed mid-upload leaves them; then the same data folder opens again.
    const db = new Database(path.join(work, 'data', DATABASE_FILE));
    const at = new Date().toISOString();
    const id = Number(db.prepare(`INSERT INTO uploads (name, source_path, size, status, replicas_wanted, chunker, created_at, updated_at)
      VALUES ('resumed.bin', ?, ?, 'uploading', 1, 'size-262144', ?, ?)`).run(source, 1024 * 1024, at, at).lastInsertRowid);
    const gone = Number(db.prepare(`INSERT INTO uploads (name, source_path, size, status, replicas_wanted, chunker, created_at, updated_at)
      VALUES ('gone.bin', ?, 5, 'pinning', 1, 'size-262144', ?, ?)`).run(path.join(work, 'no-such-file'), at, at).lastInsertRowid);
    db.close();
    const restarted = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test', runPoller: true, poller: { intervalMs: 60_000, nodeTimeoutMs: 5000 } });
    try {
      const result = await waitFor('the restarted console to finish both', async () => {
        const items = unwrap(await restarted.router.call('uploads.list', { limit: 1000 })) as UploadItem[];
        const mine = items.filter((i) => i.id === id || i.id === gone);
        return mine.every((i) => ['done', 'failed'].includes(i.status)) ? mine : undefined;
      }, 90_000);
      const done = result.find((i) => i.id === id)!;
      const failed = result.find((i) => i.id === gone)!;
      expect(done.status).toBe('done');
      cids.add(done.cid!);
      expect(await pinnedOn(done.replicas[0]!.node, done.cid!)).toBe(true);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/the source is gone.*no such file or folder/);
      expect(failed.cid).toBeNull();
    } finally {
      await restarted.close();
    }
  });

  it('cancels a running upload, and a retry completes it', async () => {
    const source = file('cancelled.bin', 64 * 1024 * 1024);
    let cancelling: Promise<unknown> | null = null;
    const stop = app.bus.subscribe((event, payload) => {
      const p = payload as { id: number; bytesDone: number; status: string };
      if (event === 'uploads.progress' && p.status === 'uploading' && p.bytesDone > 0 && !cancelling) {
        cancelling = app.router.call('uploads.cancel', { id: p.id });
      }
    });
    const { ids } = await call('uploads.start', { paths: [source], replicas: 1 });
    const item = await finished(ids[0]!);
    stop();
    await cancelling;
    expect([item.status, item.error]).toEqual(['cancelled', 'cancelled by the admin']);
    expect(item.replicas.every((r) => r.status !== 'pinned')).toBe(true);
    expect((await call('uploads.retry', { id: item.id })).status).toBe('queued');
    const retried = await finished(item.id);
    expect(retried.status).toBe('done');
    cids.add(retried.cid!);
    expect(retried.cid).toBe(onlyHash(source));
  });
});
