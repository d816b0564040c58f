// The node_credentials table: how the console logs in to each node. Only a method, a key path and
// a reference into the secret store live here, never the secret itself.
import type Database from 'better-sqlite3';
import type { SshAuthMethod } from '../../src-preload/contract/connection-types.js';

export interface CredentialRow {
  method: SshAuthMethod;
  keyPath: string | null;
  secretRef: string | null;
}

export function readCredentialRow(db: Database.Database, nodeId: number): CredentialRow | null {
  const row = db.prepare('SELECT method, key_path, secret_ref FROM node_credentials WHERE node_id = ?').get(nodeId) as
    | { method: SshAuthMethod; key_path: string | null; secret_ref: string | null }
    | undefined;
  return row ? { method: row.method, keyPath: row.key_path, secretRef: row.secret_ref } : null;
}

export function writeCredentialRow(db: Database.Database, nodeId: number, row: CredentialRow, at: string): void {
  db.prepare(
    `INSERT INTO node_credentials (node_id, method, key_path, secret_ref, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (node_id) DO UPDATE SET method = excluded.method, key_path = excluded.key_path,
       secret_ref = excluded.secret_ref, updated_at = excluded.updated_at`,
  ).run(nodeId, row.method, row.keyPath, row.secretRef, at);
}

/** One secret per node, by id so that renaming a node keeps its credentials. */
export const secretRefFor = (nodeId: number) => `ssh/node-${nodeId}`;
