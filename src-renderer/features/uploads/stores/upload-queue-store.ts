// UI state of the Uploads page: the files chosen but not started, the replicas asked for, the files
// being sent to main, which stored items this tab started, and the last progress event per item.
// Stored items themselves are server state (uploads.list); this never copies them.
import { create } from 'zustand';
import type { UploadProgress } from '../../../../src-preload/contract/upload-types';

export interface ChosenFile {
  key: string;
  name: string;
  file: File;
}

export interface SendingFile {
  key: string;
  name: string;
  size: number;
  error: string | null;
}

interface UploadQueueState {
  chosen: ChosenFile[];
  replicas: number;
  sending: SendingFile[];
  startedIds: number[];
  progress: Record<number, UploadProgress>;
  choose(files: ChosenFile[]): void;
  clearChosen(): void;
  setReplicas(replicas: number): void;
  beginSending(files: SendingFile[]): void;
  finishSending(key: string, error: string | null): void;
  addStarted(ids: number[]): void;
  /** Records an event; answers true when the item's status changed (the list is then stale). */
  record(progress: UploadProgress): boolean;
  /** Drops the last event of an item retried or cancelled here: it describes the run before. */
  forget(id: number): void;
}

export const useUploadQueue = create<UploadQueueState>()((set, get) => ({
  chosen: [],
  replicas: 1,
  sending: [],
  startedIds: [],
  progress: {},
  choose: (files) => set({ chosen: files }),
  clearChosen: () => set({ chosen: [] }),
  setReplicas: (replicas) => set({ replicas }),
  beginSending: (files) => set((state) => ({ sending: [...state.sending, ...files] })),
  finishSending: (key, error) =>
    set((state) => ({
      sending: error === null
        ? state.sending.filter((s) => s.key !== key)
        : state.sending.map((s) => (s.key === key ? { ...s, error } : s)),
    })),
  addStarted: (ids) => set((state) => ({ startedIds: [...new Set([...state.startedIds, ...ids])] })),
  record: (progress) => {
    const before = get().progress[progress.id];
    set((state) => ({ progress: { ...state.progress, [progress.id]: progress } }));
    return before?.status !== progress.status;
  },
  forget: (id) =>
    set((state) => {
      const { [id]: _dropped, ...rest } = state.progress;
      return { progress: rest };
    }),
}));
