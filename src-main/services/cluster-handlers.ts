// Handlers of the IPFS Cluster channels: thin, the work is in src-main/cluster.
import type { Handlers } from '../core/router.js';
import type { ClusterService } from '../cluster/cluster-service.js';
import type { ClusterSetup } from '../provisioning/cluster-setup/cluster-setup.js';

type ClusterChannel = Extract<keyof Handlers, `cluster.${string}`>;

export function clusterHandlers(cluster: ClusterService, setup: ClusterSetup): Pick<Handlers, ClusterChannel> {
  return {
    'cluster.peers': () => cluster.overview(),
    'cluster.alerts': () => cluster.alerts(),
    'cluster.pins': (input) => cluster.pins(input),
    'cluster.pin': ({ cid, name, replicationMin, replicationMax }) => cluster.pin(cid, { name, replicationMin, replicationMax }),
    'cluster.unpin': ({ cid }) => cluster.unpin(cid),
    'cluster.recover': ({ cid }) => cluster.recover(cid),
    'cluster.setReplication': ({ cid, replicationMin, replicationMax }) => cluster.setReplication(cid, replicationMin, replicationMax),
    'cluster.gc': () => cluster.gc(),
    'cluster.importPins': (input) => cluster.importPins(input),
    'cluster.setup': (input) => setup.run(input),
    'cluster.settings': () => cluster.settings(),
    'cluster.updateSettings': (changes) => cluster.updateSettings(changes),
  };
}
