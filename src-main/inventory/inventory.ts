// What the rest of main may ask of the inventory. The implementation (better-sqlite3) lives
// beside this file; handlers and transports depend only on this interface.
import type { NodeChanges, NodeInput } from '../../src-preload/contract/schemas.js';
import type {
  AuditEntry,
  ExportedInventory,
  ImportReport,
  InventoryInfo,
  NodeRecord,
} from '../../src-preload/contract/types.js';

/** Who made a change, for the audit log: 'ui', 'cli', 'web', 'fleet', … */
export type Actor = string;

export interface Inventory {
  info(): InventoryInfo;
  listNodes(): NodeRecord[];
  /** Throws PinfleetError('not_found') naming the node. */
  getNode(name: string): NodeRecord;
  /** Throws 'duplicate' (same name, or same host+port), 'invalid_input', 'read_only'. */
  addNode(fields: NodeInput, actor: Actor): NodeRecord;
  updateNode(name: string, changes: NodeChanges, actor: Actor): NodeRecord;
  removeNode(name: string, actor: Actor): void;
  exportInventory(format: 'json' | 'csv'): ExportedInventory;
  importInventory(
    format: 'json' | 'csv' | 'env',
    content: string,
    options: { update: boolean },
    actor: Actor,
  ): ImportReport;
  listAudit(limit: number): AuditEntry[];
  close(): void;
}

export interface OpenInventoryOptions {
  /** The data directory; the database is `<dataDir>/inventory.sqlite`. */
  dataDir: string;
  /** The clock for timestamps and backup names; tests pass a fixed one. */
  now?: () => Date;
}
