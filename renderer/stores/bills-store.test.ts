// The Bills page's stores (B4, B5): list and chart loaded together; the open bill follows new revisions when it shows
// the latest; an export's progress events move only its own job; the reconciliation fetches blocks of the filtered
// query and keeps its totals; bills:changed becomes one toast.
import { describe, expect, it } from 'vitest';
import { stubApi } from './testing/stub-api';
import type {
  BillChange,
  BillDetail,
  BillExportResult,
  BillLineRow,
  BillSummary,
  ReconciliationQuery,
  ReconciliationRow,
} from '../../common/api/contract-bills';
import { ok } from '../../common/api/result';
import { createBillsStore, LINES_BLOCK } from './bills-store';
import { createReconStore } from './recon-store';
import { createToastStore } from './toast-store';

const flush = async () => {
  for (let i = 0; i < 6; i++) await Promise.resolve();
};

function summary(billId: string, revision: number): BillSummary {
  return { billId, revision } as BillSummary; // only the fields the store reads
}

function setupBills() {
  const calls: Array<[string, unknown]> = [];
  let latest = 1;
  let release: ((r: BillExportResult) => void) | null = null;
  const api = stubApi({
    'bills:list': async (q: unknown) => {
      calls.push(['bills:list', q]);
      return ok([summary('B1', latest)]);
    },
    'bills:monthly': async (q: unknown) => {
      calls.push(['bills:monthly', q]);
      return ok({ periods: ['202504'], series: [] });
    },
    'bills:get': async (q: { billId: string; revision?: number }) => {
      calls.push(['bills:get', q]);
      return ok({ summary: summary(q.billId, q.revision ?? latest) } as BillDetail);
    },
    'bills:lines': async (q: {
      billId: string;
      revision?: number;
      offset: number;
      limit: number;
      onlyMismatched?: boolean;
    }) => {
      calls.push(['bills:lines', q]);
      const total = q.onlyMismatched ? 3 : 1_000;
      const rows = Array.from(
        { length: Math.max(0, Math.min(q.limit, total - q.offset)) },
        (_, k) => ({ lineNo: q.offset + k + 1, matches: !q.onlyMismatched }) as BillLineRow,
      );
      return ok({ revision: q.revision ?? latest, total, rows });
    },
    'bills:export': (q: unknown) => {
      calls.push(['bills:export', q]);
      return new Promise((resolve) => {
        release = (r) => resolve(ok(r));
      });
    },
  });
  const store = createBillsStore({ api, newId: () => 'e1' });
  return { store, calls, setLatest: (n: number) => (latest = n), release: (r: BillExportResult) => release?.(r) };
}

describe('bills store', () => {
  it('loads the list (by currency) and 24 months of totals together', async () => {
    const { store, calls } = setupBills();
    await store.getState().load();
    expect(store.getState().list).toHaveLength(1);
    expect(calls).toEqual([
      ['bills:list', {}],
      ['bills:monthly', { months: 24 }],
    ]);
    store.getState().setCurrency('USD');
    await flush();
    expect(calls[2]).toEqual(['bills:list', { currency: 'USD' }]);
  });

  it('B5: bills:changed reloads the list and the open bill when it shows the latest revision, not one asked for by number', async () => {
    const { store, calls, setLatest } = setupBills();
    await store.getState().openBill('B1');
    expect(store.getState().detail?.summary.revision).toBe(1);
    setLatest(2);
    const change: BillChange = { billId: 'B1', revision: 2, billingPeriod: '202504', currency: 'CNY', isNew: false };
    store.getState().changed([change]);
    await flush();
    expect(store.getState().detail?.summary.revision).toBe(2);
    expect(store.getState().generation).toBe(1);
    await store.getState().openBill('B1', 1);
    const gets = calls.filter(([c]) => c === 'bills:get').length;
    store.getState().changed([change]);
    await flush();
    expect(calls.filter(([c]) => c === 'bills:get')).toHaveLength(gets);
    expect(store.getState().detail?.summary.revision).toBe(1);
    store.getState().closeBill();
    expect(store.getState()).toMatchObject({ selected: null, detail: null });
  });

  it("the open revision's lines come a block at a time around what is in view; only-mismatching lines and a new revision are new blocks", async () => {
    const { store, calls, setLatest } = setupBills();
    const lineCalls = () => calls.filter(([c]) => c === 'bills:lines').map(([, q]) => q);
    await store.getState().openBill('B1');
    await flush();
    // The first block is asked for as soon as the bill is open, for the revision shown.
    expect(lineCalls()).toEqual([{ billId: 'B1', revision: 1, offset: 0, limit: LINES_BLOCK }]);
    expect(store.getState().linesTotal).toBe(1_000);
    expect(store.getState().lineAt(0)?.lineNo).toBe(1);
    expect(store.getState().lineAt(LINES_BLOCK)).toBeUndefined();
    // Scrolling to lines 610–640 fetches the block they are in, and only that one.
    store.getState().ensureLines(610, 640);
    await flush();
    expect(lineCalls().slice(1)).toEqual([{ billId: 'B1', revision: 1, offset: 600, limit: LINES_BLOCK }]);
    expect(store.getState().lineAt(639)?.lineNo).toBe(640);
    store.getState().ensureLines(0, 30); // still held
    await flush();
    expect(lineCalls()).toHaveLength(2);

    store.getState().setOnlyMismatches(true);
    await flush();
    expect(lineCalls().at(-1)).toEqual({
      billId: 'B1',
      revision: 1,
      offset: 0,
      limit: LINES_BLOCK,
      onlyMismatched: true,
    });
    expect(store.getState().linesTotal).toBe(3);
    expect(store.getState().lineAt(2)).toMatchObject({ lineNo: 3, matches: false });
    store.getState().setOnlyMismatches(false);
    await flush();

    // B5: a new revision of the bill shown: its lines are fetched for it.
    setLatest(2);
    store.getState().changed([{ billId: 'B1', revision: 2, billingPeriod: '202504', currency: 'CNY', isNew: false }]);
    await flush();
    expect(lineCalls().at(-1)).toEqual({ billId: 'B1', revision: 2, offset: 0, limit: LINES_BLOCK });
    store.getState().closeBill();
    expect(store.getState()).toMatchObject({ linesTotal: null });
    expect(store.getState().lineAt(0)).toBeUndefined();
  });

  it('an export of the revision shown carries its id; progress events move it; one at a time', async () => {
    const { store, calls, release } = setupBills();
    await store.getState().openBill('B1');
    const running = store.getState().exportBill('pdf');
    await flush();
    expect(calls.at(-1)).toEqual(['bills:export', { billId: 'B1', revision: 1, format: 'pdf', exportId: 'e1' }]);
    expect(await store.getState().exportBill('csv')).toBeNull(); // busy
    store.getState().progress({ exportId: 'other', done: 5, total: 10 });
    store.getState().progress({ exportId: 'e1', done: 250, total: 1000 });
    expect(store.getState().exports.bill).toMatchObject({ busy: true, done: 250, total: 1000, format: 'pdf' });
    const result: BillExportResult = {
      canceled: false,
      path: '/x/bill.pdf',
      fileName: 'bill.pdf',
      bytes: 10,
      rows: 1000,
      download: null,
    };
    release(result);
    expect(await running).toEqual(result);
    expect(store.getState().exports.bill).toMatchObject({ busy: false, result });
  });
});

function reconRow(i: number): ReconciliationRow {
  return {
    orderLineId: `CS${i}-000001`,
    state: 'unbilled',
    reasons: ['supervision_not_completed'],
  } as ReconciliationRow;
}

describe('reconciliation store (B4)', () => {
  it('fetches blocks of the filtered query after the debounce, keeps the totals, refetches on refresh', async () => {
    const queries: ReconciliationQuery[] = [];
    const api = stubApi({
      'bills:reconciliation': async (q: ReconciliationQuery) => {
        queries.push(q);
        const n = q.states?.includes('unbilled') ? 450 : 1000;
        const rows = Array.from({ length: Math.max(0, Math.min(q.limit ?? 50, n - (q.offset ?? 0))) }, (_, k) =>
          reconRow((q.offset ?? 0) + k),
        );
        return ok({
          rows,
          total: n,
          totals: { lines: n, byState: { billed: 0, unbilled: n, not_billable: 0 }, byCurrency: [] },
        });
      },
    });
    const timers: Array<() => void> = [];
    const store = createReconStore({
      api,
      clock: { now: () => 0 },
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => undefined,
    });
    store.getState().ensureRange(0, 20);
    await flush();
    expect(store.getState().total).toBe(1000);
    expect(queries[0]).toEqual({ offset: 0, limit: 200 });
    store.getState().ensureRange(600, 620);
    await flush();
    expect(store.getState().rowAt(610)?.orderLineId).toBe('CS610-000001');

    store.getState().setFilters({ states: ['unbilled'], orderNo: ' CS1 ' });
    expect(queries).toHaveLength(2); // debounced
    timers.shift()?.();
    await flush();
    expect(queries.at(-1)).toEqual({ states: ['unbilled'], orderNo: 'CS1', offset: 0, limit: 200 });
    expect(store.getState()).toMatchObject({ total: 450, totals: { lines: 450 } });

    store.getState().setFilters({ month: '2025-13' }, { immediate: true });
    expect(store.getState().monthInvalid).toBe(true);
    const before = queries.length;
    store.getState().setFilters({ month: '2025-04' }, { immediate: true });
    await flush();
    expect(queries.at(-1)).toMatchObject({ period: '202504' });
    store.getState().refresh();
    await flush();
    expect(queries.length).toBe(before + 2);
    store.getState().dispose();
  });
});

describe('toasts for bills (B5)', () => {
  it('one toast per bills:changed, none for an empty one', () => {
    const toasts = createToastStore({ set: () => 0, clear: () => undefined });
    toasts.getState().pushBills([]);
    toasts.getState().pushBills([{ billId: 'B1', revision: 1, billingPeriod: '202504', currency: 'CNY', isNew: true }]);
    expect(toasts.getState().toasts).toHaveLength(1);
    expect(toasts.getState().toasts[0].bills?.[0].billId).toBe('B1');
  });
});
