// Host-key pinning against real sshd servers: an unpinned key is refused with exactly the
// fingerprint ssh-keygen computed for the fleet, trusting it lets the connection through, a swapped
// key is refused with both fingerprints and the pin untouched, and replacing a pin is audited.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverNamed } from '../fleet/fleet-description.js';
import * as faults from '../fleet/faults.js';
import { connectionsWorld, type ConnectionsWorld } from './connections-support.js';

const fleet = inject('fleet');
const node1 = serverNamed(fleet, 'node1');
const pinned = node1.ssh.hostKeyFingerprint;
let world: ConnectionsWorld;

const record = () => world.inventory.getNode('node1');
const echo = () => world.connections.connector.exec(record(), ['echo', 'hello']);

describe('host keys (node1)', () => {
  beforeAll(async () => {
    world = await connectionsWorld(fleet, { pin: false });
  });
  afterEach(async () => {
    await faults.restoreHostKey(fleet, 'node1');
  });
  afterAll(async () => {
    await world.close();
  });

  it('first connect without a pin is refused with host_key_unknown and the fleet fingerprint; check shows it', async () => {
    await expect(echo()).rejects.toMatchObject({ code: 'host_key_unknown', message: expect.stringContaining(pinned) });
    const check = await world.connections.handlers['hostKeys.check']({ name: 'node1' });
    expect(check).toEqual({ name: 'node1', host: node1.ssh.host, port: node1.ssh.port, keyType: 'ssh-ed25519', fingerprint: pinned, pinned: null, status: 'unknown' });
  });

  it('trust pins the key (audited) and the connection goes through', async () => {
    await expect(world.connections.handlers['hostKeys.trust']({ name: 'node1', fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).rejects.toMatchObject({
      code: 'host_key_mismatch',
    });
    expect(record().hostKeyFingerprint).toBeNull();
    const node = await world.connections.handlers['hostKeys.trust']({ name: 'node1', fingerprint: pinned });
    expect(node.hostKeyFingerprint).toBe(pinned);
    expect(await echo()).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
    expect(world.inventory.listAudit(10).map((e) => e.action)).toEqual(expect.arrayContaining(['hostKey.trust', 'node.update']));
    expect((await world.connections.handlers['hostKeys.check']({ name: 'node1' })).status).toBe('match');
  });

  it('a swapped host key is refused with both fingerprints; the pin stays; restore makes it work again', async () => {
    const swapped = await faults.swapHostKey(fleet, 'node1');
    await world.connections.connector.disconnect('node1'); // sshd keeps old sessions: force a new handshake.
    const refusal = echo();
    await expect(refusal).rejects.toMatchObject({ code: 'host_key_mismatch' });
    const message = (await refusal.catch((e: Error) => e.message)) as string;
    expect(message).toContain(pinned);
    expect(message).toContain(swapped);
    expect(record().hostKeyFingerprint).toBe(pinned);
    expect(await world.connections.handlers['hostKeys.check']({ name: 'node1' })).toMatchObject({ status: 'mismatch', fingerprint: swapped, pinned });
    // trust never overwrites a different pin.
    await expect(world.connections.handlers['hostKeys.trust']({ name: 'node1', fingerprint: swapped })).rejects.toMatchObject({ code: 'host_key_mismatch' });
    expect(record().hostKeyFingerprint).toBe(pinned);

    await faults.restoreHostKey(fleet, 'node1');
    expect((await echo()).code).toBe(0);
  });

  it('replace needs the current pin, is audited, and drops the connection made under the old pin', async () => {
    expect((await echo()).code).toBe(0); // A pooled connection under the old pin.
    const swapped = await faults.swapHostKey(fleet, 'node1');
    await expect(world.connections.handlers['hostKeys.replace']({ name: 'node1', previous: swapped, next: swapped })).rejects.toMatchObject({ code: 'invalid_input' });
    const node = await world.connections.handlers['hostKeys.replace']({ name: 'node1', previous: pinned, next: swapped });
    expect(node.hostKeyFingerprint).toBe(swapped);
    const audit = world.inventory.listAudit(10).find((e) => e.action === 'hostKey.replace');
    expect(audit).toMatchObject({ actor: 'test', target: 'node1' });
    expect(JSON.parse(audit!.detail)).toEqual({ previous: pinned, next: swapped, keyType: 'ssh-ed25519' });
    expect((await echo()).code).toBe(0);

    // Back to the real key, the same way.
    await faults.restoreHostKey(fleet, 'node1');
    await world.connections.connector.disconnect('node1');
    await expect(echo()).rejects.toMatchObject({ code: 'host_key_mismatch' });
    await world.connections.handlers['hostKeys.replace']({ name: 'node1', previous: swapped, next: pinned });
    expect((await echo()).code).toBe(0);
  });
});
