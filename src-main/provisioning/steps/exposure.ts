// Whether kubo's RPC or gateway listens beyond loopback, from the multiaddrs in its config. Pure.
// The RPC API is admin access to the node: on anything but loopback, anyone who reaches the
// address can pin, unpin and read keys.
import type { ListenExposure } from '../../../src-preload/contract/provisioning-types.js';

export function isLoopbackAddress(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  if (/^::ffff:127\./.test(bare)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** `/ip4/127.0.0.1/tcp/5001` → { host, port }; null for what is not an IP+TCP multiaddr (e.g. /unix/…). */
export function parseTcpMultiaddr(multiaddr: string): { host: string; port: number } | null {
  const match = /^\/(ip4|ip6|dns|dns4|dns6)\/([^/]+)\/tcp\/(\d+)(\/.*)?$/.exec(multiaddr.trim());
  if (!match) return null;
  return { host: match[2]!, port: Number(match[3]) };
}

/** host:port as the inventory stores it (IPv6 in brackets). */
export function hostPortOf(address: { host: string; port: number }): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

export function exposureOf(multiaddrs: readonly string[]): ListenExposure {
  const hosts = multiaddrs.map(parseTcpMultiaddr).filter((a) => a !== null).map((a) => a.host);
  if (hosts.length === 0) return 'none';
  return hosts.every(isLoopbackAddress) ? 'loopback' : 'beyond-loopback';
}

export function exposureWarnings(api: readonly string[], gateway: readonly string[]): string[] {
  const warnings: string[] = [];
  if (exposureOf(api) === 'beyond-loopback') {
    warnings.push(`kubo's RPC API listens beyond loopback (${api.join(', ')}): anyone who reaches it controls the node. Bind Addresses.API to 127.0.0.1; Pinfleet reaches it through SSH.`);
  }
  if (exposureOf(gateway) === 'beyond-loopback') {
    warnings.push(`kubo's gateway listens beyond loopback (${gateway.join(', ')}): it serves any content to whoever reaches it. Bind Addresses.Gateway to 127.0.0.1 unless it is meant to be public.`);
  }
  return warnings;
}
