// "Adopt": a server that already runs kubo. Connect (host key confirmed), detect where kubo runs and
// how it is set up (with a warning when its RPC listens beyond loopback), then register it.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AdoptReport } from '../../../../src-preload/contract/provisioning-types';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { useCall } from '../../../shared/api/call';
import { errorMessage } from '../../../shared/api/error-message';
import { invalidateInventory } from '../../../shared/api/inventory-queries';
import { Banner } from '../../../shared/components/Banner';
import { hrefForNode } from '../../../shared/navigation/routes';
import { TextField } from '../../../shared/node-form/TextField';
import { emptyTarget, splitTags, targetInput, type TargetDraft } from '../lib/target-draft';
import { TargetFields } from './TargetFields';

export function AdoptWizard() {
  const call = useCall();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<TargetDraft>(emptyTarget());
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [region, setRegion] = useState('');
  const [report, setReport] = useState<AdoptReport | null>(null);
  const [node, setNode] = useState<NodeRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connection = targetInput(target);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const detect = () =>
    run(async () => {
      if (typeof connection === 'string') throw new Error(connection);
      setNode(null);
      setReport(await call('provisioning.adoptDetect', { ...connection, ...(name.trim() ? { name: name.trim() } : {}) }));
    });
  const register = () =>
    run(async () => {
      if (typeof connection === 'string' || !report?.gatewayAddress) throw new Error('Detect kubo first.');
      setNode(await call('provisioning.adoptRegister', { ...connection, name: name.trim(), tags: splitTags(tags), region: region.trim() || null, apiAddress: report.apiAddress, gatewayAddress: report.gatewayAddress, kuboContainer: report.runtime.kind === 'container' ? report.runtime.name : null }));
      await invalidateInventory(queryClient);
    });

  return (
    <section className="panel panel--padded wizard" aria-label="Adopt a running node">
      <TargetFields draft={target} onDraft={setTarget} disabled={busy} />
      <div className="form-grid">
        <TextField label="Name" value={name} onValue={setName} autoComplete="off" hint="Also picks its container when one Docker runs several kubos." />
      </div>
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={busy || typeof connection === 'string'} onClick={() => void detect()}>
          {busy && !report ? 'Detecting…' : 'Detect kubo'}
        </button>
      </div>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {report ? (
        <div className="adopt-report" aria-label="What was found">
          <dl className="details-list">
            <dt>Runs as</dt>
            <dd>{report.runtime.kind === 'container' ? `container ${report.runtime.name} (${report.runtime.image})` : `process ${report.runtime.pid} of ${report.runtime.user}`}</dd>
            <dt>Version</dt><dd>{report.version}</dd>
            <dt>Peer ID</dt><dd className="mono selectable">{report.peerId}</dd>
            <dt>Repo</dt><dd className="mono">{report.repoPath ?? 'unknown'}</dd>
            <dt>StorageMax</dt><dd>{report.storageMax ?? '—'} (GC at {report.gcWatermarkPercent ?? '—'} %)</dd>
            <dt>RPC API</dt><dd className="mono">{report.apiAddress} ({report.exposure.api})</dd>
            <dt>Gateway</dt><dd className="mono">{report.gatewayAddress ?? '—'} ({report.exposure.gateway})</dd>
          </dl>
          {report.warnings.map((warning) => (
            <Banner key={warning} tone="warning" title="Warning">{warning}</Banner>
          ))}
          <div className="form-grid">
            <TextField label="Tags" value={tags} onValue={setTags} hint="Comma-separated" />
            <TextField label="Region" value={region} onValue={setRegion} />
          </div>
          <div className="form-actions">
            <button type="button" className="button button--primary" disabled={busy || !name.trim() || !report.gatewayAddress} onClick={() => void register()}>
              Register {name.trim() || 'node'}
            </button>
          </div>
        </div>
      ) : null}
      {node ? (
        <Banner tone="success" title={`${node.name} was adopted`}>
          <a href={hrefForNode(node.name)}>Open {node.name}</a>
        </Banner>
      ) : null}
    </section>
  );
}
