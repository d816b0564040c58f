// The ssh2 settings of every connection Pinfleet opens: bounded waits, keepalives that notice a
// dead link within a minute, nothing forwarded back to us (no agent, no X11), and the host key
// checked against the pin before any credential is sent.
import type { ConnectConfig } from 'ssh2';
import type { NodeRecord } from '../../src-preload/contract/types.js';

export const READY_TIMEOUT_MS = 20_000;
export const KEEPALIVE_INTERVAL_MS = 15_000;
export const KEEPALIVE_COUNT_MAX = 3;

/** What the server is asked to accept: resolved from the node's credentials just before connecting. */
export type AuthMaterial =
  | { kind: 'agent'; agentSocket: string }
  | { kind: 'key'; privateKey: Buffer | string; passphrase?: string }
  | { kind: 'password'; password: string };

export interface ConnectTimeouts {
  readyTimeoutMs?: number;
}

/** The values in an AuthMaterial that must never appear in a message. */
export function secretsOf(auth: AuthMaterial): string[] {
  switch (auth.kind) {
    case 'agent':
      return [];
    case 'key':
      return [typeof auth.privateKey === 'string' ? auth.privateKey : '', auth.passphrase ?? ''];
    case 'password':
      return [auth.password];
  }
}

export function buildConnectConfig(
  node: Pick<NodeRecord, 'host' | 'sshPort' | 'sshUser'>,
  auth: AuthMaterial | null,
  hostVerifier: (key: Buffer) => boolean,
  timeouts: ConnectTimeouts = {},
): ConnectConfig {
  const base: ConnectConfig = {
    host: node.host,
    port: node.sshPort,
    username: node.sshUser,
    readyTimeout: Math.min(timeouts.readyTimeoutMs ?? READY_TIMEOUT_MS, READY_TIMEOUT_MS),
    keepaliveInterval: KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    // Never hand our agent to a server: a compromised node could use it to log in elsewhere.
    agentForward: false,
    hostVerifier,
  };
  if (auth === null) return base; // A host-key probe: it stops before authentication.
  switch (auth.kind) {
    case 'agent':
      return { ...base, agent: auth.agentSocket };
    case 'key':
      return { ...base, privateKey: auth.privateKey, ...(auth.passphrase ? { passphrase: auth.passphrase } : {}) };
    case 'password':
      // Some servers offer only keyboard-interactive for passwords; the pool answers it with the same password.
      return { ...base, password: auth.password, tryKeyboard: true };
  }
}

/** host:port as stored in the inventory (IPv6 in brackets) → its parts. */
export function splitHostPort(address: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(address) ?? /^([^:]+):(\d+)$/.exec(address);
  if (!match) throw new Error(`"${address}" is not host:port`);
  return { host: match[1]!, port: Number(match[2]) };
}
