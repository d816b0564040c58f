// The encrypted file store (file-secret-store.ts) with its passphrase kept in the OS keyring, so an
// admin with a desktop keyring never types one. The keyring is asked lazily, on the first use of a
// secret, not at start-up: most commands need no secret, and a keyring may prompt or be slow.
//
// First use: no entry in the keyring and no secrets file yet → a random 32-byte passphrase is
// generated and stored in the keyring (read back to be sure), then the file is created with it.
// An entry that went missing while the file exists is NOT replaced (that would orphan every secret
// sealed with the old one): the store is locked and says so. A keyring that does not answer (no
// D-Bus session, none installed) leaves the store locked with the three ways to unlock it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { ENCRYPTED_SECRETS_FILE, FileSecretStore } from './file-secret-store.js';
import { LockedSecretStore, UNLOCK_ADVICE } from './locked-secret-store.js';
import type { PassphraseKeyring } from './os-keyring.js';
import type { SecretStore } from './secret-store.js';

export interface KeyringSecretStoreOptions {
  dataDir: string;
  keyring: PassphraseKeyring;
  kdf?: { N: number; r: number; p: number };
  /** Tests pass a fixed one; by default 32 random bytes, base64url. */
  newPassphrase?: () => string;
}

/** A store that holds nothing yet: reads find nothing, deletes have nothing to do. */
const EMPTY: SecretStore = { kind: 'empty', get: async () => null, set: async () => {}, delete: async () => {} };

export function keyringUnavailableAdvice(description: string, why: string): string {
  return `${description} did not answer (${why}). ${UNLOCK_ADVICE}`;
}

export function keyringEntryMissingAdvice(description: string, file: string): string {
  return (
    `${file} exists, but ${description} no longer holds its passphrase (service pinfleet, account secrets-passphrase), ` +
    'so it is not replaced: that would orphan every stored secret. Set PINFLEET_SECRETS_PASSPHRASE to the passphrase it was created with, ' +
    'or move the file aside and set the credentials again.'
  );
}

export class KeyringSecretStore implements SecretStore {
  readonly kind: string;
  private readonly file: string;
  private resolved: FileSecretStore | null = null;
  /** One creation at a time: two secrets saved at once must not generate two passphrases. */
  private creating: Promise<FileSecretStore> | null = null;

  constructor(private readonly options: KeyringSecretStoreOptions) {
    this.kind = `encrypted file (passphrase kept in ${options.keyring.description})`;
    this.file = path.join(options.dataDir, ENCRYPTED_SECRETS_FILE);
  }

  async get(ref: string): Promise<string | null> {
    return (await this.open(false)).get(ref);
  }

  async set(ref: string, value: string): Promise<void> {
    return (await this.open(true)).set(ref, value);
  }

  async delete(ref: string): Promise<void> {
    return (await this.open(false)).delete(ref);
  }

  private fileStore(passphrase: string): FileSecretStore {
    return new FileSecretStore({ dataDir: this.options.dataDir, passphrase, kdf: this.options.kdf, passphraseSource: this.options.keyring.description });
  }

  private async open(create: boolean): Promise<SecretStore> {
    if (this.resolved) return this.resolved;
    const { keyring } = this.options;
    const answer = await keyring.lookup();
    if (answer.kind === 'found') return (this.resolved = this.fileStore(answer.value));
    // Not cached: the keyring may be unlocked or started later in this process's life.
    if (answer.kind === 'unavailable') return new LockedSecretStore(keyringUnavailableAdvice(keyring.description, answer.why));
    if (fs.existsSync(this.file)) return new LockedSecretStore(keyringEntryMissingAdvice(keyring.description, this.file));
    if (!create) return EMPTY;
    this.creating ??= this.create().finally(() => (this.creating = null));
    return this.creating;
  }

  private async create(): Promise<FileSecretStore> {
    const { keyring } = this.options;
    const passphrase = (this.options.newPassphrase ?? (() => randomBytes(32).toString('base64url')))();
    await keyring.store(passphrase).catch((error: unknown) => {
      throw new PinfleetError('secret_store_locked', keyringUnavailableAdvice(keyring.description, (error as Error).message));
    });
    // Read it back: a keyring can accept a write it does not keep, and another Pinfleet process
    // may have stored its own a moment ago (then theirs is the one to use).
    const stored = await keyring.lookup();
    if (stored.kind !== 'found') {
      throw new PinfleetError('secret_store_locked', keyringUnavailableAdvice(keyring.description, 'the passphrase it was given could not be read back'));
    }
    return (this.resolved = this.fileStore(stored.value));
  }
}
