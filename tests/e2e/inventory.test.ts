// The inventory, end to end: the real renderer build in Chromium, over the web transport, against
// the real router and SQLite inventory of `pinfleet serve`.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import {
  addNodeThroughForm,
  eventually,
  fillNodeForm,
  formError,
  listedNodeNames,
  nodeRow,
  nodesTable,
  openPage,
  pageTitle,
} from './support/console-page';
import { callApi, startSession, type ConsoleSession } from './support/session';

describe('inventory in the console', () => {
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

  it('opens on an honest, empty fleet that points to Add node', async () => {
    await pageTitle(page, 'Fleet').waitFor();
    await page.getByRole('heading', { name: 'No storage nodes yet' }).waitFor();
    const cta = page.getByRole('main').getByRole('link', { name: 'Add node' });
    expect(await cta.getAttribute('href')).toBe('#/add-node');
    await saveScreenshot(page, 'fleet-empty');
  });

  it('adds a node through the form and lists it', async () => {
    await addNodeThroughForm(page, { name: 'alpha', host: '10.0.0.1', region: 'eu-west', tags: 'ssd, eu' });
    await page.getByRole('status').filter({ hasText: 'alpha was added' }).waitFor();
    // The form is cleared for the next node, with its defaults back.
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('SSH port', { exact: true }).inputValue()).toBe('22');

    await openPage(page, 'Inventory');
    const row = nodeRow(page, 'alpha');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['10.0.0.1:22', 'root', 'eu-west']);
    expect(await row.getByRole('listitem').allTextContents()).toEqual(['ssd', 'eu']);
    expect(cells).toContain('Not pinned');
  });

  it('refuses port 70000 in the router’s own words', async () => {
    await openPage(page, 'Add node');
    await fillNodeForm(page, { name: 'beta', host: '10.0.0.2', sshPort: '70000' });
    await page.getByLabel('SSH port', { exact: true }).press('Enter');

    const message = 'sshPort: 70000 is not a port: use 1–65535';
    expect(await formError(page).textContent()).toBe(message);
    // The same words come back from the router itself for the same input.
    const refused = await callApi(session.server, 'nodes.add', { name: 'beta', host: '10.0.0.2', sshPort: 70000 });
    expect(refused.body.error).toEqual({ code: 'invalid_input', message });
    // The field says it too, is marked invalid and has the cursor.
    const port = page.getByLabel('SSH port', { exact: true });
    expect(await port.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe('sshPort');
    await page.getByText('70000 is not a port: use 1–65535', { exact: true }).waitFor();
    await saveScreenshot(page, 'add-node-error');

    const listed = await callApi(session.server, 'nodes.list');
    expect((listed.body.data as { name: string }[]).map((n) => n.name)).toEqual(['alpha']);
  });

  it('shows the server’s refusal of a duplicate name verbatim', async () => {
    await openPage(page, 'Add node');
    // Same page as the last test: set the port back from 70000 so only the name is at fault.
    await fillNodeForm(page, { name: 'alpha', host: '10.0.0.9', sshPort: '22' });
    await page.getByLabel('Host', { exact: true }).press('Enter');

    const message = 'A node named "alpha" already exists (host 10.0.0.1:22).';
    await formError(page).filter({ hasText: message }).waitFor();
    expect(await formError(page).textContent()).toBe(message);
    const refused = await callApi(session.server, 'nodes.add', { name: 'alpha', host: '10.0.0.9' });
    expect(refused.body.error?.message).toBe(message);
  });

  it('edits a node, tags included', async () => {
    await callApi(session.server, 'nodes.add', { name: 'beta', host: '10.0.0.2', region: 'us-east', tags: ['hdd'] });
    await callApi(session.server, 'nodes.add', { name: 'gamma', host: 'gamma.example.net', sshPort: 2222, region: 'us-east' });
    await openPage(page, 'Inventory');
    // beta and gamma were added behind the page's back: the inventory.changed event refreshed it.
    await eventually(async () => expect(await listedNodeNames(page)).toEqual(['alpha', 'beta', 'gamma']));

    await page.getByRole('button', { name: 'Edit alpha' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit alpha' });
    await fillNodeForm(dialog, { tags: 'ssd eu hot', notes: 'rack 4, top shelf' });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = nodeRow(page, 'alpha');
    await eventually(async () => expect(await row.getByRole('listitem').allTextContents()).toEqual(['ssd', 'eu', 'hot']));
    const cells = await row.locator('td').allTextContents();
    expect(cells).toContain('rack 4, top shelf');
    // Fields the admin did not touch keep their values (an update once reset them to defaults).
    expect(cells.slice(0, 3)).toEqual(['10.0.0.1:22', 'root', 'eu-west']);
  });

  it('filters by name, host, tag and region as the admin types', async () => {
    await openPage(page, 'Inventory');
    const search = page.getByRole('searchbox', { name: 'Search nodes' });
    const cases: [string, string[]][] = [
      ['hot', ['alpha']],
      ['us-east', ['beta', 'gamma']],
      ['10.0.0.2', ['beta']],
      ['GAMMA', ['gamma']],
      ['us-east hdd', ['beta']],
      ['', ['alpha', 'beta', 'gamma']],
    ];
    for (const [query, expected] of cases) {
      await search.fill(query);
      await eventually(async () => expect(await listedNodeNames(page), `search "${query}"`).toEqual(expected));
    }
    await search.fill('nothing-like-this');
    await page.getByText('No node matches “nothing-like-this”.').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'of 3 nodes' }).textContent()).toBe('0 of 3 nodes');
    await search.fill('');
  });

  it('sorts by a column from the keyboard and says how it is sorted', async () => {
    await openPage(page, 'Inventory');
    const nameHeader = nodesTable(page).getByRole('columnheader', { name: /^Name/ });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await nameHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await listedNodeNames(page)).toEqual(['gamma', 'beta', 'alpha']));
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');

    const addressHeader = nodesTable(page).getByRole('columnheader', { name: /^Address/ });
    await addressHeader.getByRole('button').press('Space');
    await eventually(async () => expect(await listedNodeNames(page)).toEqual(['alpha', 'beta', 'gamma']));
    expect(await addressHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    await saveScreenshot(page, 'inventory-with-nodes');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'inventory-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('removes a node only after a confirmation that names it', async () => {
    await openPage(page, 'Inventory');
    await page.getByRole('button', { name: 'Remove gamma' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove gamma?' });
    expect(await confirm.textContent()).toContain('gamma (gamma.example.net:2222) will be removed from the inventory');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await listedNodeNames(page)).toContain('gamma');

    await page.getByRole('button', { name: 'Remove gamma' }).click();
    await confirm.getByRole('button', { name: 'Remove gamma' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await eventually(async () => expect(await listedNodeNames(page)).toEqual(['alpha', 'beta']));
  });

  it('shows every change in the activity log, newest first', async () => {
    await openPage(page, 'Activity');
    const rows = page.getByRole('table', { name: 'Activity log' }).locator('tbody tr');
    await rows.first().waitFor();
    const actions = await rows.locator('td:nth-child(3)').allTextContents();
    expect(actions).toEqual(['node.remove', 'node.update', 'node.add', 'node.add', 'node.add']);
    expect(await rows.first().textContent()).toContain('gamma');
    expect(await rows.nth(1).locator('td').last().textContent()).toBe('tags: ssd, eu → ssd, eu, hot; notes: — → rack 4, top shelf');
    await saveScreenshot(page, 'activity');
  });

  it('keeps the inventory across a restart of the server on the same data directory', async () => {
    await openPage(page, 'Inventory');
    await session.server.stop();
    // The open tab notices at once and says so.
    await page.getByRole('alert').filter({ hasText: 'Disconnected from Pinfleet — retrying.' }).waitFor();

    const restarted = await session.restartServer();
    await page.goto(restarted.url);
    await openPage(page, 'Inventory');
    await eventually(async () => expect(await listedNodeNames(page)).toEqual(['alpha', 'beta']));
    expect(await nodeRow(page, 'alpha').getByRole('listitem').allTextContents()).toEqual(['ssd', 'eu', 'hot']);
  });

  it('raised no page errors (CSP violations included) on the way', () => {
    // The lost connection during the restart is expected to log failed loads; nothing else.
    const unexpected = errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket connection/.test(e));
    expect(unexpected).toEqual([]);
  });
});
