// Each fault of the test fleet does to a client what the real failure would, and its undo brings
// the server back. Clients here are the ones the console uses: ssh2 and kubo's RPC API.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { serverNamed, storageServers } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { kuboRpc } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { connectSsh } from '../fleet/ssh-client.js';

const fleet = inject('fleet');
const [kuboNode, sshNode] = storageServers(fleet);
const bare = serverNamed(fleet, 'bare');

async function sshWorks(name: string, fingerprint?: string): Promise<void> {
  const server = serverNamed(fleet, name);
  const client = await connectSsh(fleet, server, fingerprint ?? server.ssh.hostKeyFingerprint);
  client.end();
}

describe('fleet faults', () => {
  afterAll(() => faults.healFleet(fleet));

  it('kubo stop/start: the API refuses connections, then answers again', async () => {
    if (!kuboNode) throw new Error('the fleet has no storage node');
    await faults.stopKubo(fleet, kuboNode.name);
    await expect(kuboRpc(kuboNode.address, 'id')).rejects.toThrow();
    await faults.startKubo(fleet, kuboNode.name);
    await expect(kuboRpc<{ ID: string }>(kuboNode.address, 'id')).resolves.toMatchObject({ ID: kuboNode.kubo.peerId });
  });

  it('kubo kill: the restart policy brings the same node back', async () => {
    if (!kuboNode) throw new Error('the fleet has no storage node');
    await faults.killKubo(fleet, kuboNode.name);
    const id = await waitFor('kubo to come back after the kill', async () => (await kuboRpc<{ ID: string }>(kuboNode.address, 'id')).ID, 60_000);
    expect(id).toBe(kuboNode.kubo.peerId);
  });

  it('sshd stop/start: SSH is refused, then accepted', async () => {
    if (!sshNode) throw new Error('the fleet needs two storage nodes');
    await faults.stopSshdOf(fleet, sshNode.name);
    await expect(sshWorks(sshNode.name)).rejects.toThrow(/ECONNREFUSED/);
    await faults.startSshdOf(fleet, sshNode.name);
    await sshWorks(sshNode.name);
  });

  it('drop/undrop: connections time out instead of being refused, then work', async () => {
    await faults.dropTrafficOf(fleet, bare.name);
    await expect(connectSsh(fleet, bare, bare.ssh.hostKeyFingerprint, 2_000)).rejects.toThrow(/Timed out/i);
    await faults.undropTrafficOf(fleet, bare.name);
    await sshWorks(bare.name);
  });

  it('host key swap: the described fingerprint is refused, the new one accepted, restore undoes it', async () => {
    const swapped = await faults.swapHostKey(fleet, bare.name);
    expect(swapped).not.toBe(bare.ssh.hostKeyFingerprint);
    await expect(sshWorks(bare.name)).rejects.toThrow(/host key/);
    await sshWorks(bare.name, swapped);
    expect(await faults.restoreHostKey(fleet, bare.name)).toBe(bare.ssh.hostKeyFingerprint);
    await sshWorks(bare.name);
  });
});
