import { useState } from 'react';
import type { ClusterPin } from '../../../../src-preload/contract/cluster-types';
import { Dialog } from '../../../shared/components/Dialog';
import { errorMessage } from '../../../shared/api/error-message';
import { useSetReplication } from '../api/use-cluster';

/** Change how many peers hold a pin; the cluster re-allocates at once. -1 means every peer. */
export function ReplicationDialog({ pin, onClose }: { pin: ClusterPin; onClose(): void }) {
  const [min, setMin] = useState(String(pin.replicationMin ?? 1));
  const [max, setMax] = useState(String(pin.replicationMax ?? 1));
  const change = useSetReplication();
  const problem = (() => {
    const a = Number(min);
    const b = Number(max);
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < -1 || b < -1) return 'Use whole numbers: -1 for every peer, or 1 and up.';
    if (b !== -1 && a > b) return 'The minimum cannot be above the maximum.';
    return null;
  })();
  return (
    <Dialog title={`Replication of ${pin.name || pin.cid}`} open onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (problem) return;
          change.mutate({ cid: pin.cid, replicationMin: Number(min), replicationMax: Number(max) }, { onSuccess: onClose });
        }}
      >
        <div className="form-grid">
          <label className="field">
            <span className="field__label">Minimum peers</span>
            <input className="input" inputMode="numeric" value={min} onChange={(e) => setMin(e.currentTarget.value)} aria-invalid={problem !== null} autoFocus />
          </label>
          <label className="field">
            <span className="field__label">Maximum peers</span>
            <input className="input" inputMode="numeric" value={max} onChange={(e) => setMax(e.currentTarget.value)} aria-invalid={problem !== null} />
          </label>
        </div>
        <p className="field__hint">Below the minimum the cluster re-allocates; it never places more than the maximum.</p>
        {problem ? <p className="field__error">{problem}</p> : null}
        {change.isError ? <p className="form-error" role="alert">{errorMessage(change.error)}</p> : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={change.isPending || problem !== null}>
            {change.isPending ? 'Changing…' : 'Change replication'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
