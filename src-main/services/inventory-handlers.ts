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
    'nodes.remove': async ({ name }) => {
      const removed = inventory.getNode(name).name;
      inventory.removeNode(name, actor);
      bus.publish('inventory.changed', { change: 'removed', names: [removed] });
      // The row is gone either way; the answer says whether its secrets are gone too.
      const purge = await inventory.purgeRemovedSecrets();
      const secretsPending = purge.left.length === 0 ? null : `Its secrets could not be deleted from the secret store yet (${purge.problem ?? 'not deleted yet'}); Pinfleet deletes them the next time it starts with the store open.`;
      return { removed, secretsPending };
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
