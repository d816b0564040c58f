// Shared by the add-a-server tests (integration, UI, benchmark): the bare server as a provisioning
// target with the "private fleet network" settings and kubo as uid 64101 (so the fleet's egress
// guard would catch any packet leaving loopback), what is on it, and how to leave it bare again.
import { openTargetSession } from '../../src-main/connections/target-connector.js';
import type { ChannelInput } from '../../src-preload/contract/contract.js';
import { fleetUids } from '../fleet/egress-guard.js';
import { serverNamed, type FleetDescription, type FleetServer } from '../fleet/fleet-description.js';

/** Not the fleet's `pinfleet-<server>-kubo`: the shared engine must not see two containers of one name. */
export const PROVISIONED_CONTAINER = 'pinfleet-kubo';

export function bareServer(fleet: FleetDescription): FleetServer {
  return serverNamed(fleet, 'bare');
}

export function targetOf(fleet: FleetDescription, server: FleetServer = bareServer(fleet)) {
  return {
    host: server.ssh.host,
    port: server.ssh.port,
    user: server.ssh.user,
    fingerprint: server.ssh.hostKeyFingerprint,
    login: { method: 'keyFile' as const, keyPath: fleet.clientKeyPath },
  };
}

export function provisionInputFor(fleet: FleetDescription, extra: Partial<ChannelInput<'provisioning.provision'>> = {}): ChannelInput<'provisioning.provision'> {
  const bare = bareServer(fleet);
  return {
    ...targetOf(fleet, bare),
    name: 'bare',
    dataPath: bare.dataPath,
    tags: bare.tags,
    region: bare.region,
    priority: 0,
    image: fleet.images.kubo,
    privateNetwork: true,
    fleetNetworks: ['127.0.0.0/8'],
    runAs: `${fleetUids.kubo}:${fleetUids.kubo}`,
    containerName: PROVISIONED_CONTAINER,
    ...extra,
  };
}

/** Runs argv on a server over SSH (each argument quoted by the connector). */
export async function onServer(fleet: FleetDescription, argv: string[], server: FleetServer = bareServer(fleet)): Promise<{ stdout: string; code: number | null }> {
  const session = openTargetSession(targetOf(fleet, server));
  try {
    return await session.connector.exec(session.node, argv, { timeoutMs: 60_000 });
  } finally {
    await session.close();
  }
}

export interface BareState {
  container: string | null;
  dataEntries: string[];
}

/** What the wizard could have left on the bare server: its container and anything in the data path. */
export async function bareState(fleet: FleetDescription): Promise<BareState> {
  const inspect = await onServer(fleet, ['docker', 'inspect', '--format', '{{.State.Status}}', PROVISIONED_CONTAINER]);
  const listing = await onServer(fleet, ['ls', '-A', bareServer(fleet).dataPath]);
  return { container: inspect.code === 0 ? inspect.stdout.trim() : null, dataEntries: listing.stdout.split('\n').filter(Boolean) };
}

/** Leaves the bare server bare whatever a test did: container removed, data path emptied. */
export async function makeBare(fleet: FleetDescription): Promise<void> {
  await onServer(fleet, ['docker', 'rm', '--force', PROVISIONED_CONTAINER]);
  await onServer(fleet, ['find', bareServer(fleet).dataPath, '-mindepth', '1', '-maxdepth', '1', '-exec', 'rm', '-rf', '--one-file-system', '--', '{}', '+']);
}

/** `ss -ltnH` on the server, as host:port strings. */
export async function listeningOn(fleet: FleetDescription): Promise<string[]> {
  const ss = await onServer(fleet, ['ss', '-ltnH']);
  return ss.stdout.split('\n').map((l) => l.trim().split(/\s+/)[3]).filter((a): a is string => Boolean(a));
}
