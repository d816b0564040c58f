// What a decommission test needs of the shared fleet: a decoy kubo-looking container beside a
// node's own (labelled so `fleet down` removes it too), each node's pins read from its kubo, and
// the way back after a node was decommissioned for real: `up` recreates the removed kubo container
// over its kept repo (same peer ID), then each kubo pins again exactly what it pinned before.
import fs from 'node:fs';
import path from 'node:path';
import { docker, dockerResult } from '../fleet/docker-cli.js';
import { storageServers, type FleetDescription } from '../fleet/fleet-description.js';
import { defaultFleetOptions } from '../fleet/fleet-layout.js';
import { withFleetLock } from '../fleet/fleet-lease.js';
import { fleetUp } from '../fleet/fleet.js';
import { kuboRpc } from '../fleet/kubo-node.js';

export interface Decoy {
  name: string;
  /** Host folder mounted as its /data/ipfs. */
  repo: string;
  /** A file in it that must survive. */
  marker: string;
}

/**
 * A stopped-looking kubo (the fleet's kubo image, its repo mounted at /data/ipfs, labelled with the
 * node's server) that only sleeps: `claimApi` writes an `api` file in its repo naming the node's
 * own API address, as a staging kubo configured like production would.
 */
export async function startDecoy(fleet: FleetDescription, node: string, work: string, claimApi: string | null): Promise<Decoy> {
  const server = storageServers(fleet).find((s) => s.name === node)!;
  const name = `${server.kubo!.container}-staging`;
  const repo = path.join(work, `${name}-repo`);
  fs.mkdirSync(repo, { recursive: true });
  const marker = path.join(repo, 'staging-data');
  fs.writeFileSync(marker, 'staging data that must survive\n');
  if (claimApi) fs.writeFileSync(path.join(repo, 'api'), claimApi);
  else fs.rmSync(path.join(repo, 'api'), { force: true });
  await dockerResult(['rm', '--force', name]);
  await docker([
    'run', '--detach', '--name', name, '--label', 'pinfleet.test-fleet=1', '--label', `pinfleet.server=${node}`,
    '--network', 'none', '--volume', `${repo}:/data/ipfs`, '--entrypoint', '/bin/sleep', fleet.images.kubo, '1000000',
  ]);
  return { name, repo, marker };
}

export async function containerState(name: string): Promise<'running' | 'exited' | 'gone'> {
  const result = await dockerResult(['container', 'inspect', '--format', '{{.State.Running}}', name]);
  if (result.code !== 0) return 'gone';
  return result.stdout.trim() === 'true' ? 'running' : 'exited';
}

export async function kuboPins(address: string): Promise<string[]> {
  const answer = await kuboRpc<{ Keys?: Record<string, unknown> }>(address, 'pin/ls?type=recursive', [], 60_000);
  return Object.keys(answer.Keys ?? {}).sort();
}

export async function pinsByNode(fleet: FleetDescription): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const s of storageServers(fleet)) out.set(s.name, await kuboPins(s.address));
  return out;
}

/** `up` on the running fleet, in its own shape: recreates a removed kubo container, restarts a stopped one. */
export async function bringFleetBack(fleet: FleetDescription): Promise<void> {
  const options = {
    ...defaultFleetOptions(),
    stateDir: fleet.stateDir,
    nodes: storageServers(fleet).length,
    cluster: fleet.images.cluster !== undefined,
    sshPort: fleet.servers[0]!.ssh.port,
  };
  await withFleetLock(fleet.stateDir, () => fleetUp(options));
}

/** Every kubo pins again what it pinned before, and nothing the decommission added. */
export async function restorePins(fleet: FleetDescription, before: ReadonlyMap<string, readonly string[]>): Promise<void> {
  for (const s of storageServers(fleet)) {
    const had = new Set(before.get(s.name) ?? []);
    const now = new Set(await kuboPins(s.address));
    for (const cid of had) if (!now.has(cid)) await kuboRpc(s.address, 'pin/add', [cid], 120_000);
    for (const cid of now) if (!had.has(cid)) await kuboRpc(s.address, 'pin/rm', [cid], 60_000).catch(() => {});
  }
}
