// The composition root: the one place that builds the object graph every transport shares.
// Electron's shell, `pinfleet serve` and the CLI all call createAppContext; nothing here may
// import electron.
import { createRouter, type Router } from '../core/router.js';
import { EventBus } from '../core/events.js';
import { openInventory } from '../inventory/index.js';
import { inventoryHandlers } from '../services/inventory-handlers.js';
import { statusHandlers } from '../services/status-handlers.js';
import { pendingHandlers } from '../services/pending-handlers.js';
import { APP_VERSION } from './version.js';

export interface AppContext {
  router: Router;
  bus: EventBus;
  dataDir: string;
  close(): void;
}

export interface AppContextOptions {
  dataDir: string;
  /** Recorded in the audit log as who made each change: 'ui', 'web', 'cli', … */
  actor: string;
}

export function createAppContext(options: AppContextOptions): AppContext {
  const inventory = openInventory({ dataDir: options.dataDir });
  const bus = new EventBus();
  const router = createRouter({
    ...statusHandlers(inventory, { version: APP_VERSION, dataDir: options.dataDir }),
    ...inventoryHandlers(inventory, bus, options.actor),
    ...pendingHandlers(),
  });
  return { router, bus, dataDir: options.dataDir, close: () => inventory.close() };
}
