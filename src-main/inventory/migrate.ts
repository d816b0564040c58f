// Brings a writable database up to the latest schema, one migration per transaction, with a
// backup first whenever the database already holds something worth keeping.
import type Database from 'better-sqlite3';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { makeBackup } from './backups.js';
import { latestVersion, type Migration } from './migrations.js';
import { errorMessage } from './sqlite-errors.js';

export interface MigrationOutcome {
  from: number;
  to: number;
  /** The backup taken before migrating, or null when there was nothing to back up. */
  backup: string | null;
}

export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** True when the file holds any table, index or view: a fresh, empty file needs no backup. */
function holdsData(db: Database.Database): boolean {
  const row = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
  return row.n > 0;
}

export function runMigrations(
  db: Database.Database,
  migrations: readonly Migration[],
  backupsDir: string,
  now: () => Date,
): MigrationOutcome {
  const from = readUserVersion(db);
  const to = latestVersion(migrations);
  const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from, backup: null };

  const backup = holdsData(db) ? makeBackup(db, backupsDir, from, now()) : null;
  for (const migration of pending) applyMigration(db, migration, backup);
  return { from, to, backup };
}

function applyMigration(db: Database.Database, migration: Migration, backup: string | null): void {
  const apply = db.transaction(() => {
    // Another Pinfleet process (the CLI beside the app) may have migrated since we looked.
    if (readUserVersion(db) >= migration.version) return;
    if (typeof migration.up === 'string') db.exec(migration.up);
    else migration.up(db);
    if (migration.rebuildsTables) refuseDanglingReferences(db);
    db.pragma(`user_version = ${Math.trunc(migration.version)}`);
  });
  // Per connection and outside any transaction: other connections keep enforcing foreign keys,
  // and this one cannot write meanwhile except through this migration.
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
  try {
    apply.immediate();
  } catch (error) {
    const saved = backup ? ` A copy taken before the upgrade is at ${backup}.` : '';
    throw new PinfleetError(
      'db_unusable',
      `Upgrading the inventory to schema ${migration.version} (${migration.name}) failed: ` +
        `${errorMessage(error)}. The upgrade was rolled back, so the file is as it was.${saved}`,
    );
  } finally {
    if (migration.rebuildsTables && keysWereOn) db.pragma('foreign_keys = ON');
  }
}

/** A rebuilt table must keep every row its children point at; otherwise the migration rolls back. */
function refuseDanglingReferences(db: Database.Database): void {
  const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (dangling.length > 0) {
    const first = dangling[0]!;
    throw new Error(`${dangling.length} row(s) of ${first.table} would point at missing rows of ${first.parent}`);
  }
}
