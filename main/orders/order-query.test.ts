import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  orderQuery,
  SORT_FIELDS,
  STAGE_FILTERS,
  type OrderQuery,
  type OrderQueryParsed,
} from '../../common/api/contract';
import type { OrderRow } from '../../common/api/types';
import { STAGES, type Stage } from '../../common/marketplace/wire';
import { DAY_MS, marketDayEnd, marketDayStart } from '../../common/domain/time';
import { sellerAction, urgencyOf, urgencySortKey, waitingOn } from '../../common/domain/urgency';
import { openDatabase, type Db } from '../db/connection';
import { STAGE_RANK, STATUS_RANK } from './order-filters';
import { listOrderLines, upsertOrderLines } from './order-lines';
import { runOrderQuery, type Plan } from './order-query';
import { makeLine, type LineSpec } from './testing/order-line-fixture';

const NOW = Date.parse('2025-05-01T00:00:00.000Z');
const ctx = { now: NOW, waitingThresholdDays: 5 };
const PRODUCTS = [
  '数据迁移专业服务 / Data Migration Service',
  '安全审计咨询',
  '许可证 — Enterprise License',
  'Kubernetes Cluster Setup',
  '运维托管服务',
];
const CUSTOMERS = ['杭州云栖科技有限公司', '张伟', 'Contoso Pharmaceuticals', 'Northwind Traders Ltd.', '李娜'];
const STAGE_CYCLE: Array<Stage | null> = [...STAGES, null];

/** ~80 lines over every stage, both processes, CNY/USD, appeals and unsubscriptions, several per order. */
function dataset(): LineSpec[] {
  const out: LineSpec[] = [];
  for (let i = 0; i < 80; i++) {
    const placed = Date.parse('2025-03-20T00:00:00.000Z') + i * 9 * 3_600_000 + (i % 7) * 60_000;
    const orderId = `CS25${String(100000 + i * 37).slice(-6)}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}XQ`;
    const stage = STAGE_CYCLE[i % STAGE_CYCLE.length];
    out.push({
      orderId: i % 5 === 4 ? out[out.length - 1].orderId : orderId,
      lineNo: i % 5 === 4 ? 2 : 1,
      productName: PRODUCTS[i % PRODUCTS.length],
      customerName: CUSTOMERS[(i * 3) % CUSTOMERS.length],
      amount: `${(i % 4) * 100 + 50}.00`,
      currency: i % 3 === 0 ? 'USD' : 'CNY',
      status:
        stage === 'completed'
          ? 'COMPLETED'
          : stage === 'closed'
            ? 'CANCELED'
            : i % 11 === 0
              ? 'PENDING_PAYMENT'
              : 'PROCESSING',
      createTime: new Date(i % 5 === 4 ? Date.parse(out[out.length - 1].createTime ?? '') : placed).toISOString(),
      stage,
      appealOpen: i % 9 === 0,
      unsubscriptionPending: i % 13 === 0 || i % 17 === 5,
      requestRejections: i % 19 === 3 ? 3 : i % 5,
      eventTimes: i % 4 === 0 ? [] : [new Date(NOW - (i % 12) * DAY_MS - 3_600_000).toISOString()],
    });
  }
  return out;
}

let db: Db;
let ids: Map<string, number>;
let lines: ReturnType<typeof makeLine>[];
beforeAll(() => {
  db = openDatabase(':memory:');
  lines = dataset().map((s) => makeLine(s));
  upsertOrderLines(db, lines);
  ids = new Map(
    db
      .prepare<[], { order_line_id: string; id: number }>('SELECT order_line_id, id FROM order_lines')
      .all()
      .map((r) => [r.order_line_id, r.id]),
  );
});

const list = (q: OrderQuery, plan?: Plan) => runOrderQuery(db, orderQuery.parse(q), ctx, { plan });
const lineIds = (rows: OrderRow[]) => rows.map((r) => r.orderLineId);
const all = (q: OrderQuery) => list({ ...q, limit: 500 });

/** The reference: the rules of O1, O4, S3, S5, S5a applied naively in JavaScript. */
function reference(q: OrderQueryParsed): string[] {
  const has = (hay: string, needle: string) => hay.toLowerCase().includes(needle.toLowerCase());
  const rows = listOrderLines(db, orderQuery.parse({ limit: 500 }), ctx).rows;
  const words = q.text ? q.text.split(/\s+/).filter(Boolean) : [];
  const asciiOrderNo = (t: string) => /^[\x21-\x7e]+$/.test(t);
  const matches = rows.filter((r) => {
    if (q.orderNo && !(has(r.orderId, q.orderNo) || has(r.orderLineId, q.orderNo))) return false;
    if (q.productName && !has(r.productName, q.productName)) return false;
    for (const w of words) {
      const orderNo = asciiOrderNo(w) && (has(r.orderId, w) || has(r.orderLineId, w));
      if (!orderNo && !has(r.productName, w) && !has(r.customerName, w)) return false;
    }
    if (q.status?.length && !q.status.includes(r.status)) return false;
    if (q.stage?.length && !q.stage.includes(r.stage ?? 'none')) return false;
    if (q.from && r.placedAt < marketDayStart(q.from)) return false;
    if (q.to && r.placedAt >= marketDayEnd(q.to)) return false;
    // S3, S5, S5a, S5c, S7: the quick filters are the domain's rules (common/domain/urgency.ts), facts from the wire
    // line.
    const line = lines.find((l) => l.orderLineId === r.orderLineId);
    const facts = {
      ...r,
      unsubPending: line?.supervision?.unsubscription?.status === 'pending',
      requestRejections: line?.supervision?.requestRejections ?? 0,
      deliveryRejections: line?.supervision?.deliveryRejections ?? 0,
    };
    if (q.quick === 'needs_action' && sellerAction(facts) === null) return false;
    if (q.quick === 'awaiting_customer' && waitingOn(facts) !== 'customer') return false;
    if (q.quick === 'waiting_long' && urgencyOf(facts, NOW, ctx.waitingThresholdDays)?.overdue !== true) return false;
    if (q.quick === 'appeal_open' && !r.appealOpen) return false;
    return true;
  });
  const id = (r: OrderRow) => ids.get(r.orderLineId) ?? 0;
  const key = (r: OrderRow): Array<string | number> => {
    switch (q.sort.field) {
      case 'placedAt':
        return [id(r)];
      case 'orderNo':
        return [r.orderId, id(r)];
      case 'productName':
        return [r.productName, id(r)];
      case 'amount':
        return [r.currency, r.amountMinor, id(r)]; // O3: within a currency
      case 'status':
        return [STATUS_RANK[r.status], id(r)];
      case 'stage':
        return [r.stage ? STAGE_RANK[r.stage] : 99, id(r)];
      case 'daysWaiting':
        return [-(r.stageSince ?? Number.MAX_SAFE_INTEGER), -id(r)];
      case 'urgency':
        return [-urgencySortKey(r), -id(r)]; // S7: desc = the smallest key (most urgent) first
    }
  };
  const cmp = (a: OrderRow, b: OrderRow) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  };
  matches.sort(cmp);
  if (q.sort.dir === 'desc') matches.reverse();
  return matches.slice(q.offset, q.offset + q.limit).map((r) => r.orderLineId);
}

describe('listOrderLines: search (O1)', () => {
  it('O1: partial order No. matches order id or order line id, case-insensitively', () => {
    const target = lines[10];
    expect(lineIds(all({ orderNo: target.orderId.slice(4, 10) }).rows)).toContain(target.orderLineId);
    expect(lineIds(all({ orderNo: target.orderId.toLowerCase() }).rows)).toContain(target.orderLineId);
    expect(lineIds(all({ orderNo: target.orderLineId }).rows)).toEqual([target.orderLineId]);
    expect(all({ text: target.orderLineId.slice(-12) }).rows.map((r) => r.orderLineId)).toContain(target.orderLineId);
  });

  it('O1: a 2-character order-No. fragment is found (trigram trap, doubled index) and a 1-character one by scan', () => {
    const frag = lines[3].orderId.slice(-4, -2);
    const expected = lines.filter((l) => l.orderId.includes(frag) || l.orderLineId.includes(frag)).length;
    expect(expected).toBeGreaterThan(0);
    expect(all({ orderNo: frag }).total).toBe(expected);
    expect(all({ orderNo: 'Q' }).total).toBe(lines.filter((l) => l.orderLineId.includes('Q')).length);
  });

  it('O1: a 2-character Chinese product word (迁移) finds the lines the trigram index cannot', () => {
    const expected = lines.filter((l) => l.productName.includes('迁移')).length;
    expect(expected).toBeGreaterThan(0);
    const page = all({ text: '迁移' });
    expect(page.total).toBe(expected);
    expect(page.rows.every((r) => r.productName.includes('迁移'))).toBe(true);
    expect(all({ productName: '审计' }).total).toBe(lines.filter((l) => l.productName.includes('审计')).length);
  });

  it('O1: a 3+ character Chinese term goes through the trigram index with the same answer', () => {
    expect(all({ text: '数据迁移' }).total).toBe(lines.filter((l) => l.productName.includes('数据迁移')).length);
    expect(all({ text: '云栖科技' }).total).toBe(
      lines.filter((l) => l.customer.customerName.includes('云栖科技')).length,
    );
  });

  it('O1: customer names, 2-character Chinese names included', () => {
    expect(all({ text: '张伟' }).total).toBe(lines.filter((l) => l.customer.customerName === '张伟').length);
    expect(all({ text: 'Contoso' }).rows.every((r) => r.customerName.startsWith('Contoso'))).toBe(true);
  });

  it('O1: free text is case-insensitive for ASCII and every word must match', () => {
    const n = lines.filter((l) => l.productName.includes('Data Migration')).length;
    expect(all({ text: 'data MIGRATION' }).total).toBe(n);
    expect(all({ productName: 'data migration' }).total).toBe(n);
    const both = lines.filter((l) => l.productName.includes('许可') && l.customer.customerName === '张伟').length;
    expect(all({ text: '许可 张伟' }).total).toBe(both);
    expect(all({ text: '量子计算' })).toEqual({ rows: [], total: 0 });
  });
});

describe('listOrderLines: quick filters (S3, S5, S5a, S5c, S7)', () => {
  it('S3/S5a/S5c: "needs my action" = only lines where the seller must act (a refund request included), none frozen by an appeal', () => {
    const rows = all({ quick: 'needs_action' }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(lineIds(rows)).toEqual(reference(orderQuery.parse({ quick: 'needs_action', limit: 500 })));
    for (const r of rows) expect(sellerAction(r)).not.toBeNull();
    for (const l of lines.filter((x) => x.supervision?.appealOpen)) expect(lineIds(rows)).not.toContain(l.orderLineId);
    // S5c: a refund request on a line the customer would otherwise move is listed, and the row says why.
    const refund = rows.filter((r) => r.stage === 'awaiting_acceptance');
    expect(refund.length).toBeGreaterThan(0);
    for (const r of refund) expect(r.unsubPending).toBe(true);
    // S2: a refund request on a finished line asks nothing of the seller.
    expect(rows.some((r) => r.stage === 'closed' || r.stage === 'completed')).toBe(false);
  });

  it('S7: "awaiting customer" = the customer must move (no refund request on the seller, no appeal); "appeal open"', () => {
    for (const quick of ['awaiting_customer', 'appeal_open'] as const) {
      const page = all({ quick });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(lineIds(page.rows)).toEqual(reference(orderQuery.parse({ quick, limit: 500 })));
      expect(page.total).toBe(page.rows.length);
    }
    for (const r of all({ quick: 'awaiting_customer' }).rows) expect(waitingOn(r)).toBe('customer');
  });

  it('S5/S7: "waiting > N days" = every open line silent for more than N UTC+8 days, on either side — the overdue rule', () => {
    const page = all({ quick: 'waiting_long' });
    expect(page.total).toBe(page.rows.length);
    expect(lineIds(page.rows)).toEqual(reference(orderQuery.parse({ quick: 'waiting_long', limit: 500 })));
    const sides = new Set(page.rows.map((r) => waitingOn(r)));
    expect(sides.has('seller') && sides.has('customer')).toBe(true); // not only lines awaiting acceptance
    for (const r of page.rows) expect(urgencyOf(r, NOW, 5)?.overdue).toBe(true);
    // Exactly the lines the table marks overdue (one rule for both).
    const overdue = all({}).rows.filter((r) => urgencyOf(r, NOW, 5)?.overdue === true);
    expect(new Set(lineIds(page.rows))).toEqual(new Set(lineIds(overdue)));
    const longer = runOrderQuery(db, orderQuery.parse({ quick: 'waiting_long', limit: 500 }), {
      now: NOW,
      waitingThresholdDays: 9,
    });
    expect(longer.total).toBeLessThan(page.total);
  });

  it('S6: the "Not supervised" stage option finds exactly the lines without supervision, alone or with stages', () => {
    const none = all({ stage: ['none'] });
    expect(none.total).toBe(lines.filter((l) => l.supervision === null).length);
    expect(none.rows.every((r) => r.stage === null)).toBe(true);
    const mixed = all({ stage: ['none', 'completed'] });
    expect(mixed.total).toBe(lines.filter((l) => l.supervision === null || l.supervision.stage === 'completed').length);
  });
});

describe('listOrderLines: sorts and paging', () => {
  it.each(
    SORT_FIELDS.flatMap(
      (f) =>
        [
          [f, 'asc'],
          [f, 'desc'],
        ] as const,
    ),
  )('sort %s %s matches the reference order', (field, dir) => {
    const q = orderQuery.parse({ sort: { field, dir }, limit: 500 });
    expect(lineIds(listOrderLines(db, q, ctx).rows)).toEqual(reference(q));
  });

  it('S5: daysWaiting desc = most days waiting first; lines without a stage last', () => {
    const rows = all({ sort: { field: 'daysWaiting', dir: 'desc' } }).rows;
    const waits = rows.filter((r) => r.stageSince !== null).map((r) => r.stageSince ?? 0);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    const firstNull = rows.findIndex((r) => r.stageSince === null);
    expect(rows.slice(firstNull).every((r) => r.stageSince === null)).toBe(true);
    expect(firstNull).toBeGreaterThan(0);
  });

  it('pages are stable: consecutive pages cover every line exactly once, for every sort', () => {
    for (const field of SORT_FIELDS) {
      const seen: string[] = [];
      for (let offset = 0; offset < lines.length + 7; offset += 7) {
        seen.push(...lineIds(list({ sort: { field, dir: 'desc' }, offset, limit: 7 }).rows));
      }
      expect(seen.length).toBe(lines.length);
      expect(new Set(seen).size).toBe(lines.length);
    }
  });
});

describe('listOrderLines: placement dates are UTC+8 days (O4)', () => {
  it('O4: 2025-04-01T15:59:59Z is on 04-01 (23:59:59 UTC+8); 16:00:00Z is on 04-02', () => {
    const d = openDatabase(':memory:');
    upsertOrderLines(d, [
      makeLine({ orderId: 'EDGE0000001', createTime: '2025-04-01T15:59:59.000Z' }),
      makeLine({ orderId: 'EDGE0000002', createTime: '2025-04-01T16:00:00.000Z' }),
      makeLine({ orderId: 'EDGE0000003', createTime: '2025-03-31T16:00:00.000Z' }),
      makeLine({ orderId: 'EDGE0000004', createTime: '2025-03-31T15:59:59.999Z' }),
    ]);
    const q = (from: string, to: string) =>
      lineIds(listOrderLines(d, orderQuery.parse({ from, to, sort: { field: 'placedAt', dir: 'asc' } }), ctx).rows).map(
        (x) => x.slice(0, 11),
      );
    expect(q('2025-04-01', '2025-04-01')).toEqual(['EDGE0000003', 'EDGE0000001']);
    expect(q('2025-04-02', '2025-04-02')).toEqual(['EDGE0000002']);
    expect(q('2025-03-31', '2025-03-31')).toEqual(['EDGE0000004']);
    expect(listOrderLines(d, orderQuery.parse({ from: '2025-04-01', to: '2025-04-02', text: 'EDGE' }), ctx).total).toBe(
      3,
    );
  });
});

describe('ids in placement order (order-line-id.ts)', () => {
  it('O4: more than 1024 lines placed in the last millisecond of a UTC+8 day stay on that day', () => {
    const d = openDatabase(':memory:');
    const last = '2025-04-01T15:59:59.999Z'; // 23:59:59.999 on 04-01 at UTC+8
    upsertOrderLines(d, [
      ...Array.from({ length: 1100 }, (_, i) => makeLine({ orderId: 'BIGORDER0001', lineNo: i + 1, createTime: last })),
      makeLine({ orderId: 'NEXTDAY00001', createTime: '2025-04-01T16:00:00.000Z' }),
    ]);
    const count = (from: string, to: string) => listOrderLines(d, orderQuery.parse({ from, to }), ctx).total;
    expect(count('2025-04-01', '2025-04-01')).toBe(1100);
    expect(count('2025-04-02', '2025-04-02')).toBe(1);
    const newest = listOrderLines(d, orderQuery.parse({ limit: 2 }), ctx).rows.map((r) => r.orderLineId);
    expect(newest[0]).toBe('NEXTDAY00001-000001');
    expect(newest[1]).toBe('BIGORDER0001-001100');
  });
});

describe('listOrderLines: every plan gives the same answer', () => {
  // Customer-name prefixes (Cont, 杭州云), 1-character and 4+ character order-No. fragments (C, 2510, 00370K) included.
  // Order-No. fragments whose rarest trigram is in more numbers than the fragment (100037, 510003, 000002): the
  // trigram index then gives candidates only, which every plan must test.
  const fragments = [
    'CS25',
    'XQ',
    'BH',
    '-000002',
    'A',
    '7',
    'CS2510',
    '100037',
    '510003',
    '10007',
    '000002',
    '0111',
    'aaxq',
    'CS25100370KUXQ-000001',
  ];
  const words = [
    '迁移',
    '数据迁移',
    'License',
    'license',
    '张伟',
    '杭州',
    'Contoso',
    'XQ',
    'CS25',
    'Q',
    '云栖',
    'zzz',
    'Setup',
    'Cont',
    'Nort',
    '杭州云',
    'Traders',
    'C',
    '2510',
    '00370K',
  ];
  const query = fc.record(
    {
      text: fc.option(
        fc.oneof(
          fc.constantFrom(...words),
          fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).map(([a, b]) => `${a} ${b}`),
        ),
        { nil: undefined },
      ),
      orderNo: fc.option(fc.constantFrom(...fragments), { nil: undefined }),
      productName: fc.option(fc.constantFrom('迁移', 'license', '服务'), { nil: undefined }),
      status: fc.option(
        fc.subarray(['PENDING_PAYMENT', 'PROCESSING', 'COMPLETED', 'CANCELED'] as const, {
          minLength: 1,
          maxLength: 2,
        }),
        { nil: undefined },
      ),
      stage: fc.option(fc.subarray([...STAGE_FILTERS], { minLength: 1, maxLength: 3 }), { nil: undefined }),
      quick: fc.option(fc.constantFrom('needs_action', 'awaiting_customer', 'waiting_long', 'appeal_open' as const), {
        nil: undefined,
      }),
      from: fc.option(fc.constantFrom('2025-03-22', '2025-04-01'), { nil: undefined }),
      sort: fc.record({
        field: fc.constantFrom(...SORT_FIELDS),
        dir: fc.constantFrom('asc' as const, 'desc' as const),
      }),
      offset: fc.constantFrom(0, 0, 3, 20),
      limit: fc.constantFrom(5, 50),
    },
    { requiredKeys: ['sort', 'offset', 'limit'] },
  );
  // The budgets and narrowing thresholds lowered to this small cache's size, so every estimated-total path and
  // every order-No. index choice (rarest trigram, rarest 4-character part, adjacent pair) runs here.
  const tight = { countBudget: 3, orderNoCountCap: 2, narrowing: { rare: 2, pairCap: 3, common: 40 } };
  // Text alone, no filters: the plans that read ids only (every id of the set matches) run on these.
  const textOnly = query.map(({ sort, offset, limit, text, orderNo, productName }) => ({
    sort,
    offset,
    limit,
    text,
    orderNo,
    productName,
  }));
  it('walk, gather and FTS walk agree with the reference, rows and total (estimated totals marked, exact on request)', () => {
    fc.assert(
      fc.property(fc.oneof(query, textOnly), (raw) => {
        const q = orderQuery.parse(raw);
        const expected = reference(q);
        const totalExpected = reference({ ...q, offset: 0, limit: 500 }).length;
        for (const plan of [undefined, 'walk', 'gather', 'fts-walk', 'seek'] as const) {
          const page = runOrderQuery(db, q, ctx, { plan });
          expect(lineIds(page.rows)).toEqual(expected);
          expect(page.total).toBe(totalExpected);
          const exact = runOrderQuery(db, { ...q, exactTotal: true }, ctx, { plan, ...tight });
          expect(lineIds(exact.rows)).toEqual(expected);
          expect(exact).toMatchObject({ total: totalExpected });
          expect(exact.totalEstimated).toBeUndefined();
          const cheap = runOrderQuery(db, q, ctx, { plan, ...tight });
          expect(lineIds(cheap.rows)).toEqual(expected);
          if (cheap.totalEstimated) expect(cheap.total).toBeGreaterThanOrEqual(q.offset + cheap.rows.length);
          else expect(cheap.total).toBe(totalExpected);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('every word and order-No. fragment alone, newest or oldest first, under every plan and budget (ids-only plans)', () => {
    const agree = (raw: OrderQuery): void => {
      const q = orderQuery.parse(raw);
      const expected = reference(q);
      const totalExpected = reference({ ...q, offset: 0, limit: 500 }).length;
      for (const plan of [undefined, 'walk', 'gather', 'fts-walk', 'seek'] as const) {
        for (const opts of [{ plan }, { plan, ...tight }]) {
          const page = runOrderQuery(db, q, ctx, opts);
          expect({ raw, plan, rows: lineIds(page.rows) }).toEqual({ raw, plan, rows: expected });
          if (!page.totalEstimated)
            expect({ raw, plan, total: page.total }).toEqual({ raw, plan, total: totalExpected });
        }
      }
    };
    for (const dir of ['desc', 'asc'] as const) {
      for (const orderNo of fragments) agree({ orderNo, sort: { field: 'placedAt', dir }, limit: 5 });
      for (const text of [...words, ...fragments]) agree({ text, sort: { field: 'placedAt', dir }, limit: 5 });
    }
  });

  it('seek: a page found from the nearest known row (either end, or where an earlier page began) is the reference page', () => {
    // Offsets asked in any order, so a page is found forwards and backwards from the anchors earlier pages left, and
    // from the end of lists whose total is exact; past the end, nothing.
    const offsets = fc.shuffledSubarray([1, 2, 5, 13, 27, 40, 41, 55, 64, 77, 78, 79, 80, 85], { minLength: 1 });
    fc.assert(
      fc.property(fc.oneof(query, textOnly), offsets, (raw, order) => {
        for (const offset of order) {
          const q = orderQuery.parse({ ...raw, offset });
          const expected = reference(q);
          for (const opts of [{ plan: 'seek' as const }, { plan: 'seek' as const, ...tight }]) {
            const page = runOrderQuery(db, q, ctx, opts);
            expect({ offset, rows: lineIds(page.rows) }).toEqual({ offset, rows: expected });
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('seek: a write forgets what the earlier pages left, so pages after it are those of the new list', () => {
    const d = openDatabase(':memory:');
    const older = Array.from({ length: 30 }, (_, i) =>
      makeLine({
        orderId: `SEEK${String(i).padStart(7, '0')}`,
        createTime: new Date(Date.UTC(2025, 2, 1, i)).toISOString(),
      }),
    );
    upsertOrderLines(d, older);
    const page = (offset: number) =>
      lineIds(runOrderQuery(d, orderQuery.parse({ offset, limit: 5 }), ctx, { plan: 'seek' }).rows);
    const walk = (offset: number) =>
      lineIds(runOrderQuery(d, orderQuery.parse({ offset, limit: 5 }), ctx, { plan: 'walk' }).rows);
    for (const offset of [10, 20, 15]) expect(page(offset)).toEqual(walk(offset));
    const tenth = page(10);
    // Ten newer lines move every line ten places down the newest-first list.
    upsertOrderLines(
      d,
      Array.from({ length: 10 }, (_, i) =>
        makeLine({
          orderId: `SEEK${String(100 + i).padStart(7, '0')}`,
          createTime: new Date(Date.UTC(2025, 3, 1, i)).toISOString(),
        }),
      ),
    );
    for (const offset of [10, 20, 15, 35]) expect(page(offset)).toEqual(walk(offset));
    expect(page(20)).toEqual(tenth);
  });

  it('a total that would cost more than the page is marked as an estimate, near the true count, and exact on request', () => {
    const q = orderQuery.parse({ orderNo: 'C', limit: 5 });
    const truth = reference({ ...q, limit: 500 }).length;
    const cheap = runOrderQuery(db, q, ctx, tight);
    expect(cheap.totalEstimated).toBe(true);
    expect(cheap.total).toBeGreaterThanOrEqual(truth / 2);
    expect(cheap.total).toBeLessThanOrEqual(truth * 2);
    expect(runOrderQuery(db, { ...q, exactTotal: true }, ctx, tight)).toMatchObject({ total: truth });
    // A page that is not full ends the list, so its total is exact without being asked.
    const last = runOrderQuery(db, { ...q, offset: truth - 2 }, ctx, tight);
    expect(last).toMatchObject({ total: truth });
    expect(last.totalEstimated).toBeUndefined();
  });
});
