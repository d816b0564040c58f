// Whether the console can reach Pinfleet's main process. The transport reports what it sees;
// the frame shows a banner and refetches on reconnect. Transport-neutral: under Electron IPC
// nothing ever marks it unreachable.
import { create } from 'zustand';

export type ConnectionStatus = 'connected' | 'reconnecting' | 'unauthorized';

interface ConnectionState {
  status: ConnectionStatus;
  /** Why, in words, when not connected. */
  detail: string | null;
  /** Bumped each time the link comes back, so listeners can refetch what they may have missed. */
  reconnects: number;
  markReachable(): void;
  markUnreachable(detail: string): void;
  markUnauthorized(detail: string): void;
}

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  status: 'connected',
  detail: null,
  reconnects: 0,
  markReachable() {
    const { status, reconnects } = get();
    if (status === 'connected') return;
    set({ status: 'connected', detail: null, reconnects: status === 'reconnecting' ? reconnects + 1 : reconnects });
  },
  markUnreachable(detail) {
    // A missing token is the deeper problem: retrying will not fix it, so keep saying so.
    if (get().status === 'unauthorized') return;
    set({ status: 'reconnecting', detail });
  },
  markUnauthorized(detail) {
    set({ status: 'unauthorized', detail });
  },
}));

/** For non-React code (the transport). */
export const connection = {
  markReachable: () => useConnectionStore.getState().markReachable(),
  markUnreachable: (detail: string) => useConnectionStore.getState().markUnreachable(detail),
  markUnauthorized: (detail: string) => useConnectionStore.getState().markUnauthorized(detail),
  isUnauthorized: () => useConnectionStore.getState().status === 'unauthorized',
};
