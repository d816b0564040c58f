// IPFS Cluster: what the console shows of a cluster and its pinset. Plain data.

/** Per-peer pin states as Cluster's pin tracker names them (api/types.go, v1.1.6). */
export type ClusterPinState =
  | 'undefined'
  | 'cluster_error'
  | 'pin_error'
  | 'unpin_error'
  | 'error'
  | 'pinned'
  | 'pinning'
  | 'unpinning'
  | 'unpinned'
  | 'remote'
  | 'pin_queued'
  | 'unpin_queued'
  | 'queued'
  | 'sharded'
  | 'unexpectedly_unpinned';

export interface ClusterSettings {
  /** Uploads go through the cluster (pinned with replication) instead of Pinfleet's own placement. */
  enabled: boolean;
  /** The node whose Cluster peer the console talks to; null: the first active node whose peer answers. */
  node: string | null;
  /**
   * Where each node's Cluster REST API listens, as seen from the server. A node not listed here
   * uses its kubo RPC host with port 9094 (127.0.0.1:9094 on a standard server).
   */
  apiAddresses: Record<string, string>;
  /** REST API basic-auth user; the password lives only in the secret store. */
  user: string | null;
  /** Whether a password is stored (never the password itself). */
  hasPassword: boolean;
  /** Default replication for new pins and uploads; null: the cluster's own default. */
  replicationMin: number | null;
  replicationMax: number | null;
}

export interface ClusterPeer {
  id: string;
  name: string;
  version: string;
  /** The kubo peer behind this cluster peer. */
  ipfsId: string;
  addresses: string[];
  /** The inventory node this peer runs on, when it can be told (by name or address). */
  node: string | null;
  /** Empty when the peer answered; otherwise why it did not (it is down or cut off). */
  error: string;
  freespaceBytes: number | null;
  /** tag:group and other tag metrics this peer reports. */
  tags: Record<string, string>;
  /** The freespace/ping metric has expired: the cluster considers the peer gone. */
  metricsExpired: boolean;
}

export interface ClusterPeerStatus {
  peer: string;
  peerName: string;
  status: ClusterPinState;
  error: string;
  at: string;
}

export interface ClusterPin {
  cid: string;
  name: string;
  /** Peer ids the cluster allocated the pin to (empty: every peer). */
  allocations: string[];
  /** Peer names for `allocations`, in the same order. */
  allocationNames: string[];
  replicationMin: number | null;
  replicationMax: number | null;
  created: string;
  peers: ClusterPeerStatus[];
  /** How many allocated peers report it pinned. */
  pinnedCount: number;
  /** Fewer peers hold it than replication min asks (or an allocated peer is in error). */
  underReplicated: boolean;
  /** Pinned on every allocated peer and nothing in flight. */
  settled: boolean;
}

export interface ClusterAlert {
  name: string;
  peer: string;
  peerName: string;
  value: string;
  triggeredAt: string;
  /** The peer answers again: kept by Cluster for a while, shown as history rather than trouble. */
  cleared: boolean;
}

export interface ClusterOverview {
  /** The node whose peer answered. */
  via: string;
  peerId: string;
  version: string;
  peers: ClusterPeer[];
  alerts: ClusterAlert[];
  metricNames: string[];
}

export interface ClusterPinsPage {
  via: string;
  pins: ClusterPin[];
  total: number;
  underReplicated: number;
}

export interface ClusterGcReport {
  via: string;
  peers: { peer: string; peerName: string; removed: number; error: string }[];
}

/** What importing the nodes' existing pins into the cluster pinset found and did. */
export interface ClusterImportReport {
  found: { node: string; pins: number }[];
  /** CIDs not yet in the pinset (what a dry run would pin). */
  toImport: string[];
  alreadyInPinset: number;
  imported: number;
  failed: { cid: string; error: string }[];
}

/** One node's peer in "Set up a cluster": what the run did to it (or, dry run, would do). */
export interface ClusterSetupPeer {
  node: string;
  peerId: string;
  /** The address the other peers join: /ip4/…/tcp/9096/p2p/<id>. */
  swarmAddress: string;
  /** Where its REST API listens on the server: loopback only, reached through SSH. */
  restAddress: string;
  container: string;
  stateDir: string;
  action: 'create' | 'replace' | 'start' | 'keep';
}

export interface ClusterSetupReport {
  dryRun: boolean;
  /** A new fleet secret was generated (false: the stored one was kept). */
  secretGenerated: boolean;
  restUser: string;
  replicationMin: number;
  replicationMax: number;
  peers: ClusterSetupPeer[];
  /** Dry run: what would be imported. */
  import: ClusterImportReport;
  /** Every CID a node pinned before the conversion, read again from that node's kubo after it. */
  kept: { checked: number; missing: { node: string; cid: string }[] };
  settings: ClusterSettings;
}

export type ClusterSetupPhase = 'check' | 'secret' | 'peers' | 'join' | 'import' | 'verify' | 'done';

export interface ClusterSetupProgress {
  phase: ClusterSetupPhase;
  node: string | null;
  message: string;
  /** Position among the run's phases, for a progress bar. */
  step: number;
  steps: number;
}
