// The credential kubo's API.Authorizations expects, per node: `credentials.setApi`, the status
// shown in the UI and CLI (which scheme, never the value), and the Authorization header the RPC
// proxy adds. The value lives only in the SecretStore; SQLite keeps the scheme and a reference.
import { Buffer } from 'node:buffer';
import type Database from 'better-sqlite3';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { isLoopbackHost } from '../../src-preload/contract/api-url.js';
import type { ApiAccessStatus, ApiCredentialScheme, ConnectionWarning } from '../../src-preload/contract/connection-types.js';
import type { ValidatedInput } from '../../src-preload/contract/contract.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { writeAudit } from '../inventory/audit-log.js';
import { unqueueSecretRef } from '../inventory/secret-purges.js';
import type { Actor, Inventory } from '../inventory/index.js';
import type { SecretStore } from '../secrets/secret-store.js';

export type ApiCredentialsInput = ValidatedInput<'credentials.setApi'>;

export type ApiSecret = { scheme: 'bearer'; token: string } | { scheme: 'basic'; user: string; password: string };

interface ApiCredentialRow {
  scheme: ApiCredentialScheme;
  secretRef: string;
  updatedAt: string;
}

/** One RPC secret per node, by id so that renaming a node keeps it. */
export const apiSecretRefFor = (nodeId: number) => `kubo-api/node-${nodeId}`;

/** The header value kubo compares with API.Authorizations.*.AuthSecret (`bearer:…` / `basic:user:password`). */
export function authorizationHeader(secret: ApiSecret): string {
  return secret.scheme === 'bearer'
    ? `Bearer ${secret.token}`
    : `Basic ${Buffer.from(`${secret.user}:${secret.password}`, 'utf8').toString('base64')}`;
}

/** What to tell the admin about how this node's RPC is reached. Pure. */
export function apiAccessWarnings(node: Pick<NodeRecord, 'name' | 'apiUrl'>, credential: ApiCredentialScheme | null): ConnectionWarning[] {
  if (!node.apiUrl || credential === null) return [];
  const url = new URL(node.apiUrl);
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return [];
  return [
    {
      code: 'rpc_credential_cleartext',
      message:
        `${node.name}'s RPC credential travels in the clear to ${url.host} (the direct URL is http://, not https://): ` +
        'anyone on the path can read it and use the node\'s RPC API. Put kubo behind TLS (https://) or leave the URL empty to use the SSH tunnel.',
    },
  ];
}

export function apiAccessStatus(node: Pick<NodeRecord, 'name' | 'apiUrl'>, credential: ApiCredentialScheme | null): ApiAccessStatus {
  return {
    mode: node.apiUrl ? 'direct' : 'tunnel',
    url: node.apiUrl ?? null,
    credential,
    warnings: apiAccessWarnings(node, credential),
  };
}

export interface ApiAuthorization {
  /** The Authorization header value, or null when no credential is configured. */
  header: string | null;
  /** Changes whenever the credential changes (scheme + time of setting), never the secret itself. */
  version: string;
}

export interface ApiCredentialServiceDeps {
  inventory: Inventory;
  db: Database.Database;
  secrets: SecretStore;
  actor: Actor;
  now?: () => Date;
}

export class ApiCredentialService {
  constructor(private readonly deps: ApiCredentialServiceDeps) {}

  status(node: NodeRecord): ApiAccessStatus {
    return apiAccessStatus(node, this.row(node.id)?.scheme ?? null);
  }

  async set(input: ApiCredentialsInput): Promise<ApiAccessStatus> {
    const { inventory, db, secrets, actor } = this.deps;
    const node = inventory.getNode(input.name);
    if (inventory.info().readOnly) throw new PinfleetError('read_only', 'Nothing was changed: the inventory is read-only.');
    const ref = apiSecretRefFor(node.id);
    const at = (this.deps.now ?? (() => new Date()))().toISOString();
    if (input.scheme === 'none') {
      db.transaction(() => {
        db.prepare('DELETE FROM node_api_credentials WHERE node_id = ?').run(node.id);
        writeAudit(db, { at, actor, action: 'credentials.setApi', target: node.name, detail: { scheme: null } });
      }).immediate();
      // The row is gone, so the secret is unused; a locked store keeps it (encrypted) until it opens.
      await secrets.delete(ref).catch(() => {});
      return this.status(node);
    }
    const secret: ApiSecret = input.scheme === 'bearer' ? { scheme: 'bearer', token: input.token } : { scheme: 'basic', user: input.user, password: input.password };
    // Off the purge queue first (a URL change may have queued this ref): the new secret must stay.
    unqueueSecretRef(db, ref);
    // Secret first: a row pointing at a secret that was never written would fail every RPC call.
    await secrets.set(ref, JSON.stringify(secret));
    db.transaction(() => {
      db.prepare(
        `INSERT INTO node_api_credentials (node_id, scheme, secret_ref, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (node_id) DO UPDATE SET scheme = excluded.scheme, secret_ref = excluded.secret_ref, updated_at = excluded.updated_at`,
      ).run(node.id, input.scheme, ref, at);
      writeAudit(db, { at, actor, action: 'credentials.setApi', target: node.name, detail: { scheme: input.scheme } });
    }).immediate();
    return this.status(node);
  }

  /** The header the RPC proxy sends; reads the secret store only when a credential is configured. */
  async authorization(node: NodeRecord): Promise<ApiAuthorization> {
    if (node.id === 0) return { header: null, version: '' }; // A wizard session: not in the inventory.
    const row = this.row(node.id);
    if (!row) return { header: null, version: '' };
    const text = await this.deps.secrets.get(row.secretRef);
    let secret: ApiSecret | null = null;
    try {
      secret = text === null ? null : (JSON.parse(text) as ApiSecret);
    } catch {
      secret = null;
    }
    if (secret === null || (secret.scheme !== 'bearer' && secret.scheme !== 'basic')) {
      throw new PinfleetError(
        'kubo_auth_failed',
        `The RPC credential of ${node.name} is missing from the secret store (${this.deps.secrets.kind}); set it again: pinfleet credentials set ${node.name} --api-token-stdin`,
      );
    }
    return { header: authorizationHeader(secret), version: `${row.scheme}@${row.updatedAt}` };
  }

  private row(nodeId: number): ApiCredentialRow | null {
    const row = this.deps.db.prepare('SELECT scheme, secret_ref, updated_at FROM node_api_credentials WHERE node_id = ?').get(nodeId) as
      | { scheme: ApiCredentialScheme; secret_ref: string; updated_at: string }
      | undefined;
    return row ? { scheme: row.scheme, secretRef: row.secret_ref, updatedAt: row.updated_at } : null;
  }
}
