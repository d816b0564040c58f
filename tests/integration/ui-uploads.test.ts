// The Uploads page against the real fleet, in real Chromium: two files chosen in the browser are
// streamed to `pinfleet serve`, planned where the API plan says, uploaded to kubo, and listed in the
// history with the CIDs the kubo binary computes for the same bytes; the node's own `pin ls` has
// them. Every pin made here is removed again and the repos garbage-collected.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ItemPlan, UploadItem } from '../../src-preload/contract/upload-types.js';
import { saveScreenshot } from '../e2e/support/browser.js';
import { eventually, openPage } from '../e2e/support/console-page.js';
import { sendFile } from '../e2e/support/send-file.js';
import { callApi, startSession, type ConsoleSession } from '../e2e/support/session.js';
import { storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { registerFleet } from '../fleet/register.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const MiB = 1024 ** 2;
// Well inside the test timeout (120 s), so a wait that fails reports what it last saw, not a timeout.
const SETTLE_MS = 45_000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-ui-uploads-'));
const ipfsPath = path.join(work, 'ipfs-repo');
const files = [
  { name: 'ui-small.bin', bytes: randomBytes(300 * 1024 + 7) },
  { name: 'ui-large.bin', bytes: randomBytes(Math.round(1.5 * MiB) + 13) },
];
const cids = new Set<string>();

async function api<T>(session: ConsoleSession, channel: string, input: unknown = {}): Promise<T> {
  const { body } = await callApi(session.server, channel, input);
  if (!body.ok) throw new Error(`${channel}: ${body.error?.code}: ${body.error?.message}`);
  return body.data as T;
}

/** What `ipfs add --only-hash` of the real kubo binary says for the same bytes. */
function onlyHash(bytes: Buffer, name: string): string {
  const target = path.join(work, name);
  fs.writeFileSync(target, bytes);
  return execFileSync(
    fleet.binaries.ipfs,
    ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', target],
    { env: { ...process.env, IPFS_PATH: ipfsPath }, encoding: 'utf8' },
  ).trim();
}

describe('uploads page on the real fleet', () => {
  let session: ConsoleSession;
  let page: Page;
  let errors: string[];
  /** The nodes' key file as the console received it: it stays, the credentials read it. */
  let keyPath: string;

  beforeAll(async () => {
    if (servers.length === 0) throw new Error('these tests need storage nodes');
    execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: ipfsPath } });
    session = await startSession();
    await registerFleet(fleet, session.dataDir);
    keyPath = await sendFile(session.server, fleet.clientKeyPath);
    for (const server of servers) await api(session, 'credentials.set', { name: server.name, method: 'keyFile', keyPath });
    // The test disks are a few hundred MiB: the default 1 GiB reserve would leave nothing usable.
    await api(session, 'health.updateSettings', { pollIntervalSeconds: 5, diskReserveBytes: 8 * MiB, fullBelowBytes: 24 * MiB });
    await api(session, 'health.pollNow');
    ({ page, errors } = await session.openConsole());
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await faults.healFleet(fleet);
    await session?.close();
    for (const s of servers) {
      for (const cid of cids) await kuboRpc(s.address, 'pin/rm', [cid]).catch(() => {});
      await kuboRpc(s.address, 'repo/gc', [], 60_000).catch(() => {});
    }
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('plans two chosen files where the API plan says, uploads both and lists their CIDs', async () => {
    const expected = files.map((f) => onlyHash(f.bytes, f.name));
    expected.forEach((cid) => cids.add(cid));
    await openPage(page, 'Uploads');
    await page.locator('#upload-file-input').setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.bytes })),
    );
    const planRows = page.getByRole('table', { name: 'Plan' }).locator('tbody tr');
    await eventually(async () => expect(await planRows.count()).toBe(2), SETTLE_MS);
    // The page's plan is the API's plan for the same items, asked at (nearly) the same moment.
    await eventually(async () => {
      const plan = await api<ItemPlan[]>(session, 'uploads.plan', { items: files.map((f) => ({ name: f.name, size: f.bytes.length })), replicas: 1 });
      const predicted = plan.map((p) => (p.ok ? p.targets.map((t) => t.node).join(', ') : null));
      expect(predicted.every((p) => p !== null)).toBe(true);
      expect(await planRows.getByTestId('plan-nodes').allTextContents()).toEqual(predicted);
    }, SETTLE_MS);
    const plannedNodes = await planRows.getByTestId('plan-nodes').allTextContents();

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const queue = page.getByRole('list', { name: 'Queue' });
    await eventually(async () => {
      const stages = await queue.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-stage')));
      expect(stages).toEqual(['done', 'done']);
    }, SETTLE_MS);

    const stored = await api<UploadItem[]>(session, 'uploads.list', { limit: 10 });
    for (const [i, f] of files.entries()) {
      const row = page.getByRole('table', { name: 'Uploads' }).locator(`tr[data-upload-name="${f.name}"]`);
      await eventually(async () => expect(await row.getAttribute('data-status')).toBe('done'), SETTLE_MS);
      expect(await row.getByRole('textbox', { name: `CID of ${f.name}` }).inputValue()).toBe(expected[i]);
      const item = stored.find((s) => s.name === f.name)!;
      expect(item.cid).toBe(expected[i]);
      const pinned = item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node);
      expect(pinned).toEqual([plannedNodes[i]]);
      // The node's own pin list has it.
      const address = servers.find((s) => s.name === pinned[0])!.address;
      const own = await kuboRpc<{ Keys: Record<string, unknown> }>(address, 'pin/ls', [expected[i]!]);
      expect(Object.keys(own.Keys)).toContain(expected[i]);
      expect(await row.getByTestId('gateway-link').textContent()).toContain(`/ipfs/${expected[i]}`);
    }
    await page.evaluate('window.scrollTo(0, 0)');
    await saveScreenshot(page, 'ui-uploads');
    // The received copies under incoming/ are gone once their uploads are done (the key file stays).
    await eventually(async () => {
      const left = fs.readdirSync(path.join(session.dataDir, 'incoming'), { recursive: true })
        .filter((e) => fs.statSync(path.join(session.dataDir, 'incoming', String(e))).isFile());
      expect(left).toEqual([path.relative(path.join(session.dataDir, 'incoming'), keyPath)]);
    }, SETTLE_MS);
  });

  /**
   * Plans the file while there is room, fills every node, then starts it: main finds no room, and
   * the queue row must say "waiting for space" with the shortfall.
   */
  async function startIntoFullFleet(name: string, bytes: Buffer) {
    await openPage(page, 'Uploads');
    await page.locator('#upload-file-input').setInputFiles([{ name, mimeType: 'application/octet-stream', buffer: bytes }]);
    const planRow = page.getByRole('table', { name: 'Plan' }).locator('tbody tr');
    await eventually(async () => expect(await planRow.getAttribute('data-plan-ok')).toBe('true'), SETTLE_MS);
    for (const s of servers) faults.fillDiskOf(fleet, s.name);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const row = page.getByRole('list', { name: 'Queue' }).locator(`li[data-upload-name="${name}"]`);
    await eventually(async () => {
      expect(await row.getAttribute('data-stage'), await heldItem(name)).toBe('waiting');
      expect(await row.locator('.upload-stage').textContent()).toBe('Waiting for space');
      expect(await row.locator('.upload-queue__error').textContent()).toMatch(/^waiting for space: .*short/);
    }, SETTLE_MS);
    return row;
  }

  /**
   * Frees the disks, and restarts any kubo the full disk left refusing writes: kubo's datastore keeps
   * a disk-full error until it restarts, which happens at random when kubo wrote while full (the
   * console's answer to that is tested in uploads-wedged-kubo). Here the fleet must be whole again.
   */
  async function freeSpace(): Promise<void> {
    for (const s of servers) faults.unfillDiskOf(fleet, s.name);
    await faults.healFleet(fleet);
  }

  /** What main holds for the item, as an assertion's message: a wait that fails says where the item got stuck. */
  async function heldItem(name: string): Promise<string> {
    return JSON.stringify(await api<UploadItem[]>(session, 'uploads.list', { search: name, limit: 10 }));
  }

  async function expectPinnedWhereListed(name: string, cid: string): Promise<void> {
    const item = (await api<UploadItem[]>(session, 'uploads.list', { search: name, limit: 10 })).find((i) => i.name === name)!;
    expect([item.status, item.cid]).toEqual(['done', cid]);
    const pinned = item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node);
    expect(pinned).toHaveLength(1);
    const address = servers.find((s) => s.name === pinned[0])!.address;
    const own = await kuboRpc<{ Keys: Record<string, unknown> }>(address, 'pin/ls', [cid]);
    expect(Object.keys(own.Keys)).toContain(cid);
  }

  it('shows an item waiting for space with the shortfall, and completes it once space is freed', async () => {
    const bytes = randomBytes(2 * MiB + 101);
    const cid = onlyHash(bytes, 'ui-waits.bin');
    cids.add(cid);
    try {
      const row = await startIntoFullFleet('ui-waits.bin', bytes);
      await freeSpace();
      await eventually(async () => expect(await row.getAttribute('data-stage'), await heldItem('ui-waits.bin')).toBe('done'), SETTLE_MS);
      await expectPinnedWhereListed('ui-waits.bin', cid);
    } finally {
      await freeSpace();
    }
  });

  it('cancels an item from its queue row, and Retry completes it', async () => {
    const bytes = randomBytes(MiB + 17);
    const cid = onlyHash(bytes, 'ui-cancel.bin');
    cids.add(cid);
    try {
      const row = await startIntoFullFleet('ui-cancel.bin', bytes);
      await row.getByRole('button', { name: 'Cancel' }).click();
      await eventually(async () => expect(await row.getAttribute('data-stage')).toBe('cancelled'), SETTLE_MS);
      const cancelled = (await api<UploadItem[]>(session, 'uploads.list', { search: 'ui-cancel.bin', limit: 10 }))[0]!;
      expect([cancelled.status, cancelled.error]).toEqual(['cancelled', 'cancelled by the admin']);
      await freeSpace();
      await row.getByRole('button', { name: 'Retry' }).click();
      await eventually(async () => expect(await row.getAttribute('data-stage'), await heldItem('ui-cancel.bin')).toBe('done'), SETTLE_MS);
      await expectPinnedWhereListed('ui-cancel.bin', cid);
    } finally {
      await freeSpace();
    }
  });

  it('raised no page errors (CSP violations included) on the way', () => {
    expect(errors).toEqual([]);
  });
});
