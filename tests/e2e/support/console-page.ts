// What an admin does in the console, in Playwright steps, so each test reads as the story it checks.
import type { Locator, Page } from 'playwright-core';

export interface NodeFormValues {
  name: string;
  host: string;
  sshPort?: string;
  sshUser?: string;
  region?: string;
  tags?: string;
  notes?: string;
}

export function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

export async function openPage(page: Page, label: string): Promise<void> {
  await nav(page).getByRole('link', { name: label, exact: true }).click();
  await pageTitle(page, label).waitFor();
}

export function pageTitle(page: Page, title: string): Locator {
  return page.getByRole('heading', { level: 1, name: title, exact: true });
}

/** Fills the node form on the page (or in the open dialog, if `scope` is given). */
export async function fillNodeForm(scope: Page | Locator, values: Partial<NodeFormValues>): Promise<void> {
  const fields: [string, string | undefined][] = [
    ['Name', values.name], ['Host', values.host], ['SSH port', values.sshPort], ['SSH user', values.sshUser],
    ['Region', values.region], ['Tags', values.tags], ['Notes', values.notes],
  ];
  for (const [label, value] of fields) {
    if (value !== undefined) await scope.getByLabel(label, { exact: true }).fill(value);
  }
}

/** Adds a node from the Add node page, submitting with Enter as a keyboard user would. */
export async function addNodeThroughForm(page: Page, values: NodeFormValues): Promise<void> {
  await openPage(page, 'Add node');
  await fillNodeForm(page, values);
  await page.getByLabel('Name', { exact: true }).press('Enter');
}

export function nodesTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Nodes' });
}

export function nodeRow(page: Page, name: string): Locator {
  return nodesTable(page).locator(`tr[data-node="${name}"]`);
}

export function formError(scope: Page | Locator): Locator {
  return scope.getByTestId('form-error');
}

/** Names of the nodes the inventory table shows, top to bottom. */
export async function listedNodeNames(page: Page): Promise<string[]> {
  return nodesTable(page).locator('tbody th[scope="row"]').allTextContents();
}

/** Polls until `check` stops throwing: Playwright's auto-waiting `expect` is not in playwright-core. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
