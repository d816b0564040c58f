// In cluster mode IPFS Cluster's balanced allocator (free space, then tags) chooses the peers, not
// Pinfleet: the plan shown before bytes move must say so instead of presenting Pinfleet's own
// ranking as the decision. The ranking stays as the likely outcome, since both rank by free space.
// Pure.
import type { ItemPlan } from '../../src-preload/contract/upload-types.js';

export function asClusterPlan(plan: ItemPlan): ItemPlan {
  if (!plan.ok) return plan;
  return {
    ...plan,
    targets: plan.targets.map((target) => ({
      ...target,
      why: `IPFS Cluster's allocator decides (free space, then tags); by usable free space it would likely choose ${target.node}`,
    })),
  };
}
