// Plain data that crosses the contract. No functions, no classes: it must survive IPC
// structured cloning and JSON over the web transport unchanged.

/** Set by the admin; health states (online, full, unreachable…) are measured, not stored here. */
export type NodeAdminState = 'active' | 'draining';

export interface NodeRecord {
  id: number;
  name: string;
  host: string;
  sshPort: number;
  sshUser: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it; null until the first connection is confirmed. */
  hostKeyFingerprint: string | null;
  tags: string[];
  region: string | null;
  /** Higher wins a tie in placement. */
  priority: number;
  state: NodeAdminState;
  notes: string;
  /** host:port of kubo's RPC API as seen from the server (reached through an SSH tunnel). */
  apiAddress: string;
  /** host:port of kubo's gateway as seen from the server. */
  gatewayAddress: string;
  /**
   * A direct URL of kubo's RPC API (http/https), used instead of the SSH tunnel; null or absent:
   * the tunnel to apiAddress. Its credential (API.Authorizations) is in the secret store only.
   */
  apiUrl?: string | null;
  /** The node's kubo container (name or ID) on its Docker engine; null or absent: found by label, API address or name. */
  kuboContainer?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryInfo {
  path: string;
  schemaVersion: number;
  readOnly: boolean;
  /** Why the inventory was opened read-only, in words for the admin. */
  readOnlyReason: string | null;
  backups: string[];
}

export interface AppInfo {
  name: 'Pinfleet';
  version: string;
  dataDir: string;
  inventory: InventoryInfo;
}

export interface FleetStatus {
  nodes: { total: number; active: number; draining: number };
  regions: string[];
  inventory: InventoryInfo;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string;
}

export interface ExportedInventory {
  format: 'json' | 'csv';
  filename: string;
  content: string;
}

export interface ImportReport {
  added: string[];
  updated: string[];
  skipped: { name: string; reason: string }[];
}

export type InventoryChange = 'added' | 'updated' | 'removed' | 'imported';
