// In-app toasts for notifications in the browser host (Electron shows desktop notifications instead),
// and for new bills or revisions (B5) in both.
// A few at a time, newest first; each goes away by itself unless the pointer rests on it.
import { createStore } from 'zustand/vanilla';
import type { AppNotification } from '../../common/api/contract-outbox';
import type { BillChange } from '../../common/api/contract-bills';

export const MAX_TOASTS = 4;
export const TOAST_MS = 9_000;

/** News about an order (a customer's or the marketplace's move), or new bills / revisions stored by a pull (B5). */
export type Toast =
  | { id: number; notification: AppNotification; bills?: undefined }
  | { id: number; bills: BillChange[]; notification?: undefined };

export interface ToastState {
  toasts: Toast[];
  push(n: AppNotification): void;
  /** `bills:changed`: one toast for what one pull stored. */
  pushBills(changes: BillChange[]): void;
  dismiss(id: number): void;
  /** Pauses auto-dismiss (hover/focus) or resumes it. */
  hold(id: number, held: boolean): void;
}

export interface ToastTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: ToastTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createToastStore(timers: ToastTimers = realTimers) {
  return createStore<ToastState>()((set, get) => {
    let next = 0;
    const timeouts = new Map<number, unknown>();
    const arm = (id: number): void => {
      timers.clear(timeouts.get(id));
      timeouts.set(
        id,
        timers.set(() => get().dismiss(id), TOAST_MS),
      );
    };
    const add = (toast: Toast): void => {
      const toasts = [toast, ...get().toasts];
      for (const old of toasts.slice(MAX_TOASTS)) timers.clear(timeouts.get(old.id));
      set({ toasts: toasts.slice(0, MAX_TOASTS) });
      arm(toast.id);
    };
    return {
      toasts: [],
      push: (notification) => {
        // The same news about the same order twice (two pulls) is shown once.
        const same = get().toasts.find(
          (t) => t.notification?.kind === notification.kind && t.notification.orderLineId === notification.orderLineId,
        );
        if (same) get().dismiss(same.id);
        add({ id: ++next, notification });
      },
      pushBills: (bills) => {
        if (bills.length > 0) add({ id: ++next, bills });
      },
      dismiss: (id) => {
        timers.clear(timeouts.get(id));
        timeouts.delete(id);
        set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
      },
      hold: (id, held) => {
        if (held) {
          timers.clear(timeouts.get(id));
          timeouts.delete(id);
        } else if (get().toasts.some((t) => t.id === id)) arm(id);
      },
    };
  });
}
export type ToastStore = ReturnType<typeof createToastStore>;
