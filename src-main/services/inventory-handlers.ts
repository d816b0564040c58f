// Handlers for the inventory channels: they call the inventory, record who acted, and tell
// every connected renderer what changed.
import type { Handlers } from '../core/router.js';
import type { EventBus } from '../core/events.js';
import type { Actor, Inventory } from '../inventory/inventory.js';

type InventoryChannels =
  | 'nodes.list'
  | 'nodes.get'
  | 'nodes.add'
  | 'nodes.update'
  | 'nodes.remove'
  | 'inventory.export'
  | 'inventory.import'
  | 'audit.list';

export function inventoryHandlers(
  inventory: Inventory,
  bus: EventBus,
  actor: Actor,
): Pick<Handlers, InventoryChannels> {
  return {
    'nodes.list': () => inventory.listNodes(),
    'nodes.get': ({ name }) => inventory.getNode(name),
    'nodes.add': (fields) => {
      const node = inventory.addNode(fields, actor);
      bus.publish('inventory.changed', { change: 'added', names: [node.name] });
      return node;
    },
    'nodes.update': ({ name, changes }) => {
      const node = inventory.updateNode(name, changes, actor);
      bus.publish('inventory.changed', { change: 'updated', names: [name, node.name] });
      return node;
    },
    'nodes.remove': ({ name }) => {
      const removed = inventory.getNode(name).name;
      inventory.removeNode(name, actor);
      bus.publish('inventory.changed', { change: 'removed', names: [removed] });
      return { removed };
    },
    'inventory.export': ({ format }) => inventory.exportInventory(format),
    'inventory.import': ({ format, content, update }) => {
      const report = inventory.importInventory(format, content, { update }, actor);
      const names = [...report.added, ...report.updated];
      if (names.length > 0) bus.publish('inventory.changed', { change: 'imported', names });
      return report;
    },
    'audit.list': ({ limit }) => inventory.listAudit(limit),
  };
}
