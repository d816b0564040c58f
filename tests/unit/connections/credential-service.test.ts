// Credentials per node against a real inventory database and real key files: secrets reach only
// the secret store, a key file without a passphrase works with the store locked, and bad keys are
// refused with a sentence that says what to do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialService, resolveKeyPath } from '../../../src-main/connections/credential-service.js';
import { openStorage, type Inventory } from '../../../src-main/inventory/index.js';
import { nodeFields } from '../../../src-preload/contract/schemas.js';
import { FileSecretStore } from '../../../src-main/secrets/file-secret-store.js';
import { LockedSecretStore } from '../../../src-main/secrets/locked-secret-store.js';
import type { SecretStore } from '../../../src-main/secrets/secret-store.js';

let dir: string;
let inventory: Inventory;
let db: Database.Database;

function keyPair(name: string, passphrase = ''): string {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', file]);
  return file;
}

function service(secrets: SecretStore, environment: NodeJS.ProcessEnv = { HOME: dir }) {
  return new CredentialService({ inventory, db, secrets, actor: 'test', environment });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinfleet-creds-'));
  const storage = openStorage({ dataDir: join(dir, 'data') });
  inventory = storage.inventory;
  db = storage.opened.db;
  inventory.addNode(nodeFields.parse({ name: 'node1', host: '127.0.0.11' }), 'test');
});
afterEach(() => {
  inventory.close();
  rmSync(dir, { recursive: true, force: true });
});

const fileStore = () => new FileSecretStore({ dataDir: join(dir, 'data'), passphrase: 'pp', kdf: { N: 1024, r: 8, p: 1 } });

/** Every byte Pinfleet keeps in its data folder, as text. */
function everythingOnDisk(): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return readdirSync(join(dir, 'data'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');
}

describe('CredentialService', () => {
  it('a key file without passphrase needs no secret store: set, get and authFor work while it is locked', async () => {
    const key = keyPair('id_plain');
    const creds = service(new LockedSecretStore());
    expect(await creds.set({ name: 'node1', method: 'keyFile', keyPath: key })).toEqual({ name: 'node1', method: 'keyFile', keyPath: key, hasSecret: false });
    expect(creds.get('node1').method).toBe('keyFile');
    const auth = await creds.authFor(inventory.getNode('node1'));
    expect(auth).toMatchObject({ kind: 'key' });
    expect(auth.kind === 'key' && Buffer.from(auth.privateKey).toString()).toContain('OPENSSH PRIVATE KEY');
  });

  it('keeps a password and a pasted key only in the secret store, never in SQLite', async () => {
    const creds = service(fileStore());
    await creds.set({ name: 'node1', method: 'password', password: 'Sup3r-Secret-Pw' });
    expect(await creds.authFor(inventory.getNode('node1'))).toEqual({ kind: 'password', password: 'Sup3r-Secret-Pw' });
    const pasted = readFileSync(keyPair('id_pasted'), 'utf8');
    const status = await creds.set({ name: 'node1', method: 'storedKey', privateKey: pasted });
    expect(status.hasSecret).toBe(true);
    expect(await creds.authFor(inventory.getNode('node1'))).toEqual({ kind: 'key', privateKey: pasted });
    const disk = everythingOnDisk();
    expect(disk).not.toContain('Sup3r-Secret-Pw');
    expect(disk).not.toContain(pasted.split('\n')[1]!);
  });

  it('audits what changed, without the secret', async () => {
    await service(fileStore()).set({ name: 'node1', method: 'password', password: 'Sup3r-Secret-Pw' });
    const entry = inventory.listAudit(5).find((e) => e.action === 'credentials.set');
    expect(entry).toMatchObject({ actor: 'test', target: 'node1' });
    expect(entry?.detail).toContain('"method":"password"');
    expect(entry?.detail).not.toContain('Sup3r');
  });

  it('a secret that needs the store fails with secret_store_locked while it is locked, and nothing is saved', async () => {
    const creds = service(new LockedSecretStore());
    await expect(creds.set({ name: 'node1', method: 'password', password: 'pw' })).rejects.toMatchObject({ code: 'secret_store_locked' });
    expect(creds.get('node1').method).toBeNull();
  });

  it('an encrypted key file needs its passphrase, which is checked and stored', async () => {
    const key = keyPair('id_locked', 'key-pass-phrase');
    const creds = service(fileStore());
    await expect(creds.set({ name: 'node1', method: 'keyFile', keyPath: key })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/encrypted: give its passphrase/) });
    await expect(creds.set({ name: 'node1', method: 'keyFile', keyPath: key, passphrase: 'wrong' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await creds.set({ name: 'node1', method: 'keyFile', keyPath: key, passphrase: 'key-pass-phrase' })).hasSecret).toBe(true);
    expect(await creds.authFor(inventory.getNode('node1'))).toMatchObject({ kind: 'key', passphrase: 'key-pass-phrase' });
  });

  it('refuses a public key, a missing file and a relative path', async () => {
    const key = keyPair('id_pub');
    const creds = service(new LockedSecretStore());
    await expect(creds.set({ name: 'node1', method: 'keyFile', keyPath: `${key}.pub` })).rejects.toThrow(/public key/);
    await expect(creds.set({ name: 'node1', method: 'keyFile', keyPath: join(dir, 'nope') })).rejects.toThrow(/cannot be read \(ENOENT\)/);
    await expect(creds.set({ name: 'node1', method: 'keyFile', keyPath: 'id_pub' })).rejects.toThrow(/not an absolute path/);
  });

  it('explains missing credentials and a missing agent as auth_failed', async () => {
    const creds = service(new LockedSecretStore(), { HOME: dir });
    await expect(creds.authFor(inventory.getNode('node1'))).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('pinfleet credentials set node1') });
    await creds.set({ name: 'node1', method: 'agent' });
    await expect(creds.authFor(inventory.getNode('node1'))).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('SSH_AUTH_SOCK') });
    const withAgent = service(new LockedSecretStore(), { SSH_AUTH_SOCK: '/run/agent.sock' });
    expect(await withAgent.authFor(inventory.getNode('node1'))).toEqual({ kind: 'agent', agentSocket: '/run/agent.sock' });
  });
});

describe('resolveKeyPath', () => {
  it.each([
    ['~/.ssh/id_ed25519', '/home/admin/.ssh/id_ed25519'],
    ['/etc/keys/../keys/a', '/etc/keys/a'],
  ])('%s → %s', (input, expected) => {
    expect(resolveKeyPath(input, '/home/admin')).toBe(expected);
  });
});
