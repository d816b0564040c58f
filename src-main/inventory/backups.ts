// Copies of the inventory taken with VACUUM INTO before a migration changes it. VACUUM INTO
// writes a consistent, compact copy from a live connection, WAL contents included, which a
// plain file copy of a WAL database would not.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

export const BACKUPS_TO_KEEP = 10;

// inventory-v<from>-<UTC stamp>[-<n>].sqlite; -<n> only when two backups share a second.
const BACKUP_NAME = /^inventory-v(\d+)-(\d{8}T\d{6}Z)(?:-(\d+))?\.sqlite$/;

/** 2025-03-14T10:15:02.123Z → 20250314T101502Z: sortable, and valid in a file name everywhere. */
export function backupStamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export function backupFileName(fromVersion: number, date: Date, attempt = 1): string {
  const suffix = attempt > 1 ? `-${attempt}` : '';
  return `inventory-v${fromVersion}-${backupStamp(date)}${suffix}.sqlite`;
}

/** Backup file names among `names`, newest first (by time stamp, not by schema version). */
export function sortBackupNames(names: readonly string[]): string[] {
  const parsed = names.flatMap((name) => {
    const match = BACKUP_NAME.exec(name);
    return match ? [{ name, stamp: match[2]!, attempt: Number(match[3] ?? 1) }] : [];
  });
  parsed.sort((a, b) =>
    a.stamp === b.stamp ? b.attempt - a.attempt : a.stamp < b.stamp ? 1 : -1,
  );
  return parsed.map((p) => p.name);
}

/** Full paths of the backups in `backupsDir`, newest first; none when the folder does not exist. */
export function listBackups(backupsDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return sortBackupNames(names).map((name) => path.join(backupsDir, name));
}

/** Writes a backup of `db` and prunes old ones; returns the new backup's path. */
export function makeBackup(
  db: Database.Database,
  backupsDir: string,
  fromVersion: number,
  now: Date,
): string {
  fs.mkdirSync(backupsDir, { recursive: true, mode: 0o700 });
  let attempt = 1;
  let target = path.join(backupsDir, backupFileName(fromVersion, now, attempt));
  while (fs.existsSync(target)) {
    attempt += 1;
    target = path.join(backupsDir, backupFileName(fromVersion, now, attempt));
  }
  // VACUUM INTO fills the file in place: a process killed mid-way left a file under a backup's name
  // holding no tables, listed and offered as the copy to restore. Written aside, then renamed whole.
  removePartials(backupsDir);
  const partial = `${target}${PARTIAL}`;
  db.prepare('VACUUM INTO ?').run(partial);
  fs.renameSync(partial, target);
  pruneBackups(backupsDir, BACKUPS_TO_KEEP);
  return target;
}

const PARTIAL = '.partial';

/** Copies left by a process killed while writing them: never whole, never listed. */
function removePartials(backupsDir: string): void {
  for (const name of fs.readdirSync(backupsDir)) {
    if (name.endsWith(PARTIAL) && BACKUP_NAME.test(name.slice(0, -PARTIAL.length))) {
      fs.rmSync(path.join(backupsDir, name), { force: true });
    }
  }
}

/** Deletes all but the newest `keep` backups. Files that are not backups are left alone. */
export function pruneBackups(backupsDir: string, keep: number): void {
  for (const old of listBackups(backupsDir).slice(keep)) fs.rmSync(old, { force: true });
}
