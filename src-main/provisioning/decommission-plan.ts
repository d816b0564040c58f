// Where each CID of a node being decommissioned goes: onto the remaining nodes with the most usable
// free space (less what this plan already promised them), skipping nodes that already hold it,
// until it has `replicas` copies. Pure; decommission.ts does the pinning and verifying.

export interface PinToMove {
  cid: string;
  /** Cumulative size in bytes (what a new copy will take). */
  bytes: number;
  /** Remaining nodes that already pin it. */
  heldBy: string[];
}

export interface TargetNode {
  name: string;
  usableFree: number;
}

export interface MovePlan {
  moves: { cid: string; to: string[]; already: string[] }[];
  /** CIDs that cannot get enough copies, with why. */
  unplaceable: { cid: string; reason: string }[];
}

export function planMoves(pins: readonly PinToMove[], targets: readonly TargetNode[], replicas: number): MovePlan {
  const free = new Map(targets.map((t) => [t.name, t.usableFree]));
  const wanted = Math.min(replicas, targets.length);
  const plan: MovePlan = { moves: [], unplaceable: [] };
  if (targets.length === 0 && pins.length > 0) {
    for (const pin of pins) plan.unplaceable.push({ cid: pin.cid, reason: 'no other healthy node to hold it' });
    return plan;
  }
  // Biggest first: they are the hardest to place.
  for (const pin of [...pins].sort((a, b) => b.bytes - a.bytes || a.cid.localeCompare(b.cid))) {
    const already = pin.heldBy.filter((n) => free.has(n));
    const need = Math.max(0, wanted - already.length);
    const candidates = [...free.entries()]
      .filter(([name, space]) => !already.includes(name) && space >= pin.bytes)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, need)
      .map(([name]) => name);
    if (candidates.length < need) {
      plan.unplaceable.push({ cid: pin.cid, reason: `needs ${need} more cop${need === 1 ? 'y' : 'ies'} of ${pin.bytes} bytes, but only ${candidates.length} remaining node(s) have that much usable free space` });
      continue;
    }
    for (const name of candidates) free.set(name, free.get(name)! - pin.bytes);
    plan.moves.push({ cid: pin.cid, to: candidates, already });
  }
  return plan;
}
