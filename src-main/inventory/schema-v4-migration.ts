// Migration 4 (see schema-v4.ts): rebuild nodes with AUTOINCREMENT, then queue for purging the
// secrets that earlier versions left behind for removed nodes. Only ids below the highest one still
// in use can be known to be gone (the ids of removed nodes were never recorded); those ids will
// never be handed out again, so their references can only be leftovers.
import type Database from 'better-sqlite3';
import { nodeSecretRefs } from '../secrets/node-secret-refs.js';
import { SCHEMA_V4_SQL } from './schema-v4.js';

export function migrateToV4(db: Database.Database): void {
  db.exec(SCHEMA_V4_SQL);
  const ids = new Set(db.prepare('SELECT id FROM nodes').pluck().all() as number[]);
  const highest = Math.max(0, ...ids);
  const queue = db.prepare("INSERT OR IGNORE INTO secret_purges (ref, node_name, queued_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
  for (let id = 1; id < highest; id += 1) {
    if (ids.has(id)) continue;
    for (const ref of nodeSecretRefs({ id, host: '', kuboContainer: null })) queue.run(ref, `removed node #${id}`);
  }
}
