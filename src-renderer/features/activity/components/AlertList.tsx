import { EmptyState } from '../../../shared/components/EmptyState';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { formatTimestamp } from '../../../shared/lib/format-time';
import { hrefForNode } from '../../../shared/navigation/routes';
import { ALERTS_PAGE_SIZE, useAlerts } from '../api/use-alerts';
import { ALERT_KIND_LABEL, ALERT_KIND_TONE } from '../lib/alert-kind';
import './activity.css';

/** Every alert the health poller raised, newest first. */
export function AlertList() {
  const alerts = useAlerts();
  const entries = alerts.data ?? [];
  return (
    <section className="activity-section" aria-labelledby="alerts-title">
      <h2 id="alerts-title" className="activity-section__title">Alerts</h2>
      {alerts.isPending ? <Loading what="the alerts" /> : null}
      {alerts.isError ? <LoadFailed what="the alerts" error={alerts.error} onRetry={() => void alerts.refetch()} /> : null}
      {alerts.isSuccess && entries.length === 0 ? (
        <EmptyState title="No alerts">
          Pinfleet raises an alert when a node passes 80 % or 95 % full, becomes unreachable or recovers.
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <div className="panel">
          <div className="table-scroll">
            <table className="table" aria-label="Alerts">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Node</th>
                  <th scope="col">Alert</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id} data-alert-kind={entry.kind}>
                    <td className="nowrap"><time dateTime={entry.at}>{formatTimestamp(entry.at)}</time></td>
                    <td><a href={hrefForNode(entry.node)}>{entry.node}</a></td>
                    <td><span className={`alert-kind alert-kind--${ALERT_KIND_TONE[entry.kind]}`}>{ALERT_KIND_LABEL[entry.kind]}</span></td>
                    <td className="table__detail">{entry.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {entries.length >= ALERTS_PAGE_SIZE ? (
            <p className="panel__footnote">Showing the latest {ALERTS_PAGE_SIZE} alerts.</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
