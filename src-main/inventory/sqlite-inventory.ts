// The Inventory backed by better-sqlite3. Every write runs in one IMMEDIATE transaction holding
// both the change and its audit row, so the CLI and the app can share the file safely.
import type Database from 'better-sqlite3';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeChanges, NodeFields, NodeInput } from '../../src-preload/contract/schemas.js';
import type { AuditEntry, ExportedInventory, ImportReport, InventoryInfo, NodeRecord } from '../../src-preload/contract/types.js';
import { listAuditEntries, writeAudit } from './audit-log.js';
import { listBackups } from './backups.js';
import { buildExport, readImport, type ExportFormat, type ImportFormat } from './formats/index.js';
import { planImport } from './import-plan.js';
import type { Actor, Inventory, OpenInventoryOptions } from './inventory.js';
import type { Migration } from './migrations.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { duplicateHostMessage, duplicateNameMessage, notFoundMessage } from './node-messages.js';
import { diffNodeFields, toNodeFields } from './node-rows.js';
import { deleteNodeRow, findNodeByHost, findNodeByName, insertNode, listNodeRecords, updateNodeRow } from './node-store.js';
import { validateNodeChanges, validateNodeFields } from './node-validation.js';
import { openDatabase, type OpenedDatabase } from './open-database.js';
import { addressChange, pinChangeRefusal } from './pin-rules.js';
import { dropApiCredential, purgeQueuedSecrets, queueNodeSecrets, queuedSecretRefs, type SecretPurgeOutcome } from './secret-purges.js';
import { errorMessage, hasSqliteCode } from './sqlite-errors.js';

/** Opens with an explicit list of migrations; tests use it to simulate later schema versions. */
export function openSqliteInventory(options: OpenInventoryOptions, migrations: readonly Migration[]): Inventory {
  return openSqliteStorage(options, migrations).inventory;
}

/**
 * The inventory plus the open database, for the stores of later features (capacity samples,
 * credentials, alerts) that keep their tables in the same file and share its connection.
 */
export function openSqliteStorage(
  options: OpenInventoryOptions,
  migrations: readonly Migration[],
): { inventory: Inventory; opened: OpenedDatabase } {
  const now = options.now ?? (() => new Date());
  const opened = openDatabase(options.dataDir, migrations, now);
  const inventory = new SqliteInventory(opened, now, options.secrets ?? null);
  // Secrets a crash or a locked store kept from being deleted last time.
  inventory.purgeInBackground();
  return { inventory, opened };
}

class SqliteInventory implements Inventory {
  private readonly db: Database.Database;
  /** Purges run one after another: each reads the queue the previous one left. */
  private purging: Promise<SecretPurgeOutcome> | null = null;

  constructor(
    private readonly opened: OpenedDatabase,
    private readonly now: () => Date,
    private readonly secrets: SecretStore | null,
  ) {
    this.db = opened.db;
  }

  info(): InventoryInfo {
    const { path, schemaVersion, readOnly, readOnlyReason, backupsDir } = this.opened;
    return { path, schemaVersion, readOnly, readOnlyReason, backups: listBackups(backupsDir) };
  }

  listNodes(): NodeRecord[] {
    return this.guard(() => listNodeRecords(this.db));
  }

  getNode(name: string): NodeRecord {
    return this.guard(() => this.requireNode(name));
  }

  addNode(fields: NodeInput, actor: Actor): NodeRecord {
    const node = validateNodeFields(fields);
    return this.write(() => {
      this.refuseDuplicates(node, null);
      const added = insertNode(this.db, node, this.stamp());
      this.audit(actor, 'node.add', added.name, toNodeFields(added));
      return added;
    });
  }

  updateNode(name: string, changes: NodeChanges, actor: Actor): NodeRecord {
    const valid = validateNodeChanges(changes);
    let dropped = false;
    const updated = this.write(() => {
      const existing = this.requireNode(name);
      const before = toNodeFields(existing);
      // Setting the same pin again is a no-op; any other value goes through hostKeys.trust/replace.
      if (valid.hostKeyFingerprint !== undefined && valid.hostKeyFingerprint !== existing.hostKeyFingerprint) {
        throw new PinfleetError('invalid_input', pinChangeRefusal(existing.name));
      }
      const fields = { ...before, ...valid };
      const moved = addressChange(before, fields);
      if (moved.clearPin) fields.hostKeyFingerprint = null;
      const diff = diffNodeFields(before, fields);
      if (Object.keys(diff).length === 0) return existing; // Nothing changed: nothing to log.
      this.refuseDuplicates(fields, existing.id);
      const row = updateNodeRow(this.db, existing.id, fields, this.stamp());
      dropped = moved.dropApiCredential && dropApiCredential(this.db, existing, this.stamp());
      this.audit(actor, 'node.update', row.name, { changes: diff, ...(dropped ? { apiCredentialDropped: true } : {}) });
      return row;
    });
    if (dropped) this.purgeInBackground();
    return updated;
  }

  pinHostKey(name: string, fingerprint: string, actor: Actor): NodeRecord {
    return this.write(() => {
      const existing = this.requireNode(name);
      if (existing.hostKeyFingerprint === fingerprint) return existing;
      const fields = { ...toNodeFields(existing), hostKeyFingerprint: fingerprint };
      const row = updateNodeRow(this.db, existing.id, fields, this.stamp());
      this.audit(actor, 'node.update', row.name, { changes: diffNodeFields(toNodeFields(existing), fields) });
      return row;
    });
  }

  removeNode(name: string, actor: Actor): void {
    this.write(() => {
      const existing = this.requireNode(name);
      // Queued in the same transaction as the delete: the node cannot go while its secrets stay unlisted.
      queueNodeSecrets(this.db, existing, this.stamp());
      deleteNodeRow(this.db, existing.id);
      this.audit(actor, 'node.remove', existing.name, toNodeFields(existing));
    });
    this.purgeInBackground();
  }

  purgeRemovedSecrets(): Promise<SecretPurgeOutcome> {
    const previous = this.purging ?? Promise.resolve(null);
    const next = previous.then(() => this.purgeOnce());
    this.purging = next.catch(() => ({ purged: [], left: [], problem: null }));
    return next;
  }

  /** Starts a purge nobody waits for; what it cannot do stays queued for the next one. */
  purgeInBackground(): void {
    this.purgeRemovedSecrets().catch(() => {});
  }

  private async purgeOnce(): Promise<SecretPurgeOutcome> {
    if (!this.db.open) return { purged: [], left: [], problem: 'the inventory is closed' };
    if (this.opened.readOnly) return { purged: [], left: queuedSecretRefs(this.db), problem: 'the inventory is read-only' };
    if (this.secrets === null) return { purged: [], left: queuedSecretRefs(this.db), problem: 'no secret store was given' };
    return purgeQueuedSecrets(this.db, this.secrets);
  }

  exportInventory(format: ExportFormat): ExportedInventory {
    const nodes = this.listNodes().map(toNodeFields);
    return buildExport(format, nodes, this.now());
  }

  importInventory(format: ImportFormat, content: string, options: { update: boolean }, actor: Actor): ImportReport {
    this.assertWritable();
    const candidates = readImport(format, content);
    let purge = false;
    const imported = this.write(() => {
      const plan = planImport(candidates, listNodeRecords(this.db), options);
      const via = { import: format };
      const report: ImportReport = { added: [], updated: [], skipped: plan.skipped };
      for (const { existing, fields, changes, dropApiCredential: drop } of plan.update) {
        const updated = updateNodeRow(this.db, existing.id, fields, this.stamp());
        const dropped = drop && dropApiCredential(this.db, existing, this.stamp());
        if (dropped) purge = true;
        this.audit(actor, 'node.update', updated.name, { changes, ...via, ...(dropped ? { apiCredentialDropped: true } : {}) });
        report.updated.push(updated.name);
      }
      for (const fields of plan.add) {
        const added = insertNode(this.db, fields, this.stamp());
        this.audit(actor, 'node.add', added.name, { ...toNodeFields(added), ...via });
        report.added.push(added.name);
      }
      const counts = { added: report.added.length, updated: report.updated.length, skipped: report.skipped.length };
      this.audit(actor, 'inventory.import', null, { format, ...counts });
      return report;
    });
    if (purge) this.purgeInBackground();
    return imported;
  }

  listAudit(limit: number): AuditEntry[] {
    return this.guard(() => listAuditEntries(this.db, limit));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private requireNode(name: string): NodeRecord {
    const node = findNodeByName(this.db, name);
    if (!node) throw new PinfleetError('not_found', notFoundMessage(name));
    return node;
  }

  /** Same name (any case) or same host and SSH port as another node: refused, naming that node. */
  private refuseDuplicates(fields: NodeFields, selfId: number | null): void {
    const sameName = findNodeByName(this.db, fields.name);
    if (sameName && sameName.id !== selfId) throw new PinfleetError('duplicate', duplicateNameMessage(sameName));
    const sameHost = findNodeByHost(this.db, fields.host, fields.sshPort);
    if (sameHost && sameHost.id !== selfId) {
      throw new PinfleetError('duplicate', duplicateHostMessage(fields.host, fields.sshPort, sameHost.name));
    }
  }

  private audit(actor: Actor, action: string, target: string | null, detail: unknown): void {
    writeAudit(this.db, { at: this.stamp(), actor, action, target, detail });
  }

  private assertWritable(): void {
    if (this.opened.readOnly) {
      throw new PinfleetError('read_only', `Nothing was changed: the inventory is read-only. ${this.opened.readOnlyReason ?? ''}`.trim());
    }
  }

  private write<T>(change: () => T): T {
    this.assertWritable();
    return this.guard(() => this.db.transaction(change).immediate());
  }

  /** Turns SQLite failures into errors the admin can act on; PinfleetErrors pass through. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof PinfleetError) throw error;
      if (hasSqliteCode(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
        // Only reachable when another process added the same node between our check and insert.
        throw new PinfleetError('duplicate', `That node is already in the inventory (${errorMessage(error)}).`);
      }
      if (this.opened.readOnly || hasSqliteCode(error, 'SQLITE_CORRUPT') || hasSqliteCode(error, 'SQLITE_NOTADB')) {
        const why = this.opened.readOnlyReason ?? 'Nothing was changed; restart Pinfleet to run its integrity check.';
        throw new PinfleetError('db_unusable', `The inventory database failed (${errorMessage(error)}). ${why}`);
      }
      throw error;
    }
  }
}
