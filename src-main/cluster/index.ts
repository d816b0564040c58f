// IPFS Cluster, assembled for compose.ts: the settings store, the service and its handlers.
import type Database from 'better-sqlite3';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import type { EventBus } from '../core/events.js';
import type { Inventory } from '../inventory/inventory.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { ClusterSetup } from '../provisioning/cluster-setup.js';
import { clusterHandlers } from '../services/cluster-handlers.js';
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
  /** A node whose kubo requires an RPC credential: "Set up a cluster" leaves it out. */
  hasRpcCredential(node: NodeRecord): boolean;
}

export function createCluster(options: ClusterOptions) {
  const settings = new ClusterSettingsStore(options.db, options.readOnly, options.secrets);
  const service = new ClusterService({ inventory: options.inventory, connector: options.connector, settings, bus: options.bus });
  const setup = new ClusterSetup({ ...options, settings });
  return { service, settings, uploader: new ClusterUploader(service), handlers: clusterHandlers(service, setup) };
}
