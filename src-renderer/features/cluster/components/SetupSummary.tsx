// The end of a real run: the peers, what was imported, and the check that no pin was lost. A
// missing pin is the one thing the admin must not overlook, so it is listed in a danger banner.
import type { Ref } from 'react';
import type { ClusterSetupReport } from '../../../../src-preload/contract/cluster-types';
import { keptSentence } from '../lib/setup-draft';
import { SetupPeersTable } from './SetupPlan';

interface SetupSummaryProps {
  report: ClusterSetupReport;
  titleRef?: Ref<HTMLHeadingElement>;
  onOpenPeers(): void;
}

export function SetupSummary({ report, titleRef, onOpenPeers }: SetupSummaryProps) {
  const { kept } = report;
  return (
    <section className="cluster-setup__result" aria-labelledby="cluster-setup-summary-title" data-testid="cluster-setup-summary">
      <h3 id="cluster-setup-summary-title" className="cluster-subtitle" tabIndex={-1} ref={titleRef}>
        {kept.missing.length === 0 ? 'The cluster is set up' : 'The cluster is set up, but pins are missing'}
      </h3>
      <dl className="details-list cluster-setup__counts">
        <div data-count="peers"><dt>Peers</dt><dd className="numeric">{report.peers.length}</dd></div>
        <div data-count="imported"><dt>Imported into the pinset</dt><dd className="numeric">{report.import.imported}</dd></div>
        <div data-count="already"><dt>Already in the pinset</dt><dd className="numeric">{report.import.alreadyInPinset}</dd></div>
        <div data-count="replication"><dt>Replication</dt><dd className="numeric">min {report.replicationMin}, max {report.replicationMax}</dd></div>
        <div data-count="mode"><dt>Cluster mode</dt><dd>{report.settings.enabled ? 'on' : 'off'}</dd></div>
      </dl>
      <p data-testid="cluster-setup-kept" className={`cluster-setup__kept ${kept.missing.length === 0 ? 'cluster-setup__kept--ok' : 'form-error'}`}>{keptSentence(kept)}</p>
      {kept.missing.length > 0 ? (
        <div className="banner banner--danger" role="alert" data-testid="cluster-setup-missing">
          <strong className="banner__title">{kept.missing.length} {kept.missing.length === 1 ? 'pin is' : 'pins are'} no longer pinned where they were</strong>
          <ul className="plain-list" aria-label="Missing pins">
            {kept.missing.map((m) => <li key={`${m.node}-${m.cid}`} className="mono selectable">{m.node}: {m.cid}</li>)}
          </ul>
          <span className="banner__text">Pin them again on those nodes (or through the cluster) before anything else.</span>
        </div>
      ) : null}
      {report.import.failed.length > 0 ? (
        <div className="banner banner--warning" role="alert">
          <strong className="banner__title">{report.import.failed.length} CIDs were not imported into the cluster pinset</strong>
          <ul className="plain-list" aria-label="Failed imports">
            {report.import.failed.map((f) => <li key={f.cid} className="mono selectable">{f.cid}: {f.error}</li>)}
          </ul>
          <span className="banner__text">They stay pinned on their nodes; run the set-up again to retry them.</span>
        </div>
      ) : null}
      <SetupPeersTable peers={report.peers} label="Cluster peers set up" tense="done" />
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onOpenPeers}>Open the peers view</button>
      </div>
    </section>
  );
}
