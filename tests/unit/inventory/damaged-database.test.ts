// A damaged inventory that still opens: shown read-only with a reason, and never written to.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openInventory } from '../../../src-main/inventory/index.js';
import { MIGRATIONS, type Migration } from '../../../src-main/inventory/migrations.js';
import { openSqliteInventory } from '../../../src-main/inventory/sqlite-inventory.js';
import { expectCode, sampleNode, tempDir } from './inventory-test-kit.js';

/**
 * Overwrites every page of the (host, ssh_port) unique index with garbage. The schema on page 1
 * and the nodes table stay intact, so the file opens and nodes can still be listed, but
 * PRAGMA quick_check reports the broken index.
 */
function corruptHostIndex(file: string): void {
  const db = new Database(file, { readonly: true });
  const indexName = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'nodes' AND sql IS NULL AND name LIKE '%2'")
    .pluck()
    .get() as string;
  const pages = db.prepare('SELECT pageno FROM dbstat WHERE name = ?').pluck().all(indexName) as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(pages.length).toBeGreaterThan(0);
  const fd = fs.openSync(file, 'r+');
  for (const page of pages) fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
}

function fillInventory(dataDir: string, count: number): void {
  const inventory = openInventory({ dataDir });
  for (let i = 1; i <= count; i += 1) {
    inventory.addNode(sampleNode({ name: `node${i}`, host: `10.0.${i >> 8}.${i & 255}` }), 'test');
  }
  inventory.close();
}

describe('a damaged inventory', () => {
  it('opens read-only with a reason, still lists nodes, and refuses every write', () => {
    const dataDir = tempDir();
    fillInventory(dataDir, 40);
    const file = path.join(dataDir, 'inventory.sqlite');
    corruptHostIndex(file);
    const before = fs.readFileSync(file);

    const inventory = openInventory({ dataDir });
    const info = inventory.info();
    expect(info.readOnly).toBe(true);
    expect(info.readOnlyReason).toMatch(/failed its integrity check \(.+\)/);
    expect(info.readOnlyReason).toContain('will not write anything');
    expect(info.readOnlyReason).toContain(path.join(dataDir, 'backups')); // no backup yet: says where one would be
    expect(info.readOnlyReason).toContain('.recover');
    expect(inventory.listNodes()).toHaveLength(40);
    expect(inventory.getNode('NODE7').host).toBe('10.0.0.7');

    const writes: [string, () => unknown][] = [
      ['add', () => inventory.addNode(sampleNode({ name: 'fresh', host: '10.9.9.9' }), 'test')],
      ['update', () => inventory.updateNode('node1', { notes: 'x' }, 'test')],
      ['remove', () => inventory.removeNode('node1', 'test')],
      ['import', () => inventory.importInventory('env', 'IPFS_NEW_ENDPOINT=http://10.9.9.8:5001', { update: false }, 'test')],
    ];
    for (const [, write] of writes) {
      const error = expectCode(write, 'read_only');
      expect(error.message).toMatch(/^Nothing was changed: the inventory is read-only\. The inventory failed its integrity check/);
    }
    inventory.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('points at the newest backup when one exists', () => {
    const dataDir = tempDir();
    fillInventory(dataDir, 40);
    // A later schema makes a backup of the healthy file, as an upgrade would.
    const latest = MIGRATIONS.at(-1)!.version;
    const v2: Migration[] = [...MIGRATIONS, { version: latest + 1, name: 'noop', up: 'SELECT 1' }];
    openSqliteInventory({ dataDir, now: () => new Date('2025-01-02T03:04:05Z') }, v2).close();
    corruptHostIndex(path.join(dataDir, 'inventory.sqlite'));

    const inventory = openSqliteInventory({ dataDir }, v2);
    const backup = path.join(dataDir, 'backups', `inventory-v${latest}-20250102T030405Z.sqlite`);
    expect(inventory.info()).toMatchObject({ readOnly: true, schemaVersion: latest + 1, backups: [backup] });
    expect(inventory.info().readOnlyReason).toContain(`A backup exists at ${backup}: to restore it, quit Pinfleet and copy it over`);
    inventory.close();
  });
});
