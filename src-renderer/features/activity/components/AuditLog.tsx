import { EmptyState } from '../../../shared/components/EmptyState';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { formatTimestamp } from '../../../shared/lib/format-time';
import { describeAuditDetail } from '../lib/describe-audit';
import { AUDIT_PAGE_SIZE, useAuditLog } from '../api/use-audit-log';
import './activity.css';

/** Every change Pinfleet made, newest first. */
export function AuditLog() {
  const audit = useAuditLog();
  const entries = audit.data ?? [];

  return (
    <section className="activity-section" aria-labelledby="audit-title">
      <h2 id="audit-title" className="activity-section__title">Changes</h2>
      {audit.isPending ? <Loading what="the activity log" /> : null}
      {audit.isError ? <LoadFailed what="the activity log" error={audit.error} onRetry={() => void audit.refetch()} /> : null}
      {audit.isSuccess && entries.length === 0 ? (
        <EmptyState title="Nothing has happened yet">
          Adding, changing, importing or removing nodes is recorded here.
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <div className="panel">
          <div className="table-scroll">
            <table className="table" aria-label="Activity log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Target</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="nowrap"><time dateTime={entry.at}>{formatTimestamp(entry.at)}</time></td>
                    <td>{entry.actor}</td>
                    <td className="mono">{entry.action}</td>
                    <td>{entry.target ?? <span className="muted">—</span>}</td>
                    <td className="table__detail">{describeAuditDetail(entry.action, entry.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {entries.length >= AUDIT_PAGE_SIZE ? (
            <p className="panel__footnote">Showing the latest {AUDIT_PAGE_SIZE} entries.</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
