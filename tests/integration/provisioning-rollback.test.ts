// "Roll back" of the add-a-server wizard against the real fleet can never wipe a production node:
// the bare server is provisioned and holds a pinned CID, then the wizard is run again to add a
// Cluster peer and fails for real (the Cluster image given is kubo's, so the peer never starts).
// The rollback plan lists only that run's work; it is refused without the node's name typed, then
// undoes only that run: kubo, its repo with the pinned CID, and the inventory entry stay (also when
// a changed setting made that run replace kubo's container: it is kept). Naming
// the successful run is refused while bare holds a pin, or cannot say (its kubo stopped), and
// undone only once the pin is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { CLUSTER_SECRET_REF } from '../../src-main/cluster/cluster-settings.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap, type Result } from '../../src-preload/contract/errors.js';
import type { ProvisionReport } from '../../src-preload/contract/provisioning-types.js';
import { fleetUids } from '../fleet/egress-guard.js';
import { storageServers } from '../fleet/fleet-description.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { bareServer, bareState, makeBare, onServer, PROVISIONED_CONTAINER, provisionInputFor, targetOf } from './provisioning-support.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const bare = bareServer(fleet);
const CLUSTER_CONTAINER = 'pinfleet-cluster';
const clusterState = `${bare.dataPath}/ipfs-cluster`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-rollback-'));
const dataDir = path.join(work, 'data');
/** bare's kubo RPC listens on 127.0.0.1:5001 of this machine (the fleet's servers share its network). */
const BARE_RPC = '127.0.0.1';
let app: AppContext;
let provisioned: ProvisionReport;
let failed: ProvisionReport;
let cid = '';

function send<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<unknown>> {
  return app.router.call(channel, input);
}
async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

async function barePins(): Promise<string[]> {
  return Object.keys((await kuboRpc<{ Keys?: Record<string, unknown> }>(BARE_RPC, 'pin/ls?type=recursive', [], 30_000)).Keys ?? {});
}

/** What must survive any rollback of the failed run: kubo running, its repo, the pinned CID, the node. */
async function expectNodeIntact(): Promise<void> {
  const state = await bareState(fleet);
  expect(state.container).toBe('running');
  expect(state.dataEntries).toEqual(expect.arrayContaining(['ipfs', 'container-init.d']));
  expect(await barePins()).toContain(cid);
  expect((await call('nodes.list', {})).map((n) => n.name)).toContain('bare');
}

async function clusterLeftovers(): Promise<{ container: boolean; stateDir: boolean }> {
  return {
    container: (await onServer(fleet, ['docker', 'inspect', CLUSTER_CONTAINER])).code === 0,
    stateDir: (await onServer(fleet, ['test', '-d', clusterState])).code === 0,
  };
}

beforeAll(async () => {
  await onServer(fleet, ['docker', 'rm', '--force', CLUSTER_CONTAINER]);
  await makeBare(fleet);
  const secrets = new FileSecretStore({ dataDir, passphrase: 'provision-rollback-test', kdf: { N: 1024, r: 8, p: 1 } });
  fs.mkdirSync(dataDir, { recursive: true });
  await secrets.set(CLUSTER_SECRET_REF, fs.readFileSync(path.join(fleet.stateDir, 'cluster-secret'), 'utf8').trim());
  app = createAppContext({ dataDir, actor: 'test', secrets });
  await addFleetNodes(app, fleet, storageServers(fleet));
});

afterAll(async () => {
  await app?.close();
  await onServer(fleet, ['docker', 'rm', '--force', CLUSTER_CONTAINER]);
  await makeBare(fleet);
  fs.rmSync(work, { recursive: true, force: true });
});

describe('rolling back a failed re-run of the wizard on a production node', () => {
  it('provisions bare and pins a CID on it; the re-run to add a Cluster peer fails at the cluster step', async () => {
    provisioned = await call('provisioning.provision', provisionInputFor(fleet));
    expect(provisioned.error).toBeNull();
    const form = new FormData();
    form.append('file', new Blob([`rollback test ${Date.now()} ${Math.random()}`]), 'kept.txt');
    const added = await fetch(`http://${BARE_RPC}:5001/api/v0/add?pin=true&cid-version=1`, { method: 'POST', body: form });
    cid = ((await added.json()) as { Hash: string }).Hash;
    await expectNodeIntact();

    // A real admin mistake: kubo's image given as the Cluster image. The peer never answers.
    failed = await call('provisioning.provision', provisionInputFor(fleet, { clusterPeer: true, clusterImage: fleet.images.kubo, clusterRunAs: `${fleetUids.cluster}:${fleetUids.cluster}` }));
    expect(failed, failed.error?.message).toMatchObject({ status: 'failed', failedStep: 'cluster' });
    expect(failed.steps.find((s) => s.step === 'container')).toMatchObject({ status: 'done', changed: false });
    expect(await clusterLeftovers()).toEqual({ container: true, stateDir: true });
  });

  it('the plan lists only the failed run: its Cluster container and state folder, which deletes data; the successful run is left alone', async () => {
    const plan = await call('provisioning.rollbackPlan', targetOf(fleet));
    expect(plan.runIds).toEqual([failed.runId]);
    expect(plan.actions.map((a) => [a.description, a.deletesData])).toEqual([
      [`remove container ${CLUSTER_CONTAINER}`, false],
      [`remove ${clusterState}`, true],
    ]);
    expect(plan.leftAlone.map((r) => [r.runId, r.status])).toEqual([[provisioned.runId, 'done']]);
    expect(plan).toMatchObject({ deletesData: true, confirmWord: 'bare', blocked: [] });
  });

  it('without the name typed exactly, the rollback is refused and changes nothing', async () => {
    for (const confirm of [undefined, 'Bare', bare.address]) {
      const refused = await send('provisioning.rollback', { ...targetOf(fleet), ...(confirm !== undefined ? { confirm } : {}) });
      expect(refused, String(confirm)).toMatchObject({ ok: false, error: { code: 'confirmation_required', message: expect.stringContaining(`deletes data (${clusterState}): type bare to confirm`) as unknown } });
    }
    expect(await clusterLeftovers()).toEqual({ container: true, stateDir: true });
    await expectNodeIntact();
  });

  it('with the name typed, it undoes only the failed run: kubo, its repo with the pinned CID, and the node stay', async () => {
    const undone = await call('provisioning.rollback', { ...targetOf(fleet), confirm: 'bare' });
    expect(undone).toMatchObject({ runIds: [failed.runId], undone: [`remove container ${CLUSTER_CONTAINER}`, `remove ${clusterState}`], failures: [] });
    expect(await clusterLeftovers()).toEqual({ container: false, stateDir: false });
    await expectNodeIntact();
    // Nothing unfinished is left: pressing it again undoes nothing.
    expect((await call('provisioning.rollbackPlan', targetOf(fleet))).runIds).toEqual([]);
    expect(await call('provisioning.rollback', targetOf(fleet))).toMatchObject({ runIds: [], undone: [], failures: [] });
    await expectNodeIntact();
  });
});

describe('a failed re-run that replaced the kubo container (a setting changed)', () => {
  it('keeps the new kubo container running: removing it would only take bare down; the rest of that run is undone', async () => {
    const replaced = await call('provisioning.provision', provisionInputFor(fleet, { gcWatermarkPercent: 85, clusterPeer: true, clusterImage: fleet.images.kubo, clusterRunAs: `${fleetUids.cluster}:${fleetUids.cluster}` }));
    expect(replaced, replaced.error?.message).toMatchObject({ status: 'failed', failedStep: 'cluster' });
    expect(replaced.steps.find((s) => s.step === 'container')!.summary).toContain(`replaced ${PROVISIONED_CONTAINER} (its settings changed)`);
    const plan = await call('provisioning.rollbackPlan', targetOf(fleet));
    expect(plan.runIds).toEqual([replaced.runId]);
    const kuboAction = plan.actions.find((a) => a.description === `remove container ${PROVISIONED_CONTAINER}`);
    expect(kuboAction?.kept).toContain('it is the kubo of bare, which stays registered');
    const undone = await call('provisioning.rollback', { ...targetOf(fleet), confirm: 'bare' });
    expect(undone).toMatchObject({ undone: [`remove container ${CLUSTER_CONTAINER}`, `remove ${clusterState}`], failures: [] });
    expect(await clusterLeftovers()).toEqual({ container: false, stateDir: false });
    await expectNodeIntact();
  });
});

describe('naming the successful run', () => {
  const named = () => ({ ...targetOf(fleet), runId: provisioned.runId });

  it('refuses to delete the repo of bare while it holds a pin, and changes nothing', async () => {
    const plan = await call('provisioning.rollbackPlan', named());
    expect(plan.actions.find((a) => a.repoOf === 'bare')).toMatchObject({ description: `remove ${bare.dataPath}/ipfs`, deletesData: true });
    expect(plan.blocked.join(' ')).toMatch(/it is the repo of bare, which holds \d+ pins?\. Decommission bare instead/);
    const refused = await send('provisioning.rollback', { ...named(), confirm: 'bare' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'holds_data', message: expect.stringContaining('Nothing was undone') as unknown } });
    await expectNodeIntact();
  });

  it('refuses too when bare cannot be asked (its kubo stopped): unknown is not empty', async () => {
    expect((await onServer(fleet, ['docker', 'stop', PROVISIONED_CONTAINER])).code).toBe(0);
    try {
      const plan = await call('provisioning.rollbackPlan', named());
      expect(plan.blocked.join(' ')).toMatch(/bare could not be asked for its pins .*unknown is not empty/);
      const refused = await send('provisioning.rollback', { ...named(), confirm: 'bare' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'holds_data' } });
      expect(await bareState(fleet)).toEqual({ container: 'exited', dataEntries: expect.arrayContaining(['ipfs', 'container-init.d']) as unknown });
      expect((await call('nodes.list', {})).map((n) => n.name)).toContain('bare');
    } finally {
      await onServer(fleet, ['docker', 'start', PROVISIONED_CONTAINER]);
    }
    await waitFor('bare\'s kubo to answer again', async () => (await kuboRpc<{ ID?: string }>(BARE_RPC, 'id').catch(() => ({ ID: undefined }))).ID, 60_000);
    await expectNodeIntact();
  });

  it('once its pin is removed, the named run is undone with the name typed, leaving the server bare', async () => {
    await kuboRpc(BARE_RPC, 'pin/rm', [cid], 30_000);
    // What is left is the empty folder kubo pins at init: it holds nothing.
    expect(await barePins()).toEqual(['QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn']);
    const undone = await call('provisioning.rollback', { ...named(), confirm: 'bare' });
    expect(undone.failures).toEqual([]);
    expect(undone.undone).toEqual(expect.arrayContaining(['remove bare from the inventory', `remove container ${PROVISIONED_CONTAINER}`, `remove ${bare.dataPath}/ipfs`]));
    expect(await bareState(fleet)).toEqual({ container: null, dataEntries: [] });
    expect((await call('nodes.list', {})).map((n) => n.name)).not.toContain('bare');
  });
});
