// The fleet overview and a node's page before anything was measured, end to end: the real renderer
// in Chromium against `pinfleet serve`, no test fleet. Nodes nothing has polled must say so — no
// made-up zeros — and a failing action must show main's error word for word.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { eventually, pageTitle } from './support/console-page';
import { fleetRow as nodeRow, shownNodes } from './support/fleet-page';
import { callApi, startSession, type ConsoleSession } from './support/session';

// Loopback addresses nothing listens on: any connection is refused at once and never leaves the machine.
const NODES = [
  { name: 'alpha', host: '127.0.0.201', tags: ['ssd', 'rack-a'], region: 'eu' },
  { name: 'beta', host: '127.0.0.202', tags: ['hdd'], region: 'us' },
  { name: 'gamma', host: '127.0.0.203', tags: ['ssd'], region: 'us' },
];

describe('fleet overview and node page with nothing measured yet', () => {
  let session: ConsoleSession;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await startSession();
    // `serve` polls in the background: push the next cycle an hour away so these nodes stay unpolled.
    const settings = await callApi(session.server, 'health.updateSettings', { pollIntervalSeconds: 3600 });
    expect(settings.body.ok).toBe(true);
    for (const node of NODES) {
      const added = await callApi(session.server, 'nodes.add', node);
      expect(added.body.ok).toBe(true);
    }
    ({ page, errors } = await session.openConsole());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists every node as unknown and never polled, with an empty bar instead of numbers', async () => {
    await pageTitle(page, 'Fleet').waitFor();
    await eventually(async () => expect(await shownNodes(page)).toEqual(['alpha', 'beta', 'gamma']));
    for (const { name } of NODES) {
      const row = nodeRow(page, name);
      expect(await row.getAttribute('data-state')).toBe('unknown');
      expect(await row.locator('.health').textContent()).toBe('Unknown');
      expect(await row.getByTestId('capacity-none').textContent()).toBe('No capacity data yet');
      expect(await row.getByTestId('node-status').textContent()).toBe('never polled');
      expect(await row.getByRole('meter').count()).toBe(0);
    }
    const totals = page.getByRole('region', { name: 'Fleet totals' });
    expect(await totals.locator('[data-total="used"]').textContent()).toBe('0 B');
    expect(await totals.getByRole('list', { name: 'Nodes by state' }).textContent()).toBe('Unknown 3');
    await totals.getByText('Not polled yet', { exact: false }).waitFor();
    await page.getByTestId('chart-empty').waitFor();
    expect(await page.getByTestId('fleet-forecast').textContent()).toMatch(/^Not enough history for a forecast \(.+\)$/);
    await saveScreenshot(page, 'fleet-never-polled');
  });

  it('filters by tag, region and state and sorts by name both ways', async () => {
    await page.getByLabel('Tag', { exact: true }).selectOption('ssd');
    expect(await shownNodes(page)).toEqual(['alpha', 'gamma']);
    await page.getByLabel('Region', { exact: true }).selectOption('us');
    expect(await shownNodes(page)).toEqual(['gamma']);
    await page.getByRole('status').filter({ hasText: 'Showing 1 of 3 nodes' }).waitFor();
    await page.getByLabel('State', { exact: true }).selectOption('online');
    await page.getByText('No node matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await shownNodes(page)).toEqual(['alpha', 'beta', 'gamma']);

    await page.getByRole('button', { name: /^Order: ascending/ }).click();
    expect(await shownNodes(page)).toEqual(['gamma', 'beta', 'alpha']);
    await page.getByRole('button', { name: /^Order: descending/ }).click();
    expect(await shownNodes(page)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('reaches a node page from the keyboard alone', async () => {
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).focus();
    let focused = '';
    for (let presses = 0; presses < 40 && focused !== 'beta'; presses += 1) {
      await page.keyboard.press('Tab');
      focused = (await page.evaluate<string>(
        "document.activeElement?.classList.contains('node-row__name') ? document.activeElement.textContent : ''",
      )) ?? '';
    }
    expect(focused).toBe('beta');
    await page.keyboard.press('Enter');
    await pageTitle(page, 'beta').waitFor();
    expect(new URL(page.url()).hash).toBe('#/nodes/beta');
    // The new page's title takes focus, so reading starts at the top of it.
    expect(await page.evaluate("document.activeElement?.textContent")).toBe('beta');
  });

  it('says honestly on the node page that nothing was measured', async () => {
    const status = page.getByRole('region', { name: 'Status' });
    expect(await status.locator('.health').textContent()).toBe('Unknown');
    expect(await status.getByTestId('node-status').textContent()).toBe('never polled');
    await page.getByTestId('chart-empty').waitFor();
    expect(await page.getByTestId('forecast').textContent()).toMatch(/^Not enough history for a forecast/);
    for (const panel of ['Repo and disk', 'Container']) {
      expect(await page.getByRole('definition').and(page.getByLabel(panel).locator('dd')).allTextContents()).toEqual(['not measured yet']);
    }
    expect(await page.getByTestId('pinned-fingerprint').textContent()).toBe('Not pinned');
    await page.getByTestId('credential-status').getByText('No credentials set').waitFor();
    await saveScreenshot(page, 'node-never-polled');
  });

  it('shows why the live log and a failed action failed, in main’s own words', async () => {
    // The log is followed as soon as the page opens; nothing can be reached, so it says why.
    await page.locator('[data-log-status="failed"]').waitFor();
    const followed = await callApi(session.server, 'logs.follow', { name: 'beta' });
    expect(followed.body.ok).toBe(false);
    await page.locator('.live-log').getByRole('alert').filter({ hasText: followed.body.error!.message }).waitFor();

    await page.getByRole('button', { name: 'Run GC' }).click();
    const feedback = page.getByTestId('feedback-Run GC').getByRole('alert');
    await feedback.waitFor();
    const direct = await callApi(session.server, 'nodes.runGc', { name: 'beta' });
    expect(direct.body.ok).toBe(false);
    expect(await feedback.textContent()).toBe(direct.body.error!.message);
  });

  it('checks the host key on request and shows the refusal verbatim', async () => {
    await page.getByRole('button', { name: 'Check host key' }).click();
    const refusal = page.locator('.host-key__check').getByRole('alert');
    await refusal.waitFor();
    const direct = await callApi(session.server, 'hostKeys.check', { name: 'beta' });
    expect(direct.body.ok).toBe(false);
    expect(await refusal.textContent()).toBe(direct.body.error!.message);
  });

  it('drains and resumes the node from its page', async () => {
    await page.getByRole('button', { name: 'Drain' }).click();
    await page.getByText('beta is draining: it takes no new uploads.').waitFor();
    const stored = await callApi(session.server, 'nodes.get', { name: 'beta' });
    expect((stored.body.data as { state: string }).state).toBe('draining');
    // Not polled yet, so still "Unknown" — and "Draining" beside it, because the admin said so.
    const badges = page.getByRole('region', { name: 'Status' }).locator('[data-health-state]');
    await eventually(async () => expect(await badges.allTextContents()).toEqual(['Unknown', 'Draining']));
    await page.getByRole('button', { name: 'Resume uploads' }).click();
    await page.getByText('beta takes uploads again.').waitFor();
    await eventually(async () => expect(await badges.allTextContents()).toEqual(['Unknown']));
  });

  it('removes the node only after a confirmation that names it', async () => {
    await page.getByRole('button', { name: 'Remove from fleet…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove beta from the fleet?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await callApi(session.server, 'nodes.get', { name: 'beta' })).body.ok).toBe(true);

    await page.getByRole('button', { name: 'Remove from fleet…' }).click();
    await dialog.getByRole('button', { name: 'Remove beta' }).click();
    await pageTitle(page, 'Fleet').waitFor();
    await eventually(async () => expect(await shownNodes(page)).toEqual(['alpha', 'gamma']));
    expect((await callApi(session.server, 'nodes.get', { name: 'beta' })).body.error?.code).toBe('not_found');
  });

  it('raised no page errors (CSP violations included) on the way', () => {
    expect(errors).toEqual([]);
  });
});
