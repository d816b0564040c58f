import { useState } from 'react';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { formatBytes } from '../../../shared/lib/format-bytes';
import { useAppInfo } from '../../../shared/api/inventory-queries';
import { usePollNow, useRestartContainer, useRunGc, useSetAdminState } from '../api/use-node-actions';
import { ActionButton } from './ActionButton';
import { RemoveNodeDialog } from './RemoveNodeDialog';

/** Drain or resume, restart kubo's container, collect garbage, poll now, remove from the fleet. */
export function NodeActions({ node }: { node: NodeRecord }) {
  const readOnly = useAppInfo().data?.inventory.readOnly ?? false;
  const draining = node.state === 'draining';
  const setState = useSetAdminState(node.name, draining ? 'active' : 'draining');
  const restart = useRestartContainer(node.name);
  const gc = useRunGc(node.name);
  const poll = usePollNow(node.name);
  const [removing, setRemoving] = useState(false);

  return (
    <section className="panel panel--padded node-actions" aria-labelledby="node-actions-title">
      <h2 id="node-actions-title" className="panel__title">Actions</h2>
      <div className="node-actions__list">
        <ActionButton
          label={draining ? 'Resume uploads' : 'Drain'}
          busyLabel={draining ? 'Resuming…' : 'Draining…'}
          action={setState}
          disabled={readOnly}
          describe={(saved) =>
            saved.state === 'draining' ? `${saved.name} is draining: it takes no new uploads.` : `${saved.name} takes uploads again.`
          }
        />
        <ActionButton label="Poll now" busyLabel="Polling…" action={poll}
          describe={({ polled }) => (polled.length > 0 ? `Polled ${polled.join(', ')}.` : 'Nothing was polled.')} />
        <ActionButton label="Run GC" busyLabel="Collecting garbage…" action={gc}
          describe={({ freedBytes, repoSize }) => `Freed ${formatBytes(freedBytes)}; the repo now holds ${formatBytes(repoSize)}.`} />
        <ActionButton label="Restart container" busyLabel="Restarting…" action={restart}
          describe={(container) => `${container.name} is ${container.state} (restarts: ${container.restartCount}).`} />
        <div className="node-action">
          <button type="button" className="button button--danger-quiet" disabled={readOnly} onClick={() => setRemoving(true)}>
            Remove from fleet…
          </button>
        </div>
      </div>
      {readOnly ? <p className="form-note">The inventory is read-only: draining and removing are off.</p> : null}
      <RemoveNodeDialog node={node} open={removing} onClose={() => setRemoving(false)} />
    </section>
  );
}
