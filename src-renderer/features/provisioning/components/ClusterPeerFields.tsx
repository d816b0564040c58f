// "Join the fleet's IPFS Cluster" in the add-a-server wizard: the checkbox beside the node's
// choices, and the peer's bootstrap addresses, image and user in the advanced part. The checkbox
// is disabled, with the reason beside it, while an RPC token is chosen.
import { useId } from 'react';
import { TextField } from '../../../shared/node-form/TextField';
import { joinsCluster, RPC_TOKEN_REASON, type ClusterPeerDraft } from '../lib/cluster-peer-draft';

interface Props {
  draft: ClusterPeerDraft;
  rpcToken: boolean;
  onDraft(patch: Partial<ClusterPeerDraft>): void;
}

export function ClusterJoinCheckbox({ draft, rpcToken, onDraft }: Props) {
  const hintId = useId();
  return (
    <div className="field field--wide" data-testid="cluster-join">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={joinsCluster(draft, rpcToken)}
          disabled={rpcToken}
          aria-describedby={hintId}
          onChange={(event) => onDraft({ clusterPeer: event.target.checked })}
        />
        Join the fleet’s IPFS Cluster
      </label>
      <p id={hintId} className="field__hint">
        {rpcToken ? <strong data-testid="cluster-join-reason">{RPC_TOKEN_REASON} </strong> : null}
        Adds an ipfs-cluster-service peer beside kubo (the fleet’s secret, REST on the server’s loopback) and checks it joined.
        The fleet needs a cluster set up first (Cluster page → Set up a cluster).
      </p>
    </div>
  );
}

export function ClusterPeerAdvanced({ draft, rpcToken, onDraft }: Props) {
  const bootstrapId = useId();
  if (!joinsCluster(draft, rpcToken)) return null;
  return (
    <>
      <div className="field field--wide">
        <label className="field__label" htmlFor={bootstrapId}>Cluster bootstrap addresses (one per line)</label>
        <textarea
          id={bootstrapId}
          className="input input--multiline mono"
          rows={3}
          value={draft.clusterBootstrap}
          placeholder="/ip4/10.0.0.5/tcp/9096/p2p/12D3KooW…"
          aria-describedby={`${bootstrapId}-hint`}
          onChange={(event) => onDraft({ clusterBootstrap: event.target.value })}
        />
        <p id={`${bootstrapId}-hint`} className="field__hint">Empty: every address the cluster’s existing peers announce.</p>
      </div>
      <TextField label="Cluster image" value={draft.clusterImage} onValue={(clusterImage) => onDraft({ clusterImage })} placeholder="the pinned ipfs-cluster release" />
      <TextField label="Run the Cluster peer as (uid:gid)" value={draft.clusterRunAs} onValue={(clusterRunAs) => onDraft({ clusterRunAs })} hint="The official image’s ipfs user is 1000, group users 100." />
    </>
  );
}
