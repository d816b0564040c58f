// The rows of the fleet overview: each inventory node with what the poller last measured of it,
// filtered and sorted as the admin asked. Pure, so the order and the filters are tested by table.
// The inventory decides which nodes exist; health only describes them (a node nothing measured
// yet is "unknown", never left out).
import type { HealthState, NodeHealth } from '../../../../src-preload/contract/health-types';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { HEALTH_STATE_SEVERITY, HEALTH_STATES } from '../../../shared/capacity/health-state';

export interface FleetRow {
  node: NodeRecord;
  health: NodeHealth | null;
  state: HealthState;
}

export type FleetSortKey = 'name' | 'fill' | 'free' | 'state';
export interface FleetSort {
  key: FleetSortKey;
  direction: 'ascending' | 'descending';
}

export interface FleetFilters {
  tag: string | null;
  region: string | null;
  state: HealthState | null;
}

export const NO_FILTERS: FleetFilters = { tag: null, region: null, state: null };

export function fleetRows(nodes: readonly NodeRecord[], health: readonly NodeHealth[] | undefined): FleetRow[] {
  const byName = new Map((health ?? []).map((h) => [h.name, h]));
  return nodes.map((node) => {
    const measured = byName.get(node.name) ?? null;
    return { node, health: measured, state: measured?.state ?? 'unknown' };
  });
}

export function filterRows(rows: readonly FleetRow[], filters: FleetFilters): FleetRow[] {
  return rows.filter(
    (row) =>
      (filters.tag === null || row.node.tags.includes(filters.tag)) &&
      (filters.region === null || row.node.region === filters.region) &&
      (filters.state === null || row.state === filters.state),
  );
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A figure a row may not have (nothing measured yet): such rows sort last in either direction. */
type Measure = (row: FleetRow) => number | null;

const MEASURES: Record<Exclude<FleetSortKey, 'name'>, Measure> = {
  fill: (row) => row.health?.capacity?.fillRatio ?? null,
  free: (row) => row.health?.capacity?.usableFree ?? null,
  state: (row) => HEALTH_STATE_SEVERITY[row.state],
};

export function sortRows(rows: readonly FleetRow[], sort: FleetSort): FleetRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const byName = (a: FleetRow, b: FleetRow) => collator.compare(a.node.name, b.node.name);
  if (sort.key === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
  const measure = MEASURES[sort.key];
  return [...rows].sort((a, b) => {
    const x = measure(a);
    const y = measure(b);
    if (x === null || y === null) return Number(x === null) - Number(y === null) || byName(a, b);
    return sign * (x - y) || byName(a, b);
  });
}

export interface FilterOptions {
  tags: string[];
  regions: string[];
  /** Every state, with how many nodes are in it now. */
  states: { state: HealthState; count: number }[];
}

export function filterOptions(rows: readonly FleetRow[]): FilterOptions {
  const tags = new Set<string>();
  const regions = new Set<string>();
  for (const row of rows) {
    row.node.tags.forEach((tag) => tags.add(tag));
    if (row.node.region) regions.add(row.node.region);
  }
  return {
    tags: [...tags].sort(collator.compare),
    regions: [...regions].sort(collator.compare),
    states: HEALTH_STATES.map((state) => ({ state, count: rows.filter((r) => r.state === state).length })),
  };
}

/** The sort a column starts with: fullest and most troubled first, names A–Z. */
export function defaultDirection(key: FleetSortKey): FleetSort['direction'] {
  return key === 'fill' ? 'descending' : 'ascending';
}
