// "Set up a cluster" in real Chromium through `pinfleet serve`, against the real fleet: the wizard
// offered while cluster mode is off, a refusal while the fleet's own Cluster still runs (code and
// message shown, the form kept), then, with that Cluster paused, the dry run's plan checked against
// the API and each kubo's own pin list, and a real conversion of node1-3 driven from the keyboard:
// live progress, the summary ("0 missing") and peer IDs equal to what the real ipfs-cluster-ctl
// lists with the login the set-up made. Screenshots go to tests/artifacts/screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLUSTER_PASSWORD_REF } from '../../src-main/cluster/cluster-settings.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import type { ClusterOverview, ClusterSetupReport } from '../../src-preload/contract/cluster-types.js';
import { saveScreenshot } from '../e2e/support/browser.js';
import { eventually, openPage } from '../e2e/support/console-page.js';
import { callApi, startSession, type ConsoleSession } from '../e2e/support/session.js';
import { dockerResult } from '../fleet/docker-cli.js';
import { storageServers } from '../fleet/fleet-description.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { registerFleet } from '../fleet/register.js';
import { run } from '../fleet/shell.js';
import { kuboPinsByNode, pauseFleetCluster, removeSetupPeers, restoreFleetCluster, restoreKuboPins, setupInputFor } from './cluster-setup-support.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-ui-cluster-setup-'));
const input = setupInputFor(fleet);
// `pinfleet serve` inherits it: the set-up keeps the fleet secret, the REST login and each peer's
// identity in an encrypted file this test can open too (an earlier file's passphrase is kept).
const PASSPHRASE = (process.env.PINFLEET_SECRETS_PASSPHRASE ??= 'ui-cluster-setup-passphrase');
const SETUP_MS = 600_000;

async function api<T>(session: ConsoleSession, channel: string, body: unknown = {}): Promise<T> {
  const { body: answer } = await callApi(session.server, channel, body);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error?.code}: ${answer.error?.message}`);
  return answer.data as T;
}

async function addOn(address: string, text: string): Promise<string> {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(file, text);
  return (await run(fleet.binaries.ipfs, ['--api', `/ip4/${address}/tcp/5001`, 'add', '-Q', '--cid-version=1', file])).trim();
}

describe.runIf(fleet.images.cluster !== undefined)('"Set up a cluster" in the browser', () => {
  let session: ConsoleSession;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let pinsBefore = new Map<string, string[]>();
  const cids: string[] = [];

  beforeAll(async () => {
    await removeSetupPeers(fleet);
    session = await startSession();
    await registerFleet(fleet, session.dataDir);
    const stamp = `${Date.now()} ${Math.random()}`;
    // One CID on node1 and node3, one on node2 alone: something for the set-up to import.
    cids.push(await addOn(servers[0]!.address, `ui set-up, node1 and node3 ${stamp}`));
    await kuboRpc(servers[2]!.address, 'pin/add', [cids[0]!], 60_000);
    cids.push(await addOn(servers[1]!.address, `ui set-up, node2 alone ${stamp}`));
    pinsBefore = await kuboPinsByNode(fleet);
    ({ page, context, errors } = await session.openConsole());
    page.setDefaultTimeout(30_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await session?.close();
    await removeSetupPeers(fleet);
    for (const s of servers) for (const cid of cids) await kuboRpc(s.address, 'pin/rm', [cid], 30_000).catch(() => {});
    // The second copies the set-up's replication made of other tests' CIDs.
    await restoreKuboPins(fleet, pinsBefore);
    await restoreFleetCluster(fleet);
    fs.rmSync(work, { recursive: true, force: true });
  }, 240_000);

  const wizard = () => page.getByTestId('cluster-setup');

  it('while a cluster answers it is not offered unasked; its button opens it, every active node ticked and the default replication shown', async () => {
    await openPage(page, 'Cluster');
    // The fleet's own peers answer: once they are listed, no wizard opened by itself.
    await page.getByRole('table', { name: 'Cluster peers' }).locator('tr[data-peer="node3"]').waitFor();
    expect(await wizard().count()).toBe(0);
    await page.getByRole('button', { name: 'Set up a cluster…' }).click();
    await wizard().waitFor();
    expect(await wizard().getByTestId('cluster-setup-reason').count()).toBe(0);
    for (const s of servers) expect(await wizard().getByRole('checkbox', { name: new RegExp(`^${s.name} `) }).isChecked(), s.name).toBe(true);
    expect(await wizard().getByLabel('Replication min').getAttribute('placeholder')).toBe('2');
    expect(await wizard().getByLabel('Replication max').getAttribute('placeholder')).toBe('3');
    // Unticking a node caps the default max at the nodes left.
    await wizard().getByRole('checkbox', { name: /^node3 / }).uncheck();
    expect(await wizard().getByLabel('Replication max').getAttribute('placeholder')).toBe('2');
    await wizard().getByRole('checkbox', { name: /^node3 / }).check();
    await saveScreenshot(page, 'ui-cluster-setup-form');
  });

  it('refuses while node1-3 run a Cluster it did not set up: the code and message shown, the form kept', async () => {
    await wizard().getByLabel('Replication max').fill('2');
    await wizard().getByText('Advanced: image, user and state folders').click();
    await wizard().getByLabel('Cluster image').fill(input.image);
    await wizard().getByLabel('Run the peer as (uid:gid)').fill(input.runAs);
    for (const s of servers) await wizard().getByLabel(`State folder on ${s.name}`).fill(input.stateDirs[s.name]!);
    // Enter in a field checks the plan: the harmless action.
    await wizard().getByLabel('Replication min').fill('2');
    await wizard().getByLabel('Replication min').press('Enter');
    const error = wizard().getByTestId('cluster-setup-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('duplicate');
    expect(await error.textContent()).toMatch(/failed \(duplicate\).*already runs an IPFS Cluster peer at 127\.0\.0\.1\d:9094/);
    expect(await wizard().getByLabel('Replication min').inputValue()).toBe('2');
    expect(await wizard().getByLabel('State folder on node2').inputValue()).toBe(input.stateDirs.node2);
    for (const s of servers) expect((await dockerResult(['inspect', `pinfleet-cluster-${s.name}`])).code).not.toBe(0);
    await saveScreenshot(page, 'ui-cluster-setup-refused');
  });

  it('with the fleet’s Cluster paused, the plan shows a peer beside each kubo and the pins each node holds, and changes nothing', async () => {
    await pauseFleetCluster(fleet);
    await wizard().getByRole('button', { name: 'Check plan' }).focus();
    await page.keyboard.press('Enter');
    const plan = wizard().getByTestId('cluster-setup-plan');
    await plan.waitFor({ timeout: 120_000 });
    // The plan's title takes focus, so a keyboard user lands on it.
    expect(await page.evaluate('document.activeElement?.id')).toBe('cluster-setup-plan-title');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    const expected = await api<ClusterSetupReport>(session, 'cluster.setup', { ...input, replicationMin: 2, replicationMax: 2, nodes: servers.map((s) => s.name), dryRun: true });
    for (const peer of expected.peers) {
      const cells = await plan.locator(`tr[data-node="${peer.node}"]`).locator('th, td').allTextContents();
      expect(cells.slice(0, 2)).toEqual([peer.node, 'create a peer']);
      expect(cells.slice(3)).toEqual([peer.swarmAddress, peer.restAddress, input.stateDirs[peer.node]]);
      expect(peer.restAddress).toBe(`${servers.find((s) => s.name === peer.node)!.address}:9094`);
    }
    // What each node pins, as its own kubo lists it.
    const pinsNow = await kuboPinsByNode(fleet);
    for (const s of servers) expect(await plan.locator(`[data-found-node="${s.name}"] dd`).textContent()).toBe(String(pinsNow.get(s.name)!.length));
    expect(await plan.locator('[data-count="to-import"] dd').textContent()).toBe(String(expected.import.toImport.length));
    expect(expected.import.toImport).toEqual(expect.arrayContaining(cids));
    const sentence = await plan.getByTestId('cluster-setup-sentence').textContent();
    expect(sentence).toContain('No CID is unpinned');
    expect(sentence).toContain('replication min 2, max 2');
    expect(sentence).toContain('Cluster mode will be on');
    for (const s of servers) expect((await dockerResult(['inspect', `pinfleet-cluster-${s.name}`])).code).not.toBe(0);
    await saveScreenshot(page, 'ui-cluster-setup-plan');
  }, 180_000);

  it('sets it up with live progress, once, and the summary’s peers are the ones the real ipfs-cluster-ctl lists', async () => {
    const start = wizard().getByRole('button', { name: 'Set up cluster' });
    await start.focus();
    await page.keyboard.press('Enter');
    // A second press cannot start a second run: the button is disabled while it runs.
    const running = wizard().getByRole('button', { name: 'Setting up…' });
    await running.waitFor();
    expect(await running.isDisabled()).toBe(true);
    expect(await wizard().getByRole('button', { name: 'Check plan' }).isDisabled()).toBe(true);
    const progress = wizard().getByTestId('cluster-setup-progress');
    // The peers phase writes several lines per node; by the time this looks there may be three.
    await progress.locator('li[data-phase="peers"][data-node="node1"]').first().waitFor({ timeout: SETUP_MS });
    await saveScreenshot(page, 'ui-cluster-setup-progress');

    const summary = wizard().getByTestId('cluster-setup-summary');
    await summary.waitFor({ timeout: SETUP_MS });
    const checked = [...pinsBefore.values()].reduce((n, pins) => n + pins.length, 0);
    expect(await summary.getByTestId('cluster-setup-kept').textContent()).toBe(`kept: ${checked} of ${checked} existing pins checked, 0 missing`);
    expect(await summary.getByTestId('cluster-setup-missing').count()).toBe(0);
    expect(await summary.locator('[data-count="peers"] dd').textContent()).toBe('3');
    expect(await summary.locator('[data-count="mode"] dd').textContent()).toBe('on');
    // The bar ends full, and the log went through every phase once, in order, naming the nodes.
    expect(await progress.getByTestId('cluster-setup-step').textContent()).toBe('Step 7 of 7: done');
    const phases = await progress.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-phase')));
    expect([...new Set(phases)]).toEqual(['check', 'secret', 'peers', 'join', 'import', 'verify', 'done']);
    expect(phases.filter((p) => p === 'done')).toHaveLength(1);
    for (const s of servers) expect(await progress.locator(`li[data-node="${s.name}"]`).first().textContent()).toMatch(new RegExp(`^${s.name}: `));

    // Peer IDs shown = what the cluster's REST /peers reports to the real client, with the set-up's login.
    const shown = Object.fromEntries(
      await summary.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => [tr.getAttribute('data-node'), tr.querySelector('[data-peer-id]')?.getAttribute('data-peer-id')])),
    );
    const password = await new FileSecretStore({ dataDir: session.dataDir, passphrase: PASSPHRASE }).get(CLUSTER_PASSWORD_REF);
    expect(password).not.toBeNull();
    const listed = await run(fleet.binaries.clusterCtl, ['--host', `/ip4/${servers[0]!.address}/tcp/9094`, '--basic-auth', `pinfleet:${password}`, '--force-http', '--enc', 'json', 'peers', 'ls']);
    const peers = JSON.parse(`[${listed.trim().replace(/}\s*\n{/g, '},{')}]`) as { id: string; peername: string }[];
    expect(Object.fromEntries(peers.map((p) => [p.peername, p.id]))).toEqual(shown);
    expect(Object.keys(shown).sort()).toEqual(servers.map((s) => s.name));
    // And no node lost a pin: its own kubo still lists everything it held.
    const pinsAfter = await kuboPinsByNode(fleet);
    for (const s of servers) expect(pinsAfter.get(s.name)).toEqual(expect.arrayContaining(pinsBefore.get(s.name)!));
    await saveScreenshot(page, 'ui-cluster-setup-done');
  }, SETUP_MS + 60_000);

  it('opens the peers view, focused, listing the new peers online', async () => {
    const ids = await wizard().getByTestId('cluster-setup-summary').locator('tbody [data-peer-id]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-peer-id')));
    await page.getByRole('button', { name: 'Open the peers view' }).click();
    await wizard().waitFor({ state: 'detached' });
    const peers = page.getByTestId('cluster-peers');
    await eventually(async () => expect(await page.evaluate('document.activeElement?.id')).toBe('cluster-peers-title'));
    await eventually(async () => {
      const rows = await peers.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-health'), tr.querySelector('.cluster-id')?.getAttribute('title')]));
      expect(rows.map(([, id]) => id).sort()).toEqual([...ids].sort());
      expect(rows.every(([health]) => health === 'online')).toBe(true);
    }, 60_000);
    const overview = await api<ClusterOverview>(session, 'cluster.peers');
    expect(overview.peers.map((p) => p.id).sort()).toEqual([...ids].sort());
    await saveScreenshot(page, 'ui-cluster-setup-peers');
    // Cluster mode is on and the peers answer: back on the page, the wizard waits behind its button.
    await openPage(page, 'Fleet');
    await openPage(page, 'Cluster');
    await eventually(async () => expect(await peers.locator('tbody tr').count()).toBe(servers.length), 30_000);
    expect(await wizard().count()).toBe(0);
    await page.getByRole('button', { name: 'Set up a cluster…' }).click();
    await wizard().waitFor();
    expect(await wizard().getByTestId('cluster-setup-reason').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);
});
