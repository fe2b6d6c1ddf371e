// The Bills page (docs/rules.md B1–B5): the list of bills (latest revisions), the monthly totals the chart draws, the
// open bill (a given revision or the latest), its lines and its exports. SQLite in main is the source of truth;
// `bills:changed` (a pull stored a new bill or revision) reloads what is shown. A bill may have 100,000 lines: they are
// fetched with `bills:lines` in blocks around what the table shows (renderer/lib/block-cache.ts), never all at once.
import { createStore } from 'zustand/vanilla';
import type { SellerDeskApi } from '../../common/api/bridge';
import type {
  BillChange,
  BillDetail,
  BillExportFormat,
  BillExportProgress,
  BillExportResult,
  BillLineRow,
  BillsMonthly,
  BillSummary,
  ReconciliationQuery,
} from '../../common/api/contract-bills';
import type { ApiError } from '../../common/api/result';
import { BlockCache } from '../lib/block-cache';

export type BillsTab = 'bills' | 'reconciliation';
export type ExportScope = 'bill' | 'reconciliation';

/** The last export of a scope: running (with progress when main reports it), done, or failed. */
export interface ExportJob {
  id: string;
  format: BillExportFormat;
  busy: boolean;
  done: number;
  total: number;
  result: BillExportResult | null;
  error: ApiError | null;
}

export interface BillsState {
  tab: BillsTab;
  currency: string | null;
  list: BillSummary[] | null;
  listError: ApiError | null;
  monthly: BillsMonthly | null;
  monthlyError: ApiError | null;
  /** The open bill; revision null = its latest. */
  selected: { billId: string; revision: number | null } | null;
  detail: BillDetail | null;
  detailLoading: boolean;
  detailError: ApiError | null;
  onlyMismatches: boolean;
  /** The open bill's lines (all, or only those not matching B2a): how many, once the first block answered. */
  linesTotal: number | null;
  linesError: ApiError | null;
  /** Bumped whenever lines arrive: the table reads them with lineAt. */
  linesVersion: number;
  exports: Record<ExportScope, ExportJob | null>;
  /** Bumped by every `bills:changed`: views that asked main about bills (an order's billing state) ask again. */
  generation: number;
  setTab(tab: BillsTab): void;
  setCurrency(currency: string | null): void;
  load(): Promise<void>;
  openBill(billId: string, revision?: number | null): Promise<void>;
  closeBill(): void;
  setOnlyMismatches(on: boolean): void;
  /** The lines `first..last` (table rows, 0-based) are in view: fetch the blocks they are in. */
  ensureLines(first: number, last: number): void;
  lineAt(index: number): BillLineRow | undefined;
  /** `bills:changed`: reload the list, the chart and the open bill when it is one of them. */
  changed(changes: readonly BillChange[]): void;
  /** B5: the open bill (the revision shown) as CSV, XLSX or PDF. */
  exportBill(format: BillExportFormat): Promise<BillExportResult | null>;
  /** The reconciliation's filtered lines as CSV (B4). */
  exportReconciliation(filters: Omit<ReconciliationQuery, 'offset' | 'limit'>): Promise<BillExportResult | null>;
  /** `bills:export-progress`. */
  progress(p: BillExportProgress): void;
}

export const CHART_MONTHS = 24;
/** Lines per `bills:lines` call (the channel allows 500). */
export const LINES_BLOCK = 200;

export function createBillsStore(deps: { api: SellerDeskApi; newId?: () => string; clock?: { now(): number } }) {
  const { api } = deps;
  const clock = deps.clock ?? { now: () => Date.now() };
  let counter = 0;
  const newId = deps.newId ?? (() => `export-${Date.now().toString(36)}-${++counter}`);

  return createStore<BillsState>()((set, get) => {
    let listSeq = 0;
    let detailSeq = 0;
    /** The open revision's lines; a stored revision never changes (B5), so its blocks stay valid while it is shown. */
    let lines: { key: string; cache: BlockCache<BillLineRow> } | null = null;

    const dropLines = (): void => {
      lines?.cache.dispose();
      lines = null;
    };

    /** The blocks of what is shown now: the open revision, all lines or only those not matching B2a. */
    const followLines = (): void => {
      const d = get().detail;
      if (!d) {
        if (lines) set({ linesTotal: null, linesError: null });
        dropLines();
        return;
      }
      const only = get().onlyMismatches;
      const { billId, revision } = d.summary;
      const key = JSON.stringify([billId, revision, only]);
      if (lines?.key === key) return;
      dropLines();
      const cache: BlockCache<BillLineRow> = new BlockCache<BillLineRow>({
        clock,
        blockSize: LINES_BLOCK,
        load: (offset, limit) =>
          api['bills:lines']({ billId, revision, offset, limit, ...(only ? { onlyMismatched: true } : {}) }),
        onChange: () => {
          if (lines?.cache !== cache) return;
          set((s) => ({ linesVersion: s.linesVersion + 1, linesTotal: cache.total, linesError: cache.error }));
        },
      });
      lines = { key, cache };
      set((s) => ({ linesVersion: s.linesVersion + 1, linesTotal: null, linesError: null }));
      cache.ensure(0, LINES_BLOCK - 1); // the first block while the page draws
    };

    const loadDetail = async (keepShown: boolean): Promise<void> => {
      const sel = get().selected;
      if (!sel) return;
      const seq = ++detailSeq;
      set((s) => ({ detailLoading: true, detailError: null, detail: keepShown ? s.detail : null }));
      if (!keepShown) followLines();
      const r = await api['bills:get']({
        billId: sel.billId,
        ...(sel.revision === null ? {} : { revision: sel.revision }),
      });
      if (seq !== detailSeq) return; // another bill (or revision) was opened meanwhile
      if (r.ok) set({ detail: r.value, detailLoading: false, detailError: null });
      else set({ detailLoading: false, detailError: r.error });
      followLines();
    };

    const runExport = async (
      scope: ExportScope,
      format: BillExportFormat,
      call: (exportId: string) => ReturnType<SellerDeskApi['bills:export']>,
    ): Promise<BillExportResult | null> => {
      if (get().exports[scope]?.busy) return null;
      const id = newId();
      const job: ExportJob = { id, format, busy: true, done: 0, total: 0, result: null, error: null };
      set((s) => ({ exports: { ...s.exports, [scope]: job } }));
      const r = await call(id);
      const patch: Partial<ExportJob> = r.ok ? { busy: false, result: r.value } : { busy: false, error: r.error };
      set((s) =>
        s.exports[scope]?.id === id
          ? { exports: { ...s.exports, [scope]: { ...(s.exports[scope] as ExportJob), ...patch } } }
          : {},
      );
      return r.ok && !r.value.canceled ? r.value : null;
    };

    return {
      tab: 'bills',
      currency: null,
      list: null,
      listError: null,
      monthly: null,
      monthlyError: null,
      selected: null,
      detail: null,
      detailLoading: false,
      detailError: null,
      onlyMismatches: false,
      linesTotal: null,
      linesError: null,
      linesVersion: 0,
      exports: { bill: null, reconciliation: null },
      generation: 0,

      setTab: (tab) => set({ tab }),

      setCurrency: (currency) => {
        set({ currency });
        void get().load();
      },

      load: async () => {
        const seq = ++listSeq;
        const currency = get().currency;
        const [list, monthly] = await Promise.all([
          api['bills:list'](currency === 'CNY' || currency === 'USD' ? { currency } : {}),
          api['bills:monthly']({ months: CHART_MONTHS }),
        ]);
        if (seq !== listSeq) return;
        set({
          list: list.ok ? list.value : get().list,
          listError: list.ok ? null : list.error,
          monthly: monthly.ok ? monthly.value : get().monthly,
          monthlyError: monthly.ok ? null : monthly.error,
        });
      },

      openBill: async (billId, revision = null) => {
        set({ selected: { billId, revision }, tab: 'bills' });
        await loadDetail(get().detail?.summary.billId === billId);
      },

      closeBill: () => {
        detailSeq++;
        set({
          selected: null,
          detail: null,
          detailError: null,
          detailLoading: false,
          onlyMismatches: false,
          exports: { ...get().exports, bill: null },
        });
        followLines();
      },

      setOnlyMismatches: (on) => {
        set({ onlyMismatches: on });
        followLines();
      },

      ensureLines: (first, last) => lines?.cache.ensure(first, last),

      lineAt: (index) => lines?.cache.row(index),

      changed: (changes) => {
        set((s) => ({ generation: s.generation + 1 }));
        void get().load();
        const sel = get().selected;
        // B5: a new revision of the open bill is shown when the latest is (a revision asked for by number stays).
        if (sel && sel.revision === null && changes.some((c) => c.billId === sel.billId)) void loadDetail(true);
      },

      exportBill: async (format) => {
        const d = get().detail;
        if (!d) return null;
        return runExport('bill', format, (exportId) =>
          api['bills:export']({ billId: d.summary.billId, revision: d.summary.revision, format, exportId }),
        );
      },

      exportReconciliation: async (filters) =>
        runExport('reconciliation', 'csv', (exportId) => api['bills:export-reconciliation']({ ...filters, exportId })),

      progress: (p) => {
        const { exports } = get();
        for (const scope of ['bill', 'reconciliation'] as const) {
          const job = exports[scope];
          if (job?.id === p.exportId && job.busy)
            set({ exports: { ...exports, [scope]: { ...job, done: p.done, total: p.total } } });
        }
      },
    };
  });
}
export type BillsStore = ReturnType<typeof createBillsStore>;
