import { useState } from 'react';
import type { ClusterPin, ClusterPinsPage } from '../../../../src-preload/contract/cluster-types';
import { ConfirmActions } from '../../../shared/components/ConfirmActions';
import { Dialog } from '../../../shared/components/Dialog';
import { EmptyState } from '../../../shared/components/EmptyState';
import { errorMessage } from '../../../shared/api/error-message';
import { useRecover, useUnpin } from '../api/use-cluster';
import { FILTERS, replicationLabel, shortCid, stateLabel, toneOf, type PinsFilter } from '../lib/pin-states';
import { ReplicationDialog } from './ReplicationDialog';

interface PinsetPanelProps {
  page: ClusterPinsPage | undefined;
  filter: PinsFilter;
  onFilter(filter: PinsFilter): void;
}

/** The pinset: per pin its allocations, replication and each peer's state, with its actions. */
export function PinsetPanel({ page, filter, onFilter }: PinsetPanelProps) {
  const [replicating, setReplicating] = useState<ClusterPin | null>(null);
  const [unpinning, setUnpinning] = useState<ClusterPin | null>(null);
  const recover = useRecover();
  const unpin = useUnpin();
  const pins = page?.pins ?? [];
  return (
    <section className="panel cluster-section" aria-labelledby="cluster-pinset-title" data-testid="cluster-pinset">
      <div className="upload-plan__head">
        <h2 id="cluster-pinset-title" className="panel__title">
          Pinset {page ? <span className="muted">· {page.total} shown by this filter, {page.underReplicated} under-replicated</span> : null}
        </h2>
        <div className="button-group" role="group" aria-label="Show pins">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" className="button button--small" aria-pressed={filter === f.id} onClick={() => onFilter(f.id)}>
              {f.label}
            </button>
          ))}
        </div>
      </div>
      {recover.isError ? <p className="form-error" role="alert">{errorMessage(recover.error)}</p> : null}
      {page && pins.length === 0 ? (
        <EmptyState title={filter === 'all' ? 'The pinset is empty' : 'No pin matches'}>
          {filter === 'all' ? 'Pins made through the cluster (uploads in cluster mode, `pinfleet cluster pin`) are listed here.' : 'Nothing in the pinset is in that state right now.'}
        </EmptyState>
      ) : null}
      {pins.length > 0 ? (
        <div className="table-scroll">
          <table className="table" aria-label="Cluster pinset">
            <thead>
              <tr>
                <th scope="col">Name and CID</th><th scope="col">Replication</th><th scope="col">Allocated to</th>
                <th scope="col">Per peer</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {pins.map((pin) => (
                <tr key={pin.cid} data-cid={pin.cid} data-under-replicated={pin.underReplicated}>
                  <td>
                    <div className="upload-name">{pin.name || '(no name)'}</div>
                    <div className="mono table__detail selectable" title={pin.cid}>{shortCid(pin.cid)}</div>
                  </td>
                  <td className="nowrap">{replicationLabel(pin.replicationMin, pin.replicationMax)}</td>
                  <td>{pin.allocationNames.join(', ') || 'every peer'}</td>
                  <td>
                    <ul className="plain-list cluster-peer-states">
                      {pin.peers.map((p) => (
                        <li key={p.peer} className={`cluster-state cluster-state--${toneOf(p.status)}`} data-peer={p.peerName} data-status={p.status} title={p.error || (p.status === 'remote' ? 'not allocated to this peer: other peers hold it' : undefined)}>
                          {p.peerName}: {stateLabel(p.status)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {pin.underReplicated ? <span className="health health--unreachable">under-replicated</span> : pin.settled ? <span className="health health--online">replicated</span> : <span className="health health--degraded">in progress</span>}
                  </td>
                  <td>
                    <div className="cluster-actions">
                      <button type="button" className="button button--small" disabled={recover.isPending} onClick={() => recover.mutate(pin.cid)} aria-label={`Recover ${pin.name || pin.cid}`}>Recover</button>
                      <button type="button" className="button button--small" onClick={() => setReplicating(pin)} aria-label={`Change replication of ${pin.name || pin.cid}`}>Replication…</button>
                      <button type="button" className="button button--small button--danger-quiet" onClick={() => setUnpinning(pin)} aria-label={`Unpin ${pin.name || pin.cid}`}>Unpin…</button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {replicating ? <ReplicationDialog pin={replicating} onClose={() => setReplicating(null)} /> : null}
      <Dialog title={`Unpin ${unpinning?.name || unpinning?.cid || ''}?`} open={unpinning !== null} onClose={() => { unpin.reset(); setUnpinning(null); }} role="alertdialog">
        <p>Every peer drops its pin; the blocks go at their next garbage collection. Copies pinned outside the cluster stay.</p>
        <ConfirmActions
          error={unpin.isError ? errorMessage(unpin.error) : null}
          pending={unpin.isPending}
          confirmLabel="Unpin from the cluster"
          pendingLabel="Unpinning…"
          onCancel={() => { unpin.reset(); setUnpinning(null); }}
          onConfirm={() => unpinning && unpin.mutate(unpinning.cid, { onSuccess: () => setUnpinning(null) })}
        />
      </Dialog>
    </section>
  );
}
