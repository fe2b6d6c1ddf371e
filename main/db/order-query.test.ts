import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderQuery, SORT_FIELDS, type OrderQuery, type OrderQueryParsed } from '../../common/api/contract';
import type { OrderRow } from '../../common/api/types';
import { STAGES, type Stage } from '../../common/marketplace/wire';
import { CUSTOMER_WAIT_STAGES, SELLER_ACTION_STAGES } from '../../common/domain/supervision';
import { DAY_MS, marketDayEnd, marketDayStart } from '../../common/domain/time';
import { openDatabase, type Db } from './connection';
import { STAGE_RANK, STATUS_RANK } from './order-filters';
import { listOrderLines, upsertOrderLines } from './order-lines';
import { runOrderQuery, type Plan } from './order-query';
import { makeLine, type LineSpec } from './testing/order-line-fixture';

const NOW = Date.parse('2025-05-01T00:00:00.000Z');
const ctx = { now: NOW, waitingThresholdDays: 5 };
const PRODUCTS = ['数据迁移专业服务 / Data Migration Service', '安全审计咨询', '许可证 — Enterprise License', 'Kubernetes Cluster Setup', '运维托管服务'];
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
      status: stage === 'completed' ? 'COMPLETED' : stage === 'closed' ? 'CANCELED' : i % 11 === 0 ? 'PENDING_PAYMENT' : 'PROCESSING',
      createTime: new Date(i % 5 === 4 ? Date.parse(out[out.length - 1].createTime ?? '') : placed).toISOString(),
      stage,
      appealOpen: i % 9 === 0,
      unsubscriptionPending: i % 13 === 0,
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
  ids = new Map(db.prepare<[], { order_line_id: string; id: number }>('SELECT order_line_id, id FROM order_lines').all().map((r) => [r.order_line_id, r.id]));
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
    if (q.stage?.length && (r.stage === null || !q.stage.includes(r.stage))) return false;
    if (q.from && r.placedAt < marketDayStart(q.from)) return false;
    if (q.to && r.placedAt >= marketDayEnd(q.to)) return false;
    const line = lines.find((l) => l.orderLineId === r.orderLineId);
    const unsub = line?.supervision?.unsubscription?.status === 'pending';
    if (q.quick === 'needs_action' && !((r.stage !== null && SELLER_ACTION_STAGES.includes(r.stage)) || unsub) ) return false;
    if (q.quick === 'needs_action' && r.appealOpen) return false;
    if (q.quick === 'awaiting_customer' && !(r.stage !== null && CUSTOMER_WAIT_STAGES.includes(r.stage))) return false;
    if (q.quick === 'waiting_long' && !(r.stage === 'awaiting_acceptance' && (r.stageSince ?? Infinity) < NOW - 5 * DAY_MS)) return false;
    if (q.quick === 'appeal_open' && !r.appealOpen) return false;
    return true;
  });
  const id = (r: OrderRow) => ids.get(r.orderLineId) ?? 0;
  const key = (r: OrderRow): Array<string | number> => {
    switch (q.sort.field) {
      case 'placedAt': return [id(r)];
      case 'orderNo': return [r.orderId, id(r)];
      case 'productName': return [r.productName, id(r)];
      case 'amount': return [r.amountMinor, id(r)];
      case 'status': return [STATUS_RANK[r.status], id(r)];
      case 'stage': return [r.stage ? STAGE_RANK[r.stage] : 99, id(r)];
      case 'daysWaiting': return [-(r.stageSince ?? Number.MAX_SAFE_INTEGER), -id(r)];
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
    expect(all({ text: '云栖科技' }).total).toBe(lines.filter((l) => l.customer.customerName.includes('云栖科技')).length);
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

describe('listOrderLines: quick filters (S3, S5, S5a)', () => {
  it('S3/S5a: "needs my action" = the seller can act (or an unsubscription waits), and no appeal freezes the flow', () => {
    const ids_ = lineIds(all({ quick: 'needs_action' }).rows);
    expect(ids_.length).toBeGreaterThan(0);
    expect(ids_).toEqual(reference(orderQuery.parse({ quick: 'needs_action', limit: 500 })));
    for (const l of lines.filter((x) => x.supervision?.appealOpen)) expect(ids_).not.toContain(l.orderLineId);
  });

  it('"awaiting customer", "appeal open"', () => {
    for (const quick of ['awaiting_customer', 'appeal_open'] as const) {
      const page = all({ quick });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(lineIds(page.rows)).toEqual(reference(orderQuery.parse({ quick, limit: 500 })));
      expect(page.total).toBe(page.rows.length);
    }
  });

  it('S5: "waiting > N days" = awaiting acceptance since before now − N days (setting)', () => {
    const page = all({ quick: 'waiting_long' });
    expect(page.rows.length).toBeGreaterThan(0);
    for (const r of page.rows) {
      expect(r.stage).toBe('awaiting_acceptance');
      expect(r.stageSince ?? Infinity).toBeLessThan(NOW - 5 * DAY_MS);
    }
    const longer = runOrderQuery(db, orderQuery.parse({ quick: 'waiting_long', limit: 500 }), { now: NOW, waitingThresholdDays: 9 });
    expect(longer.total).toBeLessThan(page.total);
  });
});

describe('listOrderLines: sorts and paging', () => {
  it.each(SORT_FIELDS.flatMap((f) => [[f, 'asc'], [f, 'desc']] as const))('sort %s %s matches the reference order', (field, dir) => {
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
    const q = (from: string, to: string) => lineIds(listOrderLines(d, orderQuery.parse({ from, to, sort: { field: 'placedAt', dir: 'asc' } }), ctx).rows).map((x) => x.slice(0, 11));
    expect(q('2025-04-01', '2025-04-01')).toEqual(['EDGE0000003', 'EDGE0000001']);
    expect(q('2025-04-02', '2025-04-02')).toEqual(['EDGE0000002']);
    expect(q('2025-03-31', '2025-03-31')).toEqual(['EDGE0000004']);
    expect(listOrderLines(d, orderQuery.parse({ from: '2025-04-01', to: '2025-04-02', text: 'EDGE' }), ctx).total).toBe(3);
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
  const words = ['迁移', '数据迁移', 'License', 'license', '张伟', '杭州', 'Contoso', 'XQ', 'CS25', 'Q', '云栖', 'zzz', 'Setup'];
  const query = fc.record(
    {
      text: fc.option(fc.oneof(fc.constantFrom(...words), fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).map(([a, b]) => `${a} ${b}`)), { nil: undefined }),
      orderNo: fc.option(fc.constantFrom('CS25', 'XQ', 'BH', '-000002', 'A'), { nil: undefined }),
      productName: fc.option(fc.constantFrom('迁移', 'license', '服务'), { nil: undefined }),
      stage: fc.option(fc.subarray([...STAGES], { minLength: 1, maxLength: 3 }), { nil: undefined }),
      quick: fc.option(fc.constantFrom('needs_action', 'awaiting_customer', 'waiting_long', 'appeal_open' as const), { nil: undefined }),
      from: fc.option(fc.constantFrom('2025-03-22', '2025-04-01'), { nil: undefined }),
      sort: fc.record({ field: fc.constantFrom(...SORT_FIELDS), dir: fc.constantFrom('asc' as const, 'desc' as const) }),
      offset: fc.constantFrom(0, 0, 3, 20),
      limit: fc.constantFrom(5, 50),
    },
    { requiredKeys: ['sort', 'offset', 'limit'] },
  );
  it('walk, gather and FTS walk agree with the reference, rows and total', () => {
    fc.assert(
      fc.property(query, (raw) => {
        const q = orderQuery.parse(raw);
        const expected = reference(q);
        const totalExpected = reference({ ...q, offset: 0, limit: 500 }).length;
        for (const plan of [undefined, 'walk', 'gather', 'fts-walk'] as const) {
          const page = runOrderQuery(db, q, ctx, { plan });
          expect(lineIds(page.rows)).toEqual(expected);
          expect(page.total).toBe(totalExpected);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
