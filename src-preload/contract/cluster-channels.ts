// IPFS Cluster channels: the cluster's peers, pinset and actions, driven through its
// REST API.
import { channel, returns } from './channel.js';
import * as cs from './cluster-schemas.js';
import { empty } from './schemas.js';
import type { ClusterGcReport, ClusterImportReport, ClusterOverview, ClusterPin, ClusterPinsPage, ClusterSettings, ClusterSetupProgress, ClusterSetupReport } from './cluster-types.js';

export const clusterChannels = {
  /** Peers with freespace and tags, alerts and the metric names: the cluster page's top half. */
  'cluster.peers': channel(empty, returns<ClusterOverview>()),
  'cluster.alerts': channel(empty, returns<ClusterOverview['alerts']>()),
  'cluster.pins': channel(cs.clusterPinsInput, returns<ClusterPinsPage>()),
  'cluster.pin': channel(cs.clusterPinInput, returns<ClusterPin>()),
  'cluster.unpin': channel(cs.clusterByCid, returns<{ cid: string; unpinned: boolean }>()),
  'cluster.recover': channel(cs.clusterRecoverInput, returns<ClusterPin[]>()),
  'cluster.setReplication': channel(cs.clusterSetReplicationInput, returns<ClusterPin>()),
  'cluster.gc': channel(empty, returns<ClusterGcReport>()),
  /** "Set up a cluster": the CIDs the nodes' kubos already pin go into the pinset; nothing is unpinned. */
  'cluster.importPins': channel(cs.clusterImportInput, returns<ClusterImportReport>()),
  /** "Set up a cluster": a peer beside every node's kubo, one new cluster, then the existing pins imported. */
  'cluster.setup': channel(cs.clusterSetupInput, returns<ClusterSetupReport>()),
  'cluster.settings': channel(empty, returns<ClusterSettings>()),
  'cluster.updateSettings': channel(cs.clusterSettingsChanges, returns<ClusterSettings>()),
} as const;

export const clusterEvents = {
  'cluster.setupProgress': returns<ClusterSetupProgress>(),
} as const;
