// The outbox as the renderer sees it: counts for the status bar and the sidebar, which orders
// are "pending sync", the Sync Center's list and the actions of the order the detail panel shows. SQLite in main is
// the truth. A write this window makes answers with what it changed (OutboxUpdate), which is shown as it is; the
// `outbox:changed` event of that write carries the same revision and is ignored, so only changes made elsewhere (the
// sender, another window, the CLI) cause a refetch, and only of what they touched.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type {
  OrderActions,
  OutboxChanged,
  OutboxCounts,
  OutboxEntry,
  OutboxState,
  OutboxUpdate,
  OutboxWrite,
} from '../../common/api/contract-outbox';
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

/** Whether the Sync Center's list under `filter` shows this item. */
function shows(filter: OutboxFilter, item: OutboxEntry): boolean {
  if (filter === 'discarded') return item.discardedAt !== null;
  if (item.discardedAt !== null) return false;
  const states = STATES_OF[filter];
  return !states || states.includes(item.state);
}

/** What the detail panel offers for one order: main's dry run of each action and the order's own items. */
export interface OrderOutboxView {
  orderLineId: string;
  /** null when main could not judge them (the panel shows no buttons rather than wrong ones). */
  actions: OrderActions | null;
  /** Newest first, discarded ones left out. */
  items: OutboxEntry[];
}

export interface OutboxStoreState {
  counts: OutboxCounts | null;
  /** Order lines with an unsent action ("pending sync"). */
  pending: ReadonlySet<string>;
  /** The Sync Center's rows for `filter`; null until loaded. */
  items: OutboxEntry[] | null;
  filter: OutboxFilter;
  loading: boolean;
  error: ApiError | null;
  /** Bumped on every change made elsewhere (not by this window's own writes). */
  version: number;
  /** The newest outbox revision this window has taken in; null before the first summary. */
  revision: number | null;
  /** How many views show the list (the Sync Center): the list is only refetched while someone looks. */
  watchers: number;
  /** Per order line the panel shows or showed: its actions and items. */
  orders: Readonly<Record<string, OrderOutboxView>>;
  loadSummary(): Promise<void>;
  loadItems(): Promise<void>;
  setFilter(filter: OutboxFilter): void;
  /** The Sync Center is shown: load the list and keep it fresh; returns the cleanup. */
  watch(): () => void;
  /** Reads one order's actions and items (the panel opened it, or the order itself changed). */
  loadOrder(orderLineId: string): Promise<void>;
  /** The detail panel shows this order: changes made elsewhere to its items reload it; returns the cleanup. */
  watchOrder(orderLineId: string): () => void;
  /** `outbox:changed`: ignored when this window already holds that revision (the echo of its own write). */
  changed(event: OutboxChanged): void;
  /** Sends one write (an action, a re-queue, a discard) and shows what it changed; no refetch. */
  write(send: () => Promise<Result<OutboxWrite>>): Promise<Result<OutboxWrite>>;
  retryNow(): Promise<Result<{ due: number; update: OutboxUpdate }>>;
  requeue(id: string, payload?: unknown): Promise<Result<OutboxWrite>>;
  discard(id: string, reason: string): Promise<Result<OutboxWrite>>;
}

export function createOutboxStore(api: SellerDeskApi) {
  return createStore<OutboxStoreState>()((set, get) => {
    let listSeq = 0;
    /** Shown orders, counted (two panels may show one order). */
    const shown = new Map<string, number>();
    /** The revision of the last own write per order: a read started before it must not replace what it showed. */
    const writtenAt = new Map<string, number>();

    /** A change made elsewhere (or missed): refetch what it may have touched (the counts unless just answered). */
    const refetch = (orderLineIds: readonly string[] | null, summary: boolean): void => {
      set((s) => ({ version: s.version + 1 }));
      if (summary) void get().loadSummary();
      if (get().watchers > 0) void get().loadItems();
      for (const line of shown.keys())
        if (orderLineIds === null || orderLineIds.includes(line)) void get().loadOrder(line);
    };

    const apply = (update: OutboxUpdate, entry: OutboxEntry | null): void => {
      const known = get().revision;
      // An event newer than this answer was already taken in (and refetched): the answer is older news.
      if (known !== null && update.revision <= known) return;
      const { summary, order } = update;
      set((s) => ({
        revision: update.revision,
        counts: { unsent: summary.unsent, needsAttention: summary.needsAttention },
        pending: new Set(summary.pendingOrderLineIds),
        orders: order ? { ...s.orders, [order.orderLineId]: order } : s.orders,
      }));
      if (order) writtenAt.set(order.orderLineId, update.revision);
      // Changes this window has not seen happened in between (or the write touched lines it does not name).
      const missed = known === null || update.revision > known + 1;
      if (missed || !order) {
        refetch(null, false);
        return;
      }
      if (get().watchers === 0 || !entry) return;
      set((s) => {
        if (!s.items) return {};
        const rest = s.items.filter((i) => i.id !== entry.id);
        const at = s.items.findIndex((i) => i.id === entry.id);
        if (!shows(s.filter, entry)) return { items: rest };
        return { items: at < 0 ? [entry, ...rest] : [...rest.slice(0, at), entry, ...rest.slice(at)] };
      });
    };

    const write: OutboxStoreState['write'] = async (send) => {
      const r = await send();
      if (r.ok) {
        const { update, ...entry } = r.value;
        apply(update, entry);
      }
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
      revision: null,
      watchers: 0,
      orders: {},
      loadSummary: async () => {
        const r = await api['outbox:summary']({});
        if (!r.ok) return;
        set((s) => ({
          counts: { unsent: r.value.unsent, needsAttention: r.value.needsAttention },
          pending: new Set(r.value.pendingOrderLineIds),
          // Only the first: later reads may overtake an event still on its way, which must not then be ignored.
          revision: s.revision ?? r.value.revision,
        }));
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
      loadOrder: async (orderLineId) => {
        const started = get().revision ?? -1;
        const [available, list] = await Promise.all([
          api['actions:available']({ orderLineId }),
          api['outbox:list']({ orderLineId }),
        ]);
        if ((writtenAt.get(orderLineId) ?? -1) > started) return; // an own write showed newer news meanwhile
        const view: OrderOutboxView = {
          orderLineId,
          actions: available.ok ? available.value : null,
          items: list.ok ? list.value : [],
        };
        set((s) => ({ orders: { ...s.orders, [orderLineId]: view } }));
      },
      watchOrder: (orderLineId) => {
        shown.set(orderLineId, (shown.get(orderLineId) ?? 0) + 1);
        return () => {
          const n = (shown.get(orderLineId) ?? 1) - 1;
          if (n > 0) shown.set(orderLineId, n);
          else shown.delete(orderLineId);
        };
      },
      changed: (event) => {
        const known = get().revision;
        if (known !== null && event.revision <= known) return;
        set({ revision: event.revision, counts: { unsent: event.unsent, needsAttention: event.needsAttention } });
        refetch(event.orderLineIds, true);
      },
      write,
      retryNow: async () => {
        const r = await api['outbox:retry-now']({});
        if (r.ok) apply(r.value.update, null);
        return r;
      },
      requeue: (id, payload) => write(() => api['outbox:requeue'](payload === undefined ? { id } : { id, payload })),
      discard: (id, reason) => write(() => api['outbox:discard']({ id, reason })),
    };
  });
}
export type OutboxStore = ReturnType<typeof createOutboxStore>;
