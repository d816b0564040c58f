import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePin, parsePinStatus } from '../../../src-main/cluster/cluster-answers.js';
import { senders, settling, uploadReplication } from '../../../src-main/cluster/cluster-placement.js';
import { pinView } from '../../../src-main/cluster/cluster-views.js';

const json = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as unknown;

describe('an upload through the cluster', () => {
  it('asks for at least the upload\'s replicas; settings raise the floor and set the ceiling', () => {
    expect(uploadReplication(2, { replicationMin: null, replicationMax: null })).toEqual({ min: 2, max: 2 });
    expect(uploadReplication(1, { replicationMin: 2, replicationMax: 3 })).toEqual({ min: 2, max: 3 });
    expect(uploadReplication(3, { replicationMin: 2, replicationMax: 2 })).toEqual({ min: 3, max: 3 });
    expect(uploadReplication(1, { replicationMin: null, replicationMax: -1 })).toEqual({ min: 1, max: -1 });
  });

  it('sends the bytes to allocated nodes in the allocator\'s order, skipping peers not in the inventory', () => {
    const nodeOf = new Map([['p1', 'node1'], ['p2', null], ['p3', 'node3']]);
    expect(senders(['p3', 'p2', 'p1'], nodeOf)).toEqual(['node3', 'node1']);
    expect(senders(['p9'], nodeOf)).toEqual([]);
  });

  const status = parsePinStatus(json('pinstatus.json'));
  const pin = parsePin(json('pinpost.json'));
  const names = new Map<string, string>();

  it('is over when every allocated peer is pinned', () => {
    expect(settling(pinView(status, pin, names))).toEqual({ done: true, pinned: ['node2', 'node3'], failed: [] });
  });

  it('waits while an allocated peer is still pinning, and reports one that failed', () => {
    const pinning = { ...status, peers: status.peers.map((p) => (p.peerName === 'node3' ? { ...p, status: 'pinning' as const } : p)) };
    expect(settling(pinView(pinning, pin, names))).toEqual({ done: false });
    const failed = { ...status, peers: status.peers.map((p) => (p.peerName === 'node3' ? { ...p, status: 'pin_error' as const, error: 'context deadline exceeded' } : p)) };
    expect(settling(pinView(failed, pin, names))).toEqual({ done: true, pinned: ['node2'], failed: [{ peer: 'node3', error: 'context deadline exceeded' }] });
  });
});
