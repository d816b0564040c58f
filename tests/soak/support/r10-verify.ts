// After each kill, R10 reopens the inventory the way the app does (openStorage: probe, WAL
// recovery, migrations with their backup) and checks what a crash must never break.
import Database from 'better-sqlite3';
import { listBackups } from '../../../src-main/inventory/backups.js';
import { openStorage } from '../../../src-main/inventory/index.js';

export interface Reopened {
  db: Database.Database;
  schemaVersion: number;
  close(): void;
}

/** Opens through the real path; a refusal or a read-only open is a problem, not an exception. */
export function reopen(dataDir: string): { opened: Reopened | null; problem: string | null } {
  try {
    const { inventory, opened } = openStorage({ dataDir });
    if (opened.readOnly) {
      inventory.close();
      return { opened: null, problem: `opened read-only after the kill: ${opened.readOnlyReason ?? ''}` };
    }
    return { opened: { db: opened.db, schemaVersion: opened.schemaVersion, close: () => inventory.close() }, problem: null };
  } catch (error) {
    return { opened: null, problem: `refused to open after the kill: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** PRAGMA integrity_check and foreign_key_check; null when both are clean. */
export function integrityProblem(db: Database.Database): string | null {
  const answers = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (answers.length !== 1 || answers[0] !== 'ok') return `integrity_check: ${answers.slice(0, 5).join('; ')}`;
  const orphans = db.pragma('foreign_key_check') as unknown[];
  if (orphans.length > 0) return `foreign_key_check: ${orphans.length} rows point at nothing, e.g. ${JSON.stringify(orphans[0])}`;
  return null;
}

/** Every backup the app would offer must be a whole database at the version it was taken from. */
export function backupProblems(backupsDir: string): string[] {
  const problems: string[] = [];
  for (const file of listBackups(backupsDir)) {
    let db: Database.Database | null = null;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const problem = integrityProblem(db);
      const version = db.pragma('user_version', { simple: true }) as number;
      if (problem) problems.push(`backup ${file}: ${problem}`);
      else if (version < 1) problems.push(`backup ${file}: holds no schema (user_version ${version})`);
    } catch (error) {
      problems.push(`backup ${file} does not open: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      db?.close();
    }
  }
  return problems;
}
