// The file store unlocked by a passphrase the keyring keeps, over an in-memory keyring: generated
// once on first write, found by the next process, never replaced when lost, locked with advice
// when the keyring does not answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../../src-main/secrets/keyring-secret-store.js';
import type { KeyringAnswer, PassphraseKeyring } from '../../../src-main/secrets/os-keyring.js';

const kdf = { N: 1024, r: 8, p: 1 };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-keyring-store-'));
  dirs.push(dir);
  return dir;
};

class MemoryKeyring implements PassphraseKeyring {
  readonly description = 'the test keyring';
  value: string | null = null;
  unavailable: string | null = null;
  stores = 0;
  async lookup(): Promise<KeyringAnswer> {
    if (this.unavailable) return { kind: 'unavailable', why: this.unavailable };
    return this.value === null ? { kind: 'missing' } : { kind: 'found', value: this.value };
  }
  async store(value: string) {
    this.stores += 1;
    this.value = value;
  }
  async clear() {
    this.value = null;
  }
}

describe('KeyringSecretStore', () => {
  it('generates and stores a passphrase on the first write only, once even for concurrent writes', async () => {
    const dataDir = tempDir();
    const keyring = new MemoryKeyring();
    const store = new KeyringSecretStore({ dataDir, keyring, kdf });
    expect(await store.get('a')).toBeNull(); // a read before anything was stored generates nothing
    expect(keyring.stores).toBe(0);
    await Promise.all([store.set('a', 'one'), store.set('b', 'two')]);
    expect(keyring.stores).toBe(1);
    expect(Buffer.from(keyring.value!, 'base64url')).toHaveLength(32);
    // Another process: a new store on the same folder and keyring reads both back.
    const again = new KeyringSecretStore({ dataDir, keyring, kdf });
    expect([await again.get('a'), await again.get('b')]).toEqual(['one', 'two']);
    expect(fs.readFileSync(path.join(dataDir, 'secrets.enc.json'), 'utf8')).not.toContain('one');
  });

  it('does not replace a lost passphrase while the file exists: it locks and says why', async () => {
    const dataDir = tempDir();
    const keyring = new MemoryKeyring();
    await new KeyringSecretStore({ dataDir, keyring, kdf }).set('a', 'one');
    await keyring.clear();
    const store = new KeyringSecretStore({ dataDir, keyring, kdf });
    await expect(store.set('a', 'two')).rejects.toMatchObject({ code: 'secret_store_locked', message: expect.stringContaining('no longer holds its passphrase') });
    expect(keyring.value).toBeNull();
  });

  it('is locked with the three ways to unlock when the keyring does not answer, and retries later', async () => {
    const keyring = new MemoryKeyring();
    keyring.unavailable = 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY';
    const store = new KeyringSecretStore({ dataDir: tempDir(), keyring, kdf });
    const error = await store.get('a').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'secret_store_locked' });
    const message = (error as Error).message;
    for (const way of ['PINFLEET_SECRETS_PASSPHRASE', 'OS keyring', 'desktop app', 'Cannot autolaunch D-Bus']) expect(message).toContain(way);
    keyring.unavailable = null;
    await store.set('a', 'one');
    expect(await store.get('a')).toBe('one');
  });

  it('says which passphrase failed when the keyring holds another one than the file was made with', async () => {
    const dataDir = tempDir();
    const keyring = new MemoryKeyring();
    await new KeyringSecretStore({ dataDir, keyring, kdf }).set('a', 'one');
    keyring.value = 'some-other-passphrase';
    await expect(new KeyringSecretStore({ dataDir, keyring, kdf }).get('a')).rejects.toMatchObject({
      code: 'secret_store_locked',
      message: expect.stringContaining('The passphrase from the test keyring does not open'),
    });
  });
});
