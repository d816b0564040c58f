// What a "Set up a cluster" test needs of the shared fleet. node1-3 already run the fleet's own
// Cluster (`up --cluster`) on the addresses a converted fleet's peers listen on, so a test pauses
// it (its peers stopped, their pinset kept on disk), converts node1-3 with peers and state folders
// of its own, then removes those and restores the fleet's Cluster as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setupContainerName } from '../../src-main/provisioning/cluster-peer/peer-names.js';
import { docker } from '../fleet/docker-cli.js';
import { fleetUids } from '../fleet/egress-guard.js';
import { storageServers, type FleetDescription } from '../fleet/fleet-description.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';

const stateRoot = path.join(os.tmpdir(), 'pinfleet-cluster-setup');

/** The `cluster.setup` input fields a test on the shared fleet must give: its own state folders, the fleet's image and egress-guarded uid. */
export function setupInputFor(fleet: FleetDescription): { stateDirs: Record<string, string>; image: string; runAs: string } {
  const stateDirs: Record<string, string> = {};
  for (const s of storageServers(fleet)) stateDirs[s.name] = path.join(stateRoot, s.name, 'ipfs-cluster');
  return { stateDirs, image: fleet.images.cluster ?? '', runAs: `${fleetUids.cluster}:${fleetUids.cluster}` };
}

const fleetClusterContainers = (fleet: FleetDescription): string[] => storageServers(fleet).map((s) => s.cluster?.container).filter((c): c is string => Boolean(c));

/** Stops the fleet's own Cluster peers: node1-3 become a standalone fleet (kubo only). */
export async function pauseFleetCluster(fleet: FleetDescription): Promise<void> {
  const containers = fleetClusterContainers(fleet);
  if (containers.length === 0) throw new Error('the fleet runs without Cluster: start it with `npm run fleet -- up --cluster`');
  await docker(['stop', ...containers]);
}

/**
 * Starts the fleet's peers again (their pinset is on disk) and waits until each sees the others and
 * their informer metrics, as the console shows them. Starting all of them together also makes them
 * forget peers that came and went (CRDT Cluster keeps a departed peer's alerts in memory).
 */
export async function restoreFleetCluster(fleet: FleetDescription): Promise<void> {
  const servers = storageServers(fleet);
  const containers = fleetClusterContainers(fleet);
  await docker(['stop', ...containers]);
  await docker(['start', ...containers]);
  for (const s of servers) {
    await waitFor(`${s.name}'s Cluster peer to see the other two again`, async () => {
      const rest = (p: string) => fetch(`http://${s.address}:9094${p}`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.json()).catch(() => null) as Promise<unknown>;
      const id = (await rest('/id')) as { cluster_peers?: string[] } | null;
      const metrics = (await Promise.all(['freespace', 'tag:group'].map((m) => rest(`/monitor/metrics/${m}`)))) as (unknown[] | null)[];
      return (id?.cluster_peers?.length ?? 0) >= servers.length && metrics.every((m) => (m?.length ?? 0) >= servers.length) ? true : undefined;
    }, 90_000);
  }
}

/** Removes the peers a set-up made on node1-3 and their state folders. */
export async function removeSetupPeers(fleet: FleetDescription): Promise<void> {
  const names = storageServers(fleet).map((s) => setupContainerName(s.name));
  await docker(['rm', '--force', ...names]).catch(() => '');
  fs.rmSync(stateRoot, { recursive: true, force: true });
}

/** Each node's recursive pins, read from its kubo directly. */
export async function kuboPinsByNode(fleet: FleetDescription): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const s of storageServers(fleet)) {
    const answer = await kuboRpc<{ Keys?: Record<string, unknown> }>(s.address, 'pin/ls?type=recursive', [], 30_000);
    out.set(s.name, Object.keys(answer.Keys ?? {}));
  }
  return out;
}

/** Unpins from each kubo what it did not pin before (the copies the set-up's replication added). */
export async function restoreKuboPins(fleet: FleetDescription, before: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const now = await kuboPinsByNode(fleet);
  for (const s of storageServers(fleet)) {
    const had = new Set(before.get(s.name) ?? []);
    for (const cid of now.get(s.name) ?? []) if (!had.has(cid)) await kuboRpc(s.address, 'pin/rm', [cid], 30_000).catch(() => {});
  }
}
