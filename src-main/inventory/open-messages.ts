// What the admin reads when the inventory cannot be used normally: what failed, what Pinfleet
// did about it, and what to do next.

export function notADatabaseMessage(file: string): string {
  return (
    `${file} is not an SQLite database, so Pinfleet cannot read its inventory from it. ` +
    'Move the file aside (or restore a backup from the backups folder beside it) and start Pinfleet again, ' +
    'or point --data-dir elsewhere.'
  );
}

export function unusableMessage(file: string, what: string): string {
  return (
    `Pinfleet cannot open its inventory at ${file}: ${what}. ` +
    'Check that the folder exists and belongs to you, restore a backup from its backups folder, ' +
    'or point --data-dir elsewhere.'
  );
}

export function damagedReason(
  file: string,
  problem: string,
  newestBackup: string | null,
  backupsDir: string,
): string {
  const restore = newestBackup
    ? `A backup exists at ${newestBackup}: to restore it, quit Pinfleet and copy it over ${file}.`
    : `No backup exists in ${backupsDir} yet: quit Pinfleet, copy ${file} somewhere safe and run ` +
      '`sqlite3 inventory.sqlite .recover` on the copy to salvage its rows.';
  return (
    `The inventory failed its integrity check (${problem}). ` +
    `Pinfleet opened it read-only and will not write anything to it. ${restore}`
  );
}

export function notWritableReason(file: string, why: string): string {
  return (
    `Pinfleet cannot write to ${file} (${why}). It opened the inventory read-only and will not write ` +
    'anything to it. Check that the file and its folder belong to you and are writable, then restart Pinfleet.'
  );
}
