// SQL for the nodes table. Thin: decisions (validation, duplicates, audit) live with the caller.
import { prepared } from './prepared.js';
import type Database from 'better-sqlite3';
import type { NodeFields } from '../../src-preload/contract/schemas.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { nodeToParams, rowToNode, type NodeRow } from './node-rows.js';

export function listNodeRecords(db: Database.Database): NodeRecord[] {
  const rows = prepared(db, 'SELECT * FROM nodes ORDER BY name').all() as NodeRow[];
  return rows.map(rowToNode);
}

/** Case-insensitive: the name column is COLLATE NOCASE. */
export function findNodeByName(db: Database.Database, name: string): NodeRecord | null {
  const row = prepared(db, 'SELECT * FROM nodes WHERE name = ?').get(name) as NodeRow | undefined;
  return row ? rowToNode(row) : null;
}

export function findNodeByHost(db: Database.Database, host: string, sshPort: number): NodeRecord | null {
  const row = prepared(db, 'SELECT * FROM nodes WHERE host = ? AND ssh_port = ?').get(host, sshPort) as
    | NodeRow
    | undefined;
  return row ? rowToNode(row) : null;
}

export function insertNode(db: Database.Database, fields: NodeFields, at: string): NodeRecord {
  const row = prepared(
    db,
    `INSERT INTO nodes (name, host, ssh_port, ssh_user, host_key_fingerprint, tags, region, priority,
                          state, notes, api_address, gateway_address, api_url, kubo_container, created_at, updated_at)
       VALUES (@name, @host, @ssh_port, @ssh_user, @host_key_fingerprint, @tags, @region, @priority,
               @state, @notes, @api_address, @gateway_address, @api_url, @kubo_container, @at, @at)
       RETURNING *`,
  ).get({ ...nodeToParams(fields), at }) as NodeRow;
  return rowToNode(row);
}

export function updateNodeRow(db: Database.Database, id: number, fields: NodeFields, at: string): NodeRecord {
  const row = prepared(
    db,
    `UPDATE nodes SET name = @name, host = @host, ssh_port = @ssh_port, ssh_user = @ssh_user,
         host_key_fingerprint = @host_key_fingerprint, tags = @tags, region = @region,
         priority = @priority, state = @state, notes = @notes, api_address = @api_address,
         gateway_address = @gateway_address, api_url = @api_url, kubo_container = @kubo_container, updated_at = @at
       WHERE id = @id
       RETURNING *`,
  ).get({ ...nodeToParams(fields), at, id }) as NodeRow;
  return rowToNode(row);
}

export function deleteNodeRow(db: Database.Database, id: number): void {
  prepared(db, 'DELETE FROM nodes WHERE id = ?').run(id);
}
