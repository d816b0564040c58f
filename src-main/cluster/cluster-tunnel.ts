// Reaches a node's Cluster REST API through its SSH connection, the way the console reaches kubo:
// a tunnel from 127.0.0.1 to the REST address as the server sees it (connector.serviceUrl), on
// the node's one pooled connection. Nothing is added to the requests: the Cluster login is the
// client's, and kubo's RPC credential never goes to Cluster.
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';

export const DEFAULT_CLUSTER_PORT = 9094;

/** Where a node's Cluster REST API listens as seen from the server: configured, else kubo's RPC host on 9094. */
export function clusterAddressOf(node: Pick<NodeRecord, 'name' | 'apiAddress'>, configured: Record<string, string>): string {
  const explicit = configured[node.name];
  if (explicit) return explicit;
  const host = /^\[([^\]]+)\]:\d+$/.exec(node.apiAddress)?.[1] ?? node.apiAddress.replace(/:\d+$/, '');
  return host.includes(':') ? `[${host}]:${DEFAULT_CLUSTER_PORT}` : `${host}:${DEFAULT_CLUSTER_PORT}`;
}

/** http://127.0.0.1:<port> whose requests reach `clusterAddress` on the node; closed with the node's connection. */
export function clusterApiUrl(connector: NodeConnector, node: NodeRecord, clusterAddress: string): Promise<string> {
  return connector.serviceUrl(node, clusterAddress);
}
