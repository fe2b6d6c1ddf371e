// The reconciliation view (docs/rules.md B4): every cached order line as billed, unbilled (with its B4 reasons) or not
// billable, filtered, with totals of what is filtered. Rows are fetched in blocks around the visible range (the
// virtualized table), like the order list; the filters apply after a short debounce.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type { ReconciliationRow, ReconciliationTotals } from '../../common/api/contract-bills';
import type { ApiError } from '../../common/api/result';
import { BlockCache } from '../lib/block-cache';
import { EMPTY_RECON_FILTERS, reconKey, reconQuery, type ReconFilterQuery, type ReconFilters } from '../lib/bill-view';
import type { Clock } from './clock-store';

export const RECON_DEBOUNCE_MS = 200;
/** Rows per `bills:reconciliation` call (the channel allows 500). */
export const RECON_BLOCK = 200;

export interface ReconState {
  filters: ReconFilters;
  /** The query the table shows (the filters after the debounce). */
  query: ReconFilterQuery;
  monthInvalid: boolean;
  total: number | null;
  totals: ReconciliationTotals | null;
  version: number;
  loading: boolean;
  error: ApiError | null;
  setFilters(patch: Partial<ReconFilters>, opts?: { immediate?: boolean }): void;
  clear(): void;
  ensureRange(first: number, last: number): void;
  rowAt(index: number): ReconciliationRow | undefined;
  /** Bills or orders changed: refetch what is in view. */
  refresh(): void;
  dispose(): void;
}

export interface ReconStoreDeps {
  api: SellerDeskApi;
  clock: Clock;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createReconStore(deps: ReconStoreDeps) {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let cache: BlockCache<ReconciliationRow> | null = null;
  let debounce: unknown = null;
  let lastRange: [number, number] = [0, RECON_BLOCK - 1];

  return createStore<ReconState>()((set, get) => {
    const makeCache = (query: ReconFilterQuery): BlockCache<ReconciliationRow> => {
      const created: BlockCache<ReconciliationRow> = new BlockCache<ReconciliationRow>({
        clock: deps.clock,
        blockSize: RECON_BLOCK,
        load: async (offset, limit) => {
          const r = await deps.api['bills:reconciliation']({ ...query, offset, limit });
          // Every page carries the totals of everything filtered: keep the latest.
          if (r.ok && cache === created) set({ totals: r.value.totals });
          return r;
        },
        onChange: () => {
          if (cache !== created) return;
          set((s) => ({
            version: s.version + 1,
            total: created.total,
            error: created.error,
            loading: !created.loaded,
          }));
        },
      });
      return created;
    };

    const apply = (): void => {
      if (debounce !== null) clearTimer(debounce);
      debounce = null;
      const { query, monthInvalid } = reconQuery(get().filters);
      if (monthInvalid) {
        set({ monthInvalid });
        return;
      }
      if (cache && reconKey(query) === reconKey(get().query)) {
        set({ monthInvalid: false });
        return;
      }
      cache?.dispose();
      cache = makeCache(query);
      set((s) => ({ query, monthInvalid: false, loading: true, error: null, version: s.version + 1 }));
      lastRange = [0, RECON_BLOCK - 1];
      cache.ensure(0, RECON_BLOCK - 1);
    };

    return {
      filters: EMPTY_RECON_FILTERS,
      query: {},
      monthInvalid: false,
      total: null,
      totals: null,
      version: 0,
      loading: true,
      error: null,
      setFilters: (patch, opts) => {
        set((s) => ({ filters: { ...s.filters, ...patch } }));
        if (opts?.immediate) {
          apply();
        } else {
          if (debounce !== null) clearTimer(debounce);
          debounce = setTimer(apply, RECON_DEBOUNCE_MS);
        }
      },
      clear: () => {
        set({ filters: EMPTY_RECON_FILTERS });
        apply();
      },
      ensureRange: (first, last) => {
        lastRange = [first, last];
        if (!cache) apply();
        cache?.ensure(first, last);
      },
      rowAt: (index) => cache?.row(index),
      refresh: () => {
        if (!cache) return;
        cache.invalidate();
        cache.ensure(lastRange[0], lastRange[1]);
      },
      dispose: () => {
        if (debounce !== null) clearTimer(debounce);
        cache?.dispose();
        cache = null;
      },
    };
  });
}
export type ReconStore = ReturnType<typeof createReconStore>;
