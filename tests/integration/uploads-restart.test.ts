// Killing the app mid-upload: the real CLI (`node out/main/cli.js upload`, its own data
// dir, the fleet registered) is SIGKILLed while its progress says the bytes are flowing. Right after
// the kill, nothing acknowledged is missing from the queue and nothing is 'done' that its nodes do
// not pin; after a restart (`pinfleet serve`, which owns the persisted queue) the item whose source
// is still there completes, checked with its node's own `pin ls`, and the one whose source was
// deleted meanwhile fails saying exactly why. Needs `npx electron-vite build` first (out/main/cli.js).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext } from '../../src-main/app/compose.js';
import { DATABASE_FILE } from '../../src-main/inventory/open-database.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { UploadItem } from '../../src-preload/contract/upload-types.js';
import { writeRandomFile } from '../../bench/upload-throughput.js';
import { startPinfleet, type ServedPinfleet } from '../e2e/support/pinfleet-server.js';
import { callApi } from '../e2e/support/session.js';
import { storageServers } from '../fleet/fleet-description.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const MiB = 1024 ** 2;
const CLI = path.resolve('out/main/cli.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-uploads-restart-'));
const dataDir = path.join(work, 'data');
const ipfsPath = path.join(work, 'ipfs-repo');
const kept = path.join(work, 'kept.bin');
const deleted = path.join(work, 'deleted.bin');
const cids = new Set<string>();
let served: ServedPinfleet | undefined;

function onlyHash(target: string): string {
  const args = ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', target];
  return execFileSync(fleet.binaries.ipfs, args, { env: { ...process.env, IPFS_PATH: ipfsPath }, encoding: 'utf8' }).trim();
}

async function pinnedOn(server: string, cid: string): Promise<boolean> {
  const address = servers.find((s) => s.name === server)!.address;
  const answer = await kuboRpc<{ Keys: Record<string, unknown> }>(address, 'pin/ls', [cid]).catch(() => ({ Keys: {} }));
  return cid in answer.Keys;
}

/** The queue as the killed process left it on disk, read without the app. */
function rowsOnDisk(): { id: number; name: string; status: string; cid: string | null; pinnedOn: string | null }[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT u.id, u.name, u.status, u.cid,
                         (SELECT group_concat(n.name) FROM upload_replicas r JOIN nodes n ON n.id = r.node_id
                          WHERE r.upload_id = u.id AND r.status = 'pinned') AS pinnedOn
                       FROM uploads u ORDER BY u.id`).all() as never;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx electron-vite build\` first`);
  execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: ipfsPath } });
  // Set up the data dir in-process, then close it: from here on only the child processes open it.
  const app = createAppContext({ dataDir, actor: 'test' });
  const call = async (channel: string, input: unknown) => unwrap(await app.router.call(channel as never, input as never));
  await addFleetNodes(app, fleet, servers);
  // The test disks are a few hundred MiB: the default 1 GiB reserve would leave nothing usable.
  await call('health.updateSettings', { diskReserveBytes: 8 * MiB, fullBelowBytes: 24 * MiB });
  await app.close();
  await writeRandomFile(kept, 96 * MiB + 5);
  await writeRandomFile(deleted, 64 * MiB + 3);
  cids.add(onlyHash(kept));
  cids.add(onlyHash(deleted));
}, 120_000);

afterAll(async () => {
  await served?.stop();
  for (const s of servers) {
    for (const cid of cids) await kuboRpc(s.address, 'pin/rm', [cid]).catch(() => {});
    await kuboRpc(s.address, 'repo/gc', [], 60_000).catch(() => {});
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('killing the app mid-upload', () => {
  it('loses nothing acknowledged, marks nothing done that is not pinned, and resumes after a restart', async () => {
    // --node node2: placement alone would choose node3 (the emptiest); the choice must survive the kill.
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'upload', '--node', 'node2', kept, deleted], { stdio: ['ignore', 'ignore', 'pipe'] });
    const seen: string[] = [];
    // Killed on the first progress line of kept.bin between 5 % and 80 %: bytes are on the wire.
    const midway = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stderr! });
      lines.on('line', (line) => {
        seen.push(line);
        const percent = /^kept\.bin: uploading (\d+) %/.exec(line)?.[1];
        if (percent !== undefined && Number(percent) >= 5 && Number(percent) <= 80) {
          child.kill('SIGKILL');
          resolve(line);
        }
      });
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`the upload ended (${signal ?? `code ${code}`}) before it was seen mid-transfer: ${seen.join(' | ')}`));
      });
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(midway).toMatch(/uploading \d+ %/);

    // Right after the kill: both acknowledged items are in the queue, and whatever says done is pinned.
    const afterKill = rowsOnDisk();
    expect(afterKill.map((r) => r.name).sort()).toEqual(['deleted.bin', 'kept.bin']);
    expect(afterKill.find((r) => r.name === 'kept.bin')!.status).not.toBe('done');
    for (const row of afterKill.filter((r) => r.status === 'done')) {
      for (const node of row.pinnedOn!.split(',')) expect(await pinnedOn(node, row.cid!)).toBe(true);
    }

    fs.rmSync(deleted);
    served = await startPinfleet(dataDir);
    const list = async () => {
      const { body } = await callApi(served!, 'uploads.list', { limit: 10 });
      if (!body.ok) throw new Error(`uploads.list: ${body.error?.message}`);
      return body.data as UploadItem[];
    };
    const items = await waitFor('both items to settle after the restart', async () => {
      const all = await list();
      return all.length === 2 && all.every((i) => ['done', 'failed', 'cancelled'].includes(i.status)) ? all : undefined;
    }, 180_000);
    const done = items.find((i) => i.name === 'kept.bin')!;
    const gone = items.find((i) => i.name === 'deleted.bin')!;
    if (afterKill.find((r) => r.name === 'deleted.bin')!.status === 'done') {
      // It had finished before the kill: then it must stay done (and was checked pinned above).
      expect(gone.status).toBe('done');
    } else {
      expect(gone.status).toBe('failed');
      expect(gone.error).toMatch(/source is gone.*deleted\.bin/);
    }
    expect(done.status).toBe('done');
    expect(done.cid).toBe(onlyHash(kept));
    const pinned = done.replicas.filter((r) => r.status === 'pinned').map((r) => r.node);
    expect(pinned).toEqual(['node2']);
    for (const node of pinned) expect(await pinnedOn(node, done.cid!)).toBe(true);
  }, 300_000);
});
