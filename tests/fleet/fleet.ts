// Brings the whole test fleet up, repairs it, or takes it down. `up` is idempotent: every step
// checks what is already there (dockerd answering, image tag present, tmpfs mounted, sshd pid alive,
// container running), so on a running fleet it only heals faults and rewrites the description.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataDisk, diskSizeBytes, removeDataDisk } from './data-disks.js';
import { dockerResult } from './docker-cli.js';
import { ensureDockerd, isDockerdUp, stopDockerd } from './docker-daemon.js';
import { fleetDescriptionPath, loadFleet, writeFleet, type FleetDescription, type FleetKubo, type FleetServer } from './fleet-description.js';
import { dockerHost, planServers, type FleetOptions, type ServerPlan } from './fleet-layout.js';
import { healServerHost } from './faults.js';
import { ensureClusterImage, ensureKuboImage } from './images.js';
import { ensureKuboContainer, kuboDescription, peerKubos, removeKuboContainer, waitForKubo } from './kubo-node.js';
import { checkPrerequisites } from './prerequisites.js';
import {
  ensureClientKey,
  hostKeyFingerprint,
  prepareSshServer,
  publicHostKey,
  sshServerPaths,
  sshUser,
  startSshd,
  stopSshd,
} from './ssh-server.js';
import { removeTrafficRules } from './traffic-rules.js';
import { startedByTestsMarker } from './fleet-lease.js';
import { ensureEgressGuard, fleetUids, removeEgressGuard } from './egress-guard.js';
import { binaryPaths, readPinnedVersions } from './versions.js';
import { clusterUp, ensureClusterSecret, removeClusterContainer } from './cluster-node.js';

export type Log = (message: string) => void;

export async function fleetUp(options: FleetOptions, log: Log = () => {}): Promise<FleetDescription> {
  const tools = checkPrerequisites({ cluster: options.cluster });
  const plan = planServers(options);
  mkdirSync(options.stateDir, { recursive: true });

  const startedDockerd = await ensureDockerd(tools.dockerd, options.stateDir);
  log(startedDockerd ? `dockerd started on ${dockerHost}` : `dockerd already running on ${dockerHost}`);
  const kuboImage = await ensureKuboImage(tools);
  log(`${kuboImage.built ? 'built' : 'cached'} image ${kuboImage.hashRef}`);
  const clusterImage = options.cluster ? await ensureClusterImage(tools) : undefined;
  if (clusterImage) log(`${clusterImage.built ? 'built' : 'cached'} image ${clusterImage.hashRef}`);

  await ensureEgressGuard();
  await removeServersNotIn(options.stateDir, plan);
  const client = await ensureClientKey(options.stateDir);

  // Disks, sshd and containers of all servers at once; kubo's start dominates and runs in parallel.
  const servers = await Promise.all(plan.map(async (server): Promise<FleetServer> => {
    await ensureDataDisk(server.name, server.dataPath, server.diskMiB, server.role === 'storage' ? fleetUids.kubo : 0);
    const spec = { name: server.name, address: server.address, port: options.sshPort, authorizedKeys: client.authorizedKeys };
    const paths = await prepareSshServer(options.stateDir, spec);
    await healServerHost({ stateDir: options.stateDir, sshPort: options.sshPort }, server);
    await startSshd(spec, paths);
    log(`${server.name}: disk and sshd ready`);
    let kubo: FleetKubo | undefined;
    if (server.role === 'storage') {
      await ensureKuboContainer(options.stateDir, server, kuboImage.hashRef);
      kubo = kuboDescription(server, kuboImage.ref, await waitForKubo(server));
      log(`${server.name}: kubo answering`);
    }
    return describeServer(server, options.sshPort, await hostKeyFingerprint(paths.hostKey), kubo);
  }));
  const storage = servers.flatMap((s, i) => (s.kubo && plan[i] ? [{ server: plan[i], kubo: s.kubo }] : []));
  await peerKubos(options.stateDir, storage);
  log(`kubo peered on ${storage.map((s) => s.server.name).join(', ')}`);

  const versions = readPinnedVersions();
  const binaries = binaryPaths(versions);
  const fleet: FleetDescription = {
    version: 1,
    createdAt: new Date().toISOString(),
    stateDir: options.stateDir,
    dockerHost,
    clientKeyPath: client.keyPath,
    versions,
    images: { kubo: kuboImage.ref, ...(clusterImage ? { cluster: clusterImage.ref } : {}) },
    binaries: { ipfs: binaries.ipfs, clusterCtl: binaries.clusterCtl },
    servers,
  };
  if (clusterImage) {
    const peers = await clusterUp(options.stateDir, plan.filter((p) => p.role === 'storage'), clusterImage.hashRef, clusterImage.ref);
    for (const server of fleet.servers) {
      const cluster = peers.get(server.name);
      if (cluster) server.cluster = cluster;
    }
    fleet.cluster = { secret: ensureClusterSecret(options.stateDir) };
    log(`cluster peers up on ${[...peers.keys()].join(', ')}`);
  } else {
    for (const server of plan) await removeClusterContainer(server);
  }
  writeKnownHosts(fleet);
  writeFleet(fleet);
  return fleet;
}

function describeServer(server: ServerPlan, sshPort: number, fingerprint: string, kubo?: FleetKubo): FleetServer {
  return {
    name: server.name,
    role: server.role,
    address: server.address,
    ssh: { host: server.address, port: sshPort, user: sshUser, hostKeyFingerprint: fingerprint },
    dataPath: server.dataPath,
    diskBytes: diskSizeBytes(server.dataPath),
    region: server.region,
    tags: server.tags,
    ...(kubo ? { kubo } : {}),
  };
}

/** A known_hosts file, so a human can `ssh -o UserKnownHostsFile=…` into any server. */
function writeKnownHosts(fleet: FleetDescription): void {
  const lines = fleet.servers.map((s) => {
    const host = s.ssh.port === 22 ? s.ssh.host : `[${s.ssh.host}]:${s.ssh.port}`;
    return `${host} ${publicHostKey(sshServerPaths(fleet.stateDir, s.name).hostKey)}`;
  });
  writeFileSync(join(fleet.stateDir, 'known_hosts'), `${lines.join('\n')}\n`);
}

/** Servers left over from an earlier `up` with more nodes. */
async function removeServersNotIn(stateDir: string, plan: ServerPlan[]): Promise<void> {
  if (!existsSync(fleetDescriptionPath(stateDir))) return;
  const wanted = new Set(plan.map((s) => s.name));
  for (const server of loadFleet(fleetDescriptionPath(stateDir)).servers) {
    if (!wanted.has(server.name)) await removeServer(stateDir, server);
  }
}

async function removeServer(stateDir: string, server: { name: string; dataPath: string }): Promise<void> {
  await removeClusterContainer(server);
  await removeKuboContainer(server.name);
  await stopSshd(sshServerPaths(stateDir, server.name));
  await removeDataDisk(server.dataPath);
}

/**
 * Stops everything `up` started: containers, sshds, traffic rules, tmpfs disks and the fleet's
 * dockerd. Keys and sshd configs stay in the state directory, so host keys survive a restart;
 * images stay in dockerd's data root.
 */
export async function fleetDown(options: FleetOptions, log: Log = () => {}): Promise<void> {
  const descriptionPath = fleetDescriptionPath(options.stateDir);
  const servers = existsSync(descriptionPath) ? loadFleet(descriptionPath).servers : planServers(options);
  if (await isDockerdUp()) {
    // Every fleet container, including ones from a description that no longer lists them.
    const ids = (await dockerResult(['ps', '--all', '--quiet', '--filter', 'label=pinfleet.test-fleet=1'])).stdout.split('\n').filter(Boolean);
    if (ids.length > 0) await dockerResult(['rm', '--force', ...ids]);
  }
  log('containers removed');
  for (const server of servers) await removeServer(options.stateDir, server);
  log('sshd stopped, disks unmounted');
  await removeTrafficRules();
  await stopDockerd();
  await removeEgressGuard();
  rmSync(descriptionPath, { force: true });
  rmSync(startedByTestsMarker(options.stateDir), { force: true });
  log(`fleet down (${servers.map((s) => s.name).join(', ')})`);
}
