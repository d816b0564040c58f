// The store when no secret store can be opened: every use says, in one sentence, how to unlock it.
// Key files without a passphrase never touch the store, so the common case keeps working.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { SecretStore } from './secret-store.js';

export const UNLOCK_ADVICE =
  'The secret store is locked. Unlock it one of three ways: set PINFLEET_SECRETS_PASSPHRASE to a passphrase of your choice ' +
  '(it encrypts <data-dir>/secrets.enc.json); or run where the OS keyring answers (Linux: a desktop session with GNOME Keyring or ' +
  'another Secret Service and `secret-tool` from libsecret-tools; macOS Keychain), which then keeps a generated passphrase for you; ' +
  'or use the desktop app, which keeps secrets in the OS keychain. A key file without a passphrase (--key-file) or ssh-agent (--agent) needs no secret store.';

export class LockedSecretStore implements SecretStore {
  readonly kind = 'locked (no passphrase, keyring or keychain)';

  constructor(private readonly advice: string = UNLOCK_ADVICE) {}

  get(): Promise<string | null> {
    return Promise.reject(new PinfleetError('secret_store_locked', this.advice));
  }

  set(): Promise<void> {
    return Promise.reject(new PinfleetError('secret_store_locked', this.advice));
  }

  delete(): Promise<void> {
    return Promise.reject(new PinfleetError('secret_store_locked', this.advice));
  }
}
