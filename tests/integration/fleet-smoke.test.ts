// The test fleet itself, checked the way the console will use it: SSH with a verified host key,
// `df` and `docker` on the server, kubo's RPC API through an SSH tunnel, content fetched through
// another node's gateway, and a full disk that makes kubo fail with the kernel's own error.
import { randomBytes } from 'node:crypto';
import type { Client } from 'ssh2';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storageServers, type FleetServer } from '../fleet/fleet-description.js';
import { fillDiskOf, healFleet, unfillDiskOf } from '../fleet/faults.js';
import { expectedCid } from '../fleet/local-ipfs.js';
import { connectSsh, openTunnel, sshExec, type Tunnel } from '../fleet/ssh-client.js';
import { offHostSockets } from '../fleet/socket-audit.js';
import { fleetUids, rejectedPackets } from '../fleet/egress-guard.js';

const fleet = inject('fleet');
const nodes = storageServers(fleet);

describe('test fleet over SSH', () => {
  it.each(fleet.servers.map((s) => [s.name, s] as const))('%s: df shows its own disk and docker answers', async (_name, server) => {
    const ssh = await connectSsh(fleet, server);
    try {
      const df = await sshExec(ssh, `df -P -B1 ${server.dataPath}`);
      expect(df.code, df.stderr).toBe(0);
      const sizeBytes = Number(df.stdout.trim().split('\n')[1]?.split(/\s+/)[1]);
      expect(sizeBytes).toBe(server.diskBytes);

      const ps = await sshExec(ssh, `docker ps --filter label=pinfleet.server=${server.name} --format '{{.Names}}'`);
      expect(ps.code, ps.stderr).toBe(0);
      const expected = [server.kubo?.container, server.cluster?.container].filter(Boolean).sort();
      expect(ps.stdout.trim().split('\n').filter(Boolean).sort()).toEqual(expected);
    } finally {
      ssh.end();
    }
    // The full disk may have left kubo's datastore failing writes: heal restarts such a kubo.
    await healFleet(fleet);
  });

  it('refuses a server whose host key is not the one described', async () => {
    const [server] = fleet.servers as [FleetServer];
    await expect(connectSsh(fleet, server, 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow(/host key/);
  });
});

describe('kubo through SSH tunnels', () => {
  const sessions = new Map<string, { ssh: Client; api: Tunnel; gateway: Tunnel; kubo: KuboRPCClient }>();

  beforeAll(async () => {
    for (const node of nodes) {
      const ssh = await connectSsh(fleet, node);
      const api = await openTunnel(ssh, node.kubo.api);
      const gateway = await openTunnel(ssh, node.kubo.gateway);
      sessions.set(node.name, { ssh, api, gateway, kubo: create({ url: api.url }) });
    }
  });

  afterAll(async () => {
    for (const { ssh, api, gateway } of sessions.values()) {
      await api.close();
      await gateway.close();
      ssh.end();
    }
  });

  const session = (name: string) => {
    const s = sessions.get(name);
    if (!s) throw new Error(`no session to ${name}`);
    return s;
  };

  it.each(nodes.map((n, i) => [n.name, n, nodes[(i + 1) % nodes.length]!] as const))(
    '%s: adds a file that another node serves by the CID kubo computes offline',
    async (_name, node, other) => {
      const bytes = randomBytes(300 * 1024); // more than one 256 KiB chunk: a real DAG, not a single block
      const added = await session(node.name).kubo.add(bytes, { cidVersion: 1, rawLeaves: true });
      expect(added.cid.toString()).toBe(await expectedCid(fleet.binaries.ipfs, bytes));

      const response = await fetch(`${session(other.name).gateway.url}/ipfs/${added.cid.toString()}`);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    },
  );

  it('a full disk makes the next add fail with ENOSPC, and freeing it makes adds work again', async () => {
    const [node] = nodes;
    if (!node) throw new Error('the fleet has no storage node');
    const { kubo } = session(node.name);
    fillDiskOf(fleet, node.name);
    try {
      await expect(kubo.add(randomBytes(64 * 1024), { cidVersion: 1, rawLeaves: true })).rejects.toThrow(/no space left on device/);
    } finally {
      unfillDiskOf(fleet, node.name);
    }
    const again = await kubo.add(randomBytes(64 * 1024), { cidVersion: 1, rawLeaves: true });
    expect(again.cid.toString()).toMatch(/^bafk/);
  });
});

describe('test fleet stays on this machine', () => {
  it('no socket of kubo, Cluster, sshd or dockerd leaves 127.0.0.0/8', async () => {
    expect(await offHostSockets()).toEqual([]);
  });

  it('kubo never even tried to send a packet beyond loopback (the egress guard counted none)', async () => {
    expect(await rejectedPackets(fleetUids.kubo)).toBe(0);
  });
});
