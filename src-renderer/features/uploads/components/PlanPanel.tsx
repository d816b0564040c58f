import { formatBytes } from '../../../shared/lib/format-bytes';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useUploadPlan } from '../api/use-uploads';
import type { FileRoute } from '../lib/file-route';
import { useUploadQueue, type ChosenFile } from '../stores/upload-queue-store';

const REPLICA_CHOICES = [1, 2, 3];

/** The plan step: where each chosen file would go and why, or why it cannot go anywhere. */
export function PlanPanel({ onStart, starting, route }: { onStart: (files: ChosenFile[], replicas: number) => void; starting: boolean; route: FileRoute }) {
  const { chosen, replicas, setReplicas, clearChosen } = useUploadQueue();
  const plan = useUploadPlan(chosen, replicas, route);
  if (chosen.length === 0) return null;
  const plans = plan.data ?? [];
  const placeable = chosen.filter((_, i) => plans[i]?.ok === true);

  return (
    <section className="panel upload-plan" aria-labelledby="upload-plan-title">
      <div className="upload-plan__head">
        <h2 id="upload-plan-title" className="upload-section__title">Plan</h2>
        <label className="upload-plan__replicas">
          Replicas{' '}
          <select className="input" value={replicas} onChange={(e) => setReplicas(Number(e.currentTarget.value))}>
            {REPLICA_CHOICES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </div>
      {plan.isPending ? <Loading what="the plan" /> : null}
      {plan.isError ? <LoadFailed what="the plan" error={plan.error} onRetry={() => void plan.refetch()} /> : null}
      {plan.isSuccess ? (
        <div className="table-scroll">
          <table className="table" aria-label="Plan">
            <thead>
              <tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">Goes to</th><th scope="col">Why</th></tr>
            </thead>
            <tbody>
              {chosen.map((c, i) => {
                const p = plans[i];
                return (
                  <tr key={c.key} data-plan-ok={p?.ok ? 'true' : 'false'}>
                    <td className="upload-name">{c.name}</td>
                    <td className="nowrap">{formatBytes(c.file.size)}</td>
                    {p?.ok ? (
                      <>
                        <td data-testid="plan-nodes">{p.targets.map((t) => t.node).join(', ')}</td>
                        <td className="table__detail">{p.targets.map((t) => `${t.node}: ${t.why}`).join('; ')}</td>
                      </>
                    ) : (
                      <>
                        <td className="upload-refused">Nowhere now</td>
                        <td className="table__detail">
                          {p ? `${p.reason}${p.shortfallBytes > 0 ? ` (${formatBytes(p.shortfallBytes)} short)` : ''}` : '—'}
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={clearChosen}>Clear</button>
        <button
          type="button"
          className="button button--primary"
          disabled={!plan.isSuccess || placeable.length === 0 || starting}
          onClick={() => {
            clearChosen();
            onStart(placeable, replicas);
          }}
        >
          {placeable.length === chosen.length || placeable.length === 0 ? 'Start' : `Start the ${placeable.length} that fit`}
        </button>
      </div>
    </section>
  );
}
