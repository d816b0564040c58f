import type { ImportReport } from '../../../../src-preload/contract/types';

function NameList({ names }: { names: string[] }) {
  return names.length > 0 ? <span className="mono">{names.join(', ')}</span> : <span className="muted">none</span>;
}

export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" role="status" aria-label="Import report">
      <p>
        <strong>{report.added.length}</strong> added, <strong>{report.updated.length}</strong> updated,{' '}
        <strong>{report.skipped.length}</strong> skipped.
      </p>
      <dl className="details-list">
        <dt>Added</dt>
        <dd><NameList names={report.added} /></dd>
        <dt>Updated</dt>
        <dd><NameList names={report.updated} /></dd>
        <dt>Skipped</dt>
        <dd>
          {report.skipped.length === 0 ? <span className="muted">none</span> : (
            <ul className="plain-list">
              {report.skipped.map((s, i) => (
                <li key={`${s.name}-${i}`}><span className="mono">{s.name || '(no name)'}</span>: {s.reason}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </div>
  );
}
