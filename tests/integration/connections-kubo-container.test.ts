// On the real fleet's one shared dockerd (three kubo containers, labelled pinfleet.server=node1…3,
// host networking), a node registered under another name than its server still gets its own
// container: by the API address its kubo listens on, or by the container name stored with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EventBus } from '../../src-main/core/events.js';
import { createConnections, type Connections } from '../../src-main/connections/index.js';
import { findKuboContainer, NodeReader } from '../../src-main/health/read-node.js';
import { openStorage, type Inventory } from '../../src-main/inventory/index.js';
import { LockedSecretStore } from '../../src-main/secrets/locked-secret-store.js';
import { serverNamed } from '../fleet/fleet-description.js';

const fleet = inject('fleet');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-kubo-container-'));
let inventory: Inventory;
let connections: Connections;

function register(name: string, server: string, kuboContainer: string | null): void {
  const s = serverNamed(fleet, server);
  if (!s.kubo) throw new Error(`${server} has no kubo`);
  inventory.addNode(
    {
      name,
      host: s.ssh.host,
      sshPort: s.ssh.port,
      sshUser: s.ssh.user,
      hostKeyFingerprint: s.ssh.hostKeyFingerprint,
      apiAddress: `${s.kubo.api.host}:${s.kubo.api.port}`,
      kuboContainer,
    },
    'test',
  );
}

beforeAll(async () => {
  const { inventory: opened, opened: storage } = openStorage({ dataDir });
  inventory = opened;
  connections = createConnections({ inventory, db: storage.db, secrets: new LockedSecretStore(), bus: new EventBus(), actor: 'test' });
  register('storage-b', 'node2', null);
  register('storage-c', 'node3', 'pinfleet-node3-kubo');
  for (const name of ['storage-b', 'storage-c']) {
    await connections.handlers['credentials.set']({ name, method: 'keyFile', keyPath: fleet.clientKeyPath });
  }
});

afterAll(async () => {
  await connections?.close();
  inventory?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the kubo container of a node named unlike its server', () => {
  it('is found by the API address its kubo listens on', async () => {
    const { summary } = await findKuboContainer(connections.connector, inventory.getNode('storage-b'));
    expect(summary.Names).toEqual(['/pinfleet-node2-kubo']);
    expect(summary.Labels['pinfleet.server']).toBe('node2');
    const reading = await new NodeReader(connections.connector).read(inventory.getNode('storage-b'), { timeoutMs: 10_000, dataPathFallback: '/' });
    expect(reading.container).toMatchObject({ ok: true, value: { name: 'pinfleet-node2-kubo', state: 'running' } });
  });

  it('is the stored container when the node names one', async () => {
    const { summary } = await findKuboContainer(connections.connector, inventory.getNode('storage-c'));
    expect(summary.Names).toEqual(['/pinfleet-node3-kubo']);
  });

  it('is refused, not guessed, when the stored name matches nothing', async () => {
    inventory.updateNode('storage-c', { kuboContainer: 'pinfleet-gone-kubo' }, 'test');
    await expect(findKuboContainer(connections.connector, inventory.getNode('storage-c'))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('"pinfleet-gone-kubo"'),
    });
  });
});
