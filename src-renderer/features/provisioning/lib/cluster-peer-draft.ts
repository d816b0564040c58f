// The add-a-server wizard's "Join the fleet's IPFS Cluster" part: the draft → provisionInput's
// cluster fields. Pure. Cluster's kubo connector cannot send an RPC token yet, so main refuses
// clusterPeer with rpcToken; the wizard never sends that pair.
export interface ClusterPeerDraft {
  clusterPeer: boolean;
  /** One multiaddr per line; empty: every address the existing peers announce. */
  clusterBootstrap: string;
  clusterImage: string;
  clusterRunAs: string;
}

export const emptyClusterPeerDraft = (): ClusterPeerDraft => ({ clusterPeer: false, clusterBootstrap: '', clusterImage: '', clusterRunAs: '1000:100' });

export const RPC_TOKEN_REASON = 'Not with an RPC token: the Cluster peer would not send kubo the token. Untick “Require a token on kubo’s RPC” to join.';

/** Whether the peer is asked for: ticked, and no RPC token chosen. */
export function joinsCluster(draft: ClusterPeerDraft, rpcToken: boolean): boolean {
  return draft.clusterPeer && !rpcToken;
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
}

export interface ClusterPeerInput {
  clusterPeer: boolean;
  clusterBootstrap?: string[];
  clusterImage?: string;
  clusterRunAs?: string;
}

export function clusterPeerInput(draft: ClusterPeerDraft, rpcToken: boolean): ClusterPeerInput {
  if (!joinsCluster(draft, rpcToken)) return { clusterPeer: false };
  const bootstrap = splitLines(draft.clusterBootstrap);
  return {
    clusterPeer: true,
    ...(bootstrap.length > 0 ? { clusterBootstrap: bootstrap } : {}),
    ...(draft.clusterImage.trim() ? { clusterImage: draft.clusterImage.trim() } : {}),
    ...(draft.clusterRunAs.trim() ? { clusterRunAs: draft.clusterRunAs.trim() } : {}),
  };
}
