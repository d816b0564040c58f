// Secrets for plain Node (the CLI, `pinfleet serve`, tests): one file, <dataDir>/secrets.enc.json,
// each value sealed with AES-256-GCM under a key derived by scrypt from the admin's passphrase
// (PINFLEET_SECRETS_PASSPHRASE). The reference is bound in as associated data, so a sealed value
// cannot be moved to another reference. A check value tells a wrong passphrase apart from damage.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import path from 'node:path';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { readJsonFile, writeJsonFileAtomic } from './secret-file.js';
import type { SecretStore } from './secret-store.js';

export const ENCRYPTED_SECRETS_FILE = 'secrets.enc.json';
const CHECK_REF = '\0pinfleet-passphrase-check';
const CHECK_VALUE = 'pinfleet';

interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

interface KdfParams {
  name: 'scrypt';
  salt: string;
  N: number;
  r: number;
  p: number;
}

interface EncryptedFile {
  version: 1;
  kdf: KdfParams;
  check: Sealed;
  entries: Record<string, Sealed>;
}

/** 2^15 × 8 × 128 B = 32 MiB of memory per derivation: slow for a guesser, ~0.1 s once per start for us. */
const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 };

export interface FileSecretStoreOptions {
  dataDir: string;
  passphrase: string;
  /** Tests lower the scrypt cost; the file records what it was written with. */
  kdf?: { N: number; r: number; p: number };
  /** Where the passphrase came from, for messages (default: PINFLEET_SECRETS_PASSPHRASE). */
  passphraseSource?: string;
}

export class FileSecretStore implements SecretStore {
  readonly kind: string;
  readonly file: string;
  /** The derived key and the salt it belongs to (another process may have recreated the file). */
  private key: { salt: string; value: Buffer } | null = null;

  constructor(private readonly options: FileSecretStoreOptions) {
    if (options.passphrase.length === 0) throw new PinfleetError('secret_store_locked', 'The secret-store passphrase is empty.');
    this.file = path.join(options.dataDir, ENCRYPTED_SECRETS_FILE);
    this.kind = `encrypted file (passphrase from ${options.passphraseSource ?? 'PINFLEET_SECRETS_PASSPHRASE'})`;
  }

  async get(ref: string): Promise<string | null> {
    const contents = this.load();
    if (!contents) return null;
    const sealed = contents.entries[ref];
    if (!sealed) return null;
    const key = this.unlock(contents); // A wrong passphrase must say so, not look like damage.
    try {
      return open(key, sealed, ref);
    } catch {
      throw new PinfleetError('internal', `The secret "${ref}" in ${this.file} is damaged and cannot be read; set it again.`);
    }
  }

  async set(ref: string, value: string): Promise<void> {
    const contents = this.load() ?? this.create();
    const key = this.unlock(contents);
    contents.entries[ref] = seal(key, value, ref);
    writeJsonFileAtomic(this.file, contents);
  }

  async delete(ref: string): Promise<void> {
    const contents = this.load();
    if (!contents || !(ref in contents.entries)) return;
    this.unlock(contents);
    delete contents.entries[ref];
    writeJsonFileAtomic(this.file, contents);
  }

  private load(): EncryptedFile | null {
    let contents: EncryptedFile | null;
    try {
      contents = readJsonFile<EncryptedFile>(this.file);
    } catch (error) {
      throw new PinfleetError('internal', `${this.file} cannot be read (${(error as Error).message}); restore it from a backup or move it aside.`);
    }
    if (contents && (contents.version !== 1 || contents.kdf?.name !== 'scrypt' || !contents.check || !contents.entries)) {
      throw new PinfleetError('internal', `${this.file} is not a Pinfleet secret store this version understands; move it aside.`);
    }
    return contents;
  }

  private create(): EncryptedFile {
    const kdf: KdfParams = { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...(this.options.kdf ?? DEFAULT_KDF) };
    const key = derive(this.options.passphrase, kdf);
    this.key = { salt: kdf.salt, value: key };
    return { version: 1, kdf, check: seal(key, CHECK_VALUE, CHECK_REF), entries: {} };
  }

  /** The key for this file, after proving the passphrase opens it. */
  private unlock(contents: EncryptedFile): Buffer {
    const key = this.key?.salt === contents.kdf.salt ? this.key.value : derive(this.options.passphrase, contents.kdf);
    let ok = false;
    try {
      ok = open(key, contents.check, CHECK_REF) === CHECK_VALUE;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new PinfleetError(
        'secret_store_locked',
        `The passphrase from ${this.options.passphraseSource ?? 'PINFLEET_SECRETS_PASSPHRASE'} does not open ${this.file}. ` +
          'Use the passphrase it was created with (set PINFLEET_SECRETS_PASSPHRASE to it); nothing was read or changed.',
      );
    }
    this.key = { salt: contents.kdf.salt, value: key };
    return key;
  }
}

function derive(passphrase: string, kdf: KdfParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
}

function seal(key: Buffer, value: string, ref: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(ref, 'utf8'));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function open(key: Buffer, sealed: Sealed, ref: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(ref, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}
