// Backup names, their order, and how many are kept.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  BACKUPS_TO_KEEP,
  backupFileName,
  listBackups,
  makeBackup,
  sortBackupNames,
} from '../../../src-main/inventory/backups.js';
import { tempDir } from './inventory-test-kit.js';

describe('backup names', () => {
  it('name the schema version and the UTC second', () => {
    expect(backupFileName(3, new Date('2025-03-14T10:15:02.999+01:00'))).toBe('inventory-v3-20250314T091502Z.sqlite');
    expect(backupFileName(3, new Date('2025-03-14T09:15:02Z'), 2)).toBe('inventory-v3-20250314T091502Z-2.sqlite');
  });

  it('sort newest first by time, not by version, and ignore other files', () => {
    const names = [
      'inventory-v9-20240101T000000Z.sqlite',
      'notes.txt',
      'inventory-v1-20250101T000000Z.sqlite',
      'inventory-v1-20250101T000000Z-2.sqlite',
      'inventory-v10-20241231T235959Z.sqlite',
    ];
    expect(sortBackupNames(names)).toEqual([
      'inventory-v1-20250101T000000Z-2.sqlite',
      'inventory-v1-20250101T000000Z.sqlite',
      'inventory-v10-20241231T235959Z.sqlite',
      'inventory-v9-20240101T000000Z.sqlite',
    ]);
  });
});

describe('makeBackup', () => {
  it('writes a readable copy, never overwrites one from the same second, and keeps the newest ten', () => {
    const dir = tempDir();
    const backupsDir = path.join(dir, 'backups');
    fs.mkdirSync(backupsDir);
    fs.writeFileSync(path.join(backupsDir, 'README.txt'), 'not a backup');
    const db = new Database(path.join(dir, 'inventory.sqlite'));
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x')");

    const sameSecond = new Date('2025-01-01T00:00:00Z');
    const first = makeBackup(db, backupsDir, 1, sameSecond);
    const second = makeBackup(db, backupsDir, 1, sameSecond);
    expect(path.basename(second)).toBe('inventory-v1-20250101T000000Z-2.sqlite');
    for (let day = 2; day <= 12; day += 1) {
      makeBackup(db, backupsDir, 1, new Date(`2025-01-${String(day).padStart(2, '0')}T00:00:00Z`));
    }
    db.close();

    const kept = listBackups(backupsDir);
    expect(kept).toHaveLength(BACKUPS_TO_KEEP);
    expect(path.basename(kept[0]!)).toBe('inventory-v1-20250112T000000Z.sqlite');
    expect(kept).not.toContain(first);
    expect(kept).not.toContain(second);
    expect(fs.existsSync(path.join(backupsDir, 'README.txt'))).toBe(true);
    const copy = new Database(kept[0]!, { readonly: true });
    expect(copy.prepare('SELECT v FROM t').pluck().get()).toBe('x');
    copy.close();
  });

  it('lists nothing when there is no backups folder', () => {
    expect(listBackups(path.join(tempDir(), 'missing'))).toEqual([]);
  });
});
