// The wizard's cluster step waits for a complete peer set before it starts a new peer, whose
// trusted peers are fixed at its first start: here the wait itself (cluster-peer-set-wait.ts) runs
// against the fleet's real Cluster (node1-3) and the real inventory connector, with node3's traffic
// dropped (iptables). What the product did is asserted while the fault holds: it keeps waiting and
// says node3 is missing, and either fails at its deadline naming node3, or, node3's traffic let
// through again within the deadline, returns all three peers, node3's included, as the set to
// trust. Only then is the fleet healed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext } from '../../src-main/app/compose.js';
import { createCluster } from '../../src-main/cluster/index.js';
import { clusterPeerAccess } from '../../src-main/cluster/cluster-peer-access.js';
import { createConnections, type Connections } from '../../src-main/connections/index.js';
import { EventBus } from '../../src-main/core/events.js';
import { openStorage } from '../../src-main/inventory/index.js';
import { fleetPeerProbes, waitForCompletePeerSet, type PeerSetSources } from '../../src-main/provisioning/cluster-peer/cluster-peer-set-wait.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import * as faults from '../fleet/faults.js';
import { storageServers } from '../fleet/fleet-description.js';
import { waitFor } from '../fleet/shell.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const node3 = servers[2]!;
const peerIds = servers.map((s) => s.cluster?.peerId ?? '');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-peer-set-'));
const dataDir = path.join(work, 'data');
const secrets = new FileSecretStore({ dataDir, passphrase: 'peer-set-test', kdf: { N: 1024, r: 8, p: 1 } });
let connections: Connections;
let sources: PeerSetSources;
let closeStorage: () => void = () => {};

beforeAll(async () => {
  if (peerIds.some((id) => id === '')) throw new Error('the fleet runs without Cluster: start it with `npm run fleet -- up --cluster`');
  // Start from a whole fleet, so that what the test sees comes from its own fault.
  await faults.healFleet(fleet);
  fs.mkdirSync(dataDir, { recursive: true });
  const app = createAppContext({ dataDir, actor: 'test', secrets });
  await addFleetNodes(app, fleet, servers);
  await app.close();
  // The wizard's own parts, as compose.ts assembles them: the inventory's connector, the Cluster service and its access.
  const bus = new EventBus();
  const { inventory, opened } = openStorage({ dataDir, secrets });
  closeStorage = () => opened.db.close();
  connections = createConnections({ inventory, db: opened.db, secrets, bus, actor: 'test' });
  const cluster = createCluster({ inventory, db: opened.db, readOnly: false, secrets, connector: connections.connector, bus });
  const access = clusterPeerAccess(cluster.service, cluster.settings);
  sources = {
    reach: () => access.reach(),
    probeFleet: fleetPeerProbes({ inventory, connector: connections.connector, restAddresses: access.restAddresses(), auth: await access.restLogin() }),
  };
}, 180_000);

afterEach(async () => {
  await faults.healFleet(fleet);
}, 300_000);

afterAll(async () => {
  await connections?.close();
  closeStorage();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the peer set a new Cluster peer is started with', () => {
  it('is all three peers on a whole fleet', async () => {
    const lines: string[] = [];
    const { live } = await waitForCompletePeerSet(sources, 'bare', { timeoutMs: 60_000, say: (l) => lines.push(l) });
    expect(live.map((p) => p.id).sort()).toEqual([...peerIds].sort());
    expect(lines.at(-1)).toMatch(/peer set is complete: 3 peer\(s\)/);
  });

  it('with node3 cut off, waits and then fails at its deadline naming node3, instead of trusting node1 and node2 only', async () => {
    await faults.dropTrafficOf(fleet, node3.name);
    const lines: string[] = [];
    const outcome = await waitForCompletePeerSet(sources, 'bare', { timeoutMs: 40_000, say: (l) => lines.push(l) }).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ code: 'timeout', message: expect.stringMatching(/peer set was not complete within 40 s: node3 missing/) });
    expect((outcome as Error).message).toMatch(/Bring node3 back/);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/waiting for the cluster's peer set .*node3/);
  }, 240_000);

  it('with node3 cut off and let through again within the deadline, returns all three, node3 included', async () => {
    await faults.dropTrafficOf(fleet, node3.name);
    const lines: string[] = [];
    const waiting = waitForCompletePeerSet(sources, 'bare', { timeoutMs: 240_000, say: (l) => lines.push(l) });
    const settled = waiting.then(() => 'done', () => 'failed');
    // While the fault holds, the product waits and says why.
    await waitFor('the wait to name node3 as missing', async () => (lines.some((l) => /waiting for the cluster's peer set .*node3/.test(l)) ? true : undefined), 120_000);
    expect(await Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000))])).toBe('still waiting');
    // The blip ends: only its traffic is let through; the product must notice on its own.
    await faults.undropTrafficOf(fleet, node3.name);
    const { live } = await waiting;
    expect(live.map((p) => p.id).sort()).toEqual([...peerIds].sort());
    expect(live.find((p) => p.id === node3.cluster!.peerId)?.error).toBe('');
    expect(lines.at(-1)).toMatch(/peer set is complete: 3 peer\(s\)/);
  }, 360_000);
});
