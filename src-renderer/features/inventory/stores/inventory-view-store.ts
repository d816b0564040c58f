// How the admin is looking at the inventory (search, sort) and which node a dialog is about.
// Names only: the nodes themselves stay in react-query.
import { create } from 'zustand';
import { DEFAULT_SORT, nextSort, type SortKey, type SortOrder } from '../lib/node-table';

interface InventoryViewState {
  search: string;
  sort: SortOrder;
  editing: string | null;
  removing: string | null;
  setSearch(search: string): void;
  sortBy(key: SortKey): void;
  edit(name: string | null): void;
  remove(name: string | null): void;
}

export const useInventoryView = create<InventoryViewState>()((set) => ({
  search: '',
  sort: DEFAULT_SORT,
  editing: null,
  removing: null,
  setSearch: (search) => set({ search }),
  sortBy: (key) => set((state) => ({ sort: nextSort(state.sort, key) })),
  edit: (editing) => set({ editing }),
  remove: (removing) => set({ removing }),
}));
