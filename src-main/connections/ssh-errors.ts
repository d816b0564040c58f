// Turns what ssh2 and the socket layer throw into errors an admin can act on at 3 a.m.: which node,
// what went wrong, and what to try. Secrets the connection used are scrubbed from every message.
import { PinfleetError, type ErrorCode } from '../../src-preload/contract/errors.js';

export interface ConnectSubject {
  name: string;
  host: string;
  port: number;
  user: string;
}

interface SshLikeError {
  message?: string;
  code?: string;
  level?: string;
}

const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);

/** Replaces every occurrence of a secret with [redacted]; short strings are left alone (they would match everywhere). */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** The code and sentence for a failure to connect; pure, so the table of causes is tested. */
export function classifyConnectError(node: ConnectSubject, error: unknown, readyTimeoutMs: number): { code: ErrorCode; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SshLikeError;
  const raw = e.message ?? 'unknown error';
  const at = `${node.name} (${node.user}@${node.host}:${node.port})`;
  if (e.level === 'client-timeout' || e.code === 'ETIMEDOUT' || /timed out/i.test(raw)) {
    return {
      code: 'timeout',
      message: `${at} did not answer within ${Math.round(readyTimeoutMs / 1000)} s (${raw}). Is the server up, and is a firewall dropping SSH?`,
    };
  }
  if (e.code === 'ECONNREFUSED') {
    return { code: 'unreachable', message: `${at} refused the connection: no SSH server is listening on port ${node.port}.` };
  }
  if (e.code !== undefined && UNREACHABLE_CODES.has(e.code)) {
    return { code: 'unreachable', message: `${at} cannot be reached (${e.code}: ${raw}).` };
  }
  if (e.level === 'client-authentication') {
    return {
      code: 'auth_failed',
      message: `${at} refused the login: the server accepted none of the configured credentials. Check the user name and that the key is in the server's authorized_keys.`,
    };
  }
  if (/passphrase|privateKey|private key|Encrypted/i.test(raw)) {
    return { code: 'auth_failed', message: `${at}: the private key cannot be used: ${raw}.` };
  }
  return { code: 'unreachable', message: `${at}: SSH failed: ${raw}.` };
}

export function connectError(node: ConnectSubject, error: unknown, readyTimeoutMs: number, secrets: readonly (string | undefined)[] = []): PinfleetError {
  if (error instanceof PinfleetError) return error;
  const { code, message } = classifyConnectError(node, error, readyTimeoutMs);
  return new PinfleetError(code, redactSecrets(message, secrets));
}
