import { useAppInfo } from '../../../shared/api/inventory-queries';
import { Banner } from '../../../shared/components/Banner';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';

export function SettingsPage() {
  const info = useAppInfo();
  const data = info.data;

  return (
    <>
      <PageHeader title="Settings" description="Where Pinfleet keeps its data, and how it looks." />
      {info.isPending ? <Loading what="the settings" /> : null}
      {info.isError ? <LoadFailed what="the settings" error={info.error} onRetry={() => void info.refetch()} /> : null}
      {data ? (
        <>
          <section className="panel panel--padded" aria-labelledby="settings-about">
            <h2 id="settings-about" className="panel__title">About</h2>
            <dl className="details-list">
              <dt>Version</dt>
              <dd className="mono">{data.name} {data.version}</dd>
              <dt>Data folder</dt>
              <dd className="mono selectable">{data.dataDir}</dd>
            </dl>
          </section>
          <section className="panel panel--padded" aria-labelledby="settings-inventory">
            <h2 id="settings-inventory" className="panel__title">Inventory</h2>
            {data.inventory.readOnly ? (
              <Banner tone="warning" title="Read-only." quiet>
                {data.inventory.readOnlyReason ?? 'No reason was given.'}
              </Banner>
            ) : null}
            <dl className="details-list">
              <dt>Database</dt>
              <dd className="mono selectable">{data.inventory.path}</dd>
              <dt>Schema version</dt>
              <dd className="mono">{data.inventory.schemaVersion}</dd>
              <dt>Access</dt>
              <dd>{data.inventory.readOnly ? 'Read-only' : 'Read and write'}</dd>
              <dt>Backups</dt>
              <dd>
                {data.inventory.backups.length === 0 ? (
                  <span className="muted">None yet — one is made before each schema migration.</span>
                ) : (
                  <ul className="plain-list mono selectable">
                    {data.inventory.backups.map((backup) => <li key={backup}>{backup}</li>)}
                  </ul>
                )}
              </dd>
            </dl>
          </section>
        </>
      ) : null}
      <section className="panel panel--padded" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance" className="panel__title">Appearance</h2>
        <p>Light or dark follows your operating system’s setting; change it there and Pinfleet follows.</p>
      </section>
    </>
  );
}
