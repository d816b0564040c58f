// Alerts raised while the console is open, shown as toasts until dismissed or timed out. These
// are notifications of events, not a copy of the alert list: Activity reads that from main.
import { create } from 'zustand';
import type { AlertEntry } from '../../../../src-preload/contract/health-types';

/** More than this at once is noise: the oldest make way (they stay listed under Activity). */
export const MAX_TOASTS = 3;

interface AlertToastState {
  toasts: AlertEntry[];
  push(alert: AlertEntry): void;
  dismiss(id: number): void;
}

export const useAlertToasts = create<AlertToastState>()((set) => ({
  toasts: [],
  push: (alert) =>
    set((state) =>
      state.toasts.some((t) => t.id === alert.id)
        ? state
        : { toasts: [...state.toasts, alert].slice(-MAX_TOASTS) },
    ),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));
