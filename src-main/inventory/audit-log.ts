// The audit log: one row per change, written in the same transaction as the change itself so
// the log never claims a change that was rolled back, nor misses one that was kept.
import type Database from 'better-sqlite3';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { AuditEntry } from '../../src-preload/contract/types.js';

export interface AuditRecord {
  at: string;
  actor: string;
  /** Dotted verb: node.add, node.update, node.remove, inventory.import, … */
  action: string;
  target: string | null;
  /** Serialised as JSON: what changed, so the log answers "who set this, and from what?". */
  detail: unknown;
}

export const MAX_AUDIT_ENTRIES = 10_000;

export function writeAudit(db: Database.Database, record: AuditRecord): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
    record.at,
    record.actor.trim().slice(0, 64) || 'unknown',
    record.action,
    record.target,
    JSON.stringify(record.detail ?? {}),
  );
}

/** Newest first. Ordered by id, which follows commit order even if the clock stepped back. */
export function listAuditEntries(db: Database.Database, limit: number): AuditEntry[] {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_ENTRIES) {
    throw new PinfleetError('invalid_input', `limit: must be a whole number from 1 to ${MAX_AUDIT_ENTRIES}`);
  }
  return db
    .prepare('SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?')
    .all(limit) as AuditEntry[];
}
