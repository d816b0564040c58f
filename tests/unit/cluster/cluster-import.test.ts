import { describe, expect, it } from 'vitest';
import { planImport } from '../../../src-main/cluster/cluster-import.js';

describe('importing the nodes\' pins into the cluster', () => {
  const perNode = new Map([
    ['node1', ['bafyA', 'bafyB']],
    ['node2', ['bafyB', 'bafyC']],
    ['node3', []],
  ]);

  it('pins each CID once, skipping what the pinset already has', () => {
    expect(planImport(perNode, new Set(['bafyC']))).toEqual({ toPin: ['bafyA', 'bafyB'], alreadyInPinset: 1 });
  });

  it('can be limited to chosen CIDs', () => {
    expect(planImport(perNode, new Set(), new Set(['bafyB', 'bafyZ']))).toEqual({ toPin: ['bafyB'], alreadyInPinset: 0 });
  });

  it('has nothing to do on an empty fleet', () => {
    expect(planImport(new Map(), new Set())).toEqual({ toPin: [], alreadyInPinset: 0 });
  });
});
