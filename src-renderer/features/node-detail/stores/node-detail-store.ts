// How the admin is looking at a node's page: the graph's range and whether the live log follows
// new lines. View settings only; everything about the node itself stays in react-query.
import { create } from 'zustand';
import type { SeriesRange } from '../../../../src-preload/contract/health-types';

interface NodeDetailViewState {
  range: SeriesRange;
  /** When true the log keeps receiving lines but stops scrolling, so the admin can read. */
  logPaused: boolean;
  setRange(range: SeriesRange): void;
  toggleLogPaused(): void;
}

export const useNodeDetailView = create<NodeDetailViewState>()((set) => ({
  range: '24h',
  logPaused: false,
  setRange: (range) => set({ range }),
  toggleLogPaused: () => set((state) => ({ logPaused: !state.logPaused })),
}));
