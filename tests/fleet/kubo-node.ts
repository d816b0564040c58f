// A storage server's kubo: a container of the locally built image on host networking, its repo on
// the server's tmpfs, its settings from a per-server /container-init.d script, peered with the
// other storage servers so a CID added on one can be fetched through another's gateway.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerResult, ensureContainer } from './docker-cli.js';
import type { FleetKubo } from './fleet-description.js';
import { kuboPorts, storageMaxFor, type ServerPlan } from './fleet-layout.js';
import { kuboConfigScript } from './kubo-config-script.js';
import { fleetUids } from './egress-guard.js';
import { waitFor } from './shell.js';

export const kuboContainerName = (serverName: string): string => `pinfleet-${serverName}-kubo`;

const initDir = (stateDir: string, serverName: string): string => join(stateDir, serverName, 'kubo-init.d');

/** Creates the container, starts a stopped one, or replaces one made from an older image or settings. */
export async function ensureKuboContainer(stateDir: string, server: ServerPlan, imageRef: string): Promise<void> {
  const name = kuboContainerName(server.name);
  const scripts = initDir(stateDir, server.name);
  mkdirSync(scripts, { recursive: true });
  writeFileSync(
    join(scripts, '001-pinfleet-fleet.sh'),
    kuboConfigScript({ name: server.name, address: server.address, storageMax: storageMaxFor(server.diskMiB) }),
    { mode: 0o755 },
  );
  await ensureContainer(name, [
    '--label', 'pinfleet.test-fleet=1', '--label', `pinfleet.server=${server.name}`,
    '--network', 'host',
    // A uid of its own, so the egress guard can tell kubo's packets apart (egress-guard.ts).
    '--user', `${fleetUids.kubo}:${fleetUids.kubo}`,
    '--restart', 'unless-stopped',
    '--env', 'IPFS_PROFILE=autoconf-off',
    '--env', 'IPFS_TELEMETRY=off',
    '--volume', `${server.dataPath}:/data/ipfs`,
    '--volume', `${scripts}:/container-init.d:ro`,
    imageRef,
  ]);
}

export async function removeKuboContainer(serverName: string): Promise<void> {
  await dockerResult(['rm', '--force', kuboContainerName(serverName)]);
}

export async function kuboRpc<T>(address: string, command: string, args: string[] = [], timeoutMs = 5_000): Promise<T> {
  const query = args.map((a) => `arg=${encodeURIComponent(a)}`).join('&');
  const url = `http://${address}:${kuboPorts.api}/api/v0/${command}${query ? `?${query}` : ''}`;
  const response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  if (!response.ok) throw new Error(`kubo ${command} on ${address}: HTTP ${response.status} ${text.trim()}`);
  return JSON.parse(text) as T;
}

/** Waits until the RPC API answers and returns the node's peer ID. */
export async function waitForKubo(server: { name: string; address: string }, timeoutMs = 90_000): Promise<string> {
  return waitFor(
    `kubo of ${server.name} on ${server.address}:${kuboPorts.api} (see \`docker logs ${kuboContainerName(server.name)}\`)`,
    async () => (await kuboRpc<{ ID: string }>(server.address, 'id')).ID,
    timeoutMs,
  );
}

export function kuboDescription(server: ServerPlan, imageRef: string, peerId: string): FleetKubo {
  return {
    container: kuboContainerName(server.name),
    image: imageRef,
    peerId,
    api: { host: server.address, port: kuboPorts.api },
    gateway: { host: server.address, port: kuboPorts.gateway },
    swarm: `/ip4/${server.address}/tcp/${kuboPorts.swarm}`,
    storageMax: storageMaxFor(server.diskMiB),
  };
}

/**
 * Peers every storage node with every other: Peering.Peers in the config (kept across restarts via
 * the init directory) and `swarm peering add` now, so no restart is needed.
 */
export async function peerKubos(stateDir: string, nodes: { server: ServerPlan; kubo: FleetKubo }[]): Promise<void> {
  for (const { server, kubo } of nodes) {
    const others = nodes.filter((n) => n.kubo.peerId !== kubo.peerId);
    const peers = others.map((n) => ({ ID: n.kubo.peerId, Addrs: [n.kubo.swarm] }));
    writeFileSync(join(initDir(stateDir, server.name), 'peering.json'), JSON.stringify(peers));
    for (const other of others) {
      const address = `${other.kubo.swarm}/p2p/${other.kubo.peerId}`;
      await kuboRpc(server.address, 'swarm/peering/add', [address]);
      // The peering service dials on its own schedule (seconds); connect now so `up` need not wait.
      await kuboRpc(server.address, 'swarm/connect', [address], 10_000).catch(() => undefined);
    }
  }
  await waitForKuboMesh(nodes.map(({ server, kubo }) => ({ name: server.name, address: server.address, peerId: kubo.peerId })));
}

/** Waits until every storage node's kubo is connected to every other (Peering reconnects on its own). */
export async function waitForKuboMesh(nodes: readonly { name: string; address: string; peerId: string }[], timeoutMs = 30_000): Promise<void> {
  for (const node of nodes) {
    await waitFor(`kubo of ${node.name} to connect to its ${nodes.length - 1} peers`, async () => {
      const { Peers } = await kuboRpc<{ Peers: { Peer: string }[] | null }>(node.address, 'swarm/peers');
      const connected = new Set((Peers ?? []).map((p) => p.Peer));
      return nodes.every((n) => n.peerId === node.peerId || connected.has(n.peerId)) ? true : undefined;
    }, timeoutMs);
  }
}
