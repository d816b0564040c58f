import { describe, expect, it } from 'vitest';
import { importPinOptions, planImport } from '../../../src-main/cluster/cluster-import.js';

describe('importing the nodes\' pins into the cluster', () => {
  const perNode = new Map([
    ['node1', ['bafyA', 'bafyB']],
    ['node2', ['bafyB', 'bafyC']],
    ['node3', []],
  ]);

  it('pins each CID once, skipping what the pinset already has', () => {
    const plan = planImport(perNode, new Set(['bafyC']));
    expect(plan).toMatchObject({ toPin: ['bafyA', 'bafyB'], alreadyInPinset: 1 });
    expect(plan.holders.get('bafyB')).toEqual(['node1', 'node2']);
  });

  it('can be limited to chosen CIDs', () => {
    expect(planImport(perNode, new Set(), new Set(['bafyB', 'bafyZ']))).toMatchObject({ toPin: ['bafyB'], alreadyInPinset: 0 });
  });

  it('has nothing to do on an empty fleet', () => {
    expect(planImport(new Map(), new Set())).toMatchObject({ toPin: [], alreadyInPinset: 0 });
  });

  it('allocates every current holder and never asks fewer copies than they are (Cluster would unpin the rest)', () => {
    expect(importPinOptions(['p1', 'p2', 'p3'], { replicationMin: 2, replicationMax: 2 })).toEqual({
      name: 'imported by Pinfleet', allocations: ['p1', 'p2', 'p3'], replicationMin: 2, replicationMax: 3,
    });
    expect(importPinOptions(['p1'], { replicationMin: 2, replicationMax: 3 })).toMatchObject({ allocations: ['p1'], replicationMin: 2, replicationMax: 3 });
    expect(importPinOptions(['p1', 'p2'], { replicationMin: 1, replicationMax: -1 }).replicationMax).toBe(-1);
    expect(importPinOptions(['p1', 'p2'], {}).replicationMax).toBeUndefined();
  });
});
