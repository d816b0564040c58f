import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseSecretStore, openSecretStore, PLAINTEXT_WARNING } from '../../../src-main/secrets/choose-secret-store.js';
import { KeyringSecretStore } from '../../../src-main/secrets/keyring-secret-store.js';
import { LockedSecretStore } from '../../../src-main/secrets/locked-secret-store.js';
import { keyringForPlatform } from '../../../src-main/secrets/os-keyring.js';
import type { SecretStore } from '../../../src-main/secrets/secret-store.js';

describe('chooseSecretStore', () => {
  it.each([
    [{ provided: true, passphrase: 'p', allowPlaintext: true }, 'provided'],
    [{ provided: false, passphrase: 'p', allowPlaintext: true }, 'encrypted-file'],
    [{ provided: false, passphrase: '', allowPlaintext: false }, 'locked'],
    [{ provided: false, passphrase: undefined, allowPlaintext: true }, 'plaintext-file'],
    [{ provided: false, passphrase: undefined, allowPlaintext: false }, 'locked'],
    // The keyring comes after every explicit choice, and before locked.
    [{ provided: false, passphrase: 'p', allowPlaintext: false, keyring: true }, 'encrypted-file'],
    [{ provided: false, passphrase: undefined, allowPlaintext: true, keyring: true }, 'plaintext-file'],
    [{ provided: false, passphrase: undefined, allowPlaintext: false, keyring: true }, 'keyring-file'],
    [{ provided: false, passphrase: '', allowPlaintext: false, keyring: false }, 'locked'],
  ] as const)('%o → %s', (env, choice) => {
    expect(chooseSecretStore(env)).toBe(choice);
  });
});

describe('openSecretStore', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pinfleet-choose-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses the OS keyring when there is one and no explicit choice', () => {
    expect(openSecretStore(dataDir, undefined, {}, () => {}, keyringForPlatform('linux'))).toBeInstanceOf(KeyringSecretStore);
  });

  it('without passphrase, keyring or keychain is locked, and says the three ways to unlock', async () => {
    for (const store of [openSecretStore(dataDir, undefined, {}, () => {}, null), openSecretStore(dataDir, undefined, { PINFLEET_SECRETS_KEYRING: 'off' }, () => {}, keyringForPlatform('linux'))]) {
      expect(store).toBeInstanceOf(LockedSecretStore);
      await expect(store.get('x')).rejects.toMatchObject({ code: 'secret_store_locked', message: expect.stringContaining('OS keyring') });
    }
    const store = openSecretStore(dataDir, undefined, {}, () => {}, null);
    await expect(store.get('x')).rejects.toMatchObject({ code: 'secret_store_locked', message: expect.stringContaining('PINFLEET_SECRETS_PASSPHRASE') });
    await expect(store.set('x', 'y')).rejects.toMatchObject({ code: 'secret_store_locked' });
  });

  it('uses a provided store as is', () => {
    const provided: SecretStore = { kind: 'test', get: async () => null, set: async () => {}, delete: async () => {} };
    expect(openSecretStore(dataDir, provided, { PINFLEET_SECRETS_PASSPHRASE: 'p' })).toBe(provided);
  });

  it('warns when plaintext is explicitly allowed', async () => {
    const warnings: string[] = [];
    const store = openSecretStore(dataDir, undefined, { PINFLEET_ALLOW_PLAINTEXT_SECRETS: '1' }, (m) => warnings.push(m));
    expect(warnings).toEqual([PLAINTEXT_WARNING]);
    await store.set('a', 'b');
    expect(await store.get('a')).toBe('b');
  });

  it('opens the encrypted file store with a passphrase', () => {
    expect(openSecretStore(dataDir, undefined, { PINFLEET_SECRETS_PASSPHRASE: 'p' }).kind).toMatch(/encrypted file/);
  });
});
