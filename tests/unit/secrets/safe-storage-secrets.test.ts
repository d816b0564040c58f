// The safeStorage store cannot run here (no Electron); its decisions and file handling can, with a
// stand-in for safeStorage that marks values as "encrypted".
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSafeStorageSecrets,
  decodeBlob,
  encodeBlob,
  SafeStorageSecretStore,
  safeStorageUsable,
  type SafeStorageLike,
} from '../../../src-main/shell/safe-storage-secrets.js';

const fakeSafeStorage = (available = true, backend = 'gnome_libsecret'): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (blob) => Buffer.from(blob.map((b) => b ^ 0x5a)).toString('utf8'),
  getSelectedStorageBackend: () => backend,
});

describe('safeStorageUsable', () => {
  it.each([
    [{ available: true, backend: 'gnome_libsecret' }, false, true],
    [{ available: true, backend: null }, false, true],
    [{ available: false, backend: null }, false, false],
    [{ available: false, backend: null }, true, false],
    [{ available: true, backend: 'basic_text' }, false, false],
    [{ available: true, backend: 'basic_text' }, true, true],
  ])('%o, plaintext allowed %s → usable %s', (state, allowPlaintext, usable) => {
    const result = safeStorageUsable(state, allowPlaintext);
    expect(result.usable).toBe(usable);
    expect(result.reason === null).toBe(usable);
  });
});

describe('SafeStorageSecretStore', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pinfleet-safe-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores base64 blobs of what safeStorage returns, mode 0600, and reads them back', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dataDir);
    await store.set('ssh/node-1', 'the-password');
    const raw = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    expect(raw).not.toContain('the-password');
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(await new SafeStorageSecretStore(fakeSafeStorage(), dataDir).get('ssh/node-1')).toBe('the-password');
    await store.delete('ssh/node-1');
    expect(await store.get('ssh/node-1')).toBeNull();
  });

  it('round-trips blobs through base64', () => {
    const blob = Buffer.from([0, 1, 254, 255]);
    expect(decodeBlob(encodeBlob(blob))).toEqual(blob);
  });

  it('reports a keychain that cannot decrypt as secret_store_locked', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dataDir);
    await store.set('ref', 'v');
    const broken = { ...fakeSafeStorage(), decryptString: () => { throw new Error('keychain locked'); } };
    await expect(new SafeStorageSecretStore(broken, dataDir).get('ref')).rejects.toMatchObject({ code: 'secret_store_locked' });
  });

  it('is not created when the keychain would protect nothing', () => {
    const warnings: string[] = [];
    const log = { warn: (m: string) => warnings.push(m) };
    expect(createSafeStorageSecrets(fakeSafeStorage(false), dataDir, log, {})).toBeUndefined();
    expect(createSafeStorageSecrets(fakeSafeStorage(true), dataDir, log, {})).toBeInstanceOf(SafeStorageSecretStore);
    expect(warnings).toHaveLength(1);
  });
});
