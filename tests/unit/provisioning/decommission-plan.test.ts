import { describe, expect, it } from 'vitest';
import { planMoves } from '../../../src-main/provisioning/decommission/decommission-plan.js';

describe('planMoves', () => {
  const targets = [
    { name: 'node1', usableFree: 1000 },
    { name: 'node2', usableFree: 600 },
    { name: 'node3', usableFree: 300 },
  ];

  it('sends each CID to the emptiest node, counting what the plan already promised', () => {
    const plan = planMoves(
      [
        { cid: 'a', bytes: 500, heldBy: [] },
        { cid: 'b', bytes: 400, heldBy: [] },
        { cid: 'c', bytes: 100, heldBy: [] },
      ],
      targets,
      1,
    );
    expect(plan.unplaceable).toEqual([]);
    expect(plan.moves).toEqual([
      { cid: 'a', to: ['node1'], already: [] },
      { cid: 'b', to: ['node2'], already: [] },
      { cid: 'c', to: ['node1'], already: [] },
    ]);
  });

  it('counts copies the remaining nodes already hold against the replication target', () => {
    const plan = planMoves([{ cid: 'a', bytes: 10, heldBy: ['node3'] }], targets, 2);
    expect(plan.moves).toEqual([{ cid: 'a', to: ['node1'], already: ['node3'] }]);
    expect(planMoves([{ cid: 'a', bytes: 10, heldBy: ['node3'] }], targets, 1).moves).toEqual([{ cid: 'a', to: [], already: ['node3'] }]);
  });

  it('caps the target at the nodes that remain, and refuses what no node has room for', () => {
    expect(planMoves([{ cid: 'a', bytes: 10, heldBy: [] }], targets.slice(0, 1), 3).moves).toEqual([{ cid: 'a', to: ['node1'], already: [] }]);
    const plan = planMoves([{ cid: 'huge', bytes: 5000, heldBy: [] }], targets, 1);
    expect(plan.moves).toEqual([]);
    expect(plan.unplaceable[0]).toMatchObject({ cid: 'huge', reason: expect.stringContaining('only 0 remaining node(s)') as unknown });
    expect(planMoves([{ cid: 'a', bytes: 1, heldBy: [] }], [], 1).unplaceable).toEqual([{ cid: 'a', reason: 'no other healthy node to hold it' }]);
  });
});
