import type { ClusterOverview, ClusterPeer } from '../../../../src-preload/contract/cluster-types';
import { formatBytes } from '../../../shared/lib/format-bytes';
import { formatTimestamp } from '../../../shared/lib/format-time';

function health(peer: ClusterPeer): { label: string; tone: 'online' | 'unreachable' | 'degraded' } {
  if (peer.error) return { label: 'down', tone: 'unreachable' };
  if (peer.metricsExpired) return { label: 'metrics expired', tone: 'degraded' };
  return { label: 'online', tone: 'online' };
}

/** Every cluster peer with its health, free space and tags, then the alerts the cluster raised. */
export function PeersPanel({ overview }: { overview: ClusterOverview }) {
  const active = overview.alerts.filter((a) => !a.cleared);
  const cleared = overview.alerts.filter((a) => a.cleared);
  const when = (iso: string) => (iso ? formatTimestamp(iso) : 'an unknown time');
  return (
    <section className="panel cluster-section" aria-labelledby="cluster-peers-title" data-testid="cluster-peers">
      <h2 id="cluster-peers-title" className="panel__title" tabIndex={-1}>
        Peers <span className="muted">· Cluster {overview.version}, asked through {overview.via}</span>
      </h2>
      <div className="table-scroll">
        <table className="table" aria-label="Cluster peers">
          <thead>
            <tr>
              <th scope="col">Peer</th><th scope="col">Node</th><th scope="col">Health</th>
              <th scope="col">Free space</th><th scope="col">Tags</th><th scope="col">Peer ID</th>
            </tr>
          </thead>
          <tbody>
            {overview.peers.map((peer) => {
              const h = health(peer);
              return (
                <tr key={peer.id} data-peer={peer.name} data-health={h.label}>
                  <td className="upload-name">{peer.name}</td>
                  <td>{peer.node ?? <span className="muted">not in the inventory</span>}</td>
                  <td>
                    <span className={`health health--${h.tone}`}>{h.label}</span>
                    {peer.error ? <div className="table__detail">{peer.error}</div> : null}
                  </td>
                  <td className="nowrap numeric">{peer.freespaceBytes === null ? '—' : formatBytes(peer.freespaceBytes)}</td>
                  <td>{Object.entries(peer.tags).map(([k, v]) => `${k}: ${v}`).join(', ') || '—'}</td>
                  <td className="mono cluster-id" title={peer.id}>{peer.id}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className="cluster-subtitle">Alerts</h3>
      {active.length === 0 ? <p className="muted">No open alerts: every peer is sending its metrics.</p> : null}
      {active.length > 0 ? (
        <ul className="plain-list cluster-alerts" aria-label="Open cluster alerts">
          {active.map((a) => (
            <li key={`${a.peer}-${a.name}-${a.triggeredAt}`} className="banner banner--warning" data-alert-peer={a.peerName}>
              <strong className="banner__title">{a.peerName}: {a.name === 'ping' ? 'stopped answering' : `${a.name} expired`}</strong>
              <span className="banner__text">since {when(a.triggeredAt)}. The cluster re-allocates its pins that fall below their replication minimum.</span>
            </li>
          ))}
        </ul>
      ) : null}
      {cleared.length > 0 ? (
        <details className="cluster-history">
          <summary>{cleared.length} earlier {cleared.length === 1 ? 'alert' : 'alerts'}, cleared: the peer answers again</summary>
          <ul className="plain-list" aria-label="Cleared cluster alerts">
            {cleared.map((a) => (
              <li key={`${a.peer}-${a.name}-${a.triggeredAt}`} className="muted">{a.peerName}: {a.name} missed at {when(a.triggeredAt)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
