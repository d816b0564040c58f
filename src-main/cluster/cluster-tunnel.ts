// Reaches a node's Cluster REST API through its SSH connection, the way the console reaches kubo.
//
// The connector (src-main/connections) offers a tunnel only to a node's kubo RPC address. Until it
// offers one to an arbitrary remote address, this adapter asks it for a "kubo" tunnel of an alias
// record: the same node (same id, so the same credentials and pinned host key) under the name
// `<name>~cluster` with apiAddress set to the Cluster REST address. The alias gets its own pooled
// SSH connection and tunnel, so the node's real kubo tunnel is never touched. Messages from the
// connector are given back the node's real name.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';

export const CLUSTER_ALIAS_SUFFIX = '~cluster';
export const DEFAULT_CLUSTER_PORT = 9094;

export const aliasName = (name: string): string => `${name}${CLUSTER_ALIAS_SUFFIX}`;

/** Where a node's Cluster REST API listens as seen from the server: configured, else kubo's RPC host on 9094. */
export function clusterAddressOf(node: Pick<NodeRecord, 'name' | 'apiAddress'>, configured: Record<string, string>): string {
  const explicit = configured[node.name];
  if (explicit) return explicit;
  const host = /^\[([^\]]+)\]:\d+$/.exec(node.apiAddress)?.[1] ?? node.apiAddress.replace(/:\d+$/, '');
  return host.includes(':') ? `[${host}]:${DEFAULT_CLUSTER_PORT}` : `${host}:${DEFAULT_CLUSTER_PORT}`;
}

export function aliasRecord(node: NodeRecord, clusterAddress: string): NodeRecord {
  return { ...node, name: aliasName(node.name), apiAddress: clusterAddress };
}

function renamed(error: unknown, node: NodeRecord): unknown {
  if (!(error instanceof PinfleetError)) return error;
  return new PinfleetError(error.code, error.message.split(aliasName(node.name)).join(node.name));
}

/** http://127.0.0.1:<port> whose requests reach `clusterAddress` on the node. */
export async function clusterApiUrl(connector: NodeConnector, node: NodeRecord, clusterAddress: string): Promise<string> {
  try {
    return await connector.kuboApiUrl(aliasRecord(node, clusterAddress));
  } catch (error) {
    throw renamed(error, node);
  }
}

export function closeClusterTunnel(connector: NodeConnector, name: string): Promise<void> {
  return connector.disconnect(aliasName(name));
}
