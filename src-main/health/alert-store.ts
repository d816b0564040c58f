// Alerts: stored in `alerts` and, in the same transaction, in the audit log, so the Activity view
// shows them beside the changes that may explain them.
import type Database from 'better-sqlite3';
import type { AlertEntry, AlertKind } from '../../src-preload/contract/health-types.js';
import { writeAudit } from '../inventory/audit-log.js';

/** Recorded as the actor of alerts in the audit log. */
export const ALERT_ACTOR = 'health';

export class AlertStore {
  constructor(private readonly db: Database.Database) {}

  add(at: string, node: string, kind: AlertKind, message: string): AlertEntry {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO alerts (at, node_name, kind, message) VALUES (?, ?, ?, ?)')
        .run(at, node, kind, message);
      writeAudit(this.db, { at, actor: ALERT_ACTOR, action: `alert.${kind}`, target: node, detail: { message } });
      return { id: Number(lastInsertRowid), at, node, kind, message };
    })();
  }

  /** Newest first. */
  list(limit: number): AlertEntry[] {
    return this.db
      .prepare('SELECT id, at, node_name AS node, kind, message FROM alerts ORDER BY id DESC LIMIT ?')
      .all(limit) as AlertEntry[];
  }
}
