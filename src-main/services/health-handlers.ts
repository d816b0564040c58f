// Handlers of the health, alerts, logs and node-action channels: thin, the work is in
// src-main/health. Node actions re-poll the node afterwards so the fleet view catches up at once.
import type { Handlers } from '../core/router.js';
import type { Inventory } from '../inventory/inventory.js';
import type { HealthService } from '../health/health-service.js';

type HealthChannel =
  | 'health.fleet' | 'health.node' | 'health.series' | 'health.pollNow' | 'health.settings' | 'health.updateSettings'
  | 'alerts.list' | 'logs.follow' | 'logs.stop' | 'nodes.restartContainer' | 'nodes.runGc';

export function healthHandlers(health: HealthService, inventory: Inventory): Pick<Handlers, HealthChannel> {
  const repoll = (name: string) => {
    // Best effort: the action itself succeeded, and the poller reports its own failures.
    void health.pollNow(name).catch(() => {});
  };
  return {
    'health.fleet': () => health.fleet(),
    'health.node': ({ name }) => health.node(name),
    'health.series': ({ name, range }) => health.series(name, range),
    'health.pollNow': async ({ name }) => ({ polled: await health.pollNow(name) }),
    'health.settings': () => health.settings(),
    'health.updateSettings': (changes) => health.updateSettings(changes),
    'alerts.list': ({ limit }) => health.alerts(limit),
    'logs.follow': ({ name, tail }) => health.logs.follow(inventory.getNode(name), tail),
    'logs.stop': ({ streamId }) => ({ stopped: health.logs.stop(streamId) }),
    'nodes.restartContainer': async ({ name }) => {
      const info = await health.actions.restartContainer(inventory.getNode(name));
      repoll(name);
      return info;
    },
    'nodes.runGc': async ({ name }) => {
      const result = await health.actions.runGc(inventory.getNode(name));
      repoll(name);
      return result;
    },
  };
}
