// The Uploads page without a fleet: the real renderer build in Chromium over `pinfleet serve`. The
// drop zone's button is reachable and usable from the keyboard, a chosen file gets a plan (here:
// nowhere to go, with the reason), and nothing on the way breaks the CSP or logs an error.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { openPage } from './support/console-page';
import { startSession, type ConsoleSession } from './support/session';

describe('uploads page without nodes', () => {
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

  it('shows the drop zone, its button and an empty history', async () => {
    await openPage(page, 'Uploads');
    await page.getByTestId('upload-drop-zone').getByRole('heading', { name: 'Drop files anywhere on this page' }).waitFor();
    await page.getByRole('heading', { name: 'No uploads yet' }).waitFor();
    expect(await page.getByRole('button', { name: 'Choose files…' }).isEnabled()).toBe(true);
  });

  it('reaches "Choose files…" with Tab and opens the file chooser with Enter', async () => {
    // Waiting for the chooser turns on Chromium's chooser interception, which takes a round trip of
    // its own: start waiting before the Tab presses so it is on before Enter (waiting only beside the
    // Enter press raced it, and CI once saw no chooser at all).
    const chooserOpened = page.waitForEvent('filechooser');
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'Choose files…'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate('document.activeElement ? document.activeElement.textContent : ""') as string;
    }
    expect(focused).toBe('Choose files…');
    const insideDropZone = await page.evaluate(
      'Boolean(document.activeElement && document.activeElement.closest("[data-testid=upload-drop-zone]"))',
    );
    expect(insideDropZone).toBe(true);
    await page.keyboard.press('Enter');
    const chooser = await chooserOpened;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([]);
  });

  it('plans a chosen file and, with no node to hold it, says so and offers no Start', async () => {
    await page.locator('#upload-file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello fleet\n') });
    const row = page.getByRole('table', { name: 'Plan' }).locator('tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-plan-ok')).toBe('false');
    expect(await row.locator('td').first().textContent()).toBe('notes.txt');
    expect((await row.locator('td').nth(3).textContent())?.length).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Start/ }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'uploads-empty-plan');
    await page.getByRole('button', { name: 'Clear' }).click();
    expect(await page.getByRole('table', { name: 'Plan' }).count()).toBe(0);
  });

  it('raised no page errors (CSP violations included)', () => {
    expect(errors).toEqual([]);
  });
});
