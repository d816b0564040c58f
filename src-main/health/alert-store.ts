// Alerts: stored in `alerts` and, in the same transaction, in the audit log, so the Activity view
// shows them beside the changes that may explain them.
import { prepared } from '../inventory/prepared.js';
import type Database from 'better-sqlite3';
import type { AlertEntry, AlertKind } from '../../src-preload/contract/health-types.js';
import { writeAudit } from '../inventory/audit-log.js';

/** Recorded as the actor of alerts in the audit log. */
export const ALERT_ACTOR = 'health';

export class AlertStore {
  constructor(private readonly db: Database.Database) {}

  add(at: string, node: string, kind: AlertKind, message: string): AlertEntry {
    return this.db.transaction(() => {
      const { lastInsertRowid } = prepared(this.db, 'INSERT INTO alerts (at, node_name, kind, message) VALUES (?, ?, ?, ?)')
        .run(at, node, kind, message);
      writeAudit(this.db, { at, actor: ALERT_ACTOR, action: `alert.${kind}`, target: node, detail: { message } });
      return { id: Number(lastInsertRowid), at, node, kind, message };
    })();
  }

  /** Newest first. */
  list(limit: number): AlertEntry[] {
    return prepared(this.db, 'SELECT id, at, node_name AS node, kind, message FROM alerts ORDER BY id DESC LIMIT ?')
      .all(limit) as AlertEntry[];
  }
}
