// Only when the admin asked for it with PINFLEET_ALLOW_PLAINTEXT_SECRETS=1 (a throwaway VM, a CI
// box): secrets in <dataDir>/secrets.plaintext.json, mode 0600, NOT encrypted. Whoever can read the
// file can read the secrets; the composition root prints a warning saying so.
import path from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from './secret-file.js';
import type { SecretStore } from './secret-store.js';

export const PLAINTEXT_SECRETS_FILE = 'secrets.plaintext.json';

interface PlaintextFile {
  version: 1;
  entries: Record<string, string>;
}

export class PlaintextSecretStore implements SecretStore {
  readonly kind = 'UNENCRYPTED file (PINFLEET_ALLOW_PLAINTEXT_SECRETS=1)';
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PLAINTEXT_SECRETS_FILE);
  }

  async get(ref: string): Promise<string | null> {
    return this.load().entries[ref] ?? null;
  }

  async set(ref: string, value: string): Promise<void> {
    const contents = this.load();
    contents.entries[ref] = value;
    writeJsonFileAtomic(this.file, contents);
  }

  async delete(ref: string): Promise<void> {
    const contents = this.load();
    if (!(ref in contents.entries)) return;
    delete contents.entries[ref];
    writeJsonFileAtomic(this.file, contents);
  }

  private load(): PlaintextFile {
    return readJsonFile<PlaintextFile>(this.file) ?? { version: 1, entries: {} };
  }
}
