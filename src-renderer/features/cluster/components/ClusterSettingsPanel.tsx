import { useState } from 'react';
import type { ClusterSettings } from '../../../../src-preload/contract/cluster-types';
import { errorMessage } from '../../../shared/api/error-message';
import { useUpdateClusterSettings } from '../api/use-cluster';

const toField = (v: number | null) => (v === null ? '' : String(v));
const fromField = (v: string) => (v.trim() === '' ? null : Number(v));

/**
 * Cluster mode for uploads and the default replication; the REST login is set from the CLI. The
 * page keys it on the stored values, so a saved change starts the fields afresh.
 */
export function ClusterSettingsPanel({ settings }: { settings: ClusterSettings }) {
  const update = useUpdateClusterSettings();
  const [min, setMin] = useState(toField(settings.replicationMin));
  const [max, setMax] = useState(toField(settings.replicationMax));
  return (
    <section className="panel panel--padded cluster-section" aria-labelledby="cluster-settings-title">
      <h2 id="cluster-settings-title" className="panel__title">Cluster mode</h2>
      <label className="checkbox">
        <input type="checkbox" checked={settings.enabled} disabled={update.isPending} onChange={(e) => update.mutate({ enabled: e.currentTarget.checked })} />
        Upload through the cluster: its allocator places the replicas (free space, tag:group)
      </label>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ replicationMin: fromField(min), replicationMax: fromField(max) });
        }}
      >
        <label className="field">
          <span className="field__label">Default replication min</span>
          <input className="input" inputMode="numeric" placeholder="cluster default" value={min} onChange={(e) => setMin(e.currentTarget.value)} />
        </label>
        <label className="field">
          <span className="field__label">Default replication max (-1: every peer)</span>
          <input className="input" inputMode="numeric" placeholder="cluster default" value={max} onChange={(e) => setMax(e.currentTarget.value)} />
        </label>
        <div className="form-actions">
          <button type="submit" className="button" disabled={update.isPending}>Save replication</button>
        </div>
      </form>
      <p className="field__hint">
        REST login: {settings.user ? `${settings.user} (password ${settings.hasPassword ? 'stored in the secret store' : 'not stored'})` : 'none'}. Set it with{' '}
        <code>pinfleet cluster settings --user U --password-stdin</code>.
      </p>
      {update.isError ? <p className="form-error" role="alert">{errorMessage(update.error)}</p> : null}
    </section>
  );
}
