// What the rest of main may ask of the inventory. The implementation (better-sqlite3) lives
// beside this file; handlers and transports depend only on this interface.
import type { NodeChanges, NodeInput } from '../../src-preload/contract/schemas.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SecretPurgeOutcome } from './secret-purges.js';
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
  /**
   * Refuses a different hostKeyFingerprint ('invalid_input': pins change through pinHostKey only).
   * A new host, SSH port or direct RPC URL clears the pin; a new direct URL also drops the RPC credential.
   */
  updateNode(name: string, changes: NodeChanges, actor: Actor): NodeRecord;
  /** For hostKeys.trust and hostKeys.replace only, which first check the key the server presents. */
  pinHostKey(name: string, fingerprint: string, actor: Actor): NodeRecord;
  /**
   * Deletes the node and every row keyed by it, and queues its secrets for purging (started at
   * once; await purgeRemovedSecrets to know they are gone). Every removal goes through here.
   */
  removeNode(name: string, actor: Actor): void;
  /** Deletes queued secrets of removed nodes from the secret store; what it cannot delete stays queued. */
  purgeRemovedSecrets(): Promise<SecretPurgeOutcome>;
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
  /** Where removed nodes' secrets are purged from; without it they stay queued in the database. */
  secrets?: SecretStore;
}
