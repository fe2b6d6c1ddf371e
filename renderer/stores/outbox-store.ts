// The outbox as the renderer sees it: counts for the status bar and the sidebar, which orders
// are "pending sync", and the Sync Center's list. SQLite in main is the truth; `outbox:changed` makes this refetch.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { OutboxCounts, OutboxEntry, OutboxState } from '../../common/api/contract-outbox';
import type { ApiError, Result } from '../../common/api/result';

export const OUTBOX_FILTERS = ['all', 'unsent', 'attention', 'acked', 'discarded'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

const STATES_OF: Record<OutboxFilter, OutboxState[] | undefined> = {
  all: undefined,
  unsent: ['queued', 'sending', 'unknown'],
  attention: ['rejected', 'conflict'],
  acked: ['acked'],
  discarded: undefined,
};

export interface OutboxStoreState {
  counts: OutboxCounts | null;
  /** Order lines with an unsent action ("pending sync"). */
  pending: ReadonlySet<string>;
  /** The Sync Center's rows for `filter`; null until loaded. */
  items: OutboxEntry[] | null;
  filter: OutboxFilter;
  loading: boolean;
  error: ApiError | null;
  /** Bumped on every change main reports: views that depend on the outbox (the order's actions) refetch. */
  version: number;
  /** How many views show the list (the Sync Center): the list is only refetched while someone looks. */
  watchers: number;
  loadSummary(): Promise<void>;
  loadItems(): Promise<void>;
  setFilter(filter: OutboxFilter): void;
  /** The Sync Center is shown: load the list and keep it fresh; returns the cleanup. */
  watch(): () => void;
  /** `outbox:changed` (or an action this renderer took). */
  changed(counts?: OutboxCounts): void;
  retryNow(): Promise<Result<{ due: number }>>;
  requeue(id: string, payload?: unknown): Promise<Result<OutboxEntry>>;
  discard(id: string, reason: string): Promise<Result<OutboxEntry>>;
}

export function createOutboxStore(api: SellerDeskApi) {
  return createStore<OutboxStoreState>()((set, get) => {
    let listSeq = 0;
    const afterWrite = <T>(r: Result<T>): Result<T> => {
      if (r.ok) get().changed();
      return r;
    };
    return {
      counts: null,
      pending: new Set(),
      items: null,
      filter: 'all',
      loading: false,
      error: null,
      version: 0,
      watchers: 0,
      loadSummary: async () => {
        const r = await api['outbox:summary']({});
        if (r.ok) set({ counts: { unsent: r.value.unsent, needsAttention: r.value.needsAttention }, pending: new Set(r.value.pendingOrderLineIds) });
      },
      loadItems: async () => {
        const seq = ++listSeq;
        const filter = get().filter;
        set({ loading: true });
        const r = await api['outbox:list']({ states: STATES_OF[filter], includeDiscarded: filter === 'discarded' });
        if (seq !== listSeq) return; // a newer load (another filter) is on its way
        if (!r.ok) return set({ loading: false, error: r.error });
        const items = filter === 'discarded' ? r.value.filter((i) => i.discardedAt !== null) : r.value;
        set({ items, loading: false, error: null });
      },
      setFilter: (filter) => {
        if (filter === get().filter) return;
        set({ filter, items: null });
        void get().loadItems();
      },
      watch: () => {
        set((s) => ({ watchers: s.watchers + 1 }));
        void get().loadItems();
        return () => set((s) => ({ watchers: Math.max(0, s.watchers - 1) }));
      },
      changed: (counts) => {
        set((s) => ({ version: s.version + 1, ...(counts ? { counts } : {}) }));
        void get().loadSummary();
        if (get().watchers > 0) void get().loadItems();
      },
      retryNow: async () => afterWrite(await api['outbox:retry-now']({})),
      requeue: async (id, payload) => afterWrite(await api['outbox:requeue'](payload === undefined ? { id } : { id, payload })),
      discard: async (id, reason) => afterWrite(await api['outbox:discard']({ id, reason })),
    };
  });
}
export type OutboxStore = ReturnType<typeof createOutboxStore>;
