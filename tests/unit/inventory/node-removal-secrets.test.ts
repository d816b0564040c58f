// Removing a node leaves nothing behind: its id is never handed out again, and every secret the
// store holds for it (SSH password or key, passphrase, RPC credential, Cluster identity, the
// wizard's RPC token) is deleted, with the real encrypted file store and the real credential services.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiCredentialService, apiSecretRefFor } from '../../../src-main/connections/api-credentials.js';
import { CredentialService } from '../../../src-main/connections/credential-service.js';
import { secretRefFor } from '../../../src-main/connections/credential-rows.js';
import { openStorage } from '../../../src-main/inventory/index.js';
import { identitySecretRef } from '../../../src-main/provisioning/cluster-peer/peer-names.js';
import { rpcTokenRef } from '../../../src-main/provisioning/provision/rpc-token.js';
import { FileSecretStore } from '../../../src-main/secrets/file-secret-store.js';
import { LockedSecretStore } from '../../../src-main/secrets/locked-secret-store.js';
import { nodeSecretRefs } from '../../../src-main/secrets/node-secret-refs.js';
import type { SecretStore } from '../../../src-main/secrets/secret-store.js';
import { createRouter, type Handlers } from '../../../src-main/core/router.js';
import { EventBus } from '../../../src-main/core/events.js';
import { inventoryHandlers } from '../../../src-main/services/inventory-handlers.js';
import { sampleNode, tempDir } from './inventory-test-kit.js';

const kdf = { N: 1024, r: 8, p: 1 };

function world(dataDir: string, secrets: SecretStore) {
  const { inventory, opened } = openStorage({ dataDir, secrets });
  const deps = { inventory, db: opened.db, secrets, actor: 'test' };
  return { inventory, opened, ssh: new CredentialService(deps), api: new ApiCredentialService(deps) };
}

/** The references the encrypted file holds (names are in the clear, values are sealed). */
function storedRefs(dataDir: string): string[] {
  const file = path.join(dataDir, 'secrets.enc.json');
  if (!fs.existsSync(file)) return [];
  return Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, unknown> }).entries).sort();
}

describe('removing a node', () => {
  it('lists every per-node secret its owners write', () => {
    const refs = nodeSecretRefs({ id: 7, host: 'Node7.example', kuboContainer: 'kubo-a' });
    expect(refs).toEqual(
      expect.arrayContaining([secretRefFor(7), apiSecretRefFor(7), identitySecretRef(7), rpcTokenRef('Node7.example', 'kubo-a')]),
    );
  });

  it('deletes its secrets from the store and never reuses its id', async () => {
    const dataDir = tempDir();
    const secrets = new FileSecretStore({ dataDir, passphrase: 'test passphrase', kdf });
    const { inventory, ssh, api } = world(dataDir, secrets);
    const keep = inventory.addNode(sampleNode({ name: 'keep', host: '10.0.0.4' }), 'test');
    const gone = inventory.addNode(sampleNode({ name: 'gone', host: '10.0.0.5', kuboContainer: 'kubo-gone' }), 'test');
    await ssh.set({ name: 'gone', method: 'password', password: 'hunter2' });
    await api.set({ name: 'gone', scheme: 'bearer', token: 'rpc-token-of-gone' });
    await ssh.set({ name: 'keep', method: 'password', password: 'keep-me' });
    await secrets.set(identitySecretRef(gone.id), '{"id":"12D3…","private_key":"…"}');
    await secrets.set(rpcTokenRef('10.0.0.5', 'kubo-gone'), 'wizard-token');
    expect(storedRefs(dataDir)).toEqual(
      [secretRefFor(gone.id), secretRefFor(keep.id), apiSecretRefFor(gone.id), identitySecretRef(gone.id), rpcTokenRef('10.0.0.5', 'kubo-gone')].sort(),
    );

    inventory.removeNode('gone', 'test');
    const purge = await inventory.purgeRemovedSecrets();
    expect(purge.left).toEqual([]);
    expect(storedRefs(dataDir)).toEqual([secretRefFor(keep.id)]);
    expect(await secrets.get(secretRefFor(keep.id))).toBe('{"password":"keep-me"}');
    expect(fs.readFileSync(path.join(dataDir, 'secrets.enc.json'), 'utf8')).not.toContain(`node-${gone.id}`);

    // The highest id was removed: without AUTOINCREMENT the next node would be given it again.
    const next = inventory.addNode(sampleNode({ name: 'next', host: '10.0.0.6' }), 'test');
    expect(next.id).toBeGreaterThan(gone.id);
    expect(ssh.get('next')).toMatchObject({ method: null, hasSecret: false });
    inventory.close();
  });

  it('keeps the references queued while the store is locked and deletes them once it opens', async () => {
    const dataDir = tempDir();
    const open = new FileSecretStore({ dataDir, passphrase: 'test passphrase', kdf });
    const first = world(dataDir, open);
    first.inventory.addNode(sampleNode({ name: 'gone' }), 'test');
    await first.ssh.set({ name: 'gone', method: 'password', password: 'hunter2' });
    first.inventory.close();

    // The same data folder opened where the store is locked: the node goes, its secret cannot.
    const locked = world(dataDir, new LockedSecretStore());
    locked.inventory.removeNode('gone', 'test');
    const refused = await locked.inventory.purgeRemovedSecrets();
    expect(refused.problem).toMatch(/locked/);
    expect(refused.left).toContain('ssh/node-1');
    expect(storedRefs(dataDir)).toEqual(['ssh/node-1']);
    locked.inventory.close();

    // Next start with the store open: the purge started at open finishes the job.
    const again = world(dataDir, open);
    const done = await again.inventory.purgeRemovedSecrets();
    expect(done.left).toEqual([]);
    expect(storedRefs(dataDir)).toEqual([]);
    again.inventory.close();
  });

  it('keeps the wizard token when a node registered again on the same server and container owns it', async () => {
    const dataDir = tempDir();
    const secrets = new FileSecretStore({ dataDir, passphrase: 'test passphrase', kdf });
    const { inventory } = world(dataDir, new LockedSecretStore());
    inventory.addNode(sampleNode({ name: 'old', kuboContainer: 'kubo' }), 'test');
    inventory.removeNode('old', 'test');
    inventory.close();
    await secrets.set(rpcTokenRef('10.0.0.5', 'kubo'), 'token of the new node');
    const reopened = world(dataDir, secrets);
    reopened.inventory.addNode(sampleNode({ name: 'new', kuboContainer: 'kubo' }), 'test');
    await reopened.inventory.purgeRemovedSecrets();
    expect(await secrets.get(rpcTokenRef('10.0.0.5', 'kubo'))).toBe('token of the new node');
    reopened.inventory.close();
  });

  it('nodes.remove answers once the secrets are gone, or says why they are not', async () => {
    const dataDir = tempDir();
    const secrets = new FileSecretStore({ dataDir, passphrase: 'test passphrase', kdf });
    const { inventory, ssh } = world(dataDir, secrets);
    const router = createRouter(inventoryHandlers(inventory, new EventBus(), 'test') as Handlers, { error: () => {} });
    inventory.addNode(sampleNode({ name: 'a', host: '10.0.0.4' }), 'test');
    await ssh.set({ name: 'a', method: 'password', password: 'pw' });
    expect(await router.call('nodes.remove', { name: 'a' })).toEqual({ ok: true, data: { removed: 'a', secretsPending: null } });
    expect(storedRefs(dataDir)).toEqual([]);
    inventory.close();

    const locked = world(tempDir(), new LockedSecretStore());
    const lockedRouter = createRouter(inventoryHandlers(locked.inventory, new EventBus(), 'test') as Handlers, { error: () => {} });
    locked.inventory.addNode(sampleNode({ name: 'b' }), 'test');
    const answer = await lockedRouter.call('nodes.remove', { name: 'b' });
    expect(answer).toMatchObject({ ok: true, data: { removed: 'b', secretsPending: expect.stringMatching(/could not be deleted from the secret store yet .*locked/) } });
    locked.inventory.close();
  });
});
