// The fleet overview and node page against the real test fleet, in real Chromium: `pinfleet serve`
// polls real kubo nodes over SSH, and what the console draws must be what main measured and what
// each node's own RPC reports. Faults are real (a full disk, a stopped kubo) and always healed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeHealth } from '../../src-preload/contract/health-types.js';
import { formatBytes } from '../../src-renderer/shared/lib/format-bytes.js';
import { collectPageErrors, saveScreenshot } from '../e2e/support/browser.js';
import { eventually, pageTitle } from '../e2e/support/console-page.js';
import { barFigures, fleetRow, shownNodes, usedLinePoints } from '../e2e/support/fleet-page.js';
import { sendFile } from '../e2e/support/send-file.js';
import { callApi, startSession, type ConsoleSession } from '../e2e/support/session.js';
import { storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { registerFleet } from '../fleet/register.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const [fillTarget, stopTarget, graphTarget] = servers;
const MiB = 1024 ** 2;
/** Changes on a real fleet take a poll or two to show: generous, and never asserted. */
const SETTLE_MS = 90_000;

async function api<T>(session: ConsoleSession, channel: string, input: unknown = {}): Promise<T> {
  const { body } = await callApi(session.server, channel, input);
  if (!body.ok) throw new Error(`${channel}: ${body.error?.code}: ${body.error?.message}`);
  return body.data as T;
}

describe('fleet overview and node page on the real fleet', () => {
  let session: ConsoleSession;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    if (!fillTarget || !stopTarget || !graphTarget) throw new Error('these tests need three storage nodes');
    session = await startSession();
    browser = session.browser;
    // Registered through the console's own CLI, host keys pinned from the fleet's description.
    await registerFleet(fleet, session.dataDir);
    for (const server of servers) {
      await api(session, 'credentials.set', { name: server.name, method: 'keyFile', keyPath: await sendFile(session.server, fleet.clientKeyPath) });
    }
    // The test disks are a few hundred MiB: the default 1 GiB reserve would leave nothing usable.
    await api(session, 'health.updateSettings', { pollIntervalSeconds: 5, diskReserveBytes: 8 * MiB, fullBelowBytes: 24 * MiB });
    await api(session, 'health.pollNow');
    context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    errors = collectPageErrors(page);
    await page.goto(session.server.url);
  });

  afterAll(async () => {
    await faults.healFleet(fleet);
    await context?.close();
    await session?.close();
  });

  it('shows each node online with the figures main measured, which are the node’s own', async () => {
    await pageTitle(page, 'Fleet').waitFor();
    await eventually(async () => expect(await shownNodes(page)).toEqual(servers.map((s) => s.name)), SETTLE_MS);
    for (const server of servers) {
      // A poll may land between two reads: retry until the page and the API describe the same sample.
      await eventually(async () => {
        const shown = await barFigures(fleetRow(page, server.name));
        const measured = await api<NodeHealth>(session, 'health.node', { name: server.name });
        expect(measured.state).toBe('online');
        expect(shown.state).toBe('online');
        const capacity = measured.capacity!;
        expect({ used: shown.used, usableFree: shown.usableFree, reserved: shown.reserved })
          .toEqual({ used: capacity.repoSize, usableFree: capacity.usableFree, reserved: capacity.reserved });
        expect(shown.text.used).toBe(`${formatBytes(capacity.repoSize)} used`);
        expect(shown.text.free).toBe(`${formatBytes(capacity.usableFree)} usable free`);
      }, SETTLE_MS);
      // What main measured is what kubo itself reports.
      await eventually(async () => {
        const own = await kuboRpc<{ RepoSize: number; StorageMax: number }>(server.address, 'repo/stat');
        const measured = await api<NodeHealth>(session, 'health.node', { name: server.name });
        expect({ repoSize: measured.capacity?.repoSize, storageMax: measured.capacity?.storageMax })
          .toEqual({ repoSize: own.RepoSize, storageMax: own.StorageMax });
      }, SETTLE_MS);
    }
    await eventually(async () => {
      const { totals } = await api<{ totals: { used: number } }>(session, 'health.fleet');
      expect(await page.locator('[data-total="used"]').textContent()).toBe(formatBytes(totals.used));
    }, SETTLE_MS);
  });

  it('turns a node full when its disk fills, and back when it empties', async () => {
    const name = fillTarget!.name;
    try {
      faults.fillDiskOf(fleet, name);
      await eventually(async () => expect((await barFigures(fleetRow(page, name))).state).toBe('full'), SETTLE_MS);
      expect(await fleetRow(page, name).locator('.health').textContent()).toBe('Full');
      // The alert arrives as a toast and is listed under Activity.
      await page.locator('.toast', { hasText: name }).first().waitFor();
      const alerts = await api<{ node: string; kind: string }[]>(session, 'alerts.list');
      expect(alerts.some((a) => a.node === name && a.kind.startsWith('fill'))).toBe(true);
      await saveScreenshot(page, 'ui-fleet-full');
    } finally {
      faults.unfillDiskOf(fleet, name);
    }
    await eventually(async () => expect((await barFigures(fleetRow(page, name))).state).toBe('online'), SETTLE_MS);
  });

  it('shows a stopped kubo as unreachable with its error and last-seen time, then recovers', async () => {
    const name = stopTarget!.name;
    const row = fleetRow(page, name);
    try {
      await faults.stopKubo(fleet, name);
      await eventually(async () => expect(await row.getAttribute('data-state')).toBe('unreachable'), SETTLE_MS);
      const measured = await api<NodeHealth>(session, 'health.node', { name });
      expect(measured.reason).not.toBe('');
      const status = row.getByTestId('node-status');
      await status.locator('.node-row__reason').filter({ hasText: measured.reason }).waitFor();
      expect(await status.locator('.node-row__seen').textContent()).toMatch(/^last seen (just now|\d+ (s|min) ago)$/);
      expect(await row.locator('.health').textContent()).toBe('Unreachable');
      await saveScreenshot(page, 'ui-fleet-unreachable');
    } finally {
      await faults.startKubo(fleet, name);
    }
    await eventually(async () => expect(await row.getAttribute('data-state')).toBe('online'), SETTLE_MS);
    await eventually(async () => expect(await row.locator('.node-row__seen').count()).toBe(0), SETTLE_MS);
    await saveScreenshot(page, 'ui-fleet-overview');
  });

  it('draws a real graph of a node over time and follows its live log', async () => {
    const name = graphTarget!.name;
    // Enough samples for a line: the poller runs every 5 s.
    await eventually(async () => {
      const series = await api<{ points: unknown[] }>(session, 'health.series', { name, range: '1h' });
      expect(series.points.length).toBeGreaterThanOrEqual(4);
    }, SETTLE_MS);
    await fleetRow(page, name).getByRole('link', { name }).click();
    await pageTitle(page, name).waitFor();
    await page.getByRole('tab', { name: '1 h' }).click();
    await eventually(async () => expect(await usedLinePoints(page)).toBeGreaterThanOrEqual(4), SETTLE_MS);

    const log = page.getByTestId('live-log');
    await page.locator('[data-log-status="following"]').waitFor();
    await eventually(async () => expect(((await log.textContent()) ?? '').split('\n').filter(Boolean).length).toBeGreaterThan(0), SETTLE_MS);

    const measured = await api<NodeHealth>(session, 'health.node', { name });
    expect(await page.locator('[data-figure="peer-id"] dd').textContent()).toBe(measured.peerId);
    expect(measured.peerId).toBe(graphTarget!.kubo.peerId);
    expect(await page.locator('[data-figure="kubo-version"] dd').textContent()).toBe(measured.kuboVersion);

    await page.getByRole('button', { name: 'Check host key' }).click();
    await page.locator('[data-host-key-status="match"]').getByText(graphTarget!.ssh.hostKeyFingerprint).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await saveScreenshot(page, 'ui-node-detail');

    // The same page in dark mode, in a second tab: the graph's colours come from the theme's tokens.
    const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
    try {
      const darkPage = await dark.newPage();
      const darkErrors = collectPageErrors(darkPage);
      await darkPage.goto(session.server.url);
      await pageTitle(darkPage, 'Fleet').waitFor();
      await darkPage.evaluate(`location.hash = ${JSON.stringify(`#/nodes/${name}`)}`);
      await pageTitle(darkPage, name).waitFor();
      await darkPage.getByRole('tab', { name: '1 h' }).click();
      await eventually(async () => expect(await usedLinePoints(darkPage)).toBeGreaterThanOrEqual(4), SETTLE_MS);
      await darkPage.locator('[data-log-status="following"]').waitFor({ timeout: 20_000 });
      await saveScreenshot(darkPage, 'ui-node-detail-dark');
      expect(darkErrors).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('lists the alerts the faults raised under Activity, as main stored them', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await pageTitle(page, 'Activity').waitFor();
    const rows = page.getByRole('table', { name: 'Alerts' }).locator('tbody tr');
    await eventually(async () => {
      // Newest first, as Activity lists them.
      const stored = (await api<{ id: number; node: string; kind: string; message: string }[]>(session, 'alerts.list'))
        .sort((a, b) => b.id - a.id);
      expect(stored.length).toBeGreaterThan(0);
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({
        kind: tr.getAttribute('data-alert-kind'),
        node: tr.querySelector('td:nth-child(2)')?.textContent,
        message: tr.querySelector('td:nth-child(4)')?.textContent,
      })));
      expect(shown).toEqual(stored.map(({ kind, node, message }) => ({ kind, node, message })));
    }, SETTLE_MS);
    const kinds = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-alert-kind')}:${tr.querySelector('td:nth-child(2)')?.textContent}`));
    expect(kinds).toContain(`unreachable:${stopTarget!.name}`);
    expect(kinds.some((k) => k.startsWith('fill-') && k.endsWith(`:${fillTarget!.name}`))).toBe(true);
    await saveScreenshot(page, 'ui-activity-alerts');
  });

  it('raised no page errors (CSP violations included) on the way', () => {
    expect(errors).toEqual([]);
  });
});
