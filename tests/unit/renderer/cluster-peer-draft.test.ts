// The add-a-server wizard's "Join the fleet's IPFS Cluster" fields → provisionInput.
import { describe, expect, it } from 'vitest';
import { provisionInput } from '../../../src-preload/contract/provisioning-schemas';
import { clusterPeerInput, emptyClusterPeerDraft, joinsCluster, splitLines } from '../../../src-renderer/features/provisioning/lib/cluster-peer-draft';

const peer = '/ip4/127.0.0.11/tcp/9096/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';

describe('clusterPeerInput', () => {
  it('asks for nothing when unticked', () => {
    expect(clusterPeerInput(emptyClusterPeerDraft(), false)).toEqual({ clusterPeer: false });
  });

  it('sends the bootstrap addresses one per line, the image and the user', () => {
    const draft = { clusterPeer: true, clusterBootstrap: `  ${peer}\r\n\n/dns4/n2/tcp/9096/p2p/12D3KooWabcdefghijklmnopqrstuv \n`, clusterImage: ' ipfs/ipfs-cluster:v1.1.6 ', clusterRunAs: '1000:100' };
    expect(clusterPeerInput(draft, false)).toEqual({
      clusterPeer: true,
      clusterBootstrap: [peer, '/dns4/n2/tcp/9096/p2p/12D3KooWabcdefghijklmnopqrstuv'],
      clusterImage: 'ipfs/ipfs-cluster:v1.1.6',
      clusterRunAs: '1000:100',
    });
  });

  it('never sends clusterPeer with an RPC token, the pair main refuses', () => {
    const draft = { ...emptyClusterPeerDraft(), clusterPeer: true };
    expect(joinsCluster(draft, true)).toBe(false);
    expect(clusterPeerInput(draft, true)).toEqual({ clusterPeer: false });
    const target = { host: '10.0.0.9', port: 22, user: 'root', fingerprint: `SHA256:${'A'.repeat(43)}`, login: { method: 'agent' as const } };
    const base = { ...target, name: 'n9', dataPath: '/srv/ipfs', rpcToken: true };
    expect(provisionInput.safeParse({ ...base, clusterPeer: true }).success).toBe(false);
    expect(provisionInput.safeParse({ ...base, ...clusterPeerInput(draft, true) }).success).toBe(true);
  });

  it('splits lines, dropping blanks', () => {
    expect(splitLines(' a \n\n b\r\n')).toEqual(['a', 'b']);
  });
});
