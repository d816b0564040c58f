import { describe, expect, it } from 'vitest';
import { describePeers, describePins, describeSetup, settingsChanges, stateDirsFlag } from '../../../src-main/cli/commands/cluster.js';
import type { ClusterPin, ClusterSetupReport } from '../../../src-preload/contract/cluster-types.js';

describe('pinfleet cluster', () => {
  it('turns settings flags into one change, the password read from stdin only', async () => {
    expect(await settingsChanges({ enable: true, node: 'node2', rmin: '2', rmax: '-1', user: 'admin', 'password-stdin': true }, async () => 's3cret')).toEqual({
      enabled: true, node: 'node2', replicationMin: 2, replicationMax: -1, user: 'admin', password: 's3cret',
    });
    expect(await settingsChanges({ node: '', user: '' }, async () => '')).toEqual({ node: null, user: null });
    await expect(settingsChanges({ enable: true, disable: true }, async () => '')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(settingsChanges({ rmin: 'two' }, async () => '')).rejects.toThrow(/--rmin must be a whole number/);
  });

  it('prints peers with their health and open alerts', () => {
    const text = describePeers({
      via: 'node1', peerId: 'p1', version: '1.1.6', metricNames: [],
      peers: [
        { id: 'p1', name: 'node1', version: '1.1.6', ipfsId: 'k1', addresses: [], node: 'node1', error: '', freespaceBytes: 200 * 1024 ** 2, tags: { group: 'eu' }, metricsExpired: false },
        { id: 'p3', name: 'node3', version: '', ipfsId: 'k3', addresses: [], node: 'node3', error: 'no ping since 02:12', freespaceBytes: null, tags: {}, metricsExpired: false },
      ],
      alerts: [{ name: 'ping', peer: 'p3', peerName: 'node3', value: '', triggeredAt: '2026-11-22T02:12:31Z', cleared: false }],
    });
    expect(text).toMatch(/node1\s+node1\s+200 MiB\s+group=eu\s+ok/);
    expect(text).toMatch(/node3\s+node3\s+-\s+-\s+DOWN: no ping since 02:12/);
    expect(text).toMatch(/ALERT ping from node3/);
  });

  it('prints the pinset with each peer\'s state and flags trouble', () => {
    const pin: ClusterPin = {
      cid: 'bafyA', name: 'a.txt', allocations: ['p1', 'p2'], allocationNames: ['node1', 'node2'], replicationMin: 2, replicationMax: 2, created: '',
      peers: [{ peer: 'p1', peerName: 'node1', status: 'pinned', error: '', at: '' }, { peer: 'p2', peerName: 'node2', status: 'pin_error', error: 'x', at: '' }],
      pinnedCount: 1, underReplicated: true, settled: false,
    };
    const text = describePins({ via: 'node1', pins: [pin], total: 1, underReplicated: 1 });
    expect(text).toMatch(/bafyA\s+a\.txt\s+2\.\.2\s+node1,node2\s+node1:pinned node2:pin_error\s+UNDER-REPLICATED/);
    expect(text).toMatch(/1 of 1 shown, 1 under-replicated \(via node1\)/);
  });
});

describe('cluster setup on the command line', () => {
  it('--state-dir takes NODE=PATH pairs', () => {
    expect(stateDirsFlag('node1=/srv/a/ipfs-cluster,node2=/srv/b')).toEqual({ node1: '/srv/a/ipfs-cluster', node2: '/srv/b' });
    expect(stateDirsFlag(undefined)).toBeUndefined();
    expect(() => stateDirsFlag('/srv/a')).toThrow(/NODE=PATH/);
  });

  const report: ClusterSetupReport = {
    dryRun: false, secretGenerated: true, restUser: 'pinfleet', replicationMin: 2, replicationMax: 3,
    peers: [{ node: 'node1', peerId: '12D3KooWA', swarmAddress: '/ip4/10.0.0.1/tcp/9096/p2p/12D3KooWA', restAddress: '127.0.0.1:9094', container: 'pinfleet-cluster-node1', stateDir: '/srv/pinfleet/ipfs-cluster', action: 'create' }],
    import: { found: [{ node: 'node1', pins: 4 }], toImport: ['bafyA', 'bafyB'], alreadyInPinset: 2, imported: 2, failed: [] },
    kept: { checked: 4, missing: [] },
    settings: { enabled: true, node: null, apiAddresses: {}, user: 'pinfleet', hasPassword: true, replicationMin: 2, replicationMax: 3 },
  };

  it('describes what was set up and that every pin was kept', () => {
    const text = describeSetup(report);
    expect(text).toContain('node1  create  12D3KooWA  /ip4/10.0.0.1/tcp/9096');
    expect(text).toContain('2 CID(s) to import: 2 imported, 0 failed');
    expect(text).toContain('kept: 4 of 4 pins the nodes held before are still pinned');
    expect(text).toContain('cluster mode: on');
  });

  it('lists lost pins loudly, and a dry run says nothing changed', () => {
    expect(describeSetup({ ...report, kept: { checked: 4, missing: [{ node: 'node1', cid: 'bafyA' }] } })).toContain('NOT PINNED ANY MORE: bafyA on node1');
    const dry = describeSetup({ ...report, dryRun: true, peers: [{ ...report.peers[0]!, peerId: '' }] });
    expect(dry).toContain('(made at set-up)');
    expect(dry).toContain('2 CID(s) would be imported');
    expect(dry).toContain('dry run: nothing was changed');
  });
});
