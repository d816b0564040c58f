// Pure decisions of the local web transport: where it may listen, which requests it trusts.
// The server is a local console, not a website: it answers only the browser it printed a URL
// for, on loopback, holding the per-run token.
import { timingSafeEqual } from 'node:crypto';
import { isIpv4 } from '../../src-preload/contract/validators.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIpv4(bare) && bare.startsWith('127.');
}

export interface BindRequest {
  host: string;
  allowRemote: boolean;
  tls: boolean;
}

/** Throws unless the address is loopback, or remote access was asked for explicitly and has TLS. */
export function checkBindAddress({ host, allowRemote, tls }: BindRequest): void {
  if (isLoopbackHost(host)) return;
  if (!allowRemote) {
    throw new PinfleetError(
      'invalid_input',
      `Refusing to listen on ${host}: the console answers on loopback only. To expose it on purpose, add --allow-remote with --tls-cert and --tls-key.`,
    );
  }
  if (!tls) {
    throw new PinfleetError(
      'invalid_input',
      `--allow-remote needs --tls-cert and --tls-key: the access token must not cross a network in the clear.`,
    );
  }
}

/** The Host header must name this server: a DNS-rebinding page would send its own host name. */
export function isAllowedHostHeader(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  return hostHeader !== undefined && allowedHosts.includes(hostHeader.toLowerCase());
}

/**
 * A browser always sends Origin on POST and WebSocket requests; it must be ours. Scripts and the
 * CLI send none and are judged by the token alone.
 */
export function isAllowedOrigin(origin: string | undefined, allowedOrigins: readonly string[]): boolean {
  return origin === undefined || allowedOrigins.includes(origin.toLowerCase());
}

export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}

export function contentSecurityPolicy(wsOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${wsOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
