// The encrypted file store: what goes in comes out with the right passphrase, nothing readable is on
// disk, a wrong passphrase is told apart clearly, and the file is this user's alone.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../src-main/secrets/file-secret-store.js';

// A low scrypt cost keeps the suite fast; the file records the cost it was written with.
const kdf = { N: 1024, r: 8, p: 1 };
const SECRET = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA-very-secret\n-----END OPENSSH PRIVATE KEY-----';
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pinfleet-secrets-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const store = (passphrase = 'correct horse battery staple') => new FileSecretStore({ dataDir, passphrase, kdf });

describe('FileSecretStore', () => {
  it('round-trips values across instances, and answers null for an unknown reference', async () => {
    await store().set('ssh/node-1', SECRET);
    await store().set('ssh/node-2', 'pw ünïcødé');
    expect(await store().get('ssh/node-1')).toBe(SECRET);
    expect(await store().get('ssh/node-2')).toBe('pw ünïcødé');
    expect(await store().get('ssh/node-3')).toBeNull();
  });

  it('overwrites and deletes', async () => {
    const s = store();
    await s.set('ref', 'one');
    await s.set('ref', 'two');
    expect(await s.get('ref')).toBe('two');
    await s.delete('ref');
    expect(await s.get('ref')).toBeNull();
    await s.delete('never-set'); // no error
  });

  it('keeps nothing readable on disk, and the file is mode 0600', async () => {
    await store().set('ssh/node-1', SECRET);
    const file = join(dataDir, 'secrets.enc.json');
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('very-secret');
    expect(raw).not.toContain('OPENSSH');
    expect(raw).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 20));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a wrong passphrase with secret_store_locked and changes nothing', async () => {
    await store().set('ref', 'value');
    const before = readFileSync(join(dataDir, 'secrets.enc.json'), 'utf8');
    await expect(store('wrong').get('ref')).rejects.toMatchObject({ code: 'secret_store_locked', message: expect.stringMatching(/does not open/) });
    await expect(store('wrong').set('ref', 'other')).rejects.toMatchObject({ code: 'secret_store_locked' });
    expect(readFileSync(join(dataDir, 'secrets.enc.json'), 'utf8')).toBe(before);
    expect(await store().get('ref')).toBe('value');
  });

  it('will not let a sealed value be moved to another reference', async () => {
    await store().set('a', 'for a');
    await store().set('b', 'for b');
    const file = join(dataDir, 'secrets.enc.json');
    const contents = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    contents.entries.b = contents.entries.a;
    writeFileSync(file, JSON.stringify(contents));
    await expect(store().get('b')).rejects.toThrow(/damaged/);
  });

  it('refuses an empty passphrase', () => {
    expect(() => store('')).toThrow(expect.objectContaining({ code: 'secret_store_locked' }));
  });
});
