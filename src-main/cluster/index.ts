// IPFS Cluster, assembled for compose.ts: the settings store, the service and the uploader. Its
// handlers and the set-up wizard (provisioning/cluster-setup) are wired by compose.ts, which uses this.
import type Database from 'better-sqlite3';
import type { NodeConnector } from '../connections/node-connector.js';
import type { EventBus } from '../core/events.js';
import type { Inventory } from '../inventory/inventory.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { ClusterService } from './cluster-service.js';
import { ClusterSettingsStore } from './cluster-settings.js';
import { ClusterUploader } from './cluster-upload.js';

export interface ClusterOptions {
  inventory: Inventory;
  db: Database.Database;
  readOnly: boolean;
  secrets: SecretStore;
  connector: NodeConnector;
  bus: EventBus;
}

export function createCluster(options: ClusterOptions) {
  const settings = new ClusterSettingsStore(options.db, options.readOnly, options.secrets);
  const service = new ClusterService({ inventory: options.inventory, connector: options.connector, settings, bus: options.bus });
  return { service, settings, uploader: new ClusterUploader(service) };
}
