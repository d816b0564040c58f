// Import and export through the console: files in and out of the browser, parsed and written
// by main, with main's report shown as it came.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { eventually, listedNodeNames, openPage } from './support/console-page';
import { callApi, startSession, type ConsoleSession } from './support/session';

describe('import and export', () => {
  let session: ConsoleSession;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    ({ page } = await session.openConsole());
    await callApi(session.server, 'nodes.add', { name: 'alpha', host: '10.0.0.1', tags: ['ssd'] });
    await callApi(session.server, 'nodes.add', { name: 'beta', host: '10.0.0.2', region: 'us-east' });
  });

  afterAll(async () => {
    await session?.close();
  });

  async function download(page: Page, button: string): Promise<{ name: string; content: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), content: await readFile(path, 'utf8') };
  }

  it('exports the inventory as JSON and as CSV', async () => {
    await openPage(page, 'Inventory');
    const json = await download(page, 'Export JSON');
    expect(json.name).toMatch(/\.json$/);
    expect(json.content).toContain('"alpha"');
    const csv = await download(page, 'Export CSV');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.content.split('\n')[0]).toContain('name');
    expect(csv.content).toContain('beta');
  });

  it('imports a file and reports what was added, updated and skipped', async () => {
    await openPage(page, 'Inventory');
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import nodes' });
    await dialog.getByLabel('Inventory file').setInputFiles({
      name: 'fleet.env',
      mimeType: 'text/plain',
      buffer: Buffer.from('IPFS_DELTA_ENDPOINT=http://10.0.0.4:5001\nIPFS_ALPHA_ENDPOINT=http://10.0.0.1:5001\n'),
    });
    await dialog.getByRole('button', { name: 'Import' }).click();
    const report = dialog.getByRole('status', { name: 'Import report' });
    await report.waitFor();
    const text = await report.textContent();
    expect(text).toContain('1 added, 0 updated, 1 skipped');
    expect(text).toContain('delta');
    expect(text).toMatch(/alpha: .+/);
    await saveScreenshot(page, 'import-report');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await eventually(async () => expect(await listedNodeNames(page)).toEqual(['alpha', 'beta', 'delta']));
  });

  it('refuses a file it cannot read, naming it', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import nodes' });
    await dialog.getByLabel('Inventory file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'notes.txt: use a .json, .csv or .env file.' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });
});
