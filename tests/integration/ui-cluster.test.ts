// The Cluster page against the test fleet's real 3-peer cluster, in real Chromium through
// `pinfleet serve`: the peers with the free space and tags Cluster reports, the pinset with each
// peer's state as the real ipfs-cluster-ctl sees it, and the actions (replication, unpin) driven
// from the keyboard. Screenshots of the peers and pinset views go to tests/artifacts/screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClusterOverview, ClusterPinsPage } from '../../src-preload/contract/cluster-types.js';
import { formatBytes } from '../../src-renderer/shared/lib/format-bytes.js';
import { saveScreenshot } from '../e2e/support/browser.js';
import { eventually, openPage } from '../e2e/support/console-page.js';
import { sendFile } from '../e2e/support/send-file.js';
import { callApi, startSession, type ConsoleSession } from '../e2e/support/session.js';
import { storageServers } from '../fleet/fleet-description.js';
import { registerFleet } from '../fleet/register.js';
import { run } from '../fleet/shell.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-ui-cluster-'));
const SETTLE_MS = 60_000;

async function api<T>(session: ConsoleSession, channel: string, input: unknown = {}): Promise<T> {
  const { body } = await callApi(session.server, channel, input);
  if (!body.ok) throw new Error(`${channel}: ${body.error?.code}: ${body.error?.message}`);
  return body.data as T;
}

interface CtlStatus {
  /** Peer name → state, as ipfs-cluster-ctl reports it. */
  states: Record<string, string>;
  /** The peers' own error texts, for an assertion's message: why a peer is in pin_error. */
  errors: string;
}

async function ctlStatus(cid: string): Promise<CtlStatus> {
  const out = await run(fleet.binaries.clusterCtl, ['--host', `/ip4/${servers[0]!.address}/tcp/9094`, '--enc', 'json', 'status', cid]);
  const peers = Object.values((JSON.parse(out) as { peer_map: Record<string, { peername: string; status: string; error?: string }> }).peer_map);
  return {
    states: Object.fromEntries(peers.map((p) => [p.peername, p.status])),
    errors: peers.filter((p) => p.error).map((p) => `${p.peername}: ${p.error}`).join('; ') || 'no peer reports an error',
  };
}

async function addToKubo(address: string, name: string): Promise<string> {
  const file = path.join(work, name);
  fs.writeFileSync(file, `${name} ${Date.now()} ${Math.random()}\n`);
  return (await run(fleet.binaries.ipfs, ['--api', `/ip4/${address}/tcp/5001`, 'add', '-Q', '--pin=false', '--cid-version=1', file])).trim();
}

describe.runIf(fleet.images.cluster !== undefined)('the Cluster page on the real cluster', () => {
  let session: ConsoleSession;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const cids: string[] = [];

  beforeAll(async () => {
    session = await startSession();
    await registerFleet(fleet, session.dataDir);
    for (const server of servers) {
      await api(session, 'credentials.set', { name: server.name, method: 'keyFile', keyPath: await sendFile(session.server, fleet.clientKeyPath) });
    }
    // A peer restarted by an earlier test may not have reported its free space yet: wait for all.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const overview = await api<ClusterOverview>(session, 'cluster.peers').catch(() => undefined);
      if (overview?.peers.filter((p) => p.error === '' && p.freespaceBytes !== null && !p.metricsExpired).length === servers.length) break;
      if (Date.now() > deadline) throw new Error('the cluster peers did not all report their free space within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    cids.push(await addToKubo(servers[0]!.address, 'ui-cluster-report.txt'), await addToKubo(servers[1]!.address, 'ui-cluster-photo.txt'));
    await api(session, 'cluster.pin', { cid: cids[0], name: 'report.txt', replicationMin: 2, replicationMax: 2 });
    await api(session, 'cluster.pin', { cid: cids[1], name: 'photo.txt', replicationMin: 1, replicationMax: 1 });
    ({ page, context, errors } = await session.openConsole());
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    for (const cid of cids) await api(session, 'cluster.unpin', { cid }).catch(() => {});
    await context?.close();
    await session?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists every peer with the free space and tag:group the cluster reports', async () => {
    await openPage(page, 'Cluster');
    const peers = page.getByTestId('cluster-peers');
    await eventually(async () => expect(await peers.locator('tbody tr').count()).toBe(servers.length), SETTLE_MS);
    const overview = await api<ClusterOverview>(session, 'cluster.peers');
    for (const peer of overview.peers) {
      const row = peers.locator(`tr[data-peer="${peer.name}"]`);
      expect(await row.getAttribute('data-health')).toBe('online');
      // Free space moves with every metric: the page shows a reading of the same order as the API's.
      expect(await row.locator('td').nth(3).textContent()).toMatch(/^\d+(\.\d+)? (MiB|GiB|KiB)$/);
      expect(formatBytes(peer.freespaceBytes!)).toMatch(/MiB|GiB/);
      expect(await row.locator('td').nth(4).textContent()).toBe(`group: ${servers.find((s) => s.name === peer.name)!.region}`);
    }
    await saveScreenshot(page, 'ui-cluster-peers');
  });

  it('shows the pinset with each peer\'s state as ipfs-cluster-ctl reports it', async () => {
    const pinset = page.getByTestId('cluster-pinset');
    for (const cid of cids) {
      await eventually(async () => {
        const page_ = await api<ClusterPinsPage>(session, 'cluster.pins', { cid });
        const ctl = await ctlStatus(cid);
        expect(page_.pins[0]!.settled, ctl.errors).toBe(true);
        const row = pinset.locator(`tr[data-cid="${cid}"]`);
        const shown = Object.fromEntries(
          await row.locator('li[data-peer]').evaluateAll((items) => items.map((li) => [li.getAttribute('data-peer'), li.getAttribute('data-status')])),
        );
        expect(shown).toEqual(ctl.states);
        expect(await row.textContent()).toContain('replicated');
      }, SETTLE_MS);
    }
    await pinset.getByRole('button', { name: 'Under-replicated', exact: true }).click();
    await eventually(async () => expect(await pinset.locator('tbody tr').count()).toBe(0), SETTLE_MS);
    await pinset.getByRole('button', { name: 'All', exact: true }).click();
    await eventually(async () => expect(await pinset.locator('tbody tr').count()).toBeGreaterThanOrEqual(2), SETTLE_MS);
    await saveScreenshot(page, 'ui-cluster-pinset');
  });

  it('changes replication from the keyboard, and the cluster places the pin on every peer', async () => {
    const cid = cids[1]!;
    await page.getByRole('button', { name: 'Change replication of photo.txt' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Replication of photo.txt' });
    await dialog.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => {
      const ctl = await ctlStatus(cid);
      expect(Object.values(ctl.states), ctl.errors).toEqual(['pinned', 'pinned', 'pinned']);
      const row = page.getByTestId('cluster-pinset').locator(`tr[data-cid="${cid}"]`);
      expect(await row.locator('td').nth(1).textContent()).toBe('3');
      expect(await row.locator('li[data-status="pinned"]').count()).toBe(3);
    }, SETTLE_MS);
  });

  it('unpins after confirmation, and the pin leaves the cluster', async () => {
    const cid = cids[0]!;
    await page.getByRole('button', { name: 'Unpin report.txt' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Unpin from the cluster' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => expect(await page.locator(`tr[data-cid="${cid}"]`).count()).toBe(0), SETTLE_MS);
    // The real client lists the whole pinset: the unpinned CID is gone, the other one stays.
    const listed = await run(fleet.binaries.clusterCtl, ['--host', `/ip4/${servers[0]!.address}/tcp/9094`, 'pin', 'ls']);
    expect(listed).not.toContain(cid);
    expect(listed).toContain(cids[1]!);
    expect(errors).toEqual([]);
  });
});
