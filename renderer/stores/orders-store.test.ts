import { describe, expect, it } from 'vitest';
import { stubApi } from './testing/stub-api';
import type { OrderPage, OrderQuery } from '../../common/api/contract';
import { ok, type Result } from '../../common/api/result';
import type { OrderRow } from '../../common/api/types';
import { createOrdersStore, SEARCH_WAIT_MAX_MS } from './orders-store';

function row(i: number): OrderRow {
  return {
    orderId: `CS${i}`,
    orderLineId: `CS${i}-000001`,
    productName: i % 2 ? '数据迁移专业服务' : 'Audit License',
    customerName: 'Contoso',
    amountMinor: 100 * i,
    currency: 'CNY',
    status: 'PROCESSING',
    stage: 'request_pending',
    appealOpen: false,
    placedAt: i,
    stageSince: i,
    imported: false,
    unsubPending: false,
    requestRejections: 0,
    deliveryRejections: 0,
  };
}

/** A fake bridge answering `orders:list` over N rows, recording each query; timers run by hand. */
function setup(n = 1000) {
  const queries: OrderQuery[] = [];
  const api = stubApi({
    'orders:list': async (q: OrderQuery) => {
      queries.push(q);
      const rows = Array.from({ length: Math.max(0, Math.min(q.limit ?? 50, n - (q.offset ?? 0))) }, (_, k) =>
        row((q.offset ?? 0) + k),
      );
      return ok({ rows, total: q.productName ? Math.floor(n / 2) : n });
    },
  });
  const timers: (() => void)[] = [];
  const store = createOrdersStore({
    api,
    clock: { now: () => 0 },
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
  });
  const flush = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { store, queries, timers, flush };
}

/** A bridge whose `orders:list` is `list`, recording each query; timers run by hand, with their delays. */
function manual(list: (q: OrderQuery) => Promise<Result<OrderPage>>) {
  const queries: OrderQuery[] = [];
  const api = stubApi({
    'orders:list': (q: OrderQuery) => {
      queries.push(q);
      return list(q);
    },
  });
  const timers: { fn: () => void; ms: number }[] = [];
  const store = createOrdersStore({
    api,
    clock: { now: () => 0 },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  return { store, queries, timers };
}

describe('orders store', () => {
  it('an estimated total is marked as such; "count exactly" asks main for the exact total of the same list', async () => {
    const queries: OrderQuery[] = [];
    const api = stubApi({
      'orders:list': async (q: OrderQuery) => {
        queries.push(q);
        const rows = Array.from({ length: Math.min(q.limit ?? 50, 100) }, (_, k) => row((q.offset ?? 0) + k));
        return ok(q.exactTotal ? { rows, total: 56_777 } : { rows, total: 57_000, totalEstimated: true });
      },
    });
    const store = createOrdersStore({
      api,
      clock: { now: () => 0 },
      setTimer: () => undefined,
      clearTimer: () => undefined,
    });
    const flush = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    store.getState().setCriteria({ orderNo: 'CS2401' }, { immediate: true });
    await flush();
    expect(store.getState()).toMatchObject({ total: 57_000, totalEstimated: true });
    store.getState().countExactly();
    await flush();
    expect(queries[queries.length - 1]).toMatchObject({ orderNo: 'CS2401', exactTotal: true });
    expect(store.getState()).toMatchObject({ total: 56_777, totalEstimated: false });
    // Changing the search goes back to the cheap count.
    store.getState().setCriteria({ orderNo: 'CS2402' }, { immediate: true });
    await flush();
    expect(queries[queries.length - 1].exactTotal).toBeUndefined();
    expect(store.getState().totalEstimated).toBe(true);
  });

  it('loads the first window, then only the blocks scrolled to', async () => {
    const { store, queries, flush } = setup(1_000_000);
    store.getState().ensureRange(0, 25);
    await flush();
    expect(store.getState().total).toBe(1_000_000);
    expect(store.getState().rowAt(25)?.orderId).toBe('CS25');
    store.getState().ensureRange(700_010, 700_040);
    await flush();
    expect(queries.map((q) => [q.offset, q.limit])).toEqual([
      [0, 100],
      [700_000, 100],
    ]);
  });

  it('typing is debounced: one query after the pause, not one per keystroke; Enter applies at once', async () => {
    const { store, queries, timers, flush } = setup();
    store.getState().ensureRange(0, 10);
    await flush();
    for (const text of ['迁', '迁移', '迁移服']) store.getState().setCriteria({ productName: text });
    expect(queries).toHaveLength(1);
    timers[timers.length - 1]();
    await flush();
    expect(queries).toHaveLength(2);
    expect(queries[1].productName).toBe('迁移服');
    store.getState().setCriteria({ orderNo: 'CS1' });
    store.getState().applyNow();
    await flush();
    expect(queries[2].orderNo).toBe('CS1');
  });

  it('latest wins: a search typed while the previous query is on its way waits for it, then asks once for the latest', async () => {
    const answers: (() => void)[] = [];
    const { store, queries, timers } = manual((q) => {
      const rows = Array.from({ length: Math.min(q.limit ?? 50, 100) }, (_, k) => row((q.offset ?? 0) + k));
      return new Promise((resolve) => answers.push(() => resolve(ok({ rows, total: 1_000 }))));
    });
    const flush = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    store.getState().ensureRange(0, 10);
    answers.shift()?.();
    await flush();
    store.getState().setCriteria({ productName: '迁' });
    timers[timers.length - 1].fn(); // the pause after '迁': asked at once
    expect(queries.map((q) => q.productName)).toEqual([undefined, '迁']);
    store.getState().setCriteria({ productName: '迁移' });
    timers[timers.length - 1].fn(); // a pause while '迁' is on its way: nothing sent yet
    store.getState().setCriteria({ productName: '迁移服' });
    timers[timers.length - 1].fn();
    expect(queries.map((q) => q.productName)).toEqual([undefined, '迁']);
    answers.shift()?.();
    await flush();
    // '迁' answered: only what is typed now is asked for, '迁移' never.
    expect(queries.map((q) => q.productName)).toEqual([undefined, '迁', '迁移服']);
    answers.shift()?.();
    await flush();
    expect(store.getState()).toMatchObject({ loading: false, query: { productName: '迁移服' } });
  });

  it('latest wins never waits for ever: a query that does not answer lets the next one go after a while', async () => {
    const { store, queries, timers } = manual(() => new Promise(() => undefined));
    store.getState().ensureRange(0, 10);
    store.getState().setCriteria({ productName: '迁移' });
    timers[timers.length - 1].fn();
    expect(queries).toHaveLength(1);
    const wait = timers[timers.length - 1];
    expect(wait.ms).toBe(SEARCH_WAIT_MAX_MS);
    wait.fn();
    expect(queries.map((q) => q.productName)).toEqual([undefined, '迁移']);
  });

  it('keeps the previous rows on screen until the new query answers (no blank flash)', async () => {
    const { store, flush } = setup();
    store.getState().ensureRange(0, 10);
    await flush();
    store.getState().setCriteria({ productName: '迁移' }, { immediate: true });
    expect(store.getState().loading).toBe(true);
    expect(store.getState().rowAt(0)?.orderId).toBe('CS0');
    await flush();
    expect(store.getState().loading).toBe(false);
    expect(store.getState().total).toBe(500);
  });

  it('going back to a previous search is served from its cache', async () => {
    const { store, queries, flush } = setup();
    store.getState().ensureRange(0, 10);
    await flush();
    store.getState().setQuick('appeal_open');
    await flush();
    store.getState().setQuick(null);
    await flush();
    expect(queries.map((q) => q.quick ?? null)).toEqual([null, 'appeal_open']);
  });

  it('an invalid date range is shown beside the field and not sent', async () => {
    const { store, queries, flush } = setup();
    store.getState().setCriteria({ from: '2025-05-01', to: '2025-04-01' }, { immediate: true });
    await flush();
    expect(store.getState().errors.to).toBeTruthy();
    expect(queries.every((q) => q.to === undefined)).toBe(true);
  });

  it('orders:changed refetches the rows in view of the current query', async () => {
    const { store, queries, flush } = setup();
    store.getState().ensureRange(0, 10);
    await flush();
    store.getState().refresh();
    await flush();
    expect(queries.map((q) => q.offset)).toEqual([0, 0]);
  });

  it('selection is by order line id: when the selected line leaves a filtered list, no other row takes the highlight', async () => {
    // A filtered list whose contents change under the selection (the selected request gets rejected).
    let ids = Array.from({ length: 8 }, (_, i) => i);
    const api = stubApi({
      'orders:list': async (q: OrderQuery) => {
        const slice = ids.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 50));
        return ok({ rows: slice.map(row), total: ids.length });
      },
    });
    const store = createOrdersStore({
      api,
      clock: { now: () => 0 },
      setTimer: () => undefined,
      clearTimer: () => undefined,
    });
    const flush = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    store.getState().ensureRange(0, 10);
    await flush();
    store.getState().select(3);
    expect(store.getState().selectedId).toBe('CS3-000001');
    expect(store.getState().selectedIndex).toBe(3);

    // A line above it leaves: the selection follows its line to index 2.
    ids = ids.filter((i) => i !== 1);
    store.getState().refresh();
    await flush();
    expect(store.getState().selectedId).toBe('CS3-000001');
    expect(store.getState().selectedIndex).toBe(2);
    expect(store.getState().selectionGone).toBe(false);

    // The selected line itself leaves: it stays selected by id, marked gone; the row now at its index is not selected.
    ids = ids.filter((i) => i !== 3);
    store.getState().refresh();
    await flush();
    expect(store.getState().rowAt(2)?.orderLineId).toBe('CS4-000001');
    expect(store.getState().selectedId).toBe('CS3-000001');
    expect(store.getState().selectedIndex).toBeNull();
    expect(store.getState().selectionGone).toBe(true);

    // Clearing the selection (the panel's "close and clear") resets it.
    store.getState().selectId(null);
    expect(store.getState().selectionGone).toBe(false);
    expect(store.getState().selectedIndex).toBeNull();
  });

  it('a new search keeps the selection by id and highlights it where the new list has it', async () => {
    const { store, flush } = setup();
    store.getState().ensureRange(0, 10);
    await flush();
    store.getState().select(5);
    store.getState().setCriteria({ productName: '迁移' }, { immediate: true });
    await flush();
    expect(store.getState().selectedId).toBe('CS5-000001');
    expect(store.getState().selectedIndex).toBe(5);
  });

  it('a saved view sets the criteria and the sort at once: one query, not one per field', async () => {
    const { store, queries, flush } = setup();
    store.getState().ensureRange(0, 10);
    await flush();
    const before = queries.length;
    store
      .getState()
      .applyView(
        { ...store.getState().criteria, customerName: '杭州', stage: ['request_pending'] },
        { field: 'amount', dir: 'desc' },
      );
    await flush();
    expect(queries.length - before).toBe(1);
    expect(queries[queries.length - 1]).toMatchObject({
      customerName: '杭州',
      stage: ['request_pending'],
      sort: { field: 'amount', dir: 'desc' },
    });
    expect(store.getState().sort).toEqual({ field: 'amount', dir: 'desc' });
  });
});
