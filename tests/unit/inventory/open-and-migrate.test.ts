// Opening the database: pragmas, migrations with backups, refusals that leave the file alone.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { INVENTORY_SCHEMA_VERSION, openInventory } from '../../../src-main/inventory/index.js';
import { MIGRATIONS, type Migration } from '../../../src-main/inventory/migrations.js';
import { openDatabase } from '../../../src-main/inventory/open-database.js';
import { openSqliteInventory } from '../../../src-main/inventory/sqlite-inventory.js';
import { expectCode, sampleNode, steppingClock, tempDir } from './inventory-test-kit.js';

// The next schema version after the shipped ones, whatever they are.
const latest = MIGRATIONS.at(-1)!.version;
const next = latest + 1;
const withRackColumn: Migration[] = [
  ...MIGRATIONS,
  { version: next, name: 'rack column', up: 'ALTER TABLE nodes ADD COLUMN rack TEXT' },
];

describe('opening the inventory', () => {
  it('creates the data folder (mode 0700) and sets WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const opened = openDatabase(dataDir, MIGRATIONS, () => new Date());
    try {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(opened.path).toBe(path.join(dataDir, 'inventory.sqlite'));
      expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    } finally {
      opened.db.close();
    }
  });

  it('brings a fresh database to the latest schema with every table and no backup', () => {
    const dataDir = tempDir();
    const inventory = openInventory({ dataDir });
    const info = inventory.info();
    inventory.close();
    expect(INVENTORY_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
    expect(info).toMatchObject({ schemaVersion: INVENTORY_SCHEMA_VERSION, readOnly: false, readOnlyReason: null, backups: [] });

    const db = new Database(info.path, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]).sort();
    expect(db.pragma('user_version', { simple: true })).toBe(INVENTORY_SCHEMA_VERSION);
    db.close();
    expect(tables).toEqual([
      'alerts', 'audit_log', 'capacity_samples', 'fleet_capacity_samples', 'node_api_credentials', 'node_credentials', 'node_status', 'nodes', 'provisioning_runs',
      'provisioning_steps', 'secret_purges', 'settings', 'sqlite_sequence', 'upload_replicas', 'uploads',
    ]);
  });

  it('keeps nodes and audit rows across close and reopen', () => {
    const dataDir = tempDir();
    const first = openInventory({ dataDir });
    const added = first.addNode(sampleNode({ tags: ['eu', 'ssd'], notes: 'rack 4, "top" shelf' }), 'cli');
    first.close();

    const second = openInventory({ dataDir });
    expect(second.listNodes()).toEqual([added]);
    expect(second.listAudit(10).map((e) => e.action)).toEqual(['node.add']);
    expect(second.info().backups).toEqual([]); // already at the latest version: nothing to back up
    second.close();
  });

  it('enforces foreign keys: removing a node removes its capacity samples', () => {
    const inventory = openInventory({ dataDir: tempDir() });
    const node = inventory.addNode(sampleNode(), 'ui');
    // A second connection, as the capacity poller will have, writing beside the inventory (WAL).
    const poller = new Database(inventory.info().path);
    poller
      .prepare("INSERT INTO capacity_samples (node_id, at, repo_size, state) VALUES (?, '2025-01-01T00:00:00.000Z', 10, 'online')")
      .run(node.id);
    const count = poller.prepare('SELECT count(*) FROM capacity_samples').pluck();
    expect(count.get()).toBe(1);
    inventory.removeNode('node1', 'ui');
    expect(count.get()).toBe(0);
    poller.close();
    inventory.close();
  });

  it('backs up a schema-0 database that holds data before migrating it', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'inventory.sqlite');
    const legacy = new Database(file);
    legacy.exec("CREATE TABLE hand_made (note TEXT); INSERT INTO hand_made VALUES ('keep me')");
    legacy.close();

    const inventory = openInventory({ dataDir, now: () => new Date('2025-03-14T10:15:02.123Z') });
    const { backups, schemaVersion } = inventory.info();
    inventory.close();

    expect(schemaVersion).toBe(INVENTORY_SCHEMA_VERSION);
    expect(backups).toEqual([path.join(dataDir, 'backups', 'inventory-v0-20250314T101502Z.sqlite')]);
    const copy = new Database(backups[0]!, { readonly: true });
    expect(copy.prepare('SELECT note FROM hand_made').pluck().all()).toEqual(['keep me']);
    expect(copy.pragma('user_version', { simple: true })).toBe(0);
    copy.close();
  });

  it('backs up an older schema with nodes before a later migration, and the copy still holds them', () => {
    const dataDir = tempDir();
    const v1 = openSqliteInventory({ dataDir }, MIGRATIONS);
    v1.addNode(sampleNode(), 'cli');
    v1.close();

    const v2 = openSqliteInventory({ dataDir, now: () => new Date('2025-06-01T00:00:00Z') }, withRackColumn);
    expect(v2.info().schemaVersion).toBe(next);
    expect(v2.listNodes().map((n) => n.name)).toEqual(['node1']);
    const [backup] = v2.info().backups;
    v2.close();

    expect(path.basename(backup!)).toBe(`inventory-v${latest}-20250601T000000Z.sqlite`);
    const copy = new Database(backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(latest);
    expect(copy.prepare('SELECT name FROM nodes').pluck().all()).toEqual(['node1']);
    copy.close();
  });

  it('rolls a failed migration back, leaving the schema version and data as they were', () => {
    const dataDir = tempDir();
    const v1 = openInventory({ dataDir });
    v1.addNode(sampleNode(), 'cli');
    v1.close();

    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: next, name: 'broken', up: 'CREATE TABLE half_done (a TEXT); SELECT no_such_function();' },
    ];
    const error = expectCode(() => openSqliteInventory({ dataDir }, broken), 'db_unusable');
    expect(error.message).toMatch(new RegExp(`schema ${next} \\(broken\\) failed: .*no_such_function.*rolled back.*backups`));

    const db = new Database(path.join(dataDir, 'inventory.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT name FROM nodes').pluck().all()).toEqual(['node1']);
    db.close();
  });

  it('refuses a database written by a newer Pinfleet without touching the file', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'inventory.sqlite');
    const future = new Database(file);
    future.exec("CREATE TABLE nodes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO nodes (name) VALUES ('node1')");
    future.pragma('user_version = 7');
    future.close();
    const before = fs.readFileSync(file);
    const mtimeBefore = fs.statSync(file).mtimeMs;

    const error = expectCode(() => openInventory({ dataDir, now: steppingClock() }), 'db_newer_than_app');
    expect(error.message).toBe(
      `inventory.sqlite was written by a newer Pinfleet (schema 7, this app knows ${INVENTORY_SCHEMA_VERSION}). ` +
        'Update Pinfleet, or point --data-dir elsewhere.',
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtimeBefore);
    expect(fs.readdirSync(dataDir)).toEqual(['inventory.sqlite']); // no backup, no WAL files
  });

  it.each([
    ['a text file', Buffer.from('name,host\nnode1,10.0.0.5\n'.repeat(200))],
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))],
  ])('refuses %s with db_unusable, naming the path and what to do', (_label, bytes) => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'inventory.sqlite');
    fs.writeFileSync(file, bytes);

    const error = expectCode(() => openInventory({ dataDir }), 'db_unusable');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not an SQLite database.*Move the file aside/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
