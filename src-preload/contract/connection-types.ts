// SSH identity and credentials of a node (issue #4). Secrets never appear here: only whether one is stored.

export type SshAuthMethod = 'agent' | 'keyFile' | 'storedKey' | 'password';

export interface CredentialStatus {
  name: string;
  method: SshAuthMethod | null;
  /** A private key file on this machine, for method keyFile. */
  keyPath: string | null;
  /** Whether a secret (stored key, passphrase or password) is in the secret store. */
  hasSecret: boolean;
}

export interface HostKeyCheck {
  name: string;
  host: string;
  port: number;
  /** e.g. ssh-ed25519 */
  keyType: string;
  /** `SHA256:…`, the string `ssh-keygen -lf` prints. */
  fingerprint: string;
  pinned: string | null;
  /** match: pinned and equal; unknown: nothing pinned yet, confirm it; mismatch: refuse and show both. */
  status: 'match' | 'unknown' | 'mismatch';
}
