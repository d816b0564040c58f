// The bearer token a provisioned node's kubo RPC requires (the wizard's rpcToken option). It is
// generated once per server and container and kept only in the secret store, so re-running the
// wizard finds the same token and changes nothing; kubo's own copy lives in its config on the
// server (API.Authorizations), which is where kubo needs it.
import { randomBytes } from 'node:crypto';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { SecretStore } from '../../secrets/secret-store.js';

/** The name kubo's API.Authorizations entry has (it names who the credential is for). */
export const AUTHORIZATION_NAME = 'pinfleet';

export const rpcTokenRef = (host: string, containerName: string): string => `provisioning/rpc-token/${host.toLowerCase()}/${containerName}`;

/** The server's token: the stored one, else a new 32-byte one stored first. */
export async function rpcTokenFor(secrets: SecretStore | undefined, host: string, containerName: string): Promise<string> {
  if (!secrets) throw new PinfleetError('invalid_input', 'rpcToken: this Pinfleet has no secret store to keep the token in');
  const ref = rpcTokenRef(host, containerName);
  const existing = await secrets.get(ref);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  await secrets.set(ref, token);
  return token;
}

/** kubo's API.Authorizations value for the token: RPC only, every command. */
export function authorizationsFor(token: string): Record<string, { AuthSecret: string; AllowedPaths: string[] }> {
  return { [AUTHORIZATION_NAME]: { AuthSecret: `bearer:${token}`, AllowedPaths: ['/api/v0'] } };
}

/** Whether kubo's API.Authorizations already is `wanted`; kubo answers with its own key order. */
export function sameAuthorizations(current: unknown, wanted: Record<string, unknown>): boolean {
  return canonical(current) === canonical(wanted);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
