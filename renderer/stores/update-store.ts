// The desktop auto-update as the window sees it: main's `update:status` events, and the restart, which first saves a
// draft's pending autosave (P4) and tells main whether an edit is still unsaved, so main can refuse — or, for a
// "Restart when sent" that main found ready, confirm. Nothing here is module state.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { RestartAnswer, RestartMode, UpdateStatus } from '../../common/api/contract-updates';
import type { ApiError } from '../../common/api/result';

export interface UpdateState {
  status: UpdateStatus | null;
  /** The last restart main refused: what is unsent (the banner offers "Restart anyway" / "Restart when sent"). */
  refused: RestartAnswer | null;
  busy: boolean;
  /** A call that failed (the host went away, no update to install). */
  error: ApiError | null;
  /** The banner the user closed (update-view.ts bannerKey). */
  dismissed: string | null;
  load(): Promise<void>;
  apply(status: UpdateStatus): void;
  restart(mode: RestartMode): Promise<void>;
  cancelWait(): Promise<void>;
  check(): Promise<void>;
  dismiss(key: string): void;
}

export interface UpdateStoreDeps {
  api: SellerDeskApi;
  /** Saves the open draft's pending edits; resolves true when an edit is still unsaved afterwards. */
  flushDrafts(): Promise<boolean>;
}

export function createUpdateStore(deps: UpdateStoreDeps) {
  const { api } = deps;
  // Statuses applied so far: a read that an event overtook is older than what the window already shows.
  let applied = 0;
  return createStore<UpdateState>()((set, get) => ({
    status: null,
    refused: null,
    busy: false,
    error: null,
    dismissed: null,

    load: async () => {
      const before = applied;
      const r = await api['update:status']({});
      if (r.ok && applied === before) get().apply(r.value);
    },

    apply: (status) => {
      applied++;
      const before = get().status;
      // A refusal is about the moment it was given: a new phase or version, or waiting, replaces it.
      const stale =
        !before || before.phase !== status.phase || before.version !== status.version || status.waitingFor !== null;
      set({ status, ...(stale ? { refused: null } : {}) });
      // "Restart when sent" and the outbox is empty: main waits for this window to save its draft and confirm.
      if (status.confirmRestart && !before?.confirmRestart) void get().restart('now');
    },

    restart: async (mode) => {
      if (get().busy) return;
      set({ busy: true, error: null });
      try {
        const unsavedDraft = await deps.flushDrafts();
        const r = await api['update:restart']({ mode, unsavedDraft });
        if (!r.ok) set({ error: r.error });
        else if (!r.value.restarting && !r.value.waiting) set({ refused: r.value, dismissed: null });
        else set({ refused: null });
      } finally {
        set({ busy: false });
      }
    },

    cancelWait: async () => {
      const r = await api['update:cancel-restart']({});
      if (r.ok) get().apply(r.value);
    },

    check: async () => {
      set({ refused: null, error: null });
      const r = await api['update:check']({});
      if (r.ok) get().apply(r.value);
      else set({ error: r.error });
    },

    dismiss: (key) => set({ dismissed: key, refused: null }),
  }));
}
export type UpdateStore = ReturnType<typeof createUpdateStore>;

/** Subscribes the store to main's `update:status` and reads the state main already has; returns the cleanup. */
export function connectUpdates(store: UpdateStore, api: SellerDeskApi): () => void {
  const off = api.on('update:status', (status) => store.getState().apply(status));
  void store.getState().load();
  return off;
}
