// "Decommission": drain a node, move every CID it holds onto the others (verified there), or in
// Cluster mode remove its peer and let Cluster re-allocate, then stop it and remove it from the
// inventory. The plan (a dry run in main) is shown before anything changes, cluster steps
// included; the admin types the node's name to confirm, and main checks that name again before
// deleting data. Progress is shown live and the final report lists where each CID went.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DecommissionReport } from '../../../../src-preload/contract/provisioning-types';
import { useCall } from '../../../shared/api/call';
import { errorMessage } from '../../../shared/api/error-message';
import { invalidateInventory, useNodes } from '../../../shared/api/inventory-queries';
import { Banner } from '../../../shared/components/Banner';
import { TextField } from '../../../shared/node-form/TextField';
import { useWizardProgress } from '../api/use-wizard-progress';
import { useWizardTab } from '../stores/wizard-tab-store';
import { StepList } from './StepList';

const PHASES = { standalone: ['drain', 'repin', 'unpin', 'container', 'remove'], cluster: ['drain', 'reallocate', 'peer', 'container', 'remove'] } as const;

export function DecommissionWizard() {
  const call = useCall();
  const queryClient = useQueryClient();
  const nodes = useNodes().data ?? [];
  const preset = useWizardTab((s) => s.decommissionName);
  const [name, setName] = useState(preset ?? '');
  const [typed, setTyped] = useState('');
  const [removeContainer, setRemoveContainer] = useState(true);
  const [removeData, setRemoveData] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<DecommissionReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = nodes.find((n) => n.name === name) ?? null;
  const progress = useWizardProgress(chosen?.host ?? null, ['decommission']);
  const chosenName = chosen?.name ?? null;
  const wipe = { removeContainer: removeContainer || removeData, removeData };
  // The plan for the node and options as chosen now (a dry run: nothing changes); a refusal (an
  // ambiguous container, a pin Cluster could not place…) shows before the button.
  const planQuery = useQuery({
    queryKey: ['provisioning', 'decommission-plan', chosenName, wipe.removeContainer, wipe.removeData],
    queryFn: () => call('provisioning.decommission', { name: chosenName!, ...wipe, dryRun: true }),
    enabled: chosenName !== null && !busy && report === null,
    retry: false,
    staleTime: 0,
  });
  const plan = planQuery.data?.plan ?? null;
  const planError = planQuery.error ? errorMessage(planQuery.error) : null;

  const run = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    setReport(null);
    progress.reset();
    try {
      setReport(await call('provisioning.decommission', { name: chosen.name, removeContainer: removeContainer || removeData, removeData, confirm: typed }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      await invalidateInventory(queryClient);
    }
  };

  return (
    <section className="panel panel--padded wizard" aria-label="Decommission a node">
      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor="decommission-node">Node</label>
          <select id="decommission-node" className="input" value={name} disabled={busy} onChange={(event) => { setName(event.target.value); setTyped(''); }}>
            <option value="">Choose a node…</option>
            {nodes.map((n) => (
              <option key={n.name} value={n.name}>{n.name} ({n.host})</option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={removeContainer || removeData} disabled={busy || removeData} onChange={(event) => setRemoveContainer(event.target.checked)} />
          Remove its kubo container (else only stopped)
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={removeData} disabled={busy} onChange={(event) => setRemoveData(event.target.checked)} />
          Delete its kubo repo from the server
        </label>
      </div>
      {chosen ? (
        <>
          <p>
            {chosen.name} stops receiving uploads at once. Every CID it pins is {plan?.mode === 'cluster' ? 're-allocated by IPFS Cluster to the remaining peers' : 'pinned on the other nodes'} and
            checked there before anything is removed; if that cannot be done, the node is left draining and untouched.
          </p>
          {planError ? <p className="form-error" role="alert">{planError}</p> : null}
          {plan ? (
            <div aria-label="Plan">
              <p>What will happen{plan.mode === 'cluster' ? ' (through IPFS Cluster)' : ''}:</p>
              <ol className="plan-steps">
                {plan.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
              {plan.deletes.length > 0 ? <p>Deleted on the server: <span className="mono">{plan.deletes.join(', ')}</span></p> : null}
            </div>
          ) : null}
          <TextField label={`Type ${chosen.name} to confirm`} value={typed} onValue={setTyped} autoComplete="off" disabled={busy} />
        </>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button--danger" disabled={busy || !chosen || typed !== chosen.name || planError !== null} onClick={() => void run()}>
          {busy ? 'Decommissioning…' : 'Decommission'}
        </button>
      </div>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {busy || report || Object.keys(progress.logs).length > 0 ? <StepList steps={PHASES[plan?.mode ?? report?.plan.mode ?? 'standalone']} logs={progress.logs} report={null} /> : null}
      {report ? (
        <Banner tone="success" title={`${report.name} was decommissioned`}>
          {report.moved.length} CID(s) now held elsewhere; container {report.containerRemoved ? 'removed' : 'stopped'}, data {report.dataRemoved ? 'deleted' : 'kept'}.
        </Banner>
      ) : null}
      {report && report.moved.length > 0 ? (
        <table className="table" aria-label="Where each CID went">
          <thead><tr><th>CID</th><th>Now on</th></tr></thead>
          <tbody>
            {report.moved.map((m) => (
              <tr key={m.cid}><td className="mono">{m.cid}</td><td>{m.to.join(', ')}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
