// A host-key pin changes only through hostKeys.trust/replace: nodes.update refuses a fingerprint,
// and moving a node (host, SSH port, direct RPC URL) clears its pin, and for a new URL drops the RPC
// credential meant for the old one, so nothing secret reaches the new address before the admin
// confirms it again.
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiCredentialService } from '../../../src-main/connections/api-credentials.js';
import { createRouter } from '../../../src-main/core/router.js';
import { EventBus } from '../../../src-main/core/events.js';
import { addressChange } from '../../../src-main/inventory/pin-rules.js';
import { openStorage } from '../../../src-main/inventory/index.js';
import { inventoryHandlers } from '../../../src-main/services/inventory-handlers.js';
import { FileSecretStore } from '../../../src-main/secrets/file-secret-store.js';
import type { Handlers } from '../../../src-main/core/router.js';
import { expectCode, sampleNode, tempDir } from './inventory-test-kit.js';

const fp = (c: string) => `SHA256:${c.repeat(43)}`;

describe('addressChange', () => {
  const at = { host: 'node1.example', sshPort: 22, apiUrl: null as string | null };
  it.each([
    ['nothing', at, { clearPin: false, dropApiCredential: false }],
    ['only the case of the host', { ...at, host: 'NODE1.example' }, { clearPin: false, dropApiCredential: false }],
    ['the host', { ...at, host: 'node2.example' }, { clearPin: true, dropApiCredential: false }],
    ['the SSH port', { ...at, sshPort: 2222 }, { clearPin: true, dropApiCredential: false }],
    ['a new direct URL', { ...at, apiUrl: 'https://node9.example:5001' }, { clearPin: true, dropApiCredential: true }],
  ])('%s', (_label, after, expected) => {
    expect(addressChange(at, after)).toMatchObject(expected);
  });
  it('a direct URL back to the tunnel clears the pin but keeps the credential (the tunnel needs the ceremony first)', () => {
    expect(addressChange({ ...at, apiUrl: 'https://a:5001' }, at)).toMatchObject({ clearPin: true, dropApiCredential: false });
  });
});

function world() {
  const dataDir = tempDir();
  const secrets = new FileSecretStore({ dataDir, passphrase: 'test passphrase', kdf: { N: 1024, r: 8, p: 1 } });
  const { inventory, opened } = openStorage({ dataDir, secrets });
  const api = new ApiCredentialService({ inventory, db: opened.db, secrets, actor: 'test' });
  const router = createRouter(inventoryHandlers(inventory, new EventBus(), 'test') as Handlers, { error: () => {} });
  const refs = () => Object.keys((JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.enc.json'), 'utf8')) as { entries: object }).entries);
  return { inventory, api, router, refs };
}

describe('nodes.update and the host-key pin', () => {
  it('the router refuses a fingerprint in nodes.update with invalid_input pointing to hostkeys trust', async () => {
    const { inventory, router } = world();
    inventory.addNode(sampleNode(), 'test');
    const answer = await router.call('nodes.update', { name: 'node1', changes: { host: '10.0.0.9', hostKeyFingerprint: fp('B') } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('pinfleet hostkeys trust') } });
    expect(inventory.getNode('node1')).toMatchObject({ host: '10.0.0.5', hostKeyFingerprint: null });
    inventory.close();
  });

  it('the inventory itself refuses another pin, whoever calls it; pinHostKey sets it, audited', () => {
    const { inventory } = world();
    inventory.addNode(sampleNode({ hostKeyFingerprint: fp('A') }), 'test');
    const refused = expectCode(() => inventory.updateNode('node1', { hostKeyFingerprint: fp('B') }, 'test'), 'invalid_input');
    expect(refused.message).toContain('pinfleet hostkeys trust node1');
    expectCode(() => inventory.updateNode('node1', { hostKeyFingerprint: null }, 'test'), 'invalid_input');
    expect(inventory.getNode('node1').hostKeyFingerprint).toBe(fp('A'));
    expect(inventory.updateNode('node1', { hostKeyFingerprint: fp('A'), region: 'eu' }, 'test').region).toBe('eu');
    expect(inventory.pinHostKey('node1', fp('B'), 'test').hostKeyFingerprint).toBe(fp('B'));
    expect(JSON.parse(inventory.listAudit(1)[0]!.detail)).toEqual({ changes: { hostKeyFingerprint: { from: fp('A'), to: fp('B') } } });
    inventory.close();
  });

  it('a new host clears the pin and keeps the RPC credential (the tunnel waits for trust)', async () => {
    const { inventory, api, router } = world();
    inventory.addNode(sampleNode({ hostKeyFingerprint: fp('A') }), 'test');
    await api.set({ name: 'node1', scheme: 'bearer', token: 't' });
    const answer = await router.call('nodes.update', { name: 'node1', changes: { host: '10.0.0.9' } });
    expect(answer).toMatchObject({ ok: true, data: { host: '10.0.0.9', hostKeyFingerprint: null } });
    expect(api.status(inventory.getNode('node1')).credential).toBe('bearer');
    expect(JSON.parse(inventory.listAudit(1)[0]!.detail).changes.hostKeyFingerprint).toEqual({ from: fp('A'), to: null });
    inventory.close();
  });

  it('a new direct RPC URL clears the pin and drops the RPC credential from the inventory and the store', async () => {
    const { inventory, api, router, refs } = world();
    inventory.addNode(sampleNode({ hostKeyFingerprint: fp('A'), apiUrl: 'https://10.0.0.5:5001' }), 'test');
    await api.set({ name: 'node1', scheme: 'bearer', token: 'the-token' });
    expect(refs()).toEqual(['kubo-api/node-1']);
    const answer = await router.call('nodes.update', { name: 'node1', changes: { apiUrl: 'https://10.6.6.6:5001' } });
    expect(answer).toMatchObject({ ok: true, data: { apiUrl: 'https://10.6.6.6:5001', hostKeyFingerprint: null } });
    const node = inventory.getNode('node1');
    expect(api.status(node).credential).toBeNull();
    expect(await api.authorization(node)).toEqual({ header: null, version: '' });
    await inventory.purgeRemovedSecrets();
    expect(refs()).toEqual([]);
    expect(JSON.parse(inventory.listAudit(1)[0]!.detail)).toMatchObject({ apiCredentialDropped: true });
    inventory.close();
  });

  it('an import that moves an existing node clears its pin the same way', async () => {
    const { inventory, api, refs } = world();
    inventory.addNode(sampleNode({ hostKeyFingerprint: fp('A'), apiUrl: 'https://10.0.0.5:5001' }), 'test');
    await api.set({ name: 'node1', scheme: 'bearer', token: 'the-token' });
    const content = JSON.stringify({ format: 'pinfleet-inventory', version: 1, nodes: [{ name: 'node1', host: '10.0.0.9', apiUrl: 'https://10.6.6.6:5001', hostKeyFingerprint: fp('A') }] });
    const report = inventory.importInventory('json', content, { update: true }, 'test');
    expect(report.updated).toEqual(['node1']);
    expect(inventory.getNode('node1')).toMatchObject({ host: '10.0.0.9', hostKeyFingerprint: null });
    expect(api.status(inventory.getNode('node1')).credential).toBeNull();
    await inventory.purgeRemovedSecrets();
    expect(refs()).toEqual([]);
    inventory.close();
  });
});

describe('an RPC credential set again after a URL change', () => {
  it('survives a purge that was queued while the store was locked', async () => {
    const { inventory, api, refs } = world();
    inventory.addNode(sampleNode({ apiUrl: 'https://10.0.0.5:5001' }), 'test');
    await api.set({ name: 'node1', scheme: 'bearer', token: 'old' });
    // Queue the drop without letting a purge run first: the situation a locked store leaves behind.
    const originalPurge = inventory.purgeRemovedSecrets.bind(inventory);
    inventory.purgeRemovedSecrets = () => Promise.resolve({ purged: [], left: [], problem: 'locked' });
    inventory.updateNode('node1', { apiUrl: 'https://10.0.0.9:5001' }, 'test');
    await api.set({ name: 'node1', scheme: 'bearer', token: 'new' });
    inventory.purgeRemovedSecrets = originalPurge;
    await inventory.purgeRemovedSecrets();
    expect(refs()).toEqual(['kubo-api/node-1']);
    expect(await api.authorization(inventory.getNode('node1'))).toMatchObject({ header: 'Bearer new' });
    inventory.close();
  });
});
