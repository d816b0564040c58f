// What "Set up a cluster" will do (dry run) or did: each node's peer with its action and addresses,
// then the pins found on the nodes and what goes into the cluster pinset.
import type { Ref } from 'react';
import type { ClusterSetupPeer, ClusterSetupReport } from '../../../../src-preload/contract/cluster-types';
import { ACTION_TEXT } from '../lib/setup-draft';

export function SetupPeersTable({ peers, label, tense }: { peers: readonly ClusterSetupPeer[]; label: string; tense: 'plan' | 'done' }) {
  return (
    <div className="table-scroll">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Node</th><th scope="col">Action</th><th scope="col">Peer ID</th>
            <th scope="col">Swarm address</th><th scope="col">REST address</th><th scope="col">State folder</th>
          </tr>
        </thead>
        <tbody>
          {peers.map((peer) => (
            <tr key={peer.node} data-node={peer.node} data-action={peer.action}>
              <th scope="row">{peer.node}</th>
              <td className="nowrap">{ACTION_TEXT[tense][peer.action]}</td>
              {peer.peerId ? (
                <td className="mono cluster-id selectable" title={peer.peerId} data-peer-id={peer.peerId}>{peer.peerId}</td>
              ) : (
                <td className="muted" data-peer-id="">made when the set-up runs</td>
              )}
              <td className="mono selectable cluster-setup__address">{peer.swarmAddress}</td>
              <td className="mono selectable nowrap">{peer.restAddress}</td>
              <td className="mono selectable">{peer.stateDir}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The dry run's answer: the table, the counts, and in one paragraph what the real run changes. */
export function SetupPlan({ plan, titleRef }: { plan: ClusterSetupReport; titleRef?: Ref<HTMLHeadingElement> }) {
  const found = plan.import.found.reduce((sum, f) => sum + f.pins, 0);
  const changing = plan.peers.filter((p) => p.action !== 'keep').length;
  return (
    <section className="cluster-setup__result" aria-labelledby="cluster-setup-plan-title" data-testid="cluster-setup-plan">
      <h3 id="cluster-setup-plan-title" className="cluster-subtitle" tabIndex={-1} ref={titleRef}>The plan</h3>
      <SetupPeersTable peers={plan.peers} label="Planned Cluster peers" tense="plan" />
      <dl className="details-list cluster-setup__counts">
        {plan.import.found.map((f) => (
          <div key={f.node} data-found-node={f.node}>
            <dt>Pins found on {f.node}</dt>
            <dd className="numeric">{f.pins}</dd>
          </div>
        ))}
        <div data-count="to-import">
          <dt>CIDs to import</dt>
          <dd className="numeric">{plan.import.toImport.length}</dd>
        </div>
        <div data-count="already">
          <dt>Already in the cluster pinset</dt>
          <dd className="numeric">{plan.import.alreadyInPinset}</dd>
        </div>
      </dl>
      <p data-testid="cluster-setup-sentence">
        No CID is unpinned: every node keeps what it pins ({found} pins), and the {plan.import.toImport.length} CIDs not yet in the
        cluster pinset are added to it with replication min {plan.replicationMin}, max {plan.replicationMax}.{' '}
        {changing} Cluster {changing === 1 ? 'peer is' : 'peers are'} added or restarted beside kubo
        {changing < plan.peers.length ? ` (${plan.peers.length - changing} kept as they are)` : ''}; each REST API asks for the login “{plan.restUser}”.{' '}
        {plan.secretGenerated ? 'A new fleet secret is generated and kept in this computer’s secret store.' : 'The fleet secret already in the secret store is kept.'}{' '}
        Cluster mode will be on: uploads then go through the cluster’s allocator.
      </p>
    </section>
  );
}
