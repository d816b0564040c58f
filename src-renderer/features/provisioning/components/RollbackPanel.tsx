// "Roll back" of the add-a-server wizard: asks main for the plan first and shows it (each run, each
// undo action, which of them delete data, what is left alone, what blocks it). Data is deleted only
// after the node's name is typed exactly; a blocked plan cannot be run at all. Main checks both
// again: this panel only shows what it will refuse.
import { useState } from 'react';
import type { ChannelInput } from '../../../../src-preload/contract/contract';
import { isPinfleetError } from '../../../../src-preload/contract/errors';
import type { RollbackPlan, RollbackReport } from '../../../../src-preload/contract/provisioning-types';
import { useCall } from '../../../shared/api/call';
import { errorMessage } from '../../../shared/api/error-message';
import { TextField } from '../../../shared/node-form/TextField';

type Target = Omit<ChannelInput<'provisioning.rollback'>, 'runId' | 'confirm'>;

interface RollbackPanelProps {
  target: Target | string;
  /** A successful run is undone only when named: the run this report is about. */
  runId?: number;
  label: string;
  quiet?: boolean;
  disabled: boolean;
  onBusy(busy: boolean): void;
  onDone(report: RollbackReport): void;
}

export function RollbackPanel({ target, runId, label, quiet = false, disabled, onBusy, onDone }: RollbackPanelProps) {
  const call = useCall();
  const [plan, setPlan] = useState<RollbackPlan | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState<'plan' | 'rollback' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const named = runId !== undefined ? { runId } : {};

  const work = async (what: 'plan' | 'rollback', job: () => Promise<void>) => {
    setBusy(what);
    onBusy(true);
    setError(null);
    try {
      await job();
    } catch (caught) {
      if (isPinfleetError(caught) && caught.code === 'confirmation_required') setConfirmError(caught.message);
      else setError(errorMessage(caught));
    } finally {
      setBusy(null);
      onBusy(false);
    }
  };
  const showPlan = () => {
    if (typeof target === 'string') return setError(target);
    return work('plan', async () => {
      setTyped('');
      setConfirmError(undefined);
      setPlan(await call('provisioning.rollbackPlan', { ...target, ...named }));
    });
  };
  const rollback = () => {
    if (typeof target === 'string' || !plan) return;
    return work('rollback', async () => {
      const report = await call('provisioning.rollback', { ...target, ...named, ...(plan.confirmWord ? { confirm: typed } : {}) });
      setPlan(null);
      onDone(report);
    });
  };

  if (!plan) {
    return (
      <>
        <button type="button" className={quiet ? 'button button--danger-quiet' : 'button button--danger'} disabled={disabled || busy !== null} onClick={() => void showPlan()}>
          {busy === 'plan' ? 'Reading what it would undo…' : label}
        </button>
        {error ? <p className="form-error" role="alert">{error}</p> : null}
      </>
    );
  }
  const blocked = plan.blocked.length > 0;
  const confirmed = plan.confirmWord === null || typed === plan.confirmWord;
  return (
    <section className="rollback-plan" aria-label="Rollback plan">
      <h3 className="rollback-plan__title">What the rollback will undo on {plan.host}</h3>
      {plan.explanation.map((line) => <p key={line} className="rollback-plan__why">{line}</p>)}
      {plan.runs.length === 0 ? <p>Nothing to undo.</p> : null}
      {plan.runs.map((run) => {
        const actions = plan.actions.filter((a) => a.runId === run.runId);
        return (
          <div key={run.runId} className="rollback-plan__run">
            <p className="rollback-plan__run-head">Run {run.runId} ({run.status}{run.node ? `, node ${run.node}` : ''})</p>
            <ol className="rollback-plan__actions" aria-label={`Undo actions of run ${run.runId}`}>
              {actions.length === 0 ? <li>nothing it did can be undone</li> : null}
              {actions.map((a, index) => (
                <li key={`${a.step}-${index}`} data-deletes-data={a.deletesData ? 'true' : 'false'} data-kept={a.kept ? 'true' : undefined}>
                  {a.kept ? <s>{a.description}</s> : a.description} <span className="rollback-plan__step">({a.step})</span>
                  {a.deletesData ? <strong className="rollback-plan__danger"> deletes data</strong> : null}
                  {a.kept ? <span className="rollback-plan__kept"> {a.kept}</span> : null}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
      {blocked ? (
        <div className="wizard-failure" role="alert">
          <p><strong>It will not run:</strong> nothing is undone while this holds.</p>
          {plan.blocked.map((reason) => <p key={reason}>{reason}</p>)}
        </div>
      ) : null}
      {!blocked && plan.confirmWord ? (
        <TextField
          label={`Type ${plan.confirmWord} to confirm`}
          value={typed}
          onValue={(value) => { setTyped(value); setConfirmError(undefined); }}
          autoComplete="off"
          spellCheck={false}
          disabled={busy !== null}
          error={confirmError}
          hint="Some of these actions delete data on the server; they cannot be undone."
        />
      ) : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <div className="button-group">
        <button type="button" className="button button--danger" disabled={disabled || busy !== null || blocked || !confirmed || plan.runs.length === 0} onClick={() => void rollback()}>
          {busy === 'rollback' ? 'Rolling back…' : 'Roll back'}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => setPlan(null)}>Cancel</button>
      </div>
    </section>
  );
}
