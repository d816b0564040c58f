// Shared set-up of the connections integration tests: a fresh data folder whose inventory holds the
// fleet's storage servers with NO host key pinned, and the connections layer built on it exactly as
// compose.ts builds it (the secret store locked: the fleet logs in with a key file, no passphrase).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../src-main/core/events.js';
import { createConnections, type Connections } from '../../src-main/connections/index.js';
import { openStorage, type Inventory } from '../../src-main/inventory/index.js';
import { LockedSecretStore } from '../../src-main/secrets/locked-secret-store.js';
import { nodeFields } from '../../src-preload/contract/schemas.js';
import { storageServers, type FleetDescription } from '../fleet/fleet-description.js';

export interface ConnectionsWorld {
  inventory: Inventory;
  connections: Connections;
  close(): Promise<void>;
}

export async function connectionsWorld(fleet: FleetDescription, options: { pin: boolean }): Promise<ConnectionsWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pinfleet-connections-'));
  const { inventory, opened } = openStorage({ dataDir });
  const connections = createConnections({ inventory, db: opened.db, secrets: new LockedSecretStore(), bus: new EventBus(), actor: 'test' });
  for (const server of storageServers(fleet)) {
    inventory.addNode(
      nodeFields.parse({
        name: server.name,
        host: server.ssh.host,
        sshPort: server.ssh.port,
        sshUser: server.ssh.user,
        hostKeyFingerprint: options.pin ? server.ssh.hostKeyFingerprint : null,
        apiAddress: `${server.kubo.api.host}:${server.kubo.api.port}`,
        gatewayAddress: `${server.kubo.gateway.host}:${server.kubo.gateway.port}`,
      }),
      'test',
    );
    await connections.handlers['credentials.set']({ name: server.name, method: 'keyFile', keyPath: fleet.clientKeyPath });
  }
  return {
    inventory,
    connections,
    close: async () => {
      await connections.close();
      inventory.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
