// Sync status for the status bar: online/offline, last sync, progress, cached lines.
// Offline is a calm state: a failed call sets it, it never raises a dialog.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { ApiError } from '../../common/api/result';
import type { SyncStatus } from '../../common/api/types';

export interface SyncState {
  status: SyncStatus | null;
  /** False when the app's own backend (browser host) does not answer. */
  hostReachable: boolean;
  /** "Sync now" pressed and not answered yet. */
  requested: boolean;
  /** The last sync error worth showing (not offline, which the indicator already says). */
  lastError: ApiError | null;
  load(): Promise<void>;
  runNow(): Promise<void>;
  apply(status: SyncStatus): void;
}

export function createSyncStore(api: SellerDeskApi) {
  return createStore<SyncState>()((set, get) => ({
    status: null,
    hostReachable: true,
    requested: false,
    lastError: null,
    load: async () => {
      const result = await api['sync:status']({});
      if (result.ok) set({ status: result.value, hostReachable: true });
      // Offline: the host is gone. Unauthorized: a host answers on this address but refuses this tab's token — it was
      // restarted (each run has its own token). Either way this tab's address no longer reaches Seller Desk.
      else if (result.error.code === 'offline' || result.error.code === 'unauthorized') set({ hostReachable: false });
    },
    runNow: async () => {
      if (get().requested) return;
      set({ requested: true, lastError: null });
      const result = await api['sync:run']({});
      if (result.ok) {
        set({ status: result.value, requested: false, hostReachable: true });
        return;
      }
      set({ requested: false, lastError: result.error.code === 'offline' ? null : result.error });
      const status = get().status;
      if (result.error.code === 'offline' && status) set({ status: { ...status, online: false, syncing: false } });
      await get().load(); // main knows best whether the marketplace or the host is the one away
    },
    apply: (status) => set({ status, hostReachable: true }),
  }));
}
export type SyncStore = ReturnType<typeof createSyncStore>;
