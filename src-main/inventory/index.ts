// The inventory: what the rest of main imports. openInventory opens <dataDir>/inventory.sqlite,
// migrates it to INVENTORY_SCHEMA_VERSION (backing it up first) or opens it read-only when damaged.
import type { Inventory, OpenInventoryOptions } from './inventory.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteInventory, openSqliteStorage } from './sqlite-inventory.js';
import type { OpenedDatabase } from './open-database.js';

export type { Actor, Inventory, OpenInventoryOptions } from './inventory.js';
export { INVENTORY_SCHEMA_VERSION } from './migrations.js';

export function openInventory(options: OpenInventoryOptions): Inventory {
  return openSqliteInventory(options, MIGRATIONS);
}

export type { OpenedDatabase } from './open-database.js';

/** The inventory and the database it lives in, shared by every store of the app. */
export function openStorage(options: OpenInventoryOptions): { inventory: Inventory; opened: OpenedDatabase } {
  return openSqliteStorage(options, MIGRATIONS);
}
