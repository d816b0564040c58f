import type { UploadItem } from '../../../../src-preload/contract/upload-types';
import { errorMessage } from '../../../shared/api/error-message';
import { formatBytes, formatRate } from '../../../shared/lib/format-bytes';
import { useUploadAction } from '../api/use-uploads';
import { figuresOf, formatEta, stageOf, STAGE_LABEL, totalOf, type ItemFigures, type QueueStage } from '../lib/queue-view';
import { useUploadQueue } from '../stores/upload-queue-store';

interface Row {
  key: string;
  name: string;
  stage: QueueStage;
  figures: ItemFigures;
  node: string | null;
  error: string | null;
  /** Another replica is pinning it: the figures are that node's fetch, in bytes. */
  replicating?: boolean;
  item?: UploadItem;
}

const ACTIVE: UploadItem['status'][] = ['queued', 'uploading', 'pinning'];
const TERMINAL: UploadItem['status'][] = ['done', 'failed', 'cancelled'];

/** This tab's uploads and anything main is still working on, with live progress and the total. */
export function QueuePanel({ items }: { items: UploadItem[] }) {
  const { sending, startedIds, progress } = useUploadQueue();
  const cancel = useUploadAction('uploads.cancel');
  const retry = useUploadAction('uploads.retry');
  const inQueue = items
    .filter((i) => startedIds.includes(i.id) || ACTIVE.includes(i.status))
    .sort((a, b) => a.id - b.id);
  const rows: Row[] = [
    ...sending.map((s): Row => ({
      key: s.key, name: s.name, stage: s.error ? 'failed' : 'sending', node: null, error: s.error,
      figures: { bytesDone: 0, bytesTotal: s.size, rateBytesPerSec: 0, etaSec: null },
    })),
    ...inQueue.map((item): Row => {
      const live = progress[item.id];
      // Events are newer than the stored item until it is finished; a finished item is final.
      const current = live && (!TERMINAL.includes(item.status) || live.status === item.status) ? live : undefined;
      const stage = stageOf(item, current);
      return {
        key: `u${item.id}`, name: item.name, stage, figures: figuresOf(item, current), item,
        replicating: stage === 'active' && current?.status === 'pinning',
        node: current?.node ?? item.replicas.find((r) => r.status === 'pinned')?.node ?? null,
        error: current ? (current.error ?? null) : item.error,
      };
    }),
  ];
  if (rows.length === 0) return null;
  const total = totalOf(rows);
  const actionError = cancel.error ?? retry.error;

  return (
    <section className="panel upload-queue" aria-labelledby="upload-queue-title">
      <div className="upload-plan__head">
        <h2 id="upload-queue-title" className="upload-section__title">Queue</h2>
        <span className="upload-total" data-testid="upload-total">
          {formatBytes(total.done)} of {formatBytes(total.total)}
        </span>
      </div>
      <progress className="upload-progress" aria-label="Total progress" max={Math.max(total.total, 1)} value={total.done} />
      {actionError ? <p className="form-error" role="alert">{errorMessage(actionError)}</p> : null}
      <ul className="upload-queue__list" aria-label="Queue">
        {rows.map((row) => (
          <li key={row.key} className="upload-queue__item" data-stage={row.stage} data-upload-name={row.name}>
            <div className="upload-queue__line">
              <span className="upload-name">{row.name}</span>
              <span className={`upload-stage upload-stage--${row.stage}`}>{row.replicating ? 'Replicating' : STAGE_LABEL[row.stage]}</span>
            </div>
            <progress className="upload-progress" aria-label={`Progress of ${row.name}`} max={Math.max(row.figures.bytesTotal, 1)} value={row.figures.bytesDone} />
            <div className="upload-queue__line muted">
              <span>
                {formatBytes(row.figures.bytesDone)} of {formatBytes(row.figures.bytesTotal)}
                {row.stage === 'active' ? ` · ${formatRate(row.figures.rateBytesPerSec)} · ${formatEta(row.figures.etaSec)} left` : ''}
                {row.node ? ` · ${row.node}` : ''}
              </span>
              {row.item && ['pending', 'waiting', 'active'].includes(row.stage) ? (
                <button type="button" className="button button--small" onClick={() => cancel.mutate(row.item!.id)}>Cancel</button>
              ) : null}
              {row.item && (row.stage === 'failed' || row.stage === 'cancelled') ? (
                <button type="button" className="button button--small" onClick={() => retry.mutate(row.item!.id)}>Retry</button>
              ) : null}
            </div>
            {row.error && row.stage !== 'done' ? <p className="upload-queue__error">{row.error}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
