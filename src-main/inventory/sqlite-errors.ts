// better-sqlite3 throws SqliteError with a `code` such as SQLITE_CORRUPT or SQLITE_NOTADB.
// Extended codes (SQLITE_CORRUPT_INDEX) start with the primary code, so match on the prefix.

export function sqliteCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

export function hasSqliteCode(error: unknown, primary: string): boolean {
  const code = sqliteCode(error);
  return code !== null && (code === primary || code.startsWith(`${primary}_`));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
