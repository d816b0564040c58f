// Faults on demand against the running test fleet, each a real failure of a real component:
// kubo stopped or crashed, sshd down, traffic dropped, disk full, kubo's datastore stuck on a past
// disk-full error, host key changed. Every fault has an undo; `healFleet` undoes them all, and `up`
// heals a reused fleet's hosts before handing it out.
import { join } from 'node:path';
import { waitForClusterMesh } from './cluster-node.js';
import { docker, inspectContainer } from './docker-cli.js';
import { fillDisk, unfillDisk } from './disk-filler.js';
import { serverNamed, type FleetDescription, type FleetServer } from './fleet-description.js';
import { datastoreWriteError, writeUntilDatastoreFails } from './kubo-datastore.js';
import { kuboContainerName, waitForKubo, waitForKuboMesh } from './kubo-node.js';
import {
  activeHostKey,
  hostKeyFingerprint,
  isSshdRunning,
  restartSshd,
  sshServerPaths,
  startSshd,
  stopSshd,
  type SshServerSpec,
} from './ssh-server.js';
import { isProcessAlive, waitFor } from './shell.js';
import { dropTraffic, undropTraffic } from './traffic-rules.js';

/** What a fault needs to know about a server; both a planned and a described server have it. */
export interface FaultTarget {
  name: string;
  role: 'storage' | 'bare';
  address: string;
  dataPath: string;
}

export interface FaultContext {
  stateDir: string;
  sshPort: number;
}

const sshSpec = (ctx: FaultContext, t: FaultTarget): SshServerSpec => ({
  name: t.name,
  address: t.address,
  port: ctx.sshPort,
  authorizedKeys: join(ctx.stateDir, 'client', 'authorized_keys'),
});

function targetOf(fleet: FleetDescription, name: string): { ctx: FaultContext; target: FleetServer } {
  const target = serverNamed(fleet, name);
  return { ctx: { stateDir: fleet.stateDir, sshPort: target.ssh.port }, target };
}

function requireKubo(target: FleetServer): void {
  if (!target.kubo) throw new Error(`${target.name} runs no kubo (it is the bare server); pick a storage node`);
}

// kubo ---------------------------------------------------------------------------------------------

export async function stopKubo(fleet: FleetDescription, name: string): Promise<void> {
  const { target } = targetOf(fleet, name);
  requireKubo(target);
  await docker(['stop', kuboContainerName(name)]);
}

export async function startKubo(fleet: FleetDescription, name: string): Promise<void> {
  const { target } = targetOf(fleet, name);
  requireKubo(target);
  await docker(['start', kuboContainerName(name)]);
  await waitForKubo(target);
}

/**
 * Crashes kubo: SIGKILL to the container's init from the host, as the OOM killer would. Unlike
 * `docker kill` this is not a manual stop, so the restart policy brings kubo back, as it does on a
 * provisioned server; use stopKubo for a kubo that stays down.
 */
export async function killKubo(fleet: FleetDescription, name: string): Promise<void> {
  const { target } = targetOf(fleet, name);
  requireKubo(target);
  const pid = Number(await docker(['inspect', '--format', '{{.State.Pid}}', kuboContainerName(name)]));
  if (!pid) throw new Error(`kubo of ${name} is not running; start it with \`npm run fleet -- fault kubo-start ${name}\``);
  process.kill(pid, 'SIGKILL');
  await waitFor(`kubo of ${name} (pid ${pid}) to die`, async () => (isProcessAlive(pid) ? undefined : true), 10_000);
}

// sshd ---------------------------------------------------------------------------------------------

export async function stopSshdOf(fleet: FleetDescription, name: string): Promise<void> {
  await stopSshd(sshServerPaths(fleet.stateDir, name));
}

export async function startSshdOf(fleet: FleetDescription, name: string): Promise<void> {
  const { ctx, target } = targetOf(fleet, name);
  const paths = sshServerPaths(ctx.stateDir, name);
  await startSshd(sshSpec(ctx, target), paths, activeHostKey(paths));
}

/** Restarts sshd with a different host key; returns the fingerprint clients will now see. */
export async function swapHostKey(fleet: FleetDescription, name: string): Promise<string> {
  const { ctx, target } = targetOf(fleet, name);
  const paths = sshServerPaths(ctx.stateDir, name);
  await restartSshd(sshSpec(ctx, target), paths, paths.swappedHostKey);
  return hostKeyFingerprint(paths.swappedHostKey);
}

export async function restoreHostKey(fleet: FleetDescription, name: string): Promise<string> {
  const { ctx, target } = targetOf(fleet, name);
  const paths = sshServerPaths(ctx.stateDir, name);
  await restartSshd(sshSpec(ctx, target), paths, paths.hostKey);
  return hostKeyFingerprint(paths.hostKey);
}

// network and disk ---------------------------------------------------------------------------------

export async function dropTrafficOf(fleet: FleetDescription, name: string): Promise<void> {
  await dropTraffic(serverNamed(fleet, name).address);
}

export async function undropTrafficOf(fleet: FleetDescription, name: string): Promise<void> {
  await undropTraffic(serverNamed(fleet, name).address);
}

/** Fills the server's disk to ENOSPC; returns the bytes written. */
export function fillDiskOf(fleet: FleetDescription, name: string): number {
  return fillDisk(serverNamed(fleet, name).dataPath);
}

export function unfillDiskOf(fleet: FleetDescription, name: string): void {
  unfillDisk(serverNamed(fleet, name).dataPath);
}

/**
 * Leaves kubo refusing every pin with "no space left on device" while its disk has room again:
 * fills the disk, writes pins until kubo's datastore fails, frees the disk. Only a kubo restart
 * (`kubo-stop`/`kubo-start`, or heal) clears it. Returns kubo's error.
 */
export async function wedgeDatastoreOf(fleet: FleetDescription, name: string): Promise<string> {
  const target = serverNamed(fleet, name);
  requireKubo(target);
  fillDisk(target.dataPath);
  try {
    return await writeUntilDatastoreFails(target.address);
  } finally {
    unfillDisk(target.dataPath);
  }
}

// all at once --------------------------------------------------------------------------------------

/** Undoes the host-side faults on one server: traffic, disk, host key and sshd (fleet `up` runs this). */
export async function healServerHost(ctx: FaultContext, target: FaultTarget): Promise<void> {
  await undropTraffic(target.address);
  unfillDisk(target.dataPath);
  const paths = sshServerPaths(ctx.stateDir, target.name);
  if (activeHostKey(paths) !== paths.hostKey || !isSshdRunning(paths)) {
    await restartSshd(sshSpec(ctx, target), paths, paths.hostKey);
  }
}

/**
 * Undoes every fault on every server of the running fleet, kubo included: a stopped kubo is started,
 * and one whose datastore still fails writes (after a full disk) is restarted, as an admin must.
 * Then it waits until every kubo is peered with the others, so the next test can fetch between
 * nodes, and until the Cluster peers (if any) all reach each other.
 */
export async function healFleet(fleet: FleetDescription): Promise<void> {
  for (const server of fleet.servers) {
    await healServerHost({ stateDir: fleet.stateDir, sshPort: server.ssh.port }, server);
    if (!server.kubo) continue;
    if (!(await inspectContainer(server.kubo.container))?.running) {
      await startKubo(fleet, server.name);
    } else if ((await datastoreWriteError(server.address)) !== null) {
      await docker(['restart', '--time', '10', server.kubo.container]);
      await waitForKubo(server);
    }
  }
  // A restarted kubo, or one whose traffic was dropped, is peered again within seconds: wait for it.
  await waitForKuboMesh(fleet.servers.flatMap((s) => (s.kubo ? [{ name: s.name, address: s.address, peerId: s.kubo.peerId }] : [])));
  // Cluster peers reconnect on their own, but not at once after dropped traffic: the next test
  // must find the cluster whole. A test that stopped the fleet's peers on purpose (the set-up tests
  // run their own cluster meanwhile) restores them itself.
  const clusterPeers = fleet.servers.filter((s) => s.cluster !== undefined);
  const running = await Promise.all(clusterPeers.map(async (s) => (await inspectContainer(s.cluster!.container))?.running === true));
  if (clusterPeers.length > 0 && running.every(Boolean)) await waitForClusterMesh(clusterPeers);
}
