// The ordered list of schema migrations. PRAGMA user_version holds the number of the last one
// applied; each runs in one transaction that also bumps user_version, so a crash mid-way leaves
// the database at the previous version, never half-migrated.
//
// Append only: never edit a migration that has shipped. A migration that rebuilds a table that
// other tables reference sets rebuildsTables: the runner then turns foreign keys off around its
// transaction (SQLite ignores that pragma inside one) and checks every reference before commit,
// so dropping the old table neither cascades into its children nor leaves one dangling.
import type Database from 'better-sqlite3';
import { SCHEMA_V1_SQL } from './schema-v1.js';
import { SCHEMA_V2_SQL } from './schema-v2.js';
import { SCHEMA_V3_SQL } from './schema-v3.js';
import { migrateToV4 } from './schema-v4-migration.js';

export interface Migration {
  version: number;
  name: string;
  /** SQL run with exec(), or a function for changes that need to read data first. */
  up: string | ((db: Database.Database) => void);
  /** Rebuilds a referenced table: run with foreign keys off, then checked (see above). */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: SCHEMA_V1_SQL },
  { version: 2, name: 'direct kubo RPC URL, kubo container, API credentials', up: SCHEMA_V2_SQL },
  { version: 3, name: "an upload's chosen node", up: SCHEMA_V3_SQL },
  { version: 4, name: 'node ids never reused; secrets of removed nodes purged', up: migrateToV4, rebuildsTables: true },
];

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((latest, m) => Math.max(latest, m.version), 0);
}

/** The schema version this build of Pinfleet writes. */
export const INVENTORY_SCHEMA_VERSION = latestVersion(MIGRATIONS);
