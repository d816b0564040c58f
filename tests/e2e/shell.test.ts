// The console's frame: the token hand-over, refusals without it, keyboard use, and every page
// rendering under the web transport's strict CSP, in light and dark.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { eventually, nav, nodesTable, openPage, pageTitle } from './support/console-page';
import { callApi, startSession, type ConsoleSession } from './support/session';

/** What has the keyboard focus, as "<tag>:<text>" — enough to follow Tab through the frame. */
function focused(page: Page): Promise<unknown> {
  return page.evaluate("(() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}:${e.textContent}` : null })()");
}

describe('the console frame', () => {
  let session: ConsoleSession;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await startSession();
    ({ page, errors } = await session.openConsole());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('takes the token out of the address bar and keeps it for this tab only', async () => {
    await pageTitle(page, 'Fleet').waitFor();
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(session.server.token);
    expect(await page.evaluate("sessionStorage.getItem('pinfleet.token')")).toBe(session.server.token);
    // A reload still works: the token is in sessionStorage, not the URL.
    await page.reload();
    await page.getByRole('heading', { name: 'No storage nodes yet' }).waitFor();
    expect(await page.getByText('Not signed in to Pinfleet.').count()).toBe(0);
  });

  it('refuses API requests without the token, or with a wrong one', async () => {
    const none = await callApi(session.server, 'nodes.list', {}, null);
    expect(none.status).toBe(401);
    expect(none.body.ok).toBe(false);
    expect(none.body.error?.code).toBe('unauthorized');
    const wrong = await callApi(session.server, 'nodes.list', {}, 'not-the-token');
    expect(wrong.status).toBe(401);
    const right = await callApi(session.server, 'nodes.list');
    expect(right).toEqual({ status: 200, body: { ok: true, data: [] } });
  });

  it('says so when opened without a token', async () => {
    const { page: bare, context } = await session.openConsole({ url: session.server.origin });
    await bare.getByRole('alert').filter({ hasText: 'Not signed in to Pinfleet.' }).waitFor();
    expect(await bare.getByRole('alert').first().textContent()).toContain('#token=');
    await context.close();
  });

  it('is keyboard-navigable: skip link, then the navigation, Enter switches page', async () => {
    await page.goto(`${session.server.origin}/`);
    await pageTitle(page, 'Fleet').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Skip to content');
    for (const label of ['Fleet', 'Uploads', 'Cluster', 'Add node', 'Provision', 'Inventory']) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(`a:${label}`);
    }
    // The ring is visible on the focused link.
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    await pageTitle(page, 'Inventory').waitFor();
    const current = nav(page).locator('[aria-current="page"]');
    expect(await current.allTextContents()).toEqual(['Inventory']);
    // Focus moved to the new page's title, so reading starts there.
    await eventually(async () => expect(await focused(page)).toBe('h1:Inventory'));
  });

  it('lets the skip link jump past the navigation', async () => {
    await page.goto(`${session.server.origin}/#/settings`);
    await pageTitle(page, 'Settings').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main-content');
    expect(page.url()).toMatch(/#\/settings$/);
  });

  it('shows where the data lives on Settings', async () => {
    await openPage(page, 'Settings');
    const main = page.getByRole('main');
    await main.getByText(session.dataDir, { exact: true }).waitFor();
    expect(await main.textContent()).toContain('Read and write');
    expect(await main.textContent()).toContain('follows your operating system');
    await saveScreenshot(page, 'settings');
  });

  it('opens Uploads on its drop zone (the page itself is covered by uploads-empty.test.ts)', async () => {
    await openPage(page, 'Uploads');
    await page.getByRole('heading', { name: 'Drop files anywhere on this page' }).waitFor();
    expect(await page.getByRole('main').getByRole('button', { name: 'Choose files…' }).isEnabled()).toBe(true);
  });

  it('follows the OS into dark mode', async () => {
    await callApi(session.server, 'nodes.add', { name: 'ams-1', host: '192.0.2.10', region: 'eu-west', tags: ['ssd'] });
    await callApi(session.server, 'nodes.add', { name: 'ams-2', host: '192.0.2.11', region: 'eu-west', state: 'draining' });
    await callApi(session.server, 'nodes.add', { name: 'nyc-1', host: 'nyc-1.example.net', region: 'us-east', priority: 5 });
    await openPage(page, 'Fleet');
    await page.getByRole('list', { name: 'Node capacity' }).locator('li[data-node="nyc-1"]').waitFor();
    await saveScreenshot(page, 'fleet-with-nodes');
    const lightBackground = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(async () =>
      expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).not.toBe(lightBackground),
    );
    await saveScreenshot(page, 'fleet-dark');
    await openPage(page, 'Add node');
    await saveScreenshot(page, 'add-node-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('warns on every page when main opened the inventory read-only, and offers no changes', async () => {
    // A damaged database is what makes main open it read-only; rather than damage one, this tab's
    // app.info answer is rewritten in flight. Everything else is the real server.
    const reason = 'PRAGMA quick_check found problems: page 3 is never used. A backup is in backups/.';
    const { page: tab, context } = await session.openConsole({ url: 'about:blank' });
    await tab.route('**/api/app.info', async (route) => {
      const response = await route.fetch();
      const result = (await response.json()) as { data: { inventory: Record<string, unknown> } };
      Object.assign(result.data.inventory, { readOnly: true, readOnlyReason: reason });
      await route.fulfill({ response, json: result });
    });
    await tab.goto(`${session.server.url.replace('/#', '/#/inventory&')}`);
    const banner = tab.getByRole('alert').filter({ hasText: 'The inventory is read-only.' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(reason);
    await nodesTable(tab).waitFor();
    expect(await tab.getByRole('button', { name: /^(Edit|Remove|Import)/ }).count()).toBe(0);
    await openPage(tab, 'Add node');
    await banner.waitFor();
    expect(await tab.getByRole('button', { name: 'Add node' }).isDisabled()).toBe(true);
    await saveScreenshot(tab, 'read-only');
    await context.close();
  });

  it('renders every page without a page error or CSP violation', async () => {
    for (const label of ['Fleet', 'Uploads', 'Add node', 'Inventory', 'Activity', 'Settings']) await openPage(page, label);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
