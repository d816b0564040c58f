// How the admin is looking at the fleet: sort, filters and the range of the fleet graph.
// View settings only: the nodes and their health stay in react-query.
import { create } from 'zustand';
import type { SeriesRange } from '../../../../src-preload/contract/health-types';
import { NO_FILTERS, defaultDirection, type FleetFilters, type FleetSort, type FleetSortKey } from '../lib/fleet-rows';

interface FleetViewState {
  sort: FleetSort;
  filters: FleetFilters;
  range: SeriesRange;
  sortBy(key: FleetSortKey): void;
  flipDirection(): void;
  filter(changes: Partial<FleetFilters>): void;
  clearFilters(): void;
  setRange(range: SeriesRange): void;
}

export const useFleetView = create<FleetViewState>()((set) => ({
  sort: { key: 'name', direction: 'ascending' },
  filters: NO_FILTERS,
  range: '24h',
  sortBy: (key) => set({ sort: { key, direction: defaultDirection(key) } }),
  flipDirection: () =>
    set((state) => ({
      sort: { ...state.sort, direction: state.sort.direction === 'ascending' ? 'descending' : 'ascending' },
    })),
  filter: (changes) => set((state) => ({ filters: { ...state.filters, ...changes } })),
  clearFilters: () => set({ filters: NO_FILTERS }),
  setRange: (range) => set({ range }),
}));
