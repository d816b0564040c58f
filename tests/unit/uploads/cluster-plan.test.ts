import { describe, expect, it } from 'vitest';
import { asClusterPlan } from '../../../src-main/uploads/cluster-plan.js';

describe('the plan in cluster mode', () => {
  it("says the cluster's allocator decides, keeping the likely nodes and their free space", () => {
    const plan = asClusterPlan({ name: 'a.bin', size: 10, ok: true, targets: [{ node: 'node3', freeAfter: 90, why: 'most usable free space' }] });
    expect(plan).toEqual({
      name: 'a.bin', size: 10, ok: true,
      targets: [{ node: 'node3', freeAfter: 90, why: "IPFS Cluster's allocator decides (free space, then tags); by usable free space it would likely choose node3" }],
    });
  });

  it('leaves a refusal as it is: nothing fits anywhere either way', () => {
    const refused = { name: 'b.bin', size: 10, ok: false as const, reason: 'no node has 10 B free', shortfallBytes: 4 };
    expect(asClusterPlan(refused)).toBe(refused);
  });
});
