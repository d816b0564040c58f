// What the upload scenarios (R1, R2, R3) share: the fleet's description, a seeded random source, a
// data dir set up the way an admin would (the fleet's nodes added, disk reserve sized for the test
// disks), the expected CID from the real `ipfs add --only-hash`, each node's own `pin ls`, and the
// removal of exactly the pins a scenario created.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fleetDescriptionPath, loadFleet, storageServers, type FleetDescription } from '../../fleet/fleet-description.js';
import { fleetStateDir } from '../../fleet/fleet-layout.js';
import { kuboRpc } from '../../fleet/kubo-node.js';
import { run } from '../../fleet/shell.js';
export { seededRandom } from './seeded-random.js';

export const MiB = 1024 ** 2;

/** The running fleet, as `npm run soak` brought it up (the quick tests pass `inject('fleet')` instead). */
export const runningFleet = (): FleetDescription => loadFleet(fleetDescriptionPath(fleetStateDir()));


export const between = (random: () => number, low: number, high: number): number => Math.floor(low + random() * (high - low));

/** `ipfs add --only-hash` with the console's importer settings, on a throwaway local repo. */
export function onlyHasher(fleet: FleetDescription, work: string): (file: string) => string {
  const ipfsPath = path.join(work, 'ipfs-repo');
  if (!fs.existsSync(ipfsPath)) execFileSync(fleet.binaries.ipfs, ['init', '-e'], { env: { ...process.env, IPFS_PATH: ipfsPath }, stdio: 'ignore' });
  return (file) => {
    const args = ['add', '-Q', '--only-hash', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', file];
    return execFileSync(fleet.binaries.ipfs, args, { env: { ...process.env, IPFS_PATH: ipfsPath }, encoding: 'utf8' }).trim();
  };
}

/**
 * Whether the node's own kubo lists the CID as a recursive pin; null when the node does not
 * answer (so an unreachable node is never read as "not pinned").
 */
export async function pinnedOn(fleet: FleetDescription, node: string, cid: string): Promise<boolean | null> {
  const server = storageServers(fleet).find((s) => s.name === node);
  if (!server) return null;
  try {
    const answer = await kuboRpc<{ Keys: Record<string, { Type: string }> }>(server.address, 'pin/ls', [cid], 10_000);
    return answer.Keys[cid]?.Type === 'recursive';
  } catch (error) {
    return /not pinned/i.test((error as Error).message) ? false : null;
  }
}

/** The storage nodes whose kubo pins the CID (a node that does not answer is listed in `unknown`). */
export async function holdersOf(fleet: FleetDescription, cid: string): Promise<{ pinned: string[]; unknown: string[] }> {
  const pinned: string[] = [];
  const unknown: string[] = [];
  for (const s of storageServers(fleet)) {
    const on = await pinnedOn(fleet, s.name, cid);
    if (on === true) pinned.push(s.name);
    if (on === null) unknown.push(s.name);
  }
  return { pinned, unknown };
}

/**
 * Removes exactly the given CIDs: from the Cluster pinset first (else Cluster pins them again),
 * then from every kubo, then garbage-collects so the small test disks do not fill.
 */
export async function removePins(fleet: FleetDescription, cids: Iterable<string>, options: { cluster?: boolean; gc?: boolean } = {}): Promise<void> {
  const list = [...cids];
  const servers = storageServers(fleet);
  if (options.cluster && servers[0]) {
    for (const cid of list) {
      await run(fleet.binaries.clusterCtl, ['--host', `/ip4/${servers[0].address}/tcp/9094`, 'pin', 'rm', '--no-status', cid]).catch(() => {});
    }
  }
  for (const s of servers) {
    for (const cid of list) await kuboRpc(s.address, 'pin/rm', [cid], 20_000).catch(() => {});
    if (options.gc !== false) await kuboRpc(s.address, 'repo/gc', [], 120_000).catch(() => {});
  }
}
