// "Add a server": connect (host key confirmed) and choose where and how kubo runs, then the steps
// run in main with their live log. A failed step shows its reason with "Retry from <step>" and
// "Roll back this run…" (the plan first, RollbackPanel); a finished run links to the new node.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type PROVISION_STEPS, provisionStepsFor, type ProvisionReport, type RollbackReport } from '../../../../src-preload/contract/provisioning-types';
import { useCall } from '../../../shared/api/call';
import { errorMessage } from '../../../shared/api/error-message';
import { invalidateInventory } from '../../../shared/api/inventory-queries';
import { Banner } from '../../../shared/components/Banner';
import { hrefForNode } from '../../../shared/navigation/routes';
import { LocalFileField } from '../../../shared/local-file/LocalFileField';
import { TextField } from '../../../shared/node-form/TextField';
import { useWizardProgress } from '../api/use-wizard-progress';
import { clusterPeerInput, emptyClusterPeerDraft, joinsCluster, type ClusterPeerDraft } from '../lib/cluster-peer-draft';
import { emptyTarget, splitTags, targetInput, type TargetDraft } from '../lib/target-draft';
import { ClusterJoinCheckbox, ClusterPeerAdvanced } from './ClusterPeerFields';
import { RollbackPanel } from './RollbackPanel';
import { StepList } from './StepList';
import { TargetFields } from './TargetFields';

interface NodeDraft {
  name: string;
  dataPath: string;
  tags: string;
  region: string;
  priority: string;
  reserveMiB: string;
  image: string;
  imageSource: 'pull' | 'send';
  imageFile: string;
  privateNetwork: boolean;
  fleetNetworks: string;
  runAs: string;
  rpcToken: boolean;
  gatewayOnlyLocal: boolean;
}

const emptyNode = (): NodeDraft => ({
  name: '', dataPath: '/srv/ipfs', tags: '', region: '', priority: '0', reserveMiB: '', image: '', imageSource: 'pull', imageFile: '',
  privateNetwork: true, fleetNetworks: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.0/8', runAs: '1000:1000',
  rpcToken: false,
  gatewayOnlyLocal: true,
});

export function ProvisionWizard() {
  const call = useCall();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<TargetDraft>(emptyTarget());
  const [node, setNode] = useState<NodeDraft>(emptyNode());
  const [cluster, setCluster] = useState<ClusterPeerDraft>(emptyClusterPeerDraft());
  const setClusterDraft = (patch: Partial<ClusterPeerDraft>) => setCluster({ ...cluster, ...patch });
  const [running, setRunning] = useState<'provision' | 'rollback' | null>(null);
  const [report, setReport] = useState<ProvisionReport | null>(null);
  const [rolledBack, setRolledBack] = useState<RollbackReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const connection = targetInput(target);
  const host = typeof connection === 'string' ? null : connection.host;
  const progress = useWizardProgress(host, ['provision', 'rollback']);
  const set = (patch: Partial<NodeDraft>) => setNode({ ...node, ...patch });

  const start = async (fromStep?: (typeof PROVISION_STEPS)[number], installDocker = false) => {
    if (typeof connection === 'string') return setError(connection);
    setError(null);
    setRolledBack(null);
    setReport(null);
    progress.reset();
    setRunning('provision');
    try {
      const reserve = Number(node.reserveMiB);
      const result = await call('provisioning.provision', {
        ...connection,
        name: node.name.trim(),
        dataPath: node.dataPath.trim(),
        tags: splitTags(node.tags),
        region: node.region.trim() || null,
        priority: Number(node.priority) || 0,
        ...(node.reserveMiB.trim() && Number.isFinite(reserve) ? { reserveBytes: Math.round(reserve * 1024 * 1024) } : {}),
        ...(node.image.trim() ? { image: node.image.trim() } : {}),
        imageSource: node.imageSource,
        ...(node.imageSource === 'send' && node.imageFile.trim() ? { imageFile: node.imageFile.trim() } : {}),
        privateNetwork: node.privateNetwork,
        rpcToken: node.rpcToken,
        gatewayOnlyLocal: node.gatewayOnlyLocal,
        ...(node.privateNetwork ? { fleetNetworks: splitTags(node.fleetNetworks) } : {}),
        runAs: node.runAs.trim(),
        ...clusterPeerInput(cluster, node.rpcToken),
        installDocker,
        ...(fromStep ? { fromStep } : {}),
      });
      setReport(result);
      if (result.status === 'done') await invalidateInventory(queryClient);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRunning(null);
    }
  };

  const rolledBackNow = async (result: RollbackReport) => {
    setRolledBack(result);
    setReport(null);
    await invalidateInventory(queryClient);
  };
  const rollbackBusy = (busy: boolean) => setRunning(busy ? 'rollback' : null);

  return (
    <section className="panel panel--padded wizard" aria-label="Add a server">
      <TargetFields draft={target} onDraft={setTarget} disabled={running !== null} />
      <fieldset className="wizard-fieldset" disabled={running !== null}>
        <legend>Node</legend>
        <div className="form-grid">
          <TextField label="Name" value={node.name} onValue={(name) => set({ name })} autoComplete="off" />
          <TextField label="Data path (on the server)" value={node.dataPath} onValue={(dataPath) => set({ dataPath })} hint="kubo’s repo goes in ipfs/ under it; StorageMax is the disk minus the reserve." />
          <TextField label="Reserve (MiB)" value={node.reserveMiB} onValue={(reserveMiB) => set({ reserveMiB })} inputMode="numeric" hint="Empty: a tenth of the disk (64 MiB to 50 GiB)." />
          <TextField label="Tags" value={node.tags} onValue={(tags) => set({ tags })} hint="Comma-separated, e.g. ssd,rack-a" />
          <TextField label="Region" value={node.region} onValue={(region) => set({ region })} />
          <TextField label="Priority" value={node.priority} onValue={(priority) => set({ priority })} inputMode="numeric" />
          <ClusterJoinCheckbox draft={cluster} rpcToken={node.rpcToken} onDraft={setClusterDraft} />
        </div>
        <details className="advanced">
          <summary>Image, network and user</summary>
          <div className="form-grid">
            <TextField label="kubo image" value={node.image} onValue={(image) => set({ image })} placeholder="the pinned ipfs/kubo release" />
            <div className="field">
              <span className="field__label" id="image-source">Get the image by</span>
              <div className="button-group" role="radiogroup" aria-labelledby="image-source">
                {(['pull', 'send'] as const).map((source) => (
                  <label key={source} className="checkbox">
                    <input type="radio" name="image-source" checked={node.imageSource === source} onChange={() => set({ imageSource: source })} />
                    {source === 'pull' ? 'pulling it on the server' : 'sending it over SSH'}
                  </label>
                ))}
              </div>
            </div>
            {node.imageSource === 'send' ? (
              <LocalFileField label="Image tar (docker save) on this computer" kind="imageFile" value={node.imageFile} onValue={(imageFile) => set({ imageFile })} hint="None chosen: this computer’s Docker saves it." />
            ) : null}
            <label className="checkbox field--wide">
              <input type="checkbox" checked={node.privateNetwork} onChange={(event) => set({ privateNetwork: event.target.checked })} />
              Private fleet network: no public bootstrap, AutoConf, mDNS, relays or NAT; dial only the fleet’s networks
            </label>
            {node.privateNetwork ? <TextField label="Fleet networks" value={node.fleetNetworks} onValue={(fleetNetworks) => set({ fleetNetworks })} /> : null}
            <TextField label="Run kubo as (uid:gid)" value={node.runAs} onValue={(runAs) => set({ runAs })} />
            <label className="checkbox field--wide">
              <input type="checkbox" checked={node.rpcToken} onChange={(event) => set({ rpcToken: event.target.checked })} />
              Require a token on kubo’s RPC (API.Authorizations): Pinfleet makes it and keeps it in this computer’s secret store
            </label>
            <label className="checkbox field--wide">
              <input type="checkbox" checked={node.gatewayOnlyLocal} onChange={(event) => set({ gatewayOnlyLocal: event.target.checked })} />
              Gateway serves only what this node stores (Gateway.NoFetch); unticked, it fetches anything from the network
            </label>
            <ClusterPeerAdvanced draft={cluster} rpcToken={node.rpcToken} onDraft={setClusterDraft} />
          </div>
        </details>
      </fieldset>
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={running !== null || typeof connection === 'string'} onClick={() => void start()}>
          {running === 'provision' ? 'Provisioning…' : 'Provision'}
        </button>
        {typeof connection === 'string' ? <span className="field__hint">{connection}</span> : null}
      </div>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {running !== null || report ? <StepList steps={provisionStepsFor({ clusterPeer: joinsCluster(cluster, node.rpcToken) })} logs={progress.logs} report={report?.steps ?? null} /> : null}
      {report?.status === 'done' ? (
        <Banner tone="success" title={report.changed ? `${report.name} is provisioned` : `${report.name} was already provisioned: nothing changed`}>
          {report.health ? `First poll: ${report.health.state}. ` : ''}
          <a href={hrefForNode(report.name)}>Open {report.name}</a>
        </Banner>
      ) : null}
      {report?.status === 'failed' && report.failedStep ? (
        <div className="wizard-failure" role="alert">
          <p><strong>Stopped at {report.failedStep}:</strong> {report.error?.message}</p>
          {report.dockerInstall ? (
            <>
              <p>The wizard would run these commands to install Docker:</p>
              <pre className="mono">{report.dockerInstall.join('\n')}</pre>
              <button type="button" className="button" disabled={running !== null} onClick={() => void start('docker', true)}>
                Run these commands, then continue
              </button>
            </>
          ) : null}
          <div className="button-group">
            <button type="button" className="button button--primary" disabled={running !== null} onClick={() => void start(report.failedStep!)}>
              Retry from {report.failedStep}
            </button>
          </div>
          <RollbackPanel target={connection} label="Roll back this run…" disabled={running === 'provision'} onBusy={rollbackBusy} onDone={(r) => void rolledBackNow(r)} />
        </div>
      ) : null}
      {report?.status === 'done' ? (
        <div className="wizard-rollback">
          <RollbackPanel target={connection} runId={report.runId} label="Roll back this run…" quiet disabled={running === 'provision'} onBusy={rollbackBusy} onDone={(r) => void rolledBackNow(r)} />
        </div>
      ) : null}
      {rolledBack ? (
        <Banner tone={rolledBack.failures.length > 0 ? 'danger' : 'success'} title={rolledBack.failures.length > 0 ? 'Rollback incomplete' : 'Rolled back'}>
          {[...rolledBack.undone, ...rolledBack.failures.map((f) => `FAILED: ${f}`)].join('; ') || 'Nothing to undo.'}
        </Banner>
      ) : null}
    </section>
  );
}
