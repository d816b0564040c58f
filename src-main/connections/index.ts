// The connections layer, assembled: the pooled SSH connector every feature uses, the host-key and
// credential services behind their channels, and one close() for all of it. compose.ts calls this.
import type Database from 'better-sqlite3';
import type { Handlers } from '../core/router.js';
import type { EventBus } from '../core/events.js';
import type { Actor, Inventory } from '../inventory/index.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { ApiCredentialService } from './api-credentials.js';
import { CredentialService } from './credential-service.js';
import { probeHostKey, type HostKeyProbe } from './host-key-probe.js';
import { HostKeyService } from './host-key-service.js';
import type { NodeConnector } from './node-connector.js';
import { SshNodeConnector } from './ssh-node-connector.js';
import { SshPool } from './ssh-pool.js';

export type { NodeConnector, ExecOptions, ExecResult } from './node-connector.js';

export interface ConnectionsOptions {
  inventory: Inventory;
  db: Database.Database;
  secrets: SecretStore;
  bus: EventBus;
  actor: Actor;
  environment?: NodeJS.ProcessEnv;
  probe?: HostKeyProbe;
  log?: (message: string) => void;
}

export type ConnectionChannel =
  | 'hostKeys.check'
  | 'hostKeys.trust'
  | 'hostKeys.replace'
  | 'credentials.get'
  | 'credentials.set'
  | 'credentials.setApi';

export interface Connections {
  connector: NodeConnector;
  credentials: CredentialService;
  apiCredentials: ApiCredentialService;
  hostKeys: HostKeyService;
  handlers: Pick<Handlers, ConnectionChannel>;
  close(): Promise<void>;
}

export function createConnections(options: ConnectionsOptions): Connections {
  const { inventory, db, bus, actor } = options;
  const credentials = new CredentialService({ inventory, db, secrets: options.secrets, actor, environment: options.environment });
  const pool = new SshPool({ authFor: (node) => credentials.authFor(node), log: options.log });
  const apiCredentials = new ApiCredentialService({ inventory, db, secrets: options.secrets, actor });
  const connector = new SshNodeConnector(pool, options.log, apiCredentials);
  const hostKeys = new HostKeyService({
    inventory,
    db,
    actor,
    probe: options.probe ?? probeHostKey,
    disconnect: (name) => connector.disconnect(name),
  });
  // A removed node's connection, tunnel and Docker client go with it.
  const unsubscribe = bus.subscribe((event, payload) => {
    if (event !== 'inventory.changed') return;
    const { change, names } = payload as { change: string; names: string[] };
    if (change === 'removed') for (const name of names) void connector.disconnect(name);
  });
  const changed = (name: string) => bus.publish('inventory.changed', { change: 'updated', names: [name] });
  const handlers: Pick<Handlers, ConnectionChannel> = {
    'hostKeys.check': ({ name }) => hostKeys.check(name),
    'hostKeys.trust': async ({ name, fingerprint }) => {
      const node = await hostKeys.trust(name, fingerprint);
      changed(node.name);
      return node;
    },
    'hostKeys.replace': async ({ name, previous, next }) => {
      const node = await hostKeys.replace(name, previous, next);
      changed(node.name);
      return node;
    },
    'credentials.get': ({ name }) => ({ ...credentials.get(name), api: apiCredentials.status(inventory.getNode(name)) }),
    'credentials.set': async (input) => {
      const status = await credentials.set(input);
      await connector.disconnect(status.name); // The next connect logs in with the new credentials.
      return { ...status, api: apiCredentials.status(inventory.getNode(status.name)) };
    },
    'credentials.setApi': async (input) => {
      const api = await apiCredentials.set(input);
      // The proxy reopens with the new credential on the next RPC call (its version changed).
      return { ...credentials.get(input.name), api };
    },
  };
  return {
    connector,
    credentials,
    apiCredentials,
    hostKeys,
    handlers,
    close: async () => {
      unsubscribe();
      await connector.close();
    },
  };
}
