// Removes the pins a failed transfer may have left behind, once the node answers again: kubo can
// finish an add (and pin it) after the connection broke, and a node that failed an item must not
// keep a copy nobody accounts for. Loose blocks of a broken add are left to the node's GC.
import type { NodeConnector } from '../connections/node-connector.js';
import type { Inventory } from '../inventory/inventory.js';
import { pinRm } from './kubo-pins.js';
import type { UploadStore } from './upload-store.js';

export class ReplicaCleanup {
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly store: UploadStore,
    private readonly inventory: Inventory,
    private readonly connector: NodeConnector,
    private readonly isOnline: (node: string) => boolean,
  ) {}

  /** One sweep at a time; a node that is still down is tried again on the next sweep. */
  sweep(): Promise<void> {
    this.sweeping ??= this.run().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /** Resolves when no sweep is running (for an orderly close). */
  idle(): Promise<void> {
    return this.sweeping ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    for (const replica of this.store.failedReplicasWithCid()) {
      if (!this.isOnline(replica.node)) continue;
      try {
        const url = await this.connector.kuboApiUrl(this.inventory.getNode(replica.node));
        await pinRm(url, replica.cid);
        this.store.setReplica(replica.uploadId, replica.nodeId, 'unpinned', 'the transfer failed here; any pin it left was removed');
      } catch {
        // Still unreachable or refusing: the row stays 'failed' with its reason for the next sweep.
      }
    }
  }
}
