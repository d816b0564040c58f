import type { FleetSummary } from '../lib/fleet-summary';

export function FleetSummaryBar({ summary }: { summary: FleetSummary }) {
  return (
    <section className="stats" aria-label="Fleet summary">
      <div className="stat">
        <span className="stat__value">{summary.total}</span>
        <span className="stat__label">{summary.total === 1 ? 'node' : 'nodes'}</span>
      </div>
      <div className="stat">
        <span className="stat__value">{summary.active}</span>
        <span className="stat__label">active</span>
      </div>
      <div className="stat">
        <span className="stat__value">{summary.draining}</span>
        <span className="stat__label">draining</span>
      </div>
      <div className="stat stat--wide">
        <span className="stat__label">By region</span>
        <ul className="region-list">
          {summary.regions.map(({ region, count }) => (
            <li key={region ?? ''}>
              <span className={region ? undefined : 'muted'}>{region ?? 'no region'}</span>{' '}
              <span className="region-list__count">{count}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
