// Decommission in Cluster mode against the real fleet. The fleet's own Cluster is paused and
// node1-3 become a cluster Pinfleet set up (peers `pinfleet-cluster-nodeN`, replication 2). First a
// pin Cluster cannot re-allocate in time (a CID no node has, allocated to node3) makes decommission
// stop at its deadline with node3 untouched. Then node3 is decommissioned through the cluster:
// the plan names the peer, peers ls stops listing it, every pin of the pinset is pinned on at
// least its minimum of node1-2 (their kubos' own pin ls), and node3's peer container, its state
// folder (the key, the fleet secret) and its stored identity are gone. Only then the fleet is put
// back: the set-up's peers removed, node3's kubo started again with the pins each kubo had before,
// and the fleet's own Cluster restarted.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { CLUSTER_PASSWORD_REF, CLUSTER_SECRET_REF } from '../../src-main/cluster/cluster-settings.js';
import { identitySecretRef } from '../../src-main/provisioning/cluster-peer/peer-names.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { dockerResult } from '../fleet/docker-cli.js';
import { storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { runCommand } from '../fleet/shell.js';
import { addFleetNodes } from '../support/fleet-nodes.js';
import { pauseFleetCluster, removeSetupPeers, restoreFleetCluster, setupInputFor } from './cluster-setup-support.js';
import { bringFleetBack, containerState, kuboPins, pinsByNode, restorePins } from './decommission-support.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const [node1, node2, node3] = servers as [(typeof servers)[0], (typeof servers)[0], (typeof servers)[0]];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-decommission-cluster-'));
const dataDir = path.join(work, 'data');
const stateDir3 = setupInputFor(fleet).stateDirs.node3!;
let app: AppContext;
let secrets: FileSecretStore;
let before = new Map<string, string[]>();
let node3Record: NodeRecord;
const peerOf = new Map<string, string>();

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
}

/** node1's peer's REST API, with the login the set-up made. */
async function rest<T>(pathAndQuery: string, method = 'GET'): Promise<T> {
  const password = (await secrets.get(CLUSTER_PASSWORD_REF)) ?? '';
  const response = await fetch(`http://${node1.address}:9094${pathAndQuery}`, { method, headers: { authorization: `Basic ${Buffer.from(`pinfleet:${password}`).toString('base64')}` }, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathAndQuery}: HTTP ${response.status} ${text}`);
  // Streamed endpoints answer one JSON object per line.
  const lines = text.trim().split('\n').filter(Boolean);
  return (pathAndQuery.startsWith('/peers') || pathAndQuery.startsWith('/allocations') ? lines.map((l) => JSON.parse(l) as unknown) : JSON.parse(text)) as T;
}

/** A CIDv1 (raw, sha256) of bytes no node has: nobody can provide it, so pinning it never ends. */
function unreachableCid(): string {
  const bytes = Buffer.concat([Buffer.from([0x01, 0x55, 0x12, 0x20]), createHash('sha256').update(randomBytes(64)).digest()]);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = 'b';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

beforeAll(async () => {
  await removeSetupPeers(fleet);
  before = await pinsByNode(fleet);
  await pauseFleetCluster(fleet);
  secrets = new FileSecretStore({ dataDir, passphrase: 'decommission-cluster-test', kdf: { N: 1024, r: 8, p: 1 } });
  fs.mkdirSync(dataDir, { recursive: true });
  app = createAppContext({ dataDir, actor: 'test', secrets });
  await addFleetNodes(app, fleet, servers);
  const setup = await call('cluster.setup', { ...setupInputFor(fleet), replicationMin: 2, replicationMax: 2 });
  expect(setup.import.failed).toEqual([]);
  for (const p of setup.peers) peerOf.set(p.node, p.peerId);
  node3Record = await call('nodes.get', { name: 'node3' });
}, 600_000);

afterAll(async () => {
  if (app) await app.close();
  await removeSetupPeers(fleet);
  await bringFleetBack(fleet);
  await restorePins(fleet, before);
  await restoreFleetCluster(fleet);
  await faults.healFleet(fleet);
  fs.rmSync(work, { recursive: true, force: true });
}, 600_000);

describe('decommission through IPFS Cluster', () => {
  it('stops at its deadline, node3 untouched, when Cluster cannot re-allocate a pin in time', async () => {
    const stuck = unreachableCid();
    await rest(`/pins/${stuck}?replication-min=2&replication-max=2&user-allocations=${peerOf.get('node3')},${peerOf.get('node1')}`, 'POST');
    try {
      const answer = await app.router.call('provisioning.decommission', { name: 'node3', confirm: 'node3', reallocationTimeoutSeconds: 10 });
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe('timeout');
      expect(answer.error.message).toContain(stuck);
      expect(answer.error.message).toContain('node3 was not touched');
      // Untouched: its kubo and peer run, the state folder is there, it is still in the inventory (draining).
      expect(await containerState(node3.kubo!.container)).toBe('running');
      expect(await containerState('pinfleet-cluster-node3')).toBe('running');
      expect(fs.existsSync(path.join(stateDir3, 'identity.json'))).toBe(true);
      expect((await call('nodes.get', { name: 'node3' })).state).toBe('draining');
    } finally {
      await rest(`/pins/${stuck}`, 'DELETE');
    }
  }, 300_000);

  it('shows the plan, then removes the peer, waits for re-allocation and removes only what Pinfleet made for node3', async () => {
    const plan = await call('provisioning.decommission', { name: 'node3', dryRun: true });
    expect(plan.plan).toMatchObject({
      mode: 'cluster', kuboContainer: node3.kubo!.container, confirmationRequired: true, deletes: [stateDir3],
      cluster: { peerId: peerOf.get('node3'), container: 'pinfleet-cluster-node3', stateDir: stateDir3, remainingPeers: 2 },
    });
    expect(plan.plan.steps.join('\n')).toMatch(/peers rm/);
    // Without the typed name nothing happens.
    const unconfirmed = await app.router.call('provisioning.decommission', { name: 'node3' });
    expect(unconfirmed.ok ? null : unconfirmed.error.code).toBe('invalid_input');
    expect(await containerState('pinfleet-cluster-node3')).toBe('running');

    const report = await call('provisioning.decommission', { name: 'node3', confirm: 'node3', reallocationTimeoutSeconds: 240 });
    expect(report).toMatchObject({ removedFromInventory: true, containerRemoved: false, dataRemoved: false });

    // peers ls no longer lists node3's peer.
    const peers = await rest<{ id: string }[]>('/peers');
    expect(peers.map((p) => p.id)).not.toContain(peerOf.get('node3'));
    expect(peers.map((p) => p.id).sort()).toEqual([peerOf.get('node1'), peerOf.get('node2')].sort());
    // Every pin of the pinset is on at least its minimum of node1-2, by their kubos' own pin ls.
    const pinset = await rest<{ cid: string; replication_factor_min: number }[]>('/allocations?filter=pin');
    const held = new Map([[node1.name, new Set(await kuboPins(node1.address))], [node2.name, new Set(await kuboPins(node2.address))]]);
    const short = pinset.filter((p) => [...held.values()].filter((pins) => pins.has(p.cid)).length < Math.min(2, p.replication_factor_min === -1 ? 2 : p.replication_factor_min));
    expect(pinset.length).toBeGreaterThan(0);
    expect(short.map((p) => p.cid)).toEqual([]);
    // node3's peer container, its state folder (identity.json, service.json with the secret) and its stored identity are gone.
    expect(await containerState('pinfleet-cluster-node3')).toBe('gone');
    expect(fs.existsSync(stateDir3)).toBe(false);
    const secret = (await secrets.get(CLUSTER_SECRET_REF))!;
    const leftovers = await dockerResult(['ps', '--all', '--quiet', '--filter', 'label=pinfleet.server=node3', '--filter', 'label=pinfleet.role=cluster']);
    expect(leftovers.stdout.trim()).toBe('');
    // No file on node3's side holds the secret any more; node1's state folder still does (the search works).
    const grep = (dir: string) => runCommand('grep', ['-rlF', secret, dir]);
    expect((await grep(path.dirname(stateDir3))).stdout.trim()).toBe('');
    expect((await grep(setupInputFor(fleet).stateDirs.node1!)).stdout).toContain('service.json');
    expect(await secrets.get(identitySecretRef(node3Record.id))).toBeNull();
    // The other nodes' peers and state stay.
    expect(await containerState('pinfleet-cluster-node1')).toBe('running');
    expect(fs.existsSync(setupInputFor(fleet).stateDirs.node1!)).toBe(true);
    // node3's kubo was stopped, not removed: its repo stays for the fleet to start again.
    expect(await containerState(node3.kubo!.container)).toBe('exited');
  }, 600_000);
});
