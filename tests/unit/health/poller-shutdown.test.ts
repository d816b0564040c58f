// Shutting down while a cycle is still reading nodes: a node whose read finishes after stop() is
// not recorded (the database may close next), and that refusal reaches whoever waits for the node
// without ever surfacing as an unhandled rejection (CI once failed on exactly that). The reader is
// a stand-in: this is the poller's own bookkeeping, against a real SQLite inventory.
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/core/events.js';
import { AlertStore } from '../../../src-main/health/alert-store.js';
import type { NodeReading } from '../../../src-main/health/node-reading.js';
import { Poller } from '../../../src-main/health/poller.js';
import { SettingsStore } from '../../../src-main/health/settings-store.js';
import { StatusStore } from '../../../src-main/health/status-store.js';
import { openStorage, type Inventory } from '../../../src-main/inventory/index.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import { sampleNode, tempDir } from '../inventory/inventory-test-kit.js';

let inventory: Inventory | null = null;
afterEach(() => {
  inventory?.close();
  inventory = null;
});

describe('Poller.stop during a cycle', () => {
  it('abandons the reads that end after it, unrecorded, with no unhandled rejection', async () => {
    const storage = openStorage({ dataDir: tempDir() });
    inventory = storage.inventory;
    const db = storage.opened.db;
    for (const [i, name] of ['fast', 'slow'].entries()) inventory.addNode(sampleNode({ name, host: `10.0.0.${i + 5}` }), 'test');
    const finish = new Map<string, () => void>();
    const reader = {
      read: (node: NodeRecord) => new Promise<NodeReading>((resolve) => finish.set(node.name, () => resolve({} as NodeReading))),
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const statuses = new StatusStore(db);
      const poller = new Poller({
        db, inventory, reader, statuses, alerts: new AlertStore(db), settings: new SettingsStore(db, false), bus: new EventBus(), readOnly: false,
      });
      const cycle = poller.pollNow();
      const slowNode = poller.pollNode(inventory.getNode('slow'));
      await new Promise((resolve) => setImmediate(resolve));
      const stopped = poller.stop();
      finish.get('fast')!(); // Read done after stop(), while the cycle still waits for "slow".
      await new Promise((resolve) => setTimeout(resolve, 50)); // Node reports unhandled rejections by now.
      finish.get('slow')!();
      await expect(slowNode).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('shutting down') });
      expect(await cycle).toEqual(['fast', 'slow']);
      await stopped;
      expect(unhandled).toEqual([]);
      expect(statuses.get(inventory.getNode('fast').id)).toBeNull();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
