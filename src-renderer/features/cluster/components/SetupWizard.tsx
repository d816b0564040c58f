// "Set up a cluster": turns the standalone fleet into an IPFS Cluster. The admin chooses
// the nodes and the replication, checks the plan (a dry run: nothing changes), then runs it and
// watches cluster.setupProgress; the end shows the peers and that no existing pin was lost.
// Enter in the form checks the plan, the harmless action; the real run is its own button.
import { useEffect, useRef, useState } from 'react';
import { useNodes } from '../../../shared/api/inventory-queries';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { errorMessage } from '../../../shared/api/error-message';
import { useSetupPlan, useSetupProgress, useSetupRun } from '../api/use-cluster-setup';
import { errorCode } from '../lib/error-text';
import { emptySetupDraft, setupInput, type SetupDraft } from '../lib/setup-draft';
import { SetupForm } from './SetupForm';
import { SetupPlan } from './SetupPlan';
import { SetupProgress } from './SetupProgress';
import { SetupSummary } from './SetupSummary';

interface SetupWizardProps {
  /** Why it is offered unasked: no cluster answers, or cluster mode is off. */
  reason: string | null;
  onClose(): void;
  /** Keeps the wizard on screen while it runs, even once the page sees a working cluster. */
  onStarted(): void;
  onOpenPeers(): void;
}

function FailedCall({ what, error }: { what: string; error: unknown }) {
  const code = errorCode(error);
  return (
    <div className="banner banner--danger" role="alert" data-testid="cluster-setup-error" data-code={code ?? ''}>
      <strong className="banner__title">{what} failed{code ? ` (${code})` : ''}</strong>
      <span className="banner__text">{errorMessage(error)}</span>
    </div>
  );
}

export function SetupWizard({ reason, onClose, onStarted, onOpenPeers }: SetupWizardProps) {
  const nodes = useNodes();
  const plan = useSetupPlan();
  const run = useSetupRun();
  const progress = useSetupProgress();
  const [draft, setDraft] = useState<SetupDraft>(emptySetupDraft);
  const [problem, setProblem] = useState<string | null>(null);
  // A second click lands before React re-renders the disabled button: the ref refuses it.
  const inFlight = useRef(false);
  const planTitle = useRef<HTMLHeadingElement>(null);
  const summaryTitle = useRef<HTMLHeadingElement>(null);
  const busy = plan.isPending || run.isPending;

  useEffect(() => { if (plan.data) planTitle.current?.focus(); }, [plan.data]);
  useEffect(() => { if (run.data) summaryTitle.current?.focus(); }, [run.data]);

  const active = (nodes.data ?? []).filter((n) => n.state === 'active');
  const draining = (nodes.data ?? []).length - active.length;
  const names = active.map((n) => n.name);

  const onDraft = (patch: Partial<SetupDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setProblem(null);
    // The plan was for the old choices.
    if (plan.data || plan.error) plan.reset();
  };

  const submit = async (dryRun: boolean) => {
    if (inFlight.current) return;
    const input = setupInput(names, draft, dryRun);
    if (typeof input === 'string') return setProblem(input);
    setProblem(null);
    inFlight.current = true;
    try {
      if (dryRun) {
        await plan.mutateAsync(input).catch(() => undefined);
      } else {
        onStarted();
        progress.reset();
        run.reset();
        await run.mutateAsync(input).catch(() => undefined);
      }
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <section className="panel cluster-section cluster-setup" aria-labelledby="cluster-setup-title" data-testid="cluster-setup">
      <div className="cluster-setup__head">
        <h2 id="cluster-setup-title" className="panel__title">Set up a cluster</h2>
        <button type="button" className="button button--small" disabled={busy} onClick={onClose}>Close</button>
      </div>
      {reason ? <p className="cluster-setup__reason" data-testid="cluster-setup-reason">{reason}</p> : null}
      <p className="muted">
        Adds an ipfs-cluster-service peer beside the kubo of each chosen node, joins them into one cluster with a new
        fleet secret and REST login, imports the CIDs the nodes already pin, checks that none was lost, and turns cluster mode on.
      </p>
      {nodes.isPending ? <Loading what="the nodes" /> : null}
      {nodes.isError ? <LoadFailed what="the nodes" error={nodes.error} onRetry={() => void nodes.refetch()} /> : null}
      {nodes.data ? (
        <form
          className="cluster-setup__form"
          aria-label="Set up a cluster"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(true);
          }}
        >
          <fieldset className="cluster-setup__fields" disabled={busy}>
            <SetupForm nodes={active} draining={draining} draft={draft} onDraft={onDraft} />
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || active.length === 0}>
              {plan.isPending ? 'Checking…' : 'Check plan'}
            </button>
            <button type="button" className="button button--primary" disabled={busy || active.length === 0} onClick={() => void submit(false)}>
              {run.isPending ? 'Setting up…' : 'Set up cluster'}
            </button>
            <span className="field__hint">Check plan changes nothing.</span>
          </div>
          {problem ? <p className="form-error" role="alert" data-testid="form-error">{problem}</p> : null}
        </form>
      ) : null}
      {plan.isError ? <FailedCall what="Checking the plan" error={plan.error} /> : null}
      {plan.data && !run.data ? <SetupPlan plan={plan.data} titleRef={planTitle} /> : null}
      {run.isPending || run.data || run.isError ? <SetupProgress log={progress.log} running={run.isPending} /> : null}
      {run.isError ? <FailedCall what="Setting up the cluster" error={run.error} /> : null}
      {run.data ? <SetupSummary report={run.data} titleRef={summaryTitle} onOpenPeers={onOpenPeers} /> : null}
    </section>
  );
}
