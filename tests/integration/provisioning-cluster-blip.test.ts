// The add-a-server wizard's cluster step during a network blip, on the real fleet: node3's traffic
// is dropped while the bare server is provisioned with a Cluster peer. The step must not start the
// peer from the partial /peers answer (it would never trust node3, whose pins it would then
// ignore): while the fault holds, the run is still going and its log names node3 as missing.
// Once node3's traffic passes again (only that: the fleet is not healed, the product must notice
// on its own), the run completes and the new peer's CLUSTER_CRDT_TRUSTEDPEERS holds node1-3.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { CLUSTER_SECRET_REF } from '../../src-main/cluster/cluster-settings.js';
import { FileSecretStore } from '../../src-main/secrets/file-secret-store.js';
import type { ProvisionProgress, ProvisionReport } from '../../src-preload/contract/provisioning-types.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import * as faults from '../fleet/faults.js';
import { fleetUids } from '../fleet/egress-guard.js';
import { storageServers } from '../fleet/fleet-description.js';
import { waitFor } from '../fleet/shell.js';
import { restoreFleetCluster } from './cluster-setup-support.js';
import { makeBare, onServer, provisionInputFor, targetOf } from './provisioning-support.js';
import { addFleetNodes } from '../support/fleet-nodes.js';

const fleet = inject('fleet');
const servers = storageServers(fleet);
const node3 = servers[2]!;
const CLUSTER_CONTAINER = 'pinfleet-cluster';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-provision-blip-'));
const dataDir = path.join(work, 'data');
let app: AppContext;

beforeAll(async () => {
  await faults.healFleet(fleet);
  await onServer(fleet, ['docker', 'rm', '--force', CLUSTER_CONTAINER]);
  await makeBare(fleet);
  const secrets = new FileSecretStore({ dataDir, passphrase: 'provision-blip-test', kdf: { N: 1024, r: 8, p: 1 } });
  fs.mkdirSync(dataDir, { recursive: true });
  await secrets.set(CLUSTER_SECRET_REF, fs.readFileSync(path.join(fleet.stateDir, 'cluster-secret'), 'utf8').trim());
  app = createAppContext({ dataDir, actor: 'test', secrets });
  await addFleetNodes(app, fleet, servers);
}, 300_000);

afterAll(async () => {
  await faults.undropTrafficOf(fleet, node3.name);
  if (app) {
    await app.router.call('provisioning.rollback', targetOf(fleet));
    await app.close();
  }
  await onServer(fleet, ['docker', 'rm', '--force', CLUSTER_CONTAINER]);
  await makeBare(fleet);
  // CRDT Cluster cannot remove a peer: node1-3 keep the departed peer's alerts in memory until restarted.
  await restoreFleetCluster(fleet);
  await faults.healFleet(fleet);
  fs.rmSync(work, { recursive: true, force: true });
}, 600_000);

describe('provisioning a Cluster peer while a peer of the cluster is cut off', () => {
  it('waits for node3 instead of trusting node1 and node2 only, and trusts all three once node3 is back', async () => {
    const lines: string[] = [];
    const unsubscribe = app.bus.subscribe((event, payload) => {
      const p = payload as ProvisionProgress;
      if (event === 'provisioning.progress' && p.step === 'cluster' && p.line) lines.push(p.line);
    });
    await faults.dropTrafficOf(fleet, node3.name);
    try {
      const running = app.router
        .call('provisioning.provision', provisionInputFor(fleet, { clusterPeer: true, clusterImage: fleet.images.cluster, clusterRunAs: `${fleetUids.cluster}:${fleetUids.cluster}` }))
        .then((r) => unwrap(r) as ProvisionReport);
      let settled = false;
      void running.then(() => (settled = true), () => (settled = true));

      // While the fault holds: the step waits, names node3, and no peer container was made.
      await waitFor('the cluster step to name node3 as missing', async () => (lines.some((l) => /waiting for the cluster's peer set .*node3/.test(l)) ? true : undefined), 240_000);
      expect(settled).toBe(false);
      expect((await onServer(fleet, ['docker', 'inspect', CLUSTER_CONTAINER])).code).not.toBe(0);

      // The blip ends: only node3's traffic passes again.
      await faults.undropTrafficOf(fleet, node3.name);
      const report = await running;
      expect(report.error).toBeNull();
      expect(report.steps.find((s) => s.step === 'cluster')).toMatchObject({ status: 'done', changed: true });
      expect(lines).toContainEqual(expect.stringMatching(/peer set is complete: 3 peer\(s\)/));

      const env = await onServer(fleet, ['docker', 'inspect', '--format', '{{range .Config.Env}}{{println .}}{{end}}', CLUSTER_CONTAINER]);
      const trusted = env.stdout.split('\n').find((l) => l.startsWith('CLUSTER_CRDT_TRUSTEDPEERS='))?.split('=')[1]?.split(',') ?? [];
      expect(trusted.sort()).toEqual(servers.map((s) => s.cluster!.peerId).sort());
    } finally {
      unsubscribe();
    }
  }, 600_000);
});
