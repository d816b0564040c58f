// Turns what health last saw of each node into placement's candidates, and plans one item with
// the bytes already promised to uploads in flight counted against their nodes. Pure.
import type { NodeHealth } from '../../src-preload/contract/health-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { ItemPlan } from '../../src-preload/contract/upload-types.js';
import { pickTargetNodes, type PlacementCandidate } from '../placement/pick-target-nodes.js';
import { formatBytes } from '../placement/format-bytes.js';

export function toCandidates(
  nodes: readonly NodeRecord[],
  health: ReadonlyMap<string, NodeHealth>,
  committed: ReadonlyMap<string, number>,
): PlacementCandidate[] {
  return nodes.map((node) => {
    const h = health.get(node.name);
    const state = node.state === 'draining' ? 'draining' : h?.state === 'unknown' || h === undefined ? 'unreachable' : h.state;
    return {
      name: node.name, health: state, ...(h?.reason ? { healthReason: h.reason } : {}), usableFree: h?.capacity?.usableFree ?? 0, committed: committed.get(node.name) ?? 0,
      priority: node.priority, region: node.region, tags: node.tags,
    };
  });
}

/**
 * Plans one item. `node` forces the first replica onto that node (the others are placed as usual);
 * `exclude` leaves out nodes that already failed this item.
 */
export function planItem(
  item: { name: string; size: number },
  candidates: readonly PlacementCandidate[],
  replicas: number,
  options: { node?: string; exclude?: ReadonlySet<string> } = {},
): ItemPlan {
  const plan = planAmong(item, candidates.filter((c) => !options.exclude?.has(c.name)), replicas, options.node);
  if (plan.ok || !candidates.some((c) => c.health === 'full')) return plan;
  // Nodes health calls full are not placed on; but the admin needs the shortfall, so measure it
  // as if they could take data.
  const asIfOnline = candidates.map((c) => (c.health === 'full' ? { ...c, health: 'online' as const } : c));
  const measured = planAmong(item, asIfOnline.filter((c) => !options.exclude?.has(c.name)), replicas, options.node);
  return measured.ok ? plan : { ...measured, reason: `No node has room right now (full nodes counted as they are). ${measured.reason}` };
}

function planAmong(item: { name: string; size: number }, usable: readonly PlacementCandidate[], replicas: number, node: string | undefined): ItemPlan {
  const options = { node };
  const refuse = (reason: string, shortfallBytes: number): ItemPlan => ({ ...item, ok: false, reason, shortfallBytes });
  if (options.node === undefined) {
    const plan = pickTargetNodes(usable, item.size, replicas);
    return plan.ok ? { ...item, ok: true, targets: plan.targets.map(({ name, ...t }) => ({ node: name, ...t })) } : refuse(plan.reason, plan.shortfallBytes);
  }
  const forced = usable.find((c) => c.name === options.node);
  if (!forced) return refuse(`${options.node} cannot take this upload (not in the inventory, or it already failed it).`, item.size);
  const first = pickTargetNodes([forced], item.size, 1);
  if (!first.ok) return refuse(first.reason.replace('the roomiest healthy node', options.node), first.shortfallBytes);
  const rest = replicas > 1 ? pickTargetNodes(usable.filter((c) => c !== forced), item.size, replicas - 1) : { ok: true as const, targets: [] };
  if (!rest.ok) return refuse(`${options.node} fits, but the other replicas do not: ${rest.reason}`, rest.shortfallBytes);
  const targets = [{ ...first.targets[0]!, why: 'chosen by the admin (--node)' }, ...rest.targets];
  return { ...item, ok: true, targets: targets.map(({ name, ...t }) => ({ node: name, ...t })) };
}

/** True when the item can never fit: bigger than the usable total of every node that is not draining. */
export function tooBigForEveryNode(size: number, totals: readonly number[]): string | null {
  const largest = Math.max(0, ...totals);
  if (totals.length > 0 && size <= largest) return null;
  return `Needs ${formatBytes(size)} but the largest node holds ${formatBytes(largest)} usable in total: ${formatBytes(size - largest)} short even with every node empty.`;
}
