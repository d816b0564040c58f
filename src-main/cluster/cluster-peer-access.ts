// What the add-a-server wizard needs of the existing cluster: a peer of it that answers (the
// console's client), the fleet's secret and the REST login from the secret store, and the removal
// of a peer (DELETE /peers/{id}: Cluster re-allocates the pins that peer held) for a rollback and
// for decommission, which also asks a peer on another node than the one it removes.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import { ClusterClient } from './cluster-client.js';
import { clusterRequest } from './cluster-http.js';
import type { ClusterService } from './cluster-service.js';
import type { ClusterSettingsStore } from './cluster-settings.js';
import { clusterAddressOf, clusterApiUrl } from './cluster-tunnel.js';

export interface ClusterPeerAccess {
  reach(): Promise<{ client: ClusterClient; via: string }>;
  /** The fleet's shared secret; null when none is stored (or the store is locked). */
  secret(): Promise<string | null>;
  /** The REST basic-auth login new peers must require; null when the settings have no user. */
  restLogin(): Promise<{ user: string; password: string } | null>;
  /** The REST addresses the settings give for nodes whose peer's cannot be derived from kubo's. */
  restAddresses(): Record<string, string>;
  /** Cluster mode is on: decommission goes through the cluster. */
  enabled(): boolean;
  /**
   * A client for a peer on another node than `except` that answers /id (decommission must not ask
   * the peer it is removing); the configured peer first when it is not on that node.
   */
  reachExcept(connector: NodeConnector, except: string): Promise<{ client: ClusterClient; via: string }>;
}

export function clusterPeerAccess(service: ClusterService, settings: ClusterSettingsStore): ClusterPeerAccess {
  return {
    reach: () => service.reach(),
    secret: () => settings.secret(),
    restLogin: async () => {
      const { user } = settings.stored();
      if (!user) return null;
      const password = await settings.password();
      if (password === null) throw new PinfleetError('invalid_input', `the Cluster settings name the REST user ${user} but the secret store has no password for it: set it in Cluster settings`);
      return { user, password };
    },
    enabled: () => settings.stored().enabled,
    restAddresses: () => settings.stored().apiAddresses,
    reachExcept: async (connector, except) => {
      const stored = settings.stored();
      const password = stored.user ? await settings.password() : null;
      const nodes = service.nodes().filter((n) => n.name !== except && n.state === 'active');
      const ordered = [...nodes.filter((n) => n.name === stored.node), ...nodes.filter((n) => n.name !== stored.node)];
      const failures: string[] = [];
      for (const node of ordered) {
        try {
          const client = await clientOf(connector, node, stored.apiAddresses, stored.user ? { user: stored.user, password: password ?? '' } : null);
          await client.id();
          return { client, via: node.name };
        } catch (error) {
          if (error instanceof PinfleetError && error.code === 'auth_failed') throw error;
          failures.push(`${node.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      throw new PinfleetError('unreachable', `no Cluster peer on a node other than ${except} answers${failures.length > 0 ? `: ${failures.join(' | ')}` : ' (no other active node)'}`);
    },
  };
}

async function clientOf(connector: NodeConnector, node: NodeRecord, apiAddresses: Record<string, string>, auth: { user: string; password: string } | null): Promise<ClusterClient> {
  const address = clusterAddressOf(node, apiAddresses);
  const baseUrl = await clusterApiUrl(connector, node, address);
  return new ClusterClient({ baseUrl, label: `${node.name}'s Cluster peer (${address})`, ...(auth ? { auth } : {}) });
}

/** Removes a peer from the cluster's peerset; one the cluster no longer knows counts as removed. */
const CRDT_NO_REMOVAL = /crdt consensus component cannot remove peers/i;

export async function removeClusterPeer(client: ClusterClient, peerId: string): Promise<void> {
  try {
    await clusterRequest(client.endpoint, { method: 'DELETE', path: `/peers/${encodeURIComponent(peerId)}`, timeoutMs: 60_000 });
  } catch (error) {
    if (error instanceof PinfleetError && error.code === 'not_found') return;
    // CRDT consensus has no peer removal (it answers 500 "cannot remove peers" after re-allocating
    // the peer's pins): its peerset drops a peer once that peer's metrics expire, i.e. shortly
    // after its container is gone, which is the rollback's next action.
    if (error instanceof PinfleetError && CRDT_NO_REMOVAL.test(error.message)) return;
    throw error;
  }
}
