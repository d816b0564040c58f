// A NodeConnector session to a server that is not in the inventory yet (the adopt and provisioning
// wizards): the same pooled SSH, quoting, host-key pinning, kubo tunnel and Docker as every node,
// but the login comes with the request instead of from node_credentials. The fingerprint is
// required: the admin confirmed it (hostKeys probe) before anything is sent to the server.
import fs from 'node:fs';
import os from 'node:os';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { AuthMaterial } from './connect-config.js';
import { checkPrivateKey, resolveKeyPath } from './credential-service.js';
import type { NodeConnector } from './node-connector.js';
import { SshNodeConnector } from './ssh-node-connector.js';
import { SshPool } from './ssh-pool.js';

export type TargetLogin = { method: 'keyFile'; keyPath: string; passphrase?: string } | { method: 'agent' };

export interface ConnectionTarget {
  host: string;
  port: number;
  user: string;
  /** `SHA256:…`, confirmed by the admin; a server presenting another key is refused before login. */
  fingerprint: string;
  login: TargetLogin;
}

export interface TargetSession {
  /** A stand-in record (id 0, named after the host) to hand to the connector's methods. */
  node: NodeRecord;
  connector: NodeConnector;
  close(): Promise<void>;
}

/** Reads and checks the login material now, so a bad key file fails before any connection. */
export function loginMaterial(login: TargetLogin, environment: NodeJS.ProcessEnv = process.env): AuthMaterial {
  if (login.method === 'agent') {
    const socket = environment.SSH_AUTH_SOCK;
    if (!socket) throw new PinfleetError('auth_failed', 'ssh-agent was chosen, but no agent is running here (SSH_AUTH_SOCK is not set).');
    return { kind: 'agent', agentSocket: socket };
  }
  const keyPath = resolveKeyPath(login.keyPath, environment.HOME ?? os.homedir());
  let privateKey: Buffer;
  try {
    privateKey = fs.readFileSync(keyPath);
  } catch (error) {
    throw new PinfleetError('invalid_input', `keyPath: ${keyPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const passphrase = login.passphrase || undefined;
  checkPrivateKey(privateKey, passphrase, `The key file ${keyPath}`);
  return { kind: 'key', privateKey, ...(passphrase ? { passphrase } : {}) };
}

export function openTargetSession(
  target: ConnectionTarget,
  options: {
    environment?: NodeJS.ProcessEnv;
    log?: (message: string) => void;
    /** The Authorization header kubo's RPC wants on this server (a wizard requiring a token), if any. */
    rpcAuthorization?: () => Promise<string | null>;
  } = {},
): TargetSession {
  const auth = loginMaterial(target.login, options.environment);
  const at = new Date(0).toISOString();
  const node: NodeRecord = {
    id: 0,
    name: target.host,
    host: target.host,
    sshPort: target.port,
    sshUser: target.user,
    hostKeyFingerprint: target.fingerprint,
    tags: [],
    region: null,
    priority: 0,
    state: 'active',
    notes: '',
    apiAddress: '127.0.0.1:5001',
    gatewayAddress: '127.0.0.1:8080',
    createdAt: at,
    updatedAt: at,
  };
  // No background reconnects: a wizard session is short, and a drop is reported to the admin.
  const pool = new SshPool({ authFor: () => Promise.resolve(auth), maxReconnectAttempts: 0, log: options.log });
  const rpcAuthorization = options.rpcAuthorization;
  const connector = rpcAuthorization
    ? new SshNodeConnector(pool, options.log, {
        authorization: async () => {
          const header = await rpcAuthorization();
          return { header, version: header === null ? '' : 'wizard' };
        },
      })
    : new SshNodeConnector(pool, options.log);
  return { node, connector, close: () => connector.close() };
}
