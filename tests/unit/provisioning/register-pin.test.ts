// The wizard's register step on a node already in the inventory: the host key the admin confirmed
// in the wizard fills an empty pin (as hostkeys trust would) and never replaces another one.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/core/events.js';
import { openInventory } from '../../../src-main/inventory/index.js';
import { registerStep } from '../../../src-main/provisioning/provision/steps-node.js';
import type { StepEnv } from '../../../src-main/provisioning/steps/provision-env.js';
import { sampleNode, tempDir } from '../inventory/inventory-test-kit.js';

const fp = (c: string) => `SHA256:${c.repeat(43)}`;

function env(inventory: ReturnType<typeof openInventory>, fingerprint: string): StepEnv {
  const input = {
    name: 'node1', host: '10.0.0.5', port: 22, user: 'root', fingerprint, tags: [], region: null, priority: 0,
    containerName: 'pinfleet-kubo', login: { method: 'agent' }, rpcToken: false,
  };
  const deps = {
    inventory, actor: 'test', bus: new EventBus(),
    pollNode: () => Promise.resolve({ state: 'online', reason: 'ok', capacity: null }),
    setCredentials: () => Promise.resolve(),
  };
  return { input, deps, say: () => {}, undo: () => {}, report: {} } as unknown as StepEnv;
}

function withNode(pin: string | null) {
  const inventory = openInventory({ dataDir: tempDir() });
  inventory.addNode(sampleNode({ hostKeyFingerprint: pin, kuboContainer: 'pinfleet-kubo' }), 'test');
  return inventory;
}

describe('registerStep and an existing pin', () => {
  it('refuses to replace another pin, naming hostkeys replace, and changes nothing', async () => {
    const inventory = withNode(fp('A'));
    await expect(registerStep(env(inventory, fp('B')))).rejects.toMatchObject({ code: 'host_key_mismatch', message: expect.stringContaining('pinfleet hostkeys replace node1') });
    expect(inventory.getNode('node1').hostKeyFingerprint).toBe(fp('A'));
    inventory.close();
  });

  it('fills an empty pin with the key the wizard confirmed', async () => {
    const inventory = withNode(null);
    await registerStep(env(inventory, fp('B')));
    expect(inventory.getNode('node1').hostKeyFingerprint).toBe(fp('B'));
    inventory.close();
  });

  it('the same pin changes nothing', async () => {
    const inventory = withNode(fp('A'));
    const before = inventory.getNode('node1');
    await registerStep(env(inventory, fp('A')));
    expect(inventory.getNode('node1')).toEqual(before);
    inventory.close();
  });
});
