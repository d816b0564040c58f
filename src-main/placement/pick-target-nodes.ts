// Placement: which nodes an upload goes to. A pure function over the latest health of each
// node, table-tested; the upload service calls it and shows the plan before any byte moves.
import { formatBytes } from './format-bytes.js';

export interface PlacementCandidate {
  name: string;
  /** Only 'online' nodes take uploads; draining, full, degraded and unreachable ones do not. */
  health: 'online' | 'degraded' | 'full' | 'unreachable' | 'draining';
  /** Why health says so, for a refusal that must name what keeps each node out (e.g. "refusing writes: …"). */
  healthReason?: string;
  usableFree: number;
  /** Bytes already promised to uploads in flight to this node. */
  committed: number;
  /** Higher wins a tie. */
  priority: number;
  region: string | null;
  tags: readonly string[];
}

export interface PlacementTarget {
  name: string;
  /** Usable free space once this upload's bytes are counted against the node. */
  freeAfter: number;
  why: string;
}

export type PlacementPlan =
  | { ok: true; targets: PlacementTarget[] }
  | { ok: false; reason: string; shortfallBytes: number };

const effectiveFree = (c: PlacementCandidate) => c.usableFree - c.committed;

/** Roomiest first; the admin's priority breaks ties; then the name, so the plan is stable. */
export function rankCandidates(candidates: readonly PlacementCandidate[]): PlacementCandidate[] {
  return [...candidates].sort(
    (a, b) => effectiveFree(b) - effectiveFree(a) || b.priority - a.priority || a.name.localeCompare(b.name),
  );
}

function explain(node: PlacementCandidate, rank: number, spreading: boolean): string {
  const base = rank === 0 ? 'most usable free space among healthy nodes' : `next most usable free space (#${rank + 1})`;
  return spreading && node.region ? `${base}, in region ${node.region}` : base;
}

export function pickTargetNodes(
  candidates: readonly PlacementCandidate[],
  sizeBytes: number,
  replicas: number,
): PlacementPlan {
  const healthy = rankCandidates(candidates.filter((c) => c.health === 'online'));
  if (healthy.length === 0) {
    const why = candidates.filter((c) => c.health === 'degraded' && c.healthReason).slice(0, 3).map((c) => ` ${c.name} is degraded: ${c.healthReason}.`);
    return { ok: false, reason: `No healthy node can take uploads right now (none is online and not draining).${why.join('')}`, shortfallBytes: sizeBytes };
  }
  const fitting = healthy.filter((c) => effectiveFree(c) >= sizeBytes);
  if (fitting.length < replicas && fitting.length === healthy.length) {
    // Every healthy node has room: there are just too few of them for the replicas asked.
    const others = candidates.length - healthy.length;
    const why = others > 0 ? ` (${others} other node${others === 1 ? ' is' : 's are'} not online)` : '';
    return { ok: false, reason: `Only ${healthy.length} healthy node${healthy.length === 1 ? '' : 's'} for ${replicas} replicas${why}: each replica needs a node of its own.`, shortfallBytes: sizeBytes };
  }
  if (fitting.length < replicas) {
    const best = healthy[fitting.length]!;
    const shortfall = sizeBytes - Math.max(0, effectiveFree(best));
    const where = `${best.name} has ${formatBytes(Math.max(0, effectiveFree(best)))} usable`;
    const reason =
      fitting.length === 0
        ? `Needs ${formatBytes(sizeBytes)} but the roomiest healthy node (${where}): ${formatBytes(shortfall)} short.`
        : `Only ${fitting.length} of ${replicas} replicas fit: the next node (${where}) is ${formatBytes(shortfall)} short of ${formatBytes(sizeBytes)}.`;
    return { ok: false, reason, shortfallBytes: shortfall };
  }
  // Greedy spread: each replica takes the roomiest node in a region (then tag set) not used yet,
  // falling back to the roomiest remaining node when every region is taken.
  const chosen: PlacementCandidate[] = [];
  const usedRegions = new Set<string>();
  const usedTags = new Set<string>();
  while (chosen.length < replicas) {
    const remaining = fitting.filter((c) => !chosen.includes(c));
    const newRegion = remaining.filter((c) => c.region === null || !usedRegions.has(c.region));
    const newTags = newRegion.filter((c) => c.tags.some((t) => !usedTags.has(t)) || c.tags.length === 0);
    const pick = newTags[0] ?? newRegion[0] ?? remaining[0]!;
    chosen.push(pick);
    if (pick.region) usedRegions.add(pick.region);
    pick.tags.forEach((t) => usedTags.add(t));
  }
  const spreading = replicas > 1;
  return {
    ok: true,
    targets: chosen.map((c) => ({
      name: c.name,
      freeAfter: effectiveFree(c) - sizeBytes,
      why: explain(c, healthy.indexOf(c), spreading),
    })),
  };
}
