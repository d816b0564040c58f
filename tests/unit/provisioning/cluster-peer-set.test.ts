// When the cluster's peer set is complete enough to start a new peer with it as its trusted peers:
// every peer the inventory's nodes run, and every peer /peers names, listed without an error.
import { describe, expect, it } from 'vitest';
import type { RawId } from '../../../src-main/cluster/cluster-answers.js';
import { describeMissing, peerSetVerdict, type FleetPeerProbe } from '../../../src-main/provisioning/cluster-peer/cluster-peer-set.js';
import { waitForCompletePeerSet } from '../../../src-main/provisioning/cluster-peer/cluster-peer-set-wait.js';

const id = (peer: string, peername: string, error = ''): RawId => ({
  id: peer, peername, version: '1.1.6', addresses: error ? [] : [`/ip4/10.0.0.1/tcp/9096/p2p/${peer}`], clusterPeers: [], ipfsId: '', ipfsAddresses: [], error,
});
const peer = (node: string, peerId: string): FleetPeerProbe => ({ node, outcome: 'peer', peerId });
const none = (node: string): FleetPeerProbe => ({ node, outcome: 'none' });
const unknown = (node: string, why: string): FleetPeerProbe => ({ node, outcome: 'unknown', why });

const all = [id('P1', 'node1'), id('P2', 'node2'), id('P3', 'node3')];
const probes = [peer('node1', 'P1'), peer('node2', 'P2'), peer('node3', 'P3')];

describe('peerSetVerdict', () => {
  it('is complete when every node\'s peer is listed without an error', () => {
    const verdict = peerSetVerdict(all, probes, 'bare');
    expect(verdict.complete).toBe(true);
    expect(verdict.live.map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
    expect(verdict.missing).toEqual([]);
  });

  it('waits for a node whose peer answers it directly but the cluster no longer lists (its heartbeat expired in a blip)', () => {
    const verdict = peerSetVerdict(all.slice(0, 2), probes, 'bare');
    expect(verdict.complete).toBe(false);
    expect(verdict.missing).toEqual([{ name: 'node3', peerId: 'P3', why: expect.stringMatching(/does not list it/) }]);
  });

  it('waits for a node that cannot be asked at all (dropped traffic): whether it runs a peer is unknown', () => {
    const verdict = peerSetVerdict(all.slice(0, 2), [peer('node1', 'P1'), peer('node2', 'P2'), unknown('node3', 'timed out')], 'bare');
    expect(verdict.complete).toBe(false);
    expect(verdict.missing).toEqual([{ name: 'node3', peerId: null, why: 'its Cluster peer could not be asked (timed out)' }]);
  });

  it('waits for a peer /peers names with an error, known to the inventory or not', () => {
    const listed = [id('P1', 'node1'), id('P2', 'node2'), id('P3', '', 'context deadline exceeded'), id('P9', 'lab', 'dial backoff')];
    const verdict = peerSetVerdict(listed, probes, 'bare');
    expect(verdict.complete).toBe(false);
    expect(verdict.live.map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(verdict.missing.map((m) => [m.name, m.peerId])).toEqual([['node3', 'P3'], ['lab', 'P9']]);
    expect(describeMissing(verdict.missing)).toBe('node3 (P3): the cluster cannot reach it (context deadline exceeded); lab (P9): the cluster cannot reach it (dial backoff)');
  });

  it('expects nothing of a node that runs no Cluster peer', () => {
    expect(peerSetVerdict(all.slice(0, 2), [peer('node1', 'P1'), peer('node2', 'P2'), none('node4')], 'bare').complete).toBe(true);
  });

  it('trusts a peer the cluster lists that no inventory node runs (a peer outside the inventory is still a peer)', () => {
    const verdict = peerSetVerdict([...all, id('P9', 'lab')], probes, 'bare');
    expect(verdict.complete).toBe(true);
    expect(verdict.live.map((p) => p.id)).toContain('P9');
  });

  it('neither trusts nor waits for the new node\'s own peer (a re-run)', () => {
    const verdict = peerSetVerdict([...all, id('PB', 'bare', 'starting')], [...probes, unknown('bare', 'x')], 'bare');
    expect(verdict.complete).toBe(true);
    expect(verdict.live.map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
  });

  it('is never complete without a live peer to join', () => {
    expect(peerSetVerdict([id('PB', 'bare')], [], 'bare')).toEqual({ complete: false, live: [], missing: [] });
    expect(peerSetVerdict([], [], 'bare').complete).toBe(false);
  });
});

describe('waitForCompletePeerSet', () => {
  it('ends at its deadline even when an attempt never answers (a server whose traffic is dropped), naming no one it could not judge', async () => {
    const never = new Promise<never>(() => {});
    const lines: string[] = [];
    const outcome = await waitForCompletePeerSet({ reach: () => never, probeFleet: () => never }, 'bare', { timeoutMs: 10, say: (l) => lines.push(l) }).catch((e: unknown) => e);
    expect(outcome).toMatchObject({ code: 'timeout', message: expect.stringMatching(/not complete within 0 s \(the cluster and the nodes did not all answer within 5 s\)/) });
    expect(lines).toEqual([]);
  }, 20_000);

  it('names the nodes that had not answered when an attempt is cut off at the deadline', async () => {
    const never = new Promise<never>(() => {});
    const outcome = await waitForCompletePeerSet(
      {
        reach: () => never,
        probeFleet: (progress) => {
          progress?.asked(['node1', 'node3', 'bare']);
          progress?.answered('node1');
          return never;
        },
      },
      'bare',
      { timeoutMs: 10, say: () => {} },
    ).catch((e: unknown) => e);
    expect(outcome).toMatchObject({ code: 'timeout', message: expect.stringMatching(/^the cluster's peer set was not complete within 0 s: node3 missing .*Bring node3 back/u) });
  }, 20_000);
});
