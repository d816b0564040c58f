// Opens <dataDir>/inventory.sqlite and decides how far it can be trusted: refused outright (not a
// database, or written by a newer Pinfleet), opened read-only (damaged but readable), or opened
// for writing and migrated to the latest schema. The file is probed read-only first, so a file
// we refuse is never written to, not even to switch it to WAL.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { listBackups } from './backups.js';
import { latestVersion, type Migration } from './migrations.js';
import { readUserVersion, runMigrations } from './migrate.js';
import { damagedReason, notADatabaseMessage, notWritableReason, unusableMessage } from './open-messages.js';
import { errorMessage, hasSqliteCode } from './sqlite-errors.js';

export const DATABASE_FILE = 'inventory.sqlite';
export const BACKUPS_FOLDER = 'backups';
const BUSY_TIMEOUT_MS = 5000;

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  backupsDir: string;
  schemaVersion: number;
  readOnly: boolean;
  readOnlyReason: string | null;
}

export function openDatabase(
  dataDir: string,
  migrations: readonly Migration[],
  now: () => Date,
): OpenedDatabase {
  const file = path.join(dataDir, DATABASE_FILE);
  const backupsDir = path.join(dataDir, BACKUPS_FOLDER);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new PinfleetError('db_unusable', unusableMessage(file, `its folder cannot be created: ${errorMessage(error)}`));
  }
  const latest = latestVersion(migrations);
  if (fs.existsSync(file)) {
    const probe = probeExistingFile(file, latest);
    if (probe.problem !== null) {
      const reason = damagedReason(file, probe.problem, listBackups(backupsDir)[0] ?? null, backupsDir);
      return openReadOnly(file, backupsDir, probe.userVersion, reason);
    }
  }
  return openWritable(file, backupsDir, migrations, now);
}

interface Probe {
  userVersion: number;
  /** What PRAGMA quick_check found wrong, or null when it answered "ok". */
  problem: string | null;
}

function probeExistingFile(file: string, latest: number): Probe {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new PinfleetError('db_unusable', unusableMessage(file, errorMessage(error)));
  }
  try {
    const userVersion = readVersionOrRefuse(db, file);
    if (userVersion > latest) {
      throw new PinfleetError(
        'db_newer_than_app',
        `inventory.sqlite was written by a newer Pinfleet (schema ${userVersion}, this app knows ${latest}). ` +
          'Update Pinfleet, or point --data-dir elsewhere.',
      );
    }
    return { userVersion, problem: quickCheckProblem(db) };
  } finally {
    db.close();
  }
}

function readVersionOrRefuse(db: Database.Database, file: string): number {
  try {
    return readUserVersion(db);
  } catch (error) {
    if (hasSqliteCode(error, 'SQLITE_NOTADB')) throw new PinfleetError('db_unusable', notADatabaseMessage(file));
    // Reading the version also reads the schema; if even that fails there is nothing to show.
    throw new PinfleetError('db_unusable', unusableMessage(file, `it is damaged beyond reading (${errorMessage(error)})`));
  }
}

function quickCheckProblem(db: Database.Database): string | null {
  try {
    const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
    const answers = rows.map((row) => row.quick_check);
    if (answers.length === 1 && answers[0] === 'ok') return null;
    // "*** in database main ***" is SQLite's heading for a multi-database report: noise here.
    const text = answers.join('; ').replace(/\*\*\* in database \w+ \*\*\*/g, '').replace(/\s+/g, ' ');
    return text.trim().slice(0, 400);
  } catch (error) {
    if (hasSqliteCode(error, 'SQLITE_CORRUPT') || hasSqliteCode(error, 'SQLITE_NOTADB')) return errorMessage(error);
    throw error;
  }
}

function openReadOnly(file: string, backupsDir: string, schemaVersion: number, reason: string): OpenedDatabase {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  return { db, path: file, backupsDir, schemaVersion, readOnly: true, readOnlyReason: reason };
}

function openWritable(
  file: string,
  backupsDir: string,
  migrations: readonly Migration[],
  now: () => Date,
): OpenedDatabase {
  const isNew = !fs.existsSync(file);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new PinfleetError('db_unusable', unusableMessage(file, errorMessage(error)));
  }
  try {
    if (isNew) fs.chmodSync(file, 0o600); // SQLite gives the -wal and -shm files the same mode.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // FULL: a laptop that loses power must not lose the last change to the fleet.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const outcome = runMigrations(db, migrations, backupsDir, now);
    return { db, path: file, backupsDir, schemaVersion: outcome.to, readOnly: false, readOnlyReason: null };
  } catch (error) {
    db.close();
    // A file this user may read but not write (wrong owner, read-only disk) is still worth showing.
    if (!isNew && hasSqliteCode(error, 'SQLITE_READONLY')) {
      const version = readOnlyVersion(file);
      return openReadOnly(file, backupsDir, version, notWritableReason(file, errorMessage(error)));
    }
    if (error instanceof PinfleetError) throw error;
    if (hasSqliteCode(error, 'SQLITE_NOTADB')) throw new PinfleetError('db_unusable', notADatabaseMessage(file));
    throw new PinfleetError('db_unusable', unusableMessage(file, errorMessage(error)));
  }
}

function readOnlyVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    return readUserVersion(db);
  } finally {
    db.close();
  }
}
