// The secrets of removed nodes. removeNode lists the node's secret-store references in
// secret_purges in the same transaction that deletes its row; purgeQueuedSecrets then deletes them
// from the store and crosses each off only once the store confirmed. The store is async and may be
// locked, so this split keeps a crash or a locked store from leaving a secret behind for good:
// the next purge (the next removal, or the next start) finishes the job.
import type Database from 'better-sqlite3';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { nodeSecretRefs } from '../secrets/node-secret-refs.js';
import type { SecretStore } from '../secrets/secret-store.js';

export interface SecretPurgeOutcome {
  /** References deleted from the store by this purge. */
  purged: string[];
  /** References still queued (the store refused); retried by the next purge. */
  left: string[];
  /** Why the store refused, for the admin; null when nothing is left. */
  problem: string | null;
}

/** The refs the node's credential rows point at, plus the conventional ones; in the caller's transaction. */
export function queueNodeSecrets(db: Database.Database, node: NodeRecord, at: string): void {
  const recorded = db
    .prepare(
      `SELECT secret_ref FROM node_credentials WHERE node_id = ? AND secret_ref IS NOT NULL
       UNION SELECT secret_ref FROM node_api_credentials WHERE node_id = ?`,
    )
    .pluck()
    .all(node.id, node.id) as string[];
  queueSecretRefs(db, [...new Set([...nodeSecretRefs(node), ...recorded])], node.name, at);
}

export function queueSecretRefs(db: Database.Database, refs: readonly string[], nodeName: string, at: string): void {
  const insert = db.prepare('INSERT OR IGNORE INTO secret_purges (ref, node_name, queued_at) VALUES (?, ?, ?)');
  for (const ref of refs) insert.run(ref, nodeName, at);
}

export function queuedSecretRefs(db: Database.Database): string[] {
  return db.prepare('SELECT ref FROM secret_purges ORDER BY queued_at, ref').pluck().all() as string[];
}

/**
 * Takes a reference off the queue because it is about to hold a live secret again (an RPC
 * credential set anew after a URL change dropped the old one): a later purge must not delete it.
 */
export function unqueueSecretRef(db: Database.Database, ref: string): void {
  db.prepare('DELETE FROM secret_purges WHERE ref = ?').run(ref);
}

/**
 * A reference still used in the inventory is crossed off without deleting: a credential row points
 * at it again, or (the wizard's RPC token, keyed by server and container) a node registered again
 * on the same server and container owns it now.
 */
function stillInUse(db: Database.Database, ref: string): boolean {
  const pointedAt = db
    .prepare('SELECT 1 FROM node_credentials WHERE secret_ref = ? UNION ALL SELECT 1 FROM node_api_credentials WHERE secret_ref = ?')
    .get(ref, ref);
  if (pointedAt !== undefined) return true;
  const match = /^provisioning\/rpc-token\/(.+)\/([^/]+)$/.exec(ref);
  if (!match) return false;
  const row = db.prepare('SELECT 1 FROM nodes WHERE lower(host) = ? AND kubo_container = ?').get(match[1], match[2]);
  return row !== undefined;
}

export async function purgeQueuedSecrets(db: Database.Database, secrets: SecretStore): Promise<SecretPurgeOutcome> {
  const purged: string[] = [];
  const done = db.prepare('DELETE FROM secret_purges WHERE ref = ?');
  const refs = queuedSecretRefs(db);
  for (const [index, ref] of refs.entries()) {
    if (!db.open) return { purged, left: refs.slice(index), problem: 'the inventory was closed' };
    if (!stillInUse(db, ref)) {
      try {
        await secrets.delete(ref);
      } catch (error) {
        // A locked store refuses every ref alike: keep the rest queued for the next purge.
        return { purged, left: refs.slice(index), problem: error instanceof Error ? error.message : String(error) };
      }
      purged.push(ref);
    }
    if (db.open) done.run(ref);
  }
  return { purged, left: [], problem: null };
}

/**
 * Drops the node's RPC credential row and queues its secret, in the caller's transaction. Used when
 * the direct RPC URL changes: the credential was confirmed for the old URL only.
 */
export function dropApiCredential(db: Database.Database, node: NodeRecord, at: string): boolean {
  const ref = db.prepare('SELECT secret_ref FROM node_api_credentials WHERE node_id = ?').pluck().get(node.id) as string | undefined;
  if (ref === undefined) return false;
  db.prepare('DELETE FROM node_api_credentials WHERE node_id = ?').run(node.id);
  queueSecretRefs(db, [ref], node.name, at);
  return true;
}
