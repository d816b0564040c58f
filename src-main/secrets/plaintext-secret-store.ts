// Only when the admin asked for it with PINFLEET_ALLOW_PLAINTEXT_SECRETS=1 (a throwaway VM, a CI
// box): secrets in <dataDir>/secrets.plaintext.json, mode 0600, NOT encrypted. Whoever can read the
// file can read the secrets; the composition root prints a warning saying so.
import path from 'node:path';
import { SecretEntriesFile } from './secret-file.js';
import type { SecretStore } from './secret-store.js';

export const PLAINTEXT_SECRETS_FILE = 'secrets.plaintext.json';

export class PlaintextSecretStore implements SecretStore {
  readonly kind = 'UNENCRYPTED file (PINFLEET_ALLOW_PLAINTEXT_SECRETS=1)';
  readonly file: string;
  private readonly entries: SecretEntriesFile<string>;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PLAINTEXT_SECRETS_FILE);
    this.entries = new SecretEntriesFile(this.file);
  }

  async get(ref: string): Promise<string | null> {
    return this.entries.read(ref) ?? null;
  }

  async set(ref: string, value: string): Promise<void> {
    this.entries.write(ref, value);
  }

  async delete(ref: string): Promise<void> {
    this.entries.remove(ref);
  }
}
