// The fleet overview and node pages, read the way an admin reads them, for the e2e and UI
// integration tests.
import type { Locator, Page } from 'playwright-core';

export function nodeCapacityList(page: Page): Locator {
  return page.getByRole('list', { name: 'Node capacity' });
}

export function fleetRow(page: Page, name: string): Locator {
  return nodeCapacityList(page).locator(`li[data-node="${name}"]`);
}

/** Names of the nodes the overview lists, top to bottom. */
export async function shownNodes(page: Page): Promise<string[]> {
  return nodeCapacityList(page).locator('li[data-node]').evaluateAll(
    (items) => items.map((item) => item.getAttribute('data-node') ?? ''),
  );
}

export interface BarFigures {
  state: string | null;
  used: number;
  usableFree: number;
  reserved: number;
  /** The text beside the bar, e.g. { used: '12.0 MiB used', free: '150 MiB usable free' }. */
  text: Record<string, string>;
}

/** The bytes a node's capacity bar stands for, and the words printed beside it. */
export async function barFigures(row: Locator): Promise<BarFigures> {
  const meter = row.getByRole('meter');
  const text: Record<string, string> = {};
  for (const figure of await row.locator('[data-figure]').all()) {
    text[(await figure.getAttribute('data-figure')) ?? ''] = ((await figure.textContent()) ?? '').trim();
  }
  return {
    state: await row.getAttribute('data-state'),
    used: Number(await meter.getAttribute('data-used-bytes')),
    usableFree: Number(await meter.getAttribute('data-usable-free-bytes')),
    reserved: Number(await meter.getAttribute('data-reserved-bytes')),
    text,
  };
}

/** How many points the graph's "used" line is drawn through (from its SVG path). */
export async function usedLinePoints(page: Page): Promise<number> {
  const d = (await page.locator('.capacity-chart__used path.recharts-area-curve').first().getAttribute('d')) ?? '';
  // M for the first point, then one L (linear) or C (curve) command per further point.
  return (d.match(/[MLC]/g) ?? []).length;
}
