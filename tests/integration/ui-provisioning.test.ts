// The Provision page in real Chromium against the real fleet: the add-a-server wizard turns the
// bare server into a node (host key shown and confirmed, a failure at preflight with "Retry from",
// live step log), its rollback shows the undo list and wants bare typed before deleting data, the
// fleet view lists it, and the Decommission wizard retires it again, leaving the
// server bare. Screenshots of each key state go to tests/artifacts/screenshots/.
import net from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { saveScreenshot } from '../e2e/support/browser.js';
import { eventually, openPage, pageTitle } from '../e2e/support/console-page.js';
import { sendFile } from '../e2e/support/send-file.js';
import { callApi, startSession, type ConsoleSession } from '../e2e/support/session.js';
import { fleetUids } from '../fleet/egress-guard.js';
import { storageServers } from '../fleet/fleet-description.js';
import { registerFleet } from '../fleet/register.js';
import { bareServer, bareState, listeningOn, makeBare, targetOf } from './provisioning-support.js';

const fleet = inject('fleet');
const bare = bareServer(fleet);
const MiB = 1024 ** 2;

async function api<T>(session: ConsoleSession, channel: string, input: unknown = {}): Promise<T> {
  const { body } = await callApi(session.server, channel, input);
  if (!body.ok) throw new Error(`${channel}: ${body.error?.code}: ${body.error?.message}`);
  return body.data as T;
}

describe('provisioning wizards in the browser', () => {
  let session: ConsoleSession;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await makeBare(fleet);
    session = await startSession();
    await registerFleet(fleet, session.dataDir);
    for (const server of storageServers(fleet)) await api(session, 'credentials.set', { name: server.name, method: 'keyFile', keyPath: await sendFile(session.server, fleet.clientKeyPath) });
    await api(session, 'health.updateSettings', { pollIntervalSeconds: 5, diskReserveBytes: 8 * MiB, fullBelowBytes: 24 * MiB });
    ({ page, context, errors } = await session.openConsole());
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    if (session) await callApi(session.server, 'provisioning.rollback', { ...targetOf(fleet), confirm: 'bare' }).catch(() => undefined);
    await context?.close();
    await session?.close();
    await makeBare(fleet);
  });

  it('adds the bare server: host key confirmed, a failed preflight retried, every step done, its rollback planned but not confirmed, and the fleet lists it', async () => {
    await openPage(page, 'Provision');
    const wizard = page.getByRole('region', { name: 'Add a server' });
    await wizard.getByLabel('Host', { exact: true }).fill(bare.address);
    // The browser console reads no path typed in: the key file is sent to it first.
    await wizard.getByLabel('Private key file (on this computer)').setInputFiles(fleet.clientKeyPath);
    await expect.poll(() => wizard.getByTestId('chosen-file').textContent()).toMatch(/^Sent: /);
    // Keyboard: the button is reached and pressed without the mouse.
    await wizard.getByRole('button', { name: 'Check host key' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => wizard.getByTestId('host-key').locator('.hostkey-confirm__fingerprint').textContent()).toBe(bare.ssh.hostKeyFingerprint);
    await wizard.getByLabel('I compared it: this is the server’s key').check();
    await saveScreenshot(page, 'ui-provision-host-key');

    await wizard.getByLabel('Name', { exact: true }).fill('bare');
    await wizard.getByLabel('Data path (on the server)').fill(bare.dataPath);
    await wizard.getByLabel('Tags').fill(bare.tags.join(','));
    await wizard.getByLabel('Region').fill(bare.region);
    await wizard.getByText('Image, network and user').click();
    await wizard.getByLabel('kubo image').fill(fleet.images.kubo);
    await wizard.getByLabel('Fleet networks').fill('127.0.0.0/8');
    await wizard.getByLabel('Run kubo as (uid:gid)').fill(`${fleetUids.kubo}:${fleetUids.kubo}`);

    // Port 4001 taken on the server's address: preflight stops with the reason.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(4001, bare.address, resolve));
    try {
      await wizard.getByRole('button', { name: 'Provision', exact: true }).click();
      const failure = wizard.locator('.wizard-failure');
      await failure.waitFor();
      expect(await failure.textContent()).toContain(`Stopped at preflight:`);
      expect(await failure.textContent()).toContain(`4001 (swarm) is taken: ${bare.address}:4001`);
      expect(await wizard.locator('[data-step="preflight"]').getAttribute('data-status')).toBe('failed');
      await saveScreenshot(page, 'ui-provision-failed-preflight');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }

    await wizard.getByRole('button', { name: 'Retry from preflight' }).click();
    await wizard.getByText('bare is provisioned').waitFor({ timeout: 120_000 });
    for (const step of ['preflight', 'docker', 'image', 'container', 'configure', 'verify', 'register']) {
      expect(await wizard.locator(`[data-step="${step}"]`).getAttribute('data-status'), step).toBe('done');
    }
    expect(await wizard.locator('[data-step="connect"]').getAttribute('data-status')).toBe('done');
    expect(await wizard.locator('[data-step="container"] .wizard-step__log').textContent()).toContain('created and started pinfleet-kubo');
    await saveScreenshot(page, 'ui-provision-done');

    // "Roll back this run…" shows the undo list first, and needs bare typed exactly before it can delete data.
    await wizard.getByRole('button', { name: 'Roll back this run…' }).click();
    const plan = wizard.getByRole('region', { name: 'Rollback plan' });
    await plan.waitFor();
    const actions = plan.getByRole('list', { name: /^Undo actions of run \d+$/ }).getByRole('listitem');
    const listed = (await actions.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(listed).toEqual(expect.arrayContaining(['remove bare from the inventory (register)', 'remove container pinfleet-kubo (container)', `remove ${bare.dataPath}/ipfs (container) deletes data`]));
    expect(await plan.locator('li[data-deletes-data="true"]').count()).toBe(2);
    const rollBack = plan.getByRole('button', { name: 'Roll back', exact: true });
    expect(await rollBack.isDisabled()).toBe(true);
    const confirm = plan.getByLabel('Type bare to confirm');
    for (const wrong of ['Bare', 'bare ', bare.address]) {
      await confirm.fill(wrong);
      expect(await rollBack.isDisabled(), wrong).toBe(true);
    }
    await confirm.fill('bare');
    await expect.poll(() => rollBack.isDisabled()).toBe(false);
    await saveScreenshot(page, 'ui-provision-rollback-plan');
    // Not run here: the node is adopted and decommissioned next. Cancel leaves it untouched.
    await plan.getByRole('button', { name: 'Cancel' }).click();
    expect(await plan.count()).toBe(0);
    expect((await bareState(fleet)).container).toBe('running');
    const listening = await listeningOn(fleet);
    expect(listening).toEqual(expect.arrayContaining(['127.0.0.1:5001', '127.0.0.1:8080']));
    expect(listening).not.toEqual(expect.arrayContaining([`${bare.address}:5001`]));

    await openPage(page, 'Fleet');
    await eventually(async () => expect(await page.locator('body').textContent()).toContain('bare'), 60_000);
    await eventually(async () => {
      const health = await api<{ state: string; capacity: { diskTotal: number } | null }>(session, 'health.node', { name: 'bare' });
      expect(health.state).toBe('online');
      expect(health.capacity?.diskTotal).toBe(bare.diskBytes);
    }, 60_000);
    await saveScreenshot(page, 'ui-provision-fleet');
  });

  it('adopts the running kubo again from the Adopt wizard after it was removed from the inventory', async () => {
    await api(session, 'nodes.remove', { name: 'bare' });
    await openPage(page, 'Provision');
    await page.getByRole('tablist', { name: 'Wizards' }).getByRole('tab', { name: 'Adopt' }).click();
    const wizard = page.getByRole('region', { name: 'Adopt a running node' });
    await wizard.getByLabel('Host', { exact: true }).fill(bare.address);
    // The browser console reads no path typed in: the key file is sent to it first.
    await wizard.getByLabel('Private key file (on this computer)').setInputFiles(fleet.clientKeyPath);
    await expect.poll(() => wizard.getByTestId('chosen-file').textContent()).toMatch(/^Sent: /);
    await wizard.getByRole('button', { name: 'Check host key' }).click();
    await wizard.getByLabel('I compared it: this is the server’s key').check();
    await wizard.getByLabel('Name', { exact: true }).fill('bare');
    await wizard.getByRole('button', { name: 'Detect kubo' }).click();
    const found = wizard.getByLabel('What was found');
    await found.waitFor();
    expect(await found.textContent()).toContain('container pinfleet-kubo');
    expect(await found.textContent()).toContain('127.0.0.1:5001 (loopback)');
    await saveScreenshot(page, 'ui-adopt-detected');
    await wizard.getByRole('button', { name: 'Register bare' }).click();
    await wizard.getByText('bare was adopted').waitFor();
    const names = (await api<{ name: string }[]>(session, 'nodes.list')).map((n) => n.name);
    expect(names).toContain('bare');
  });

  it('decommissions it from the Decommission wizard, confirmed by its name, leaving the server bare', async () => {
    await openPage(page, 'Provision');
    const tabs = page.getByRole('tablist', { name: 'Wizards' });
    await tabs.getByRole('tab', { name: 'Add a server' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await tabs.getByRole('tab', { name: 'Decommission' }).getAttribute('aria-selected')).toBe('true');
    const wizard = page.getByRole('region', { name: 'Decommission a node' });
    await wizard.getByLabel('Node').selectOption('bare');
    await wizard.getByLabel('Delete its kubo repo from the server').check();
    // The plan main worked out (a dry run) is shown before the button: the repo it deletes, then the node it removes.
    const plan = wizard.locator('[aria-label="Plan"]');
    await plan.getByText('remove bare from the inventory').waitFor();
    expect(await plan.textContent()).toContain(`delete ${bare.dataPath}`);
    const button = wizard.getByRole('button', { name: 'Decommission' });
    expect(await button.isDisabled()).toBe(true);
    await wizard.getByLabel('Type bare to confirm').fill('bare');
    await saveScreenshot(page, 'ui-decommission-confirm');
    await button.click();
    await wizard.getByText('bare was decommissioned').waitFor({ timeout: 120_000 });
    for (const phase of ['drain', 'repin', 'unpin', 'container', 'remove']) {
      expect(await wizard.locator(`[data-step="${phase}"]`).getAttribute('data-status'), phase).toBe('done');
    }
    await saveScreenshot(page, 'ui-decommission-done');
    expect(await bareState(fleet)).toEqual({ container: null, dataEntries: [] });
    const names = (await api<{ name: string }[]>(session, 'nodes.list')).map((n) => n.name);
    expect(names).not.toContain('bare');
    await pageTitle(page, 'Provision').waitFor();
    expect(errors).toEqual([]);
  });

  it('offers to join the fleet’s IPFS Cluster, and disables it with the reason while an RPC token is chosen', async () => {
    await openPage(page, 'Provision');
    await page.getByRole('tablist', { name: 'Wizards' }).getByRole('tab', { name: 'Add a server' }).click();
    const wizard = page.getByRole('region', { name: 'Add a server' });
    const join = wizard.getByLabel('Join the fleet’s IPFS Cluster');
    expect(await join.isChecked()).toBe(false);
    expect(await wizard.getByTestId('cluster-join').textContent()).toContain('needs a cluster set up first');
    // Keyboard: Space ticks it, and the Cluster peer's own fields appear in the advanced part.
    await join.focus();
    await page.keyboard.press('Space');
    expect(await join.isChecked()).toBe(true);
    await wizard.getByText('Image, network and user').click();
    await wizard.getByLabel('Cluster bootstrap addresses (one per line)').fill('/ip4/127.0.0.11/tcp/9096/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo');
    expect(await wizard.getByLabel('Run the Cluster peer as (uid:gid)').inputValue()).toBe('1000:100');
    expect(await wizard.getByLabel('Cluster image').isVisible()).toBe(true);
    await saveScreenshot(page, 'ui-provision-cluster-peer');

    await wizard.getByLabel('Require a token on kubo’s RPC (API.Authorizations): Pinfleet makes it and keeps it in this computer’s secret store').check();
    expect(await join.isDisabled()).toBe(true);
    expect(await join.isChecked()).toBe(false);
    expect(await wizard.getByTestId('cluster-join-reason').textContent()).toContain('Not with an RPC token: the Cluster peer would not send kubo the token');
    // The reason is tied to the checkbox for screen readers.
    const describedBy = (await join.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('Not with an RPC token');
    expect(await wizard.getByLabel('Cluster bootstrap addresses (one per line)').count()).toBe(0);
    await saveScreenshot(page, 'ui-provision-cluster-peer-rpc-token');

    // Without the token it is offered again, as it was left.
    await wizard.getByLabel('Require a token on kubo’s RPC (API.Authorizations): Pinfleet makes it and keeps it in this computer’s secret store').uncheck();
    expect(await join.isDisabled()).toBe(false);
    expect(await join.isChecked()).toBe(true);
    expect(errors).toEqual([]);
  });
});
