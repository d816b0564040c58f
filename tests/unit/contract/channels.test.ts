// A new channel or event must show up in review: this snapshot changes with the contract.
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src-preload/contract/contract.js';
import { buildApi, eventMethodName } from '../../../src-preload/api.js';

describe('the contract', () => {
  it('lists every channel and event once', () => {
    expect({ channels: CHANNEL_NAMES, events: EVENT_NAMES }).toMatchInlineSnapshot(`
      {
        "channels": [
          "app.info",
          "status.get",
          "nodes.list",
          "nodes.get",
          "nodes.add",
          "nodes.update",
          "nodes.remove",
          "inventory.export",
          "inventory.import",
          "audit.list",
          "hostKeys.check",
          "hostKeys.trust",
          "hostKeys.replace",
          "credentials.get",
          "credentials.set",
          "credentials.setApi",
          "health.fleet",
          "health.node",
          "health.series",
          "health.pollNow",
          "health.settings",
          "health.updateSettings",
          "alerts.list",
          "logs.follow",
          "logs.stop",
          "nodes.restartContainer",
          "nodes.runGc",
          "uploads.plan",
          "uploads.start",
          "uploads.list",
          "uploads.cancel",
          "uploads.retry",
          "provisioning.preflight",
          "provisioning.adoptDetect",
          "provisioning.adoptRegister",
          "provisioning.hostKey",
          "provisioning.provision",
          "provisioning.rollbackPlan",
          "provisioning.rollback",
          "provisioning.decommission",
          "cluster.peers",
          "cluster.alerts",
          "cluster.pins",
          "cluster.pin",
          "cluster.unpin",
          "cluster.recover",
          "cluster.setReplication",
          "cluster.gc",
          "cluster.importPins",
          "cluster.setup",
          "cluster.settings",
          "cluster.updateSettings",
        ],
        "events": [
          "inventory.changed",
          "health.updated",
          "alerts.raised",
          "logs.lines",
          "uploads.progress",
          "provisioning.progress",
          "cluster.setupProgress",
        ],
      }
    `);
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
  });

  it('builds named functions only, each sending its own channel', async () => {
    const sent: string[] = [];
    const api = buildApi({
      send: async (channel) => {
        sent.push(channel);
        return { ok: true, data: null };
      },
      listen: () => () => {},
    });
    await api.nodes.add({ name: 'a', host: 'a.example' });
    await api.app.info();
    expect(sent).toEqual(['nodes.add', 'app.info']);
    expect(Object.keys(api).sort()).toEqual(['alerts', 'app', 'audit', 'cluster', 'credentials', 'events', 'health', 'hostKeys', 'inventory', 'logs', 'nodes', 'provisioning', 'status', 'uploads']);
    expect('invoke' in api).toBe(false);
    expect(typeof api.events.onInventoryChanged).toBe('function');
  });

  it('names event subscriptions on…', () => {
    expect(eventMethodName('inventory.changed')).toBe('onInventoryChanged');
  });
});
