// Secrets in the desktop app: each value encrypted by Electron's safeStorage (the OS keychain:
// Keychain, DPAPI, libsecret/kwallet) and kept as base64 in <dataDir>/secrets.json (0600). Thin on
// purpose; electron's safeStorage is passed in, so this file imports no electron at run time and
// its pure parts are tested under Node.
import path from 'node:path';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { SecretEntriesFile } from '../secrets/secret-file.js';
import type { SecretStore } from '../secrets/secret-store.js';

export const SAFE_STORAGE_SECRETS_FILE = 'secrets.json';

/** The part of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?: () => string;
}

/**
 * Whether safeStorage really protects secrets here. On Linux without a keyring Electron falls back
 * to 'basic_text' (a key compiled into Chromium): that is plaintext in disguise, so it counts as
 * unavailable unless the admin explicitly allowed plaintext secrets.
 */
export function safeStorageUsable(
  state: { available: boolean; backend: string | null },
  allowPlaintext: boolean,
): { usable: boolean; reason: string | null } {
  if (!state.available) return { usable: false, reason: 'the OS keychain is not available to Electron (safeStorage)' };
  if (state.backend === 'basic_text' && !allowPlaintext) {
    return { usable: false, reason: 'no OS keyring was found (Electron would use its built-in key, which protects nothing)' };
  }
  return { usable: true, reason: null };
}

export function encodeBlob(encrypted: Buffer): string {
  return encrypted.toString('base64');
}

export function decodeBlob(text: string): Buffer {
  return Buffer.from(text, 'base64');
}

export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'OS keychain (Electron safeStorage)';
  readonly file: string;
  /** Each entry is a base64 blob that only safeStorage can decrypt. */
  private readonly entries: SecretEntriesFile<string>;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    dataDir: string,
  ) {
    this.file = path.join(dataDir, SAFE_STORAGE_SECRETS_FILE);
    this.entries = new SecretEntriesFile(this.file);
  }

  async get(ref: string): Promise<string | null> {
    const blob = this.entries.read(ref);
    if (blob === undefined) return null;
    try {
      return this.safeStorage.decryptString(decodeBlob(blob));
    } catch (error) {
      throw new PinfleetError(
        'secret_store_locked',
        `The OS keychain could not decrypt the secret "${ref}" (${(error as Error).message}). Unlock your keychain, or set the credentials again.`,
      );
    }
  }

  async set(ref: string, value: string): Promise<void> {
    this.entries.write(ref, encodeBlob(this.safeStorage.encryptString(value)));
  }

  async delete(ref: string): Promise<void> {
    this.entries.remove(ref);
  }
}

/**
 * The desktop app's store, or undefined (with the reason logged) when safeStorage would not
 * protect anything; compose.ts then falls back to the passphrase file store or a locked store.
 */
export function createSafeStorageSecrets(
  safeStorage: SafeStorageLike,
  dataDir: string,
  log: { warn(message: string): void },
  environment: NodeJS.ProcessEnv = process.env,
): SecretStore | undefined {
  const allowPlaintext = environment.PINFLEET_ALLOW_PLAINTEXT_SECRETS === '1';
  const backend = process.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? null) : null;
  const { usable, reason } = safeStorageUsable({ available: safeStorage.isEncryptionAvailable(), backend }, allowPlaintext);
  if (!usable) {
    log.warn(`Secrets are not kept in the OS keychain: ${reason ?? 'unknown reason'}.`);
    return undefined;
  }
  return new SafeStorageSecretStore(safeStorage, dataDir);
}
