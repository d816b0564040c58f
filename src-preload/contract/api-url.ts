// The direct kubo RPC URL of a node: an admin-configured alternative to the SSH
// tunnel, e.g. `https://node.example:5001`. Shared by the contract schema (main) and the forms
// (renderer), so the URL is judged the same way wherever it is typed. The credential kubo's
// API.Authorizations expects never goes in the URL: it lives in the secret store.
import { hasControlCharacters, hostProblem } from './validators.js';

/** Returns null when the URL is usable, or a sentence saying what is wrong and what to write instead. */
export function apiUrlProblem(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (value.length > 2048) return 'must be at most 2048 characters';
  if (value.trim() !== value || /\s/.test(value)) return 'must not contain spaces';
  if (hasControlCharacters(value)) return 'contains control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL: write it like https://node.example:5001`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must start with http:// or https:// (kubo's RPC API speaks HTTP), not "${url.protocol}"`;
  }
  if (url.username !== '' || url.password !== '' || /^[a-z]+:\/\/[^/]*@/i.test(value)) {
    return 'must not carry a user or password (user:pass@host): keep the RPC credential in the secret store with `pinfleet credentials set NAME --api-basic-stdin`';
  }
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    return 'must not have a query (?…) or fragment (#…): give only scheme, host, port and an optional path prefix';
  }
  if (/\/api\/v0\/?$/.test(url.pathname)) return 'must not end in /api/v0: Pinfleet adds it; give the URL kubo\'s RPC API is served under, e.g. https://node.example:5001';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const hostIssue = hostProblem(host);
  if (hostIssue) return `host ${hostIssue}`;
  return null;
}

/** True for addresses that never leave this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host.toLowerCase() === 'localhost';
}

/** A Docker container name or ID, as `docker ps` shows it. */
export function containerRefProblem(value: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(value)
    ? null
    : `"${value}" is not a container name or ID: use letters, digits, _ . - as \`docker ps\` shows it`;
}
