// Decommission against the real fleet touches only the node it names. node1's Docker engine also
// runs a decoy, `pinfleet-node1-kubo-staging`: kubo's image, a repo with data of its own, the
// label pinfleet.server=node1 and a name that contains node1's container's. When the decoy even
// claims node1's API address, which container is node1's is not certain: decommission refuses,
// names both, and changes nothing. When only node1's kubo listens there, decommission with
// --remove-container removes node1's container and leaves the decoy and its data alone. Then the
// fleet is brought back (`up` recreates the container over its kept repo) with the pins it had.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import type { CliFlags } from '../../src-main/cli/args.js';
import { decommissionCommand } from '../../src-main/cli/commands/decommission.js';
import { createOutput } from '../../src-main/cli/output.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap, type PinfleetError } from '../../src-preload/contract/errors.js';
import type { DecommissionReport } from '../../src-preload/contract/provisioning-types.js';
import { dockerResult } from '../fleet/docker-cli.js';
import { storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { addFleetNodes } from '../support/fleet-nodes.js';
import { bringFleetBack, containerState, kuboPins, pinsByNode, restorePins, startDecoy, type Decoy } from './decommission-support.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const node1 = servers[0]!;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-decommission-'));
let app: AppContext;
let before = new Map<string, string[]>();
let decoy: Decoy | null = null;
let ownCid = '';

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

beforeAll(async () => {
  app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test' });
  await addFleetNodes(app, fleet, servers);
  before = await pinsByNode(fleet);
  // One CID only node1 holds, so the decommission has something to move.
  const added = await fetch(`http://${node1.address}:5001/api/v0/add?cid-version=1&pin=false`, { method: 'POST', body: (() => { const f = new FormData(); f.append('file', new Blob([randomBytes(2000)]), 'x'); return f; })() });
  ownCid = ((await added.json()) as { Hash: string }).Hash;
  await kuboRpc(node1.address, 'pin/add', [ownCid], 60_000);
}, 120_000);

afterAll(async () => {
  if (decoy) await dockerResult(['rm', '--force', decoy.name]);
  if (app) await app.close();
  await bringFleetBack(fleet);
  await restorePins(fleet, before);
  await faults.healFleet(fleet);
  fs.rmSync(work, { recursive: true, force: true });
}, 600_000);

/** `pinfleet decommission NAME …` in this process, on this app (stdin is not a terminal here). */
async function cli(name: string, flags: CliFlags): Promise<{ printed: string; error: PinfleetError | null }> {
  let printed = '';
  const ctx = { args: [name], flags: { json: true, ...flags }, out: createOutput(true, (t) => (printed += t)), dataDir: path.join(work, 'data'), app: () => app };
  const error = await decommissionCommand(ctx).then(() => null, (caught: unknown) => caught as PinfleetError);
  return { printed, error };
}

describe('pinfleet decommission: the plan first, and the typed name to delete data', () => {
  const node2 = servers[1]!;

  it('--dry-run prints the plan (the repo it would delete) and changes nothing', async () => {
    const { printed, error } = await cli('node2', { 'remove-data': true, 'dry-run': true });
    expect(error).toBeNull();
    const report = JSON.parse(printed) as DecommissionReport;
    expect(report).toMatchObject({ dryRun: true, removedFromInventory: false, plan: { mode: 'standalone', kuboContainer: node2.kubo!.container, deletes: [node2.dataPath], confirmationRequired: true } });
    expect((await call('nodes.get', { name: 'node2' })).state).toBe('active');
  });

  it('deleting data without --confirm, or with another name, is refused and nothing changes', async () => {
    const missing = await cli('node2', { 'remove-data': true });
    expect(missing.error?.message).toContain(`deletes ${node2.dataPath}: give --confirm node2`);
    const wrong = await cli('node2', { 'remove-data': true, confirm: 'node' });
    expect(wrong.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"node" is not the node\'s name node2') as unknown });
    expect((await call('nodes.get', { name: 'node2' })).state).toBe('active');
    expect(await containerState(node2.kubo!.container)).toBe('running');
    expect(fs.existsSync(path.join(node2.dataPath, 'config'))).toBe(true);
  });
});

describe('decommission beside a decoy kubo named like the node', () => {
  it('refuses when the decoy also claims the node\'s API address, names both, and changes nothing', async () => {
    decoy = await startDecoy(fleet, 'node1', work, `/ip4/${node1.address}/tcp/5001`);
    const pinsBefore = await kuboPins(node1.address);
    const answer = await app.router.call('provisioning.decommission', { name: 'node1', removeContainer: true });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('duplicate');
    expect(answer.error.message).toContain(node1.kubo!.container);
    expect(answer.error.message).toContain(decoy.name);
    expect(answer.error.message).toContain('nothing was changed');
    // Nothing changed: both containers run, the decoy's data is there, node1 is active with its pins.
    expect(await containerState(node1.kubo!.container)).toBe('running');
    expect(await containerState(decoy.name)).toBe('running');
    expect(fs.existsSync(decoy.marker)).toBe(true);
    expect((await call('nodes.get', { name: 'node1' })).state).toBe('active');
    expect(await kuboPins(node1.address)).toEqual(pinsBefore);
  });

  it('the dry run names node1\'s own container (its kubo listens on the node\'s address), not the decoy', async () => {
    decoy = await startDecoy(fleet, 'node1', work, null);
    const plan = await call('provisioning.decommission', { name: 'node1', removeContainer: true, dryRun: true });
    expect(plan.plan).toMatchObject({ mode: 'standalone', kuboContainer: node1.kubo!.container, deletes: [], confirmationRequired: false });
    expect(plan.plan.steps.join('\n')).toContain(`stop and remove the kubo container ${node1.kubo!.container}`);
    expect((await call('nodes.get', { name: 'node1' })).state).toBe('active');
  });

  it('with --remove-container removes node1\'s container; the decoy and its data stay', async () => {
    const report = await call('provisioning.decommission', { name: 'node1', removeContainer: true });
    expect(report.problems).toEqual([]);
    expect(report.moved.map((m) => m.cid)).toContain(ownCid);
    expect(report).toMatchObject({ containerRemoved: true, dataRemoved: false, removedFromInventory: true });
    expect(await containerState(node1.kubo!.container)).toBe('gone');
    expect(await containerState(decoy!.name)).toBe('running');
    expect(fs.readFileSync(decoy!.marker, 'utf8')).toContain('must survive');
    // node1's own repo was not asked to go either.
    expect(fs.existsSync(path.join(node1.dataPath, 'config'))).toBe(true);
    const elsewhere = await Promise.all(servers.slice(1).map(async (s) => (await kuboPins(s.address)).includes(ownCid)));
    expect(elsewhere.some(Boolean)).toBe(true);
  }, 600_000);
});
