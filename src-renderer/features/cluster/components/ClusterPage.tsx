// The Cluster page (issue #7): the peers with health and free space, the alerts, the pinset with
// per-peer status and allocations, and the actions (recover, replication, unpin, GC).
import { useState } from 'react';
import { errorMessage } from '../../../shared/api/error-message';
import { Banner } from '../../../shared/components/Banner';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useClusterGc, useClusterPeers, useClusterPins, useClusterSettings, useRecover } from '../api/use-cluster';
import type { PinsFilter } from '../lib/pin-states';
import { ClusterSettingsPanel } from './ClusterSettingsPanel';
import { PeersPanel } from './PeersPanel';
import { PinsetPanel } from './PinsetPanel';
import './cluster.css';

export function ClusterPage() {
  const [filter, setFilter] = useState<PinsFilter>('all');
  const peers = useClusterPeers();
  const pins = useClusterPins(filter);
  const settings = useClusterSettings();
  const recoverAll = useRecover();
  const gc = useClusterGc();
  const actions = (
    <div className="button-group">
      <button type="button" className="button" disabled={recoverAll.isPending} onClick={() => recoverAll.mutate(undefined)}>
        {recoverAll.isPending ? 'Recovering…' : 'Recover all'}
      </button>
      <button type="button" className="button" disabled={gc.isPending} onClick={() => gc.mutate()}>
        {gc.isPending ? 'Collecting garbage…' : 'Run GC on every peer'}
      </button>
    </div>
  );
  return (
    <div className="cluster-page">
      <PageHeader title="Cluster" description="IPFS Cluster: who holds what, and how it heals." actions={actions} />
      {recoverAll.isSuccess ? <Banner tone="success" title="Recovery asked">{recoverAll.data.length === 0 ? 'No pin was in error.' : `${recoverAll.data.length} pins retried.`}</Banner> : null}
      {recoverAll.isError ? <Banner tone="danger" title="Recovery failed">{errorMessage(recoverAll.error)}</Banner> : null}
      {gc.isSuccess ? <Banner tone="success" title="Garbage collected">{gc.data.peers.map((p) => `${p.peerName}: ${p.removed} blocks${p.error ? ` (${p.error})` : ''}`).join(', ')}</Banner> : null}
      {gc.isError ? <Banner tone="danger" title="GC failed">{errorMessage(gc.error)}</Banner> : null}
      {peers.isPending ? <Loading what="the cluster peers" /> : null}
      {peers.isError ? <LoadFailed what="the cluster" error={peers.error} onRetry={() => void peers.refetch()} /> : null}
      {peers.data ? <PeersPanel overview={peers.data} /> : null}
      {pins.isError ? <LoadFailed what="the pinset" error={pins.error} onRetry={() => void pins.refetch()} /> : null}
      {pins.isPending && !pins.data ? <Loading what="the pinset" /> : null}
      {pins.data || !pins.isError ? <PinsetPanel page={pins.data} filter={filter} onFilter={setFilter} /> : null}
      {settings.data ? <ClusterSettingsPanel key={`${settings.data.replicationMin}:${settings.data.replicationMax}`} settings={settings.data} /> : null}
    </div>
  );
}
