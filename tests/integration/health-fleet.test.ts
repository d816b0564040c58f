// Health and capacity against the real fleet: the console's figures equal what each node's own
// kubo and df say, and faults (fill, kubo stop, dropped traffic) show up as the states and alerts
// an admin would see. Faults are always healed, and nothing here asserts how long anything took.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { NodeHealth } from '../../src-preload/contract/health-types.js';
import { storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-health-'));
const contexts: AppContext[] = [];

function open(options: { poll?: boolean } = {}): AppContext {
  const ctx = createAppContext({
    dataDir,
    actor: 'test',
    runPoller: options.poll ?? false,
    // A short interval so faults show up quickly. The deadline leaves room for a cold SSH handshake
    // on a busy 2-core machine; a dropped node still costs only its own deadline.
    poller: { intervalMs: 2000, nodeTimeoutMs: 5000 },
  });
  contexts.push(ctx);
  return ctx;
}

async function call<C extends ChannelName>(ctx: AppContext, channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await ctx.router.call(channel, input)) as ChannelOutput<C>;
}

/** Every health.updated of `name` on the context's bus, with the node's health at that moment. */
function recordUpdates(ctx: AppContext) {
  const seen: { name: string; health: Promise<NodeHealth> }[] = [];
  const stop = ctx.bus.subscribe((event, payload) => {
    if (event !== 'health.updated') return;
    for (const name of (payload as { names: string[] }).names) seen.push({ name, health: call(ctx, 'health.node', { name }) });
  });
  return { seen, stop };
}

let app: AppContext;

beforeAll(async () => {
  app = open();
  for (const s of servers) {
    await call(app, 'nodes.add', {
      name: s.name, host: s.ssh.host, sshPort: s.ssh.port, sshUser: s.ssh.user, hostKeyFingerprint: s.ssh.hostKeyFingerprint,
      tags: s.tags, region: s.region, apiAddress: `${s.kubo.api.host}:${s.kubo.api.port}`,
      gatewayAddress: `${s.kubo.gateway.host}:${s.kubo.gateway.port}`,
    });
    await call(app, 'credentials.set', { name: s.name, method: 'keyFile', keyPath: fleet.clientKeyPath });
  }
});

afterAll(async () => {
  await faults.healFleet(fleet);
  for (const ctx of contexts) await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('health against the real fleet', () => {
  afterEach(async () => {
    await faults.healFleet(fleet);
  });

  it("reports the capacity the node's own kubo and df report", async () => {
    const server = servers[0]!;
    // A node's first poll also probes whether kubo takes writes (a pin and unpin: a few KiB in its
    // datastore), so the figures are compared on the next poll, of a node nothing writes to.
    expect(await call(app, 'health.pollNow', { name: server.name })).toEqual({ polled: [server.name] });
    expect(await call(app, 'health.pollNow', { name: server.name })).toEqual({ polled: [server.name] });
    const health = await call(app, 'health.node', { name: server.name });
    const stat = await kuboRpc<{ RepoSize: number; StorageMax: number }>(server.address, 'repo/stat', []);
    const [total, free] = execFileSync('df', ['-B1', '--output=size,avail', server.dataPath], { encoding: 'utf8' })
      .trim().split('\n').at(-1)!.trim().split(/\s+/).map(Number) as [number, number];
    expect(health.state).toBe('online');
    expect(health.capacity).toMatchObject({ repoSize: stat.RepoSize, storageMax: stat.StorageMax, diskTotal: total, diskFree: free });
    const settings = await call(app, 'health.settings');
    const reserve = Math.min(settings.diskReserveBytes, Math.floor(total * 0.05));
    const expected = Math.floor(Math.min((stat.StorageMax * settings.gcWatermarkPercent) / 100 - stat.RepoSize, free - reserve));
    expect(health.capacity!.usableFree).toBe(expected);
    expect(health).toMatchObject({ peerId: server.kubo.peerId, kuboVersion: fleet.versions.kubo.replace(/^v/, '') });
    expect(health.container).toMatchObject({ name: server.kubo.container, state: 'running' });
    expect(health.peers).toBeGreaterThanOrEqual(1);
  });

  it('fill makes a node full, once alerted; unfill brings it back online', async () => {
    const server = servers[0]!;
    const alertsOf = async () => (await call(app, 'alerts.list', { limit: 1000 })).filter((a) => a.node === server.name && a.kind.startsWith('fill'));
    const before = (await alertsOf()).length;
    faults.fillDiskOf(fleet, server.name);
    await call(app, 'health.pollNow', { name: server.name });
    const full = await call(app, 'health.node', { name: server.name });
    expect(full.state).toBe('full');
    expect(full.capacity).toMatchObject({ limitedBy: 'disk', usableFree: 0 });
    await call(app, 'health.pollNow', { name: server.name });
    const raised = (await alertsOf()).slice(0, (await alertsOf()).length - before);
    expect(raised.map((a) => a.kind)).toEqual(['fill-95']);
    expect((await call(app, 'audit.list', { limit: 50 })).some((e) => e.action === 'alert.fill-95' && e.target === server.name)).toBe(true);

    faults.unfillDiskOf(fleet, server.name);
    await call(app, 'health.pollNow', { name: server.name });
    expect((await call(app, 'health.node', { name: server.name })).state).toBe('online');
    expect((await alertsOf()).length - before).toBe(1);
  });

  it('kubo-stop: unreachable within two polls with the error kept, kubo-start: recovers, each alerted once', async () => {
    const server = servers[1]!;
    const poller = open({ poll: true });
    const updates = recordUpdates(poller);
    try {
      await waitFor('a first poll', async () => (updates.seen.some((u) => u.name === server.name) ? true : undefined), 30_000);
      const firstAlert = (await call(poller, 'alerts.list', { limit: 1 }))[0]?.id ?? 0;
      await faults.stopKubo(fleet, server.name);
      const stoppedAt = updates.seen.length;
      const down = await waitFor('the node to be unreachable', async () => {
        const after = updates.seen.slice(stoppedAt).filter((u) => u.name === server.name);
        const states = await Promise.all(after.map((u) => u.health));
        const index = states.findIndex((h) => h.state === 'unreachable');
        return index >= 0 ? { index, health: states[index]! } : undefined;
      }, 60_000);
      // The first update may come from a poll that began before the stop; the second cannot.
      expect(down.index).toBeLessThanOrEqual(1);
      expect(down.health.reason).toMatch(/kubo/i);
      expect(down.health.lastSeenAt).not.toBeNull();
      expect(down.health.lastSeenAt! < down.health.checkedAt!).toBe(true);
      const offline = (await call(open(), 'health.fleet')).nodes.find((n) => n.name === server.name);
      expect(offline).toMatchObject({ state: 'unreachable', reason: down.health.reason });

      await faults.startKubo(fleet, server.name);
      await waitFor('the node to recover', async () => ((await call(poller, 'health.node', { name: server.name })).state === 'online' ? true : undefined), 60_000);
      // Let a couple more cycles pass: staying up or down must not raise anything more.
      const settled = updates.seen.length;
      await waitFor('two more polls', async () => (updates.seen.slice(settled).filter((u) => u.name === server.name).length >= 2 ? true : undefined), 30_000);
      const alerts = (await call(poller, 'alerts.list', { limit: 1000 })).filter((a) => a.id > firstAlert && a.node === server.name);
      expect(alerts.map((a) => a.kind).reverse()).toEqual(['unreachable', 'recovered']);
    } finally {
      updates.stop();
      await faults.startKubo(fleet, server.name);
    }
  });

  it("drop: a node that does not answer does not hold up the others' updates", async () => {
    const dropped = servers[2]!;
    const others = servers.filter((s) => s.name !== dropped.name).map((s) => s.name);
    const poller = open({ poll: true });
    const updates = recordUpdates(poller);
    try {
      await waitFor('a first poll of every node', async () => (servers.every((s) => updates.seen.some((u) => u.name === s.name)) ? true : undefined), 30_000);
      const before = await Promise.all(others.map((name) => call(poller, 'health.node', { name })));
      await faults.dropTrafficOf(fleet, dropped.name);
      const droppedAt = updates.seen.length;
      const timedOut = await waitFor('the dropped node to time out', async () => {
        for (let i = droppedAt; i < updates.seen.length; i += 1) {
          const u = updates.seen[i]!;
          if (u.name === dropped.name && (await u.health).state === 'unreachable') return { index: i, health: await u.health };
        }
        return undefined;
      }, 60_000);
      expect(timedOut.health.reason).toMatch(/did not answer|timed out|timeout/i);
      // While the dropped node was waiting out its deadline, the others were polled and published.
      const meanwhile = updates.seen.slice(droppedAt, timedOut.index).map((u) => u.name);
      for (const name of others) expect(meanwhile).toContain(name);
      const after = await Promise.all(others.map((name) => call(poller, 'health.node', { name })));
      after.forEach((h, i) => {
        expect(h.state).toBe('online');
        expect(h.checkedAt! > before[i]!.checkedAt!).toBe(true);
      });
    } finally {
      updates.stop();
      await faults.undropTrafficOf(fleet, dropped.name);
    }
    await waitFor('the dropped node to answer again', async () => {
      await call(app, 'health.pollNow', { name: dropped.name });
      return (await call(app, 'health.node', { name: dropped.name })).state === 'online' ? true : undefined;
    }, 90_000);
  });

  it('series and the CLI-facing fleet view read from SQLite', async () => {
    await call(app, 'health.pollNow', {});
    const series = await call(app, 'health.series', { name: servers[0]!.name, range: '1h' });
    expect(series.points.length).toBeGreaterThan(0);
    expect(series.points.length).toBeLessThanOrEqual(1000);
    const fleetSeries = await call(app, 'health.series', { range: '30d' });
    expect(fleetSeries.name).toBeNull();
    const health = await call(app, 'health.fleet');
    expect(health.nodes.map((n) => n.name).sort()).toEqual(servers.map((s) => s.name).sort());
    expect(health.nodes.filter((n) => n.state !== 'online').map((n) => `${n.name}: ${n.state} ${n.reason}`)).toEqual([]);
    expect(health.totals.usableTotal).toBe(health.nodes.reduce((sum, n) => sum + n.capacity!.usableTotal, 0));
  });
});
