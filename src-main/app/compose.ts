// The composition root: the one place that builds the object graph every transport shares.
// Electron's shell, `pinfleet serve` and the CLI all call createAppContext; nothing here may
// import electron.
import { createRouter, type Router } from '../core/router.js';
import { EventBus } from '../core/events.js';
import { openStorage } from '../inventory/index.js';
import { createConnections } from '../connections/index.js';
import { openSecretStore } from '../secrets/choose-secret-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { inventoryHandlers } from '../services/inventory-handlers.js';
import { statusHandlers } from '../services/status-handlers.js';
import { HealthService } from '../health/health-service.js';
import type { PollerOptions } from '../health/poller.js';
import { healthHandlers } from '../services/health-handlers.js';
import { UploadService } from '../uploads/upload-service.js';
import { uploadHandlers } from '../services/upload-handlers.js';
import { provisioningHandlers } from '../services/provisioning-handlers.js';
import { createCluster } from '../cluster/index.js';
import { ClusterSetup } from '../provisioning/cluster-setup/cluster-setup.js';
import { clusterHandlers } from '../services/cluster-handlers.js';
import { clusterPeerAccess } from '../cluster/cluster-peer-access.js';
import { APP_VERSION } from './version.js';

export interface AppContext {
  router: Router;
  bus: EventBus;
  dataDir: string;
  /** Stops the poller, ends SSH connections, then closes the database: in that order, awaited. */
  close(): Promise<void>;
}

export interface AppContextOptions {
  dataDir: string;
  /** Recorded in the audit log as who made each change: 'ui', 'web', 'cli', … */
  actor: string;
  /** The Electron shell passes its safeStorage store; elsewhere the environment decides (see choose-secret-store.ts). */
  secrets?: SecretStore;
  /**
   * Poll the fleet in the background: the Electron app and `pinfleet serve` say so; one-shot CLI
   * commands and tests do not (they poll on demand with health.pollNow).
   */
  runPoller?: boolean;
  /** Poller overrides (tests: a short interval and deadline). */
  poller?: PollerOptions;
  /** How long a replica's pin may fetch nothing before the console sends the blocks itself (default 60 s). */
  replicaStallMs?: number;
}

export function createAppContext(options: AppContextOptions): AppContext {
  const bus = new EventBus();
  const secrets = openSecretStore(options.dataDir, options.secrets);
  // The inventory purges a removed node's secrets from this store (see inventory/secret-purges.ts).
  const { inventory, opened } = openStorage({ dataDir: options.dataDir, secrets });
  // Tunnel and RPC-proxy problems (and the warning for a credential sent in the clear) go to
  // stderr: the Electron shell's log, or the terminal of `pinfleet serve` and the CLI.
  const connectionsLog = (message: string) => console.warn(`pinfleet connections: ${message}`);
  const connections = createConnections({ inventory, db: opened.db, secrets, bus, actor: options.actor, log: connectionsLog });
  const health = new HealthService({ opened, inventory, bus, connector: connections.connector, actor: options.actor, poller: options.poller });
  const cluster = createCluster({ inventory, db: opened.db, readOnly: opened.readOnly, secrets, connector: connections.connector, bus });
  const clusterSetup = new ClusterSetup({
    inventory, connector: connections.connector, settings: cluster.settings, secrets, bus,
    hasRpcCredential: (node) => connections.apiCredentials.status(node).credential !== null,
  });
  const uploads = new UploadService({
    opened, inventory, health, connector: connections.connector, bus, cluster: cluster.uploader,
    ...(options.replicaStallMs !== undefined ? { replicaStallMs: options.replicaStallMs } : {}),
  });
  const router = createRouter({
    ...statusHandlers(inventory, { version: APP_VERSION, dataDir: options.dataDir }),
    ...inventoryHandlers(inventory, bus, options.actor),
    ...connections.handlers,
    ...healthHandlers(health, inventory),
    ...uploadHandlers(uploads),
    ...clusterHandlers(cluster.service, clusterSetup),
    ...provisioningHandlers({
      inventory, db: opened.db, bus, actor: options.actor,
      setCredentials: async (input) => connections.handlers['credentials.set'](input),
      secrets,
      setApiCredentials: async (input) => connections.handlers['credentials.setApi'](input),
      connector: connections.connector,
      cluster: clusterPeerAccess(cluster.service, cluster.settings),
      pollNode: async (name) => {
        await health.pollNow(name);
        return health.node(name);
      },
    }),
  });
  if (options.runPoller === true) health.poller.start();
  // The long-running console owns the persisted queue: it resumes what a restart cut off. One-shot
  // CLI commands run only what they queue themselves.
  if (options.runPoller === true && !opened.readOnly) uploads.resume();
  return {
    router,
    bus,
    dataDir: options.dataDir,
    close: async () => {
      // The poller may be mid-write: stop it before the connections it uses and the database it writes.
      await uploads.close();
      cluster.service.close();
      await health.close();
      await connections.close();
      inventory.close();
    },
  };
}
