// Where secrets live: SSH private keys, passphrases, passwords, API tokens, the cluster secret.
// Never SQLite in the clear, never the renderer, never a log. Implementations: Electron's
// safeStorage (src-main/shell) and an encrypted file store for plain Node (CLI, web, tests).
export interface SecretStore {
  /** A short description for the UI and errors, e.g. "OS keychain (Electron safeStorage)". */
  readonly kind: string;
  get(ref: string): Promise<string | null>;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
}
