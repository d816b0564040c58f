// Counts for the fleet overview, from the inventory alone (capacity comes with health polling).
import type { NodeRecord } from '../../../../src-preload/contract/types';

export interface FleetSummary {
  total: number;
  active: number;
  draining: number;
  /** Region → node count, most populous first; nodes without a region count under null. */
  regions: { region: string | null; count: number }[];
}

export function summarizeFleet(nodes: readonly NodeRecord[]): FleetSummary {
  const byRegion = new Map<string | null, number>();
  for (const node of nodes) byRegion.set(node.region, (byRegion.get(node.region) ?? 0) + 1);
  const regions = [...byRegion]
    .map(([region, count]) => ({ region, count }))
    .sort((a, b) => b.count - a.count || (a.region ?? '\uffff').localeCompare(b.region ?? '\uffff'));
  return {
    total: nodes.length,
    active: nodes.filter((n) => n.state === 'active').length,
    draining: nodes.filter((n) => n.state === 'draining').length,
    regions,
  };
}
