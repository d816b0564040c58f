// A node that once ran out of disk keeps refusing pins after the space came back: kubo's datastore
// holds on to the disk-full write error until kubo restarts. Against the real fleet: health's write
// probe shows the node degraded ("refusing writes", with the fix) though every read answers, placement
// sends it nothing, the upload waits naming why (not "waiting for space" that is there), the console's
// own Restart container clears it, and the waiting item then completes by itself, pinned on that node.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import { serverNamed, type FleetServer } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { datastoreWriteError } from '../fleet/kubo-datastore.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
// The console knows only this node, so nothing can route around it.
const node = serverNamed(fleet, 'node1') as FleetServer & { kubo: NonNullable<FleetServer['kubo']> };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-wedged-'));
let app: AppContext;
let cid: string | undefined;

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

beforeAll(async () => {
  app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test', poller: { intervalMs: 2000, nodeTimeoutMs: 5000 } });
  await addFleetNodes(app, fleet, [node]);
});

afterAll(async () => {
  await app?.close();
  if (cid) await kuboRpc(node.address, 'pin/rm', [cid]).catch(() => {});
  await faults.healFleet(fleet);
  fs.rmSync(work, { recursive: true, force: true });
});

describe('an upload to a node whose kubo still holds a disk-full error', () => {
  it('waits naming the node and the restart, and completes once the console restarted its kubo', async () => {
    const wedged = await faults.wedgeDatastoreOf(fleet, node.name);
    expect(wedged).toMatch(/no space left on device/);
    // The disk has room again, yet kubo still fails a pin: that is the state under test.
    expect(await datastoreWriteError(node.address)).toMatch(/no space left on device/);

    const source = path.join(work, 'after-the-full-disk.bin');
    fs.writeFileSync(source, randomBytes(1024 * 1024));
    await call('health.pollNow', { name: node.name });
    const health = await call('health.node', { name: node.name });
    expect(health.state).toBe('degraded');
    expect(health.reason).toMatch(/^refusing writes: .*no space left on device.*restart kubo \(the node's page, Restart container\)$/u);
    expect(health.capacity?.usableFree).toBeGreaterThan(0);

    const { ids } = await call('uploads.start', { paths: [source], replicas: 1 });
    const waiting = await waitFor('the item to wait naming the refused writes', async () => {
      const item = (await call('uploads.list', { search: 'after-the-full-disk' }))[0];
      return item?.error?.includes('refusing writes') ? item : undefined;
    }, 60_000);
    expect(waiting.status).toBe('queued');
    expect(waiting.error).toMatch(/^waiting for space: No healthy node can take uploads right now \(none is online and not draining\)\. node1 is degraded: refusing writes: .*restart kubo/u);
    // Nothing was sent to it: the replica rows are empty, not failed.
    expect(waiting.replicas).toEqual([]);

    const container = await call('nodes.restartContainer', { name: node.name });
    expect(container).toMatchObject({ name: node.kubo.container, state: 'running' });
    const audit = await call('audit.list', { limit: 5 });
    expect(audit.map((a) => [a.action, a.target])).toContainEqual(['node.restartContainer', node.name]);

    const done = await waitFor('the waiting item to complete after the restart', async () => {
      const item = (await call('uploads.list', { search: 'after-the-full-disk' })).find((i) => i.id === ids[0]);
      return item && ['done', 'failed', 'cancelled'].includes(item.status) ? item : undefined;
    }, 90_000);
    expect(done.status, done.error ?? '').toBe('done');
    cid = done.cid!;
    const env = { ...process.env, IPFS_PATH: path.join(work, 'ipfs-repo') };
    execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env });
    const expected = execFileSync(fleet.binaries.ipfs, ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', source], { env, encoding: 'utf8' }).trim();
    expect(cid).toBe(expected);
    const pins = await kuboRpc<{ Keys: Record<string, unknown> }>(node.address, 'pin/ls', [cid]);
    expect(Object.keys(pins.Keys)).toEqual([cid]);
    expect(await datastoreWriteError(node.address)).toBeNull();
  });
});
