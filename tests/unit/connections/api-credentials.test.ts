// The API.Authorizations credential: the header kubo compares, the status shown (never the value),
// the clear-text warning, the CLI flags, and the service's storage split (secret store vs SQLite).
import { describe, expect, it } from 'vitest';
import { apiAccessStatus, apiSecretRefFor, authorizationHeader, ApiCredentialService } from '../../../src-main/connections/api-credentials.js';
import { apiCredentialsInputFromFlags } from '../../../src-main/cli/commands/credentials.js';
import { openStorage } from '../../../src-main/inventory/index.js';
import type { SecretStore } from '../../../src-main/secrets/secret-store.js';
import { apiCredentialsInput } from '../../../src-preload/contract/schemas.js';
import { sampleNode, tempDir } from '../inventory/inventory-test-kit.js';

class MemoryStore implements SecretStore {
  readonly kind = 'memory';
  readonly entries = new Map<string, string>();
  async get(ref: string) {
    return this.entries.get(ref) ?? null;
  }
  async set(ref: string, value: string) {
    this.entries.set(ref, value);
  }
  async delete(ref: string) {
    this.entries.delete(ref);
  }
}

describe('authorizationHeader', () => {
  it('is what kubo compares with bearer:… and basic:user:password', () => {
    expect(authorizationHeader({ scheme: 'bearer', token: 'abc' })).toBe('Bearer abc');
    expect(authorizationHeader({ scheme: 'basic', user: 'ops', password: 'p:ss' })).toBe(`Basic ${Buffer.from('ops:p:ss').toString('base64')}`);
  });
});

describe('apiAccessStatus', () => {
  it.each([
    [{ apiUrl: null }, 'bearer', 'tunnel', []],
    [{ apiUrl: 'https://n.example:5001' }, 'bearer', 'direct', []],
    [{ apiUrl: 'http://127.0.0.5:5001' }, 'basic', 'direct', []],
    [{ apiUrl: 'http://[::1]:5001' }, 'basic', 'direct', []],
    [{ apiUrl: 'http://n.example:5001' }, null, 'direct', []],
    [{ apiUrl: 'http://n.example:5001' }, 'bearer', 'direct', ['rpc_credential_cleartext']],
    [{ apiUrl: 'http://10.0.0.5:5001' }, 'basic', 'direct', ['rpc_credential_cleartext']],
  ] as const)('%o with %s → %s, warnings %o', (node, credential, mode, codes) => {
    const status = apiAccessStatus({ name: 'n1', ...node }, credential);
    expect(status.mode).toBe(mode);
    expect(status.warnings.map((w) => w.code)).toEqual(codes);
  });
});

describe('ApiCredentialService', () => {
  it('keeps the value in the secret store, the scheme in SQLite, and removes both with none', async () => {
    const { inventory, opened } = openStorage({ dataDir: tempDir() });
    const node = inventory.addNode(sampleNode({ name: 'n1', apiUrl: 'https://n1.example:5001' }), 'cli');
    const secrets = new MemoryStore();
    const service = new ApiCredentialService({ inventory, db: opened.db, secrets, actor: 'test' });
    expect(await service.authorization(node)).toEqual({ header: null, version: '' });
    const status = await service.set(apiCredentialsInput.parse({ name: 'n1', scheme: 'bearer', token: 'tok-123456' }));
    expect(status).toEqual({ mode: 'direct', url: 'https://n1.example:5001', credential: 'bearer', warnings: [] });
    expect(JSON.parse(secrets.entries.get(apiSecretRefFor(node.id))!)).toEqual({ scheme: 'bearer', token: 'tok-123456' });
    expect(JSON.stringify(opened.db.prepare('SELECT * FROM node_api_credentials').all())).not.toContain('tok-123456');
    expect(JSON.stringify(opened.db.prepare('SELECT * FROM audit_log').all())).not.toContain('tok-123456');
    expect((await service.authorization(node)).header).toBe('Bearer tok-123456');
    await service.set(apiCredentialsInput.parse({ name: 'n1', scheme: 'none' }));
    expect(secrets.entries.size).toBe(0);
    expect(service.status(node).credential).toBeNull();
    inventory.close();
  });

  it('says how to fix a credential whose secret went missing', async () => {
    const { inventory, opened } = openStorage({ dataDir: tempDir() });
    const node = inventory.addNode(sampleNode({ name: 'n1' }), 'cli');
    const secrets = new MemoryStore();
    const service = new ApiCredentialService({ inventory, db: opened.db, secrets, actor: 'test' });
    await service.set(apiCredentialsInput.parse({ name: 'n1', scheme: 'basic', user: 'u', password: 'p' }));
    secrets.entries.clear();
    await expect(service.authorization(node)).rejects.toMatchObject({ code: 'kubo_auth_failed', message: expect.stringContaining('--api-token-stdin') });
    inventory.close();
  });
});

describe('the contract and the CLI', () => {
  it('refuses tokens with spaces and users with colons', () => {
    expect(apiCredentialsInput.safeParse({ name: 'n1', scheme: 'bearer', token: 'a b' }).success).toBe(false);
    expect(apiCredentialsInput.safeParse({ name: 'n1', scheme: 'basic', user: 'a:b', password: 'x' }).success).toBe(false);
  });

  it('reads the token or user:password from the first line of stdin', () => {
    expect(apiCredentialsInputFromFlags('n1', { 'api-token-stdin': true }, 'tok\nignored')).toEqual({ name: 'n1', scheme: 'bearer', token: 'tok' });
    expect(apiCredentialsInputFromFlags('n1', { 'api-basic-stdin': true }, 'ops:pa:ss\n')).toEqual({ name: 'n1', scheme: 'basic', user: 'ops', password: 'pa:ss' });
    expect(apiCredentialsInputFromFlags('n1', { 'api-none': true }, null)).toEqual({ name: 'n1', scheme: 'none' });
    expect(() => apiCredentialsInputFromFlags('n1', { 'api-basic-stdin': true }, 'no-colon')).toThrow(/user:password/);
    expect(() => apiCredentialsInputFromFlags('n1', { 'api-none': true, 'api-token-stdin': true }, 'x')).toThrow(/exactly one/);
  });
});
