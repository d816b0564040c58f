// SSH identity and credentials of a node. Secrets never appear here: only whether one is stored.

export type SshAuthMethod = 'agent' | 'keyFile' | 'storedKey' | 'password';

export interface CredentialStatus {
  name: string;
  method: SshAuthMethod | null;
  /** A private key file on this machine, for method keyFile. */
  keyPath: string | null;
  /** Whether a secret (stored key, passphrase or password) is in the secret store. */
  hasSecret: boolean;
  /** How kubo's RPC API is reached and whether a credential is sent; absent from older answers. */
  api?: ApiAccessStatus;
}

export type ApiCredentialScheme = 'bearer' | 'basic';

/** A warning about how a node is reached, with a code the UI can act on. */
export interface ConnectionWarning {
  code: 'rpc_credential_cleartext';
  message: string;
}

export interface ApiAccessStatus {
  /** tunnel: SSH forward to apiAddress; direct: the node's apiUrl. */
  mode: 'tunnel' | 'direct';
  url: string | null;
  /** Which API.Authorizations credential is stored (never the value), or null. */
  credential: ApiCredentialScheme | null;
  warnings: ConnectionWarning[];
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
