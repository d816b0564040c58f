// Handlers that describe the app and the fleet as a whole.
import type { Handlers } from '../core/router.js';
import type { Inventory } from '../inventory/inventory.js';
import type { FleetStatus } from '../../src-preload/contract/types.js';

export function summariseFleet(inventory: Inventory): FleetStatus {
  const nodes = inventory.listNodes();
  const regions = [...new Set(nodes.map((n) => n.region).filter((r): r is string => r !== null))].sort();
  return {
    nodes: {
      total: nodes.length,
      active: nodes.filter((n) => n.state === 'active').length,
      draining: nodes.filter((n) => n.state === 'draining').length,
    },
    regions,
    inventory: inventory.info(),
  };
}

export function statusHandlers(
  inventory: Inventory,
  app: { version: string; dataDir: string },
): Pick<Handlers, 'app.info' | 'status.get'> {
  return {
    'app.info': () => ({ name: 'Pinfleet', version: app.version, dataDir: app.dataDir, inventory: inventory.info() }),
    'status.get': () => summariseFleet(inventory),
  };
}
