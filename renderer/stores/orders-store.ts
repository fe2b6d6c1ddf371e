// The Service Supervision list: search criteria, sort, selection, and the windowed
// row cache. SQLite in main is the source of truth; this store only mirrors the rows in view.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { QuickFilter, SortField } from '../../common/api/contract';
import type { ApiError } from '../../common/api/result';
import type { OrderRow } from '../../common/api/types';
import { BlockCache } from '../lib/block-cache';
import {
  DEFAULT_SORT,
  EMPTY_CRITERIA,
  queryKey,
  toggleSort,
  toListQuery,
  validateCriteria,
  type Criteria,
  type CriteriaErrors,
  type ListQuery,
  type Sort,
} from '../lib/order-criteria';
import { fieldErrors } from '../lib/field-errors';
import type { Clock } from './clock-store';

/**
 * The pause after the last keystroke before the list asks again; a user feels the debounce plus the query
 * (bench/ui-bench.ts measures both, target ≤ 150 ms). A pause between two keystrokes that outlasts it only asks for
 * a prefix's rows: each query has its own cache, and the table shows the latest query's, whatever answers last.
 */
export const SEARCH_DEBOUNCE_MS = 50;
const CACHED_QUERIES = 6;
/** A typed search waits at most this long for the query before it to answer (see `schedule`). */
export const SEARCH_WAIT_MAX_MS = 1_000;

export interface OrdersState {
  /** What the form shows. */
  criteria: Criteria;
  sort: Sort;
  /** The query the table shows (criteria after the debounce). */
  query: ListQuery;
  errors: CriteriaErrors;
  total: number | null;
  /** `total` is an estimate ("about"): counting every match would have cost more than the page. */
  totalEstimated: boolean;
  /** Bumped whenever rows of the current query arrive: components re-read rows by index. */
  version: number;
  listError: ApiError | null;
  /** The shown rows belong to the previous query while the new one's first block is on its way. */
  loading: boolean;
  /**
   * The selected order line, by id (never by row index: rows shift when the list changes under it).
   * The highlight and the detail panel both follow this id.
   */
  selectedId: string | null;
  /** Where the selected line is in the current list, if it is among the fetched rows. */
  selectedIndex: number | null;
  /**
   * The selected line was in this list and has left it (e.g. rejected in a filtered list); it stays selected,
   * unhighlighted.
   */
  selectionGone: boolean;
  setCriteria(patch: Partial<Criteria>, opts?: { immediate?: boolean }): void;
  /** Enter: apply the typed criteria now. */
  applyNow(): void;
  clear(): void;
  /** "Count exactly": the same list, its total counted in full. */
  countExactly(): void;
  setQuick(quick: QuickFilter | null): void;
  sortBy(field: SortField): void;
  /** Sorts by exactly this (e.g. "Most urgent first", S7). */
  setSort(sort: Sort): void;
  /** A saved view: its criteria and sort at once, one query. */
  applyView(criteria: Criteria, sort: Sort): void;
  ensureRange(first: number, last: number): void;
  rowAt(index: number): OrderRow | undefined;
  /** Selects the line shown at `index` (by its id). */
  select(index: number | null): void;
  selectId(orderLineId: string | null): void;
  /** orders:changed — refetch what is in view, drop other cached queries. */
  refresh(): void;
  dispose(): void;
}

export interface OrdersStoreDeps {
  api: SellerDeskApi;
  clock: Clock;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createOrdersStore(deps: OrdersStoreDeps) {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  // Caches per query (LRU by insertion order), so going back to a previous search is instant.
  const caches = new Map<string, BlockCache<OrderRow>>();
  // The cache whose rows are on screen: the previous query's until the new one answers (no blank flash).
  let shown: BlockCache<OrderRow> | null = null;
  let debounce: unknown = null;
  /** A typed search is waiting for the previous query's first page (see `schedule`). */
  let waiting: unknown = null;
  let lastRange: [number, number] = [0, 0];
  // The index the selected line was last seen at in the current query (to tell "left the list" from "not fetched").
  let cursor: number | null = null;

  return createStore<OrdersState>()((set, get) => {
    /** Finds the selected id among the shown rows; decides whether it has left the current list. */
    const locate = (): Pick<OrdersState, 'selectedIndex' | 'selectionGone'> => {
      const id = get().selectedId;
      if (id === null || shown === null) return { selectedIndex: null, selectionGone: false };
      const index = shown.findIndex((r) => r.orderLineId === id);
      if (index >= 0) {
        if (shown === caches.get(queryKey(get().query))) cursor = index;
        return { selectedIndex: index, selectionGone: false };
      }
      const current = shown === caches.get(queryKey(get().query)) && shown.total !== null;
      const total = shown.total ?? 0;
      // Gone only when the rows where it was (or the whole list) have been fetched again without it.
      const gone =
        current &&
        ((cursor !== null && (cursor >= total || shown.isFresh(cursor))) ||
          (total <= shown.blockSize && (total === 0 || shown.isFresh(0))));
      return { selectedIndex: null, selectionGone: gone || (get().selectionGone && current) };
    };
    const cacheFor = (query: ListQuery): BlockCache<OrderRow> => {
      const key = queryKey(query);
      let cache = caches.get(key);
      if (cache) {
        caches.delete(key);
      } else {
        const created: BlockCache<OrderRow> = new BlockCache<OrderRow>({
          clock: deps.clock,
          load: (offset, limit) => deps.api['orders:list']({ ...query, offset, limit }),
          onChange: () => {
            if (caches.get(queryKey(get().query)) !== created) return;
            if (created.loaded) shown = created;
            set((s) => ({
              version: s.version + 1,
              total: shown === created ? created.total : s.total,
              totalEstimated: shown === created ? created.totalEstimated : s.totalEstimated,
              listError: created.error,
              loading: !created.loaded,
            }));
            set(locate());
            // The first page a typed search waited for is here: now the criteria typed since.
            if (waiting !== null && (created.loaded || created.error !== null)) apply();
          },
        });
        cache = created;
      }
      caches.set(key, cache);
      while (caches.size > CACHED_QUERIES) {
        const oldest = caches.keys().next().value as string;
        if (caches.get(oldest) === shown) shown = null;
        caches.get(oldest)?.dispose();
        caches.delete(oldest);
      }
      return cache;
    };

    const apply = (opts: { exactTotal?: boolean } = {}): void => {
      if (debounce !== null) clearTimer(debounce);
      debounce = null;
      if (waiting !== null) clearTimer(waiting);
      waiting = null;
      const { criteria, sort } = get();
      const query: ListQuery = { ...toListQuery(criteria, sort), ...(opts.exactTotal ? { exactTotal: true } : {}) };
      const errors = validateCriteria(query);
      if (Object.keys(errors).length > 0) {
        set({ errors });
        return;
      }
      if (queryKey(query) === queryKey(get().query) && caches.has(queryKey(query))) {
        set({ errors: {} });
        return;
      }
      const cache = cacheFor(query);
      if (cache.loaded || shown === null) shown = cache;
      set((s) => ({
        query,
        errors: {},
        total: shown === cache ? cache.total : s.total,
        totalEstimated: shown === cache ? cache.totalEstimated : s.totalEstimated,
        loading: !cache.loaded,
        listError: cache.error,
        version: s.version + 1,
      }));
      // The selection stays (by id): highlighted again if the new list has it.
      cursor = null;
      set({ selectionGone: false });
      set(locate());
      cache.ensure(0, cache.blockSize - 1);
    };

    // Latest wins: while the last query's first page is on its way, a typed search waits for it, then asks for the
    // criteria typed by then. Main answers one call at a time, so each query a pause between keystrokes sent early
    // (a prefix's) would delay the one the user waits for; at most one is ever ahead of it.
    const schedule = (): void => {
      if (debounce !== null) clearTimer(debounce);
      debounce = setTimer(() => {
        debounce = null;
        const current = caches.get(queryKey(get().query));
        if (current && !current.loaded && current.error === null) {
          if (waiting === null) waiting = setTimer(apply, SEARCH_WAIT_MAX_MS);
        } else apply();
      }, SEARCH_DEBOUNCE_MS);
    };

    const initialQuery = toListQuery(EMPTY_CRITERIA, DEFAULT_SORT);
    return {
      criteria: EMPTY_CRITERIA,
      sort: DEFAULT_SORT,
      query: initialQuery,
      errors: {},
      total: null,
      totalEstimated: false,
      version: 0,
      listError: null,
      loading: true,
      selectedId: null,
      selectedIndex: null,
      selectionGone: false,
      setCriteria: (patch, opts) => {
        set((s) => ({ criteria: { ...s.criteria, ...patch } }));
        if (opts?.immediate) apply();
        else schedule();
      },
      applyNow: () => apply(),
      countExactly: () => apply({ exactTotal: true }),
      clear: () => {
        set({ criteria: EMPTY_CRITERIA });
        apply();
      },
      setQuick: (quick) => {
        set((s) => ({ criteria: { ...s.criteria, quick } }));
        apply();
      },
      applyView: (criteria, sort) => {
        set({ criteria, sort });
        apply();
      },
      setSort: (sort) => {
        set({ sort });
        apply();
      },
      sortBy: (field) => {
        set((s) => ({ sort: toggleSort(s.sort, field) }));
        apply();
      },
      ensureRange: (first, last) => {
        lastRange = [first, last];
        cacheFor(get().query).ensure(first, last);
      },
      rowAt: (index) => shown?.row(index),
      select: (index) => {
        const row = index === null ? undefined : shown?.row(index);
        if (index !== null && row) cursor = index;
        get().selectId(row?.orderLineId ?? null);
      },
      selectId: (orderLineId) => {
        if (orderLineId === get().selectedId && !get().selectionGone) return;
        cursor = null;
        set({ selectedId: orderLineId, selectionGone: false });
        set(locate());
      },
      refresh: () => {
        const currentKey = queryKey(get().query);
        for (const [key, cache] of caches) {
          if (key === currentKey) continue;
          if (cache === shown) shown = null;
          cache.dispose();
          caches.delete(key);
        }
        const current = caches.get(currentKey);
        current?.invalidate();
        current?.ensure(lastRange[0], lastRange[1]);
        set((s) => ({ version: s.version + 1 }));
      },
      dispose: () => {
        if (debounce !== null) clearTimer(debounce);
        if (waiting !== null) clearTimer(waiting);
        for (const cache of caches.values()) cache.dispose();
        caches.clear();
        shown = null;
      },
    };
  });
}
export type OrdersStore = ReturnType<typeof createOrdersStore>;

/** A list call refused as invalid names its fields: show them beside the inputs. */
export function listFieldErrors(error: ApiError | null): CriteriaErrors {
  return error?.code === 'validation' ? (fieldErrors(error) as CriteriaErrors) : {};
}
