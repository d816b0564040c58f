// Which secret store this process uses, decided once at start-up from what is available. Pure, so
// the order of preference is pinned down by a table test:
//   OS keychain (Electron safeStorage, really encrypting) → encrypted file with the admin's
//   passphrase (PINFLEET_SECRETS_PASSPHRASE) → plaintext file only if explicitly allowed →
//   encrypted file with a passphrase kept in the OS keyring (unless PINFLEET_SECRETS_KEYRING=off)
//   → locked. Explicit choices come first; whether the keyring really answers is found out on
//   first use (keyring-secret-store.ts), and a keyring that does not answer locks the store.
import { FileSecretStore } from './file-secret-store.js';
import { KeyringSecretStore } from './keyring-secret-store.js';
import { keyringForPlatform, type PassphraseKeyring } from './os-keyring.js';
import { LockedSecretStore } from './locked-secret-store.js';
import { PlaintextSecretStore } from './plaintext-secret-store.js';
import type { SecretStore } from './secret-store.js';

export type SecretStoreChoice = 'provided' | 'encrypted-file' | 'plaintext-file' | 'keyring-file' | 'locked';

export interface SecretStoreEnvironment {
  /** A store the host already set up (the Electron shell's safeStorage store). */
  provided: boolean;
  passphrase: string | undefined;
  allowPlaintext: boolean;
  /** This OS has a keyring adapter and PINFLEET_SECRETS_KEYRING is not "off". */
  keyring?: boolean;
}

export function chooseSecretStore(env: SecretStoreEnvironment): SecretStoreChoice {
  if (env.provided) return 'provided';
  if (env.passphrase !== undefined && env.passphrase.length > 0) return 'encrypted-file';
  if (env.allowPlaintext) return 'plaintext-file';
  if (env.keyring === true) return 'keyring-file';
  return 'locked';
}

export const PLAINTEXT_WARNING =
  'WARNING: PINFLEET_ALLOW_PLAINTEXT_SECRETS=1: SSH passwords, passphrases and stored keys are kept UNENCRYPTED in the data folder. ' +
  'Set PINFLEET_SECRETS_PASSPHRASE instead to encrypt them.';

/** Reads the environment (only the three PINFLEET_ variables) and builds the chosen store. */
export function openSecretStore(
  dataDir: string,
  provided: SecretStore | undefined,
  environment: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
  keyring: PassphraseKeyring | null = keyringForPlatform(),
): SecretStore {
  const choice = chooseSecretStore({
    provided: provided !== undefined,
    passphrase: environment.PINFLEET_SECRETS_PASSPHRASE,
    allowPlaintext: environment.PINFLEET_ALLOW_PLAINTEXT_SECRETS === '1',
    keyring: keyring !== null && environment.PINFLEET_SECRETS_KEYRING !== 'off',
  });
  switch (choice) {
    case 'provided':
      return provided as SecretStore;
    case 'encrypted-file':
      return new FileSecretStore({ dataDir, passphrase: environment.PINFLEET_SECRETS_PASSPHRASE ?? '' });
    case 'plaintext-file':
      warn(PLAINTEXT_WARNING);
      return new PlaintextSecretStore(dataDir);
    case 'keyring-file':
      return new KeyringSecretStore({ dataDir, keyring: keyring as PassphraseKeyring });
    case 'locked':
      return new LockedSecretStore();
  }
}
