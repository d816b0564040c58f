// Migration 4 rebuilds the nodes table with AUTOINCREMENT. Everything that points at a node
// (capacity samples, status, credentials, uploads, replicas) must come through with its rows, the
// backup comes first, and a database whose references are already broken is refused, unchanged.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src-main/inventory/migrations.js';
import { openDatabase } from '../../../src-main/inventory/open-database.js';
import { openSqliteInventory } from '../../../src-main/inventory/sqlite-inventory.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { sampleNode, tempDir } from './inventory-test-kit.js';

const V3 = MIGRATIONS.filter((m) => m.version <= 3);
const at = '2025-01-01T00:00:00.000Z';

/** A schema-3 inventory with nodes 1, 2 and 4 (3 was removed), and rows pointing at them. */
function schema3(dataDir: string): string {
  const opened = openDatabase(dataDir, V3, () => new Date(at));
  const { db } = opened;
  for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']] as const) {
    db.prepare(`INSERT INTO nodes (id, name, host, host_key_fingerprint, api_url, kubo_container, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(id, name, `10.0.0.${id}`, id === 1 ? `SHA256:${'A'.repeat(43)}` : null, id === 2 ? 'https://b.example:5001' : null, id === 4 ? 'kubo-d' : null, at, at);
  }
  db.prepare('DELETE FROM nodes WHERE id = 3').run();
  db.prepare("INSERT INTO capacity_samples (node_id, at, repo_size, state) VALUES (1, ?, 10, 'online'), (4, ?, 20, 'online')").run(at, at);
  db.prepare("INSERT INTO node_status (node_id, state) VALUES (2, 'online')").run();
  db.prepare("INSERT INTO node_credentials (node_id, method, secret_ref, updated_at) VALUES (1, 'password', 'ssh/node-1', ?)").run(at);
  db.prepare("INSERT INTO node_api_credentials (node_id, scheme, secret_ref, updated_at) VALUES (2, 'bearer', 'kubo-api/node-2', ?)").run(at);
  db.prepare("INSERT INTO uploads (id, name, size, created_at, updated_at, target_node_id) VALUES (1, 'f', 3, ?, ?, 4)").run(at, at);
  db.prepare("INSERT INTO upload_replicas (upload_id, node_id, status) VALUES (1, 4, 'pinned'), (1, 1, 'pinned')").run();
  db.close();
  return opened.path;
}

const count = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get() as number;

describe('migration 4: node ids never reused', () => {
  it('keeps every node and every row that points at one, backs up first, and never hands out a used id again', () => {
    const dataDir = tempDir();
    const file = schema3(dataDir);
    const before = new Database(file, { readonly: true });
    const nodesBefore = before.prepare('SELECT * FROM nodes ORDER BY id').all();
    before.close();

    const inventory = openSqliteInventory({ dataDir, now: () => new Date(at) }, MIGRATIONS);
    const info = inventory.info();
    expect(info.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    expect(info.backups).toHaveLength(1);
    expect(info.backups[0]).toMatch(/inventory-v3-.*\.sqlite$/);
    const backup = new Database(info.backups[0]!, { readonly: true });
    expect(backup.prepare('SELECT count(*) FROM nodes').pluck().get()).toBe(3);
    backup.close();

    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    expect(db.prepare('SELECT * FROM nodes ORDER BY id').all()).toEqual(nodesBefore);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'nodes'").pluck().get()).toContain('AUTOINCREMENT');
    expect(count(db, 'SELECT count(*) FROM capacity_samples')).toBe(2);
    expect(count(db, 'SELECT count(*) FROM node_status')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM node_credentials')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM node_api_credentials')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM upload_replicas')).toBe(2);
    expect(count(db, 'SELECT target_node_id FROM uploads WHERE id = 1')).toBe(4);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The gap left by node 3 can only be a removed node: whatever earlier versions left of it is queued.
    expect(db.prepare('SELECT ref FROM secret_purges ORDER BY ref').pluck().all()).toEqual(['cluster.identity.node-3', 'kubo-api/node-3', 'ssh/node-3']);
    db.close();

    // Foreign keys still cascade after the rebuild (the migration turned them off only for itself).
    inventory.removeNode('d', 'test');
    const after = new Database(file, { readonly: true });
    expect(count(after, 'SELECT count(*) FROM capacity_samples')).toBe(1);
    expect(count(after, 'SELECT count(*) FROM upload_replicas')).toBe(1);
    expect(after.prepare('SELECT target_node_id FROM uploads WHERE id = 1').pluck().get()).toBeNull();
    after.close();
    expect(inventory.addNode(sampleNode({ name: 'e', host: '10.0.0.9' }), 'test').id).toBe(5);
    inventory.close();
  });

  it('refuses to migrate a database whose references are already broken, and leaves it at schema 3', () => {
    const dataDir = tempDir();
    const file = schema3(dataDir);
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO node_status (node_id, state) VALUES (99, 'online')").run();
    raw.close();

    let thrown: unknown = null;
    try {
      openSqliteInventory({ dataDir }, MIGRATIONS).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PinfleetError);
    expect(thrown).toMatchObject({ code: 'db_unusable', message: expect.stringMatching(/schema 4 .*node_status would point at missing rows of nodes.*rolled back/) });
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    expect(check.prepare("SELECT sql FROM sqlite_schema WHERE name = 'nodes'").pluck().get()).not.toContain('AUTOINCREMENT');
    expect(count(check, 'SELECT count(*) FROM nodes')).toBe(3);
    check.close();
  });
});
