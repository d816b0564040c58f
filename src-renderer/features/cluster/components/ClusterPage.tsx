// The Cluster page: the peers with health and free space, the alerts, the pinset with
// per-peer status and allocations, and the actions (recover, replication, unpin, GC).
import { useState } from 'react';
import { errorMessage } from '../../../shared/api/error-message';
import { Banner } from '../../../shared/components/Banner';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useClusterGc, useClusterPeers, useClusterPins, useClusterSettings, useRecover } from '../api/use-cluster';
import type { PinsFilter } from '../lib/pin-states';
import { setupReason } from '../lib/setup-offer';
import { ClusterSettingsPanel } from './ClusterSettingsPanel';
import { PeersPanel } from './PeersPanel';
import { PinsetPanel } from './PinsetPanel';
import { SetupWizard } from './SetupWizard';
import './cluster.css';

export function ClusterPage() {
  const [filter, setFilter] = useState<PinsFilter>('all');
  const peers = useClusterPeers();
  const pins = useClusterPins(filter);
  const settings = useClusterSettings();
  const recoverAll = useRecover();
  const gc = useClusterGc();
  // auto: shown while the cluster is not set up; open/closed: the admin (or a running set-up) chose.
  const [wizard, setWizard] = useState<'auto' | 'open' | 'closed'>('auto');
  const reason = setupReason(settings.data, peers.isError ? errorMessage(peers.error) : null);
  const showWizard = wizard === 'open' || (wizard === 'auto' && reason !== null);
  const openPeers = () => {
    setWizard('closed');
    // The peers panel may be mounting right now (the set-up just made it answer): focus it next frame.
    requestAnimationFrame(() => document.getElementById('cluster-peers-title')?.focus());
  };
  const actions = (
    <div className="button-group">
      {showWizard ? null : (
        <button type="button" className="button" onClick={() => setWizard('open')}>Set up a cluster…</button>
      )}
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
      {showWizard ? (
        <SetupWizard reason={wizard === 'auto' ? reason : null} onClose={() => setWizard('closed')} onStarted={() => setWizard('open')} onOpenPeers={openPeers} />
      ) : null}
      {recoverAll.isSuccess ? <Banner tone="success" title="Recovery asked">{recoverAll.data.length === 0 ? 'No pin was in error.' : `${recoverAll.data.length} pins retried.`}</Banner> : null}
      {recoverAll.isError ? <Banner tone="danger" title="Recovery failed">{errorMessage(recoverAll.error)}</Banner> : null}
      {gc.isSuccess ? <Banner tone="success" title="Garbage collected">{gc.data.peers.map((p) => `${p.peerName}: ${p.removed} blocks${p.error ? ` (${p.error})` : ''}`).join(', ')}</Banner> : null}
      {gc.isError ? <Banner tone="danger" title="GC failed">{errorMessage(gc.error)}</Banner> : null}
      {peers.isPending ? <Loading what="the cluster peers" /> : null}
      {peers.isError ? <LoadFailed what="the cluster" error={peers.error} onRetry={() => void peers.refetch()} /> : null}
      {/* Stale peers beside "no peer answers" would read as online: show them only while the read works. */}
      {peers.data && !peers.isError ? <PeersPanel overview={peers.data} /> : null}
      {pins.isError ? <LoadFailed what="the pinset" error={pins.error} onRetry={() => void pins.refetch()} /> : null}
      {pins.isPending && !pins.data ? <Loading what="the pinset" /> : null}
      {pins.data || !pins.isError ? <PinsetPanel page={pins.data} filter={filter} onFilter={setFilter} /> : null}
      {settings.data ? <ClusterSettingsPanel key={`${settings.data.replicationMin}:${settings.data.replicationMax}`} settings={settings.data} /> : null}
    </div>
  );
}
