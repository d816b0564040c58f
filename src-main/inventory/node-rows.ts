// Row ↔ record mapping for the nodes table, and the portable part of a node (what an export
// carries and an import or update may set). Pure functions: no database here.
import type { NodeFields } from '../../src-preload/contract/schemas.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';

export interface NodeRow {
  id: number;
  name: string;
  host: string;
  ssh_port: number;
  ssh_user: string;
  host_key_fingerprint: string | null;
  tags: string;
  region: string | null;
  priority: number;
  state: string;
  notes: string;
  api_address: string;
  gateway_address: string;
  api_url: string | null;
  kubo_container: string | null;
  created_at: string;
  updated_at: string;
}

/** Named parameters for INSERT/UPDATE statements, keyed like the columns. */
export type NodeParams = Omit<NodeRow, 'id' | 'created_at' | 'updated_at'>;

/** The fields of a node in export order; everything but id and timestamps. */
export const PORTABLE_FIELDS = [
  'name',
  'host',
  'sshPort',
  'sshUser',
  'hostKeyFingerprint',
  'tags',
  'region',
  'priority',
  'state',
  'notes',
  'apiAddress',
  'gatewayAddress',
  'apiUrl',
  'kuboContainer',
] as const satisfies readonly (keyof NodeFields)[];

export type PortableField = (typeof PORTABLE_FIELDS)[number];

function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return []; // The column's CHECK keeps this from happening; a bad value must not hide the node.
  }
}

export function rowToNode(row: NodeRow): NodeRecord {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    sshPort: row.ssh_port,
    sshUser: row.ssh_user,
    hostKeyFingerprint: row.host_key_fingerprint,
    tags: parseTags(row.tags),
    region: row.region,
    priority: row.priority,
    state: row.state === 'draining' ? 'draining' : 'active',
    notes: row.notes,
    apiAddress: row.api_address,
    gatewayAddress: row.gateway_address,
    apiUrl: row.api_url ?? null,
    kuboContainer: row.kubo_container ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function nodeToParams(fields: NodeFields): NodeParams {
  return {
    name: fields.name,
    host: fields.host,
    ssh_port: fields.sshPort,
    ssh_user: fields.sshUser,
    host_key_fingerprint: fields.hostKeyFingerprint,
    tags: JSON.stringify(fields.tags),
    region: fields.region,
    priority: fields.priority,
    state: fields.state,
    notes: fields.notes,
    api_address: fields.apiAddress,
    gateway_address: fields.gatewayAddress,
    api_url: fields.apiUrl,
    kubo_container: fields.kuboContainer,
  };
}

/** A node without id and timestamps, fields in export order. */
export function toNodeFields(node: NodeRecord | NodeFields): NodeFields {
  return {
    name: node.name,
    host: node.host,
    sshPort: node.sshPort,
    sshUser: node.sshUser,
    hostKeyFingerprint: node.hostKeyFingerprint,
    tags: [...node.tags],
    region: node.region,
    priority: node.priority,
    state: node.state,
    notes: node.notes,
    apiAddress: node.apiAddress,
    gatewayAddress: node.gatewayAddress,
    apiUrl: node.apiUrl ?? null,
    kuboContainer: node.kuboContainer ?? null,
  };
}

export type FieldChanges = Partial<Record<PortableField, { from: unknown; to: unknown }>>;

/** The fields that differ between two versions of a node, for the audit log and no-op detection. */
export function diffNodeFields(before: NodeFields, after: NodeFields): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of PORTABLE_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = { from: before[field], to: after[field] };
    }
  }
  return changes;
}
