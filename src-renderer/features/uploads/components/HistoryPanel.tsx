import type { UploadItem } from '../../../../src-preload/contract/upload-types';
import { EmptyState } from '../../../shared/components/EmptyState';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useNodes } from '../../../shared/api/inventory-queries';
import { formatBytes } from '../../../shared/lib/format-bytes';
import { formatTimestamp } from '../../../shared/lib/format-time';
import { HISTORY_LIMIT, useUploadList } from '../api/use-uploads';
import { gatewayLink, stageOf, STAGE_LABEL } from '../lib/queue-view';
import { CidField } from './CidField';

/** Every upload main stored, newest first, searchable by name or CID. */
export function HistoryPanel({ search, onSearch }: { search: string; onSearch: (search: string) => void }) {
  const list = useUploadList(search);
  const nodes = useNodes();
  const gatewayOf = new Map((nodes.data ?? []).map((n) => [n.name, n.gatewayAddress]));
  const items = list.data ?? [];

  const linkFor = (item: UploadItem) => {
    const node = item.replicas.find((r) => r.status === 'pinned')?.node;
    const gateway = node ? gatewayOf.get(node) : undefined;
    return item.cid && gateway ? gatewayLink(gateway, item.cid) : null;
  };

  return (
    <section className="upload-history" aria-labelledby="upload-history-title">
      <div className="upload-plan__head">
        <h2 id="upload-history-title" className="upload-section__title">History</h2>
        <input
          className="input upload-history__search"
          type="search"
          placeholder="Search by name or CID"
          aria-label="Search uploads"
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
        />
      </div>
      {list.isPending ? <Loading what="the uploads" /> : null}
      {list.isError ? <LoadFailed what="the uploads" error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <EmptyState title={search ? 'No upload matches' : 'No uploads yet'}>
          {search ? 'Nothing stored matches that name or CID.' : 'Files you upload are listed here with their CIDs and replicas.'}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="panel">
          <div className="table-scroll">
            <table className="table" aria-label="Uploads">
              <thead>
                <tr>
                  <th scope="col">File</th><th scope="col">Size</th><th scope="col">State</th>
                  <th scope="col">Replicas</th><th scope="col">CID and gateway link</th><th scope="col">Finished</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const link = linkFor(item);
                  return (
                    <tr key={item.id} data-upload-id={item.id} data-upload-name={item.name} data-status={item.status}>
                      <td className="upload-name">{item.name}</td>
                      <td className="nowrap">{formatBytes(item.size)}</td>
                      <td>
                        {STAGE_LABEL[stageOf(item)]}
                        {item.error && item.status !== 'done' ? <div className="table__detail">{item.error}</div> : null}
                      </td>
                      <td>{item.replicas.map((r) => `${r.node} (${r.status})`).join(', ') || '—'}</td>
                      <td>
                        {item.cid ? <CidField cid={item.cid} label={`CID of ${item.name}`} /> : '—'}
                        {link ? <div className="upload-link" data-testid="gateway-link">{link}</div> : null}
                      </td>
                      <td className="nowrap">{item.finishedAt ? formatTimestamp(item.finishedAt) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {items.length >= HISTORY_LIMIT ? <p className="panel__footnote">Showing the latest {HISTORY_LIMIT} uploads.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
