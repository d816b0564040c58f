// Pinning host keys: read what a server presents (check), pin it the first time (trust), and change a
// pin only through its own audited action that names the old key (replace). Pins live in the
// inventory's hostKeyFingerprint, so every change lands in the audit log with who made it.
import type Database from 'better-sqlite3';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { HostKeyCheck } from '../../src-preload/contract/connection-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { writeAudit } from '../inventory/audit-log.js';
import type { Actor, Inventory } from '../inventory/index.js';
import { hostKeyStatus, type PresentedHostKey } from './host-key.js';
import type { HostKeyProbe } from './host-key-probe.js';

export interface HostKeyServiceDeps {
  inventory: Inventory;
  /** The inventory's database, so the pin and its audit row commit together. */
  db: Database.Database;
  probe: HostKeyProbe;
  /** Closes the node's pooled connection, which was made under the old pin. */
  disconnect(name: string): Promise<void>;
  actor: Actor;
  now?: () => Date;
}

export class HostKeyService {
  constructor(private readonly deps: HostKeyServiceDeps) {}

  async check(name: string): Promise<HostKeyCheck> {
    const node = this.deps.inventory.getNode(name);
    const presented = await this.deps.probe(node);
    return {
      name: node.name,
      host: node.host,
      port: node.sshPort,
      keyType: presented.keyType,
      fingerprint: presented.fingerprint,
      pinned: node.hostKeyFingerprint,
      status: hostKeyStatus(node.hostKeyFingerprint, presented),
    };
  }

  /** Pins the key the server presents now, provided it is the one the admin confirmed. */
  async trust(name: string, fingerprint: string): Promise<NodeRecord> {
    const node = this.deps.inventory.getNode(name);
    if (node.hostKeyFingerprint === fingerprint) return node;
    if (node.hostKeyFingerprint !== null) {
      throw new PinfleetError(
        'host_key_mismatch',
        `${node.name} already has a different host key pinned (${node.hostKeyFingerprint}); nothing changed. ` +
          `Changing a pin is a separate step: pinfleet hostkeys replace ${node.name} --previous ${node.hostKeyFingerprint} --next ${fingerprint}`,
      );
    }
    const presented = await this.presentedMustBe(node, fingerprint);
    return this.pin(node, fingerprint, 'hostKey.trust', { fingerprint, keyType: presented.keyType });
  }

  /** Changes a pin; the admin must name the pinned key, and the server must present the new one. */
  async replace(name: string, previous: string, next: string): Promise<NodeRecord> {
    const node = this.deps.inventory.getNode(name);
    if (node.hostKeyFingerprint === null) {
      throw new PinfleetError('invalid_input', `${node.name} has no host key pinned yet, so there is nothing to replace; trust one instead: pinfleet hostkeys trust ${node.name} --fingerprint ${next}`);
    }
    if (node.hostKeyFingerprint !== previous) {
      throw new PinfleetError(
        'invalid_input',
        `The pinned host key of ${node.name} is ${node.hostKeyFingerprint}, not ${previous}; nothing changed. Check which key you meant to replace.`,
      );
    }
    if (previous === next) return node;
    const presented = await this.presentedMustBe(node, next);
    const updated = this.pin(node, next, 'hostKey.replace', { previous, next, keyType: presented.keyType });
    await this.deps.disconnect(node.name);
    return updated;
  }

  private async presentedMustBe(node: NodeRecord, fingerprint: string): Promise<PresentedHostKey> {
    const presented = await this.deps.probe(node);
    if (presented.fingerprint !== fingerprint) {
      throw new PinfleetError(
        'host_key_mismatch',
        `${node.name} (${node.host}:${node.sshPort}) presents the ${presented.keyType} host key ${presented.fingerprint}, not ${fingerprint}; nothing was pinned. ` +
          'Check the fingerprint on the server itself before pinning.',
      );
    }
    return presented;
  }

  private pin(node: NodeRecord, fingerprint: string, action: string, detail: Record<string, string>): NodeRecord {
    const { inventory, db, actor } = this.deps;
    const now = this.deps.now ?? (() => new Date());
    // One transaction: the node.update row (from → to) and the named action commit together or not at all.
    return db
      .transaction(() => {
        const updated = inventory.pinHostKey(node.name, fingerprint, actor);
        writeAudit(db, { at: now().toISOString(), actor, action, target: updated.name, detail });
        return updated;
      })
      .immediate();
  }
}
