import { useState } from 'react';
import { Banner } from '../../../shared/components/Banner';
import { PageHeader } from '../../../shared/components/PageHeader';
import { errorMessage } from '../../../shared/api/error-message';
import { useStartUploads, useUploadList, useUploadProgressSync } from '../api/use-uploads';
import { pickFileRoute } from '../lib/file-route';
import { FilePicker } from './FilePicker';
import { HistoryPanel } from './HistoryPanel';
import { PlanPanel } from './PlanPanel';
import { QueuePanel } from './QueuePanel';
import './uploads.css';

/** Drop or choose files → plan (where and why) → start → queue with live progress → history. */
export function UploadsPage() {
  useUploadProgressSync();
  const [search, setSearch] = useState('');
  // Electron: local paths through the preload; browser: bodies streamed to `pinfleet serve`.
  const [route] = useState(() => pickFileRoute(window));
  const start = useStartUploads(route);
  // The queue reads the unfiltered list, whatever the history's search says.
  const all = useUploadList('');
  const enabled = route.kind !== 'none';
  return (
    <>
      <PageHeader title="Uploads" description="Files stored on the fleet, with their CIDs and replicas." />
      <FilePicker enabled={enabled}>
        {enabled ? null : (
          <Banner tone="warning" title="This window cannot read a dropped file’s location">
            Its preload does not offer file paths. Use <code>pinfleet serve</code> or{' '}
            <code>pinfleet upload PATH…</code>; uploads started there are listed below.
          </Banner>
        )}
        <PlanPanel route={route} starting={start.isPending} onStart={(files, replicas) => start.mutate({ files, replicas })} />
        {start.isError ? <p className="form-error" role="alert">{errorMessage(start.error)}</p> : null}
        {start.data && start.data.skipped.length > 0 ? (
          <p className="form-note">Left out: {start.data.skipped.map((s) => `${s.path} (${s.reason})`).join('; ')}</p>
        ) : null}
        <QueuePanel items={all.data ?? []} />
        <HistoryPanel search={search} onSearch={setSearch} />
      </FilePicker>
    </>
  );
}
