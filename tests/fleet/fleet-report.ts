// What `up` and `status` print: per server, how to reach it and what is running there.
import { existsSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { inspectContainer } from './docker-cli.js';
import { isDockerdUp } from './docker-daemon.js';
import { fleetUids, rejectedPackets } from './egress-guard.js';
import { fillFileName } from './disk-filler.js';
import { fleetDescriptionPath, type FleetDescription } from './fleet-description.js';
import { kuboRpc } from './kubo-node.js';
import { activeHostKey, isSshdRunning, sshServerPaths } from './ssh-server.js';
import { isTrafficDropped } from './traffic-rules.js';

const mib = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

export function printFleet(fleet: FleetDescription): void {
  for (const s of fleet.servers) {
    console.log(`${s.name.padEnd(6)} ${s.address}  ssh ${s.ssh.user}@${s.ssh.host}:${s.ssh.port}  host key ${s.ssh.hostKeyFingerprint}`);
    console.log(`       disk ${s.dataPath} (${mib(s.diskBytes)})  region ${s.region}  tags ${s.tags.join(',')}`);
    if (s.kubo) {
      console.log(`       kubo api ${s.kubo.api.host}:${s.kubo.api.port}  gateway ${s.kubo.gateway.host}:${s.kubo.gateway.port}  peer ${s.kubo.peerId}`);
    }
    if (s.cluster) {
      console.log(`       cluster rest ${s.cluster.restApi.host}:${s.cluster.restApi.port}  proxy ${s.cluster.proxy.host}:${s.cluster.proxy.port}  peer ${s.cluster.peerId}`);
    }
  }
  console.log(`client key   ${fleet.clientKeyPath}`);
  console.log(`docker       DOCKER_HOST=${fleet.dockerHost} (set by each sshd)`);
  console.log(`images       ${Object.values(fleet.images).join('  ')}`);
  console.log(`description  ${fleetDescriptionPath(fleet.stateDir)}`);
  const first = fleet.servers[0];
  if (first) {
    console.log(`try          ssh -i ${fleet.clientKeyPath} -o UserKnownHostsFile=${join(fleet.stateDir, 'known_hosts')} -p ${first.ssh.port} ${first.ssh.user}@${first.ssh.host} df -h ${first.dataPath}`);
  }
}

export async function printStatus(fleet: FleetDescription): Promise<void> {
  const dockerUp = await isDockerdUp();
  console.log(`dockerd ${dockerUp ? 'up' : 'DOWN'} on ${fleet.dockerHost}`);
  const [kubo, cluster] = [await rejectedPackets(fleetUids.kubo), await rejectedPackets(fleetUids.cluster)];
  console.log(`egress guard: packets to beyond loopback rejected: kubo ${kubo}, cluster ${cluster} (UPnP discovery Cluster cannot turn off)`);
  for (const s of fleet.servers) {
    const paths = sshServerPaths(fleet.stateDir, s.name);
    const faults: string[] = [];
    if (await isTrafficDropped(s.address)) faults.push('traffic dropped');
    if (existsSync(join(s.dataPath, fillFileName))) faults.push('disk filled');
    if (activeHostKey(paths) !== paths.hostKey) faults.push('host key swapped');
    const parts = [`sshd ${isSshdRunning(paths) ? 'up' : 'DOWN'}`, `disk ${diskUsage(s.dataPath)}`];
    if (s.kubo) parts.push(`kubo ${dockerUp ? await kuboState(s.kubo.container, s.address) : 'unknown'}`);
    if (s.cluster) parts.push(`cluster ${dockerUp ? await containerState(s.cluster.container) : 'unknown'}`);
    console.log(`${s.name.padEnd(6)} ${s.address}  ${parts.join('  ')}${faults.length ? `  FAULTS: ${faults.join(', ')}` : ''}`);
  }
}

function diskUsage(path: string): string {
  try {
    const st = statfsSync(path);
    return `${mib((st.blocks - st.bfree) * st.bsize)}/${mib(st.blocks * st.bsize)} used`;
  } catch (error) {
    return `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

async function containerState(name: string): Promise<string> {
  const state = await inspectContainer(name);
  return !state ? 'MISSING' : state.running ? 'running' : 'STOPPED';
}

async function kuboState(container: string, address: string): Promise<string> {
  const state = await containerState(container);
  if (state !== 'running') return state;
  try {
    await kuboRpc(address, 'id', [], 2_000);
    return 'running, api answering';
  } catch (error) {
    return `running, api NOT answering (${(error as Error).message})`;
  }
}
