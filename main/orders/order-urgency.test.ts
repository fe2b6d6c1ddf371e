// S7 urgency and O3 amounts in the list query: the stored sort key against the domain's rule, the order it gives,
// the plan that keeps it fast on a big cache, and migration 0100 on a populated database.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { orderQuery, type OrderQuery } from '../../common/api/contract';
import { DAY_MS } from '../../common/domain/time';
import { urgencyOf, urgencySortKey } from '../../common/domain/urgency';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { getOrderLine, upsertOrderLines } from './order-lines';
import { runOrderQuery } from './order-query';
import { makeLine, type LineSpec } from './testing/order-line-fixture';

/** An instant given as UTC+8 wall-clock time. */
const cst = (y: number, m: number, d: number, hh = 0): number => Date.UTC(y, m - 1, d, hh - 8);
const NOW = cst(2025, 6, 20, 10);
const ctx = { now: NOW, waitingThresholdDays: 5 };
const iso = (ms: number) => new Date(ms).toISOString();

function lineAt(orderId: string, stage: LineSpec['stage'], lastMove: number, extra: LineSpec = {}) {
  return makeLine({ orderId, createTime: '2025-05-01T02:00:00.000Z', stage, eventTimes: [iso(lastMove)], ...extra });
}

function fill(specs: ReturnType<typeof makeLine>[]): Db {
  const db = openDatabase(':memory:');
  upsertOrderLines(db, specs);
  return db;
}

const ids = (db: Db, q: OrderQuery) => runOrderQuery(db, orderQuery.parse(q), ctx).rows.map((r) => r.orderId);

describe('S7: most urgent first in the list query', () => {
  const db = fill([
    lineAt('CUSTOMER9DAYS', 'awaiting_acceptance', cst(2025, 6, 11, 9)),
    lineAt('SELLER9DAYS', 'awaiting_delivery', cst(2025, 6, 11, 23)), // same UTC+8 day: equal age, the seller first
    lineAt('SELLER12DAYS', 'request_pending', cst(2025, 6, 8, 12)),
    lineAt('REFUND2DAYS', 'awaiting_acceptance', cst(2025, 6, 18, 12), { unsubscriptionPending: true }),
    lineAt('CUSTOMERTODAY', 'awaiting_request', cst(2025, 6, 20, 8)),
    lineAt('APPEALOLD', 'awaiting_delivery', cst(2025, 1, 1), { appealOpen: true }),
    lineAt('DONE', 'completed', cst(2024, 12, 1)),
    makeLine({ orderId: 'UNSUPERVISED', createTime: '2025-05-02T00:00:00.000Z', stage: null }),
  ]);

  it('S7: the line waiting longest on the seller is first; at equal age the seller before the customer; frozen and finished last', () => {
    expect(ids(db, { sort: { field: 'urgency', dir: 'desc' } })).toEqual([
      'SELLER12DAYS',
      'SELLER9DAYS',
      'CUSTOMER9DAYS',
      'REFUND2DAYS',
      'CUSTOMERTODAY',
      'APPEALOLD',
      'DONE', // placed before UNSUPERVISED: placement breaks the tie
      'UNSUPERVISED',
    ]);
    expect(ids(db, { sort: { field: 'urgency', dir: 'asc' } })[0]).toBe('UNSUPERVISED');
  });

  it('S7: the stored urgency_key is the domain rule (urgencySortKey) for every line', () => {
    const rows = db
      .prepare<[], { order_id: string; urgency_key: number }>('SELECT order_id, urgency_key FROM order_lines')
      .all();
    expect(rows.length).toBe(8);
    for (const r of rows) {
      const row = runOrderQuery(db, orderQuery.parse({ orderNo: r.order_id }), ctx).rows[0];
      expect(r.urgency_key, r.order_id).toBe(urgencySortKey(row));
    }
  });

  it('S7: "Most urgent first" walks its own index and stops after a page: no sort of the whole cache per query', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id FROM order_lines INDEXED BY order_lines_urgency ORDER BY urgency_key ASC, id ASC LIMIT 50',
      )
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('order_lines_urgency');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('S7/S5a: days, appeal possible and the refund request come through the list rows', () => {
    const [row] = runOrderQuery(db, orderQuery.parse({ orderNo: 'SELLER12DAYS' }), ctx).rows;
    expect(urgencyOf(row, NOW, 5)).toMatchObject({
      waitingOn: 'seller',
      days: 12,
      overdue: true,
      appeal: 'silence',
      action: 'request',
    });
    const [refund] = runOrderQuery(db, orderQuery.parse({ orderNo: 'REFUND2DAYS' }), ctx).rows;
    expect(refund.unsubPending).toBe(true);
    expect(urgencyOf(refund, NOW, 5)).toMatchObject({ waitingOn: 'seller', action: 'refund_request', appeal: null });
    const [frozen] = runOrderQuery(db, orderQuery.parse({ orderNo: 'APPEALOLD' }), ctx).rows;
    expect(urgencyOf(frozen, NOW, 5)).toMatchObject({ waitingOn: 'marketplace', appeal: null, action: null });
  });

  it('S5/S7: "Waiting > 5 days" takes lines on either side, and the threshold counts UTC+8 days', () => {
    expect(new Set(ids(db, { quick: 'waiting_long' }))).toEqual(
      new Set(['SELLER12DAYS', 'SELLER9DAYS', 'CUSTOMER9DAYS', 'APPEALOLD']),
    );
    // 9 days is not more than 9; 12 is.
    expect(
      runOrderQuery(db, orderQuery.parse({ quick: 'waiting_long' }), { now: NOW, waitingThresholdDays: 9 })
        .rows.map((r) => r.orderId)
        .sort(),
    ).toEqual(['APPEALOLD', 'SELLER12DAYS']);
  });

  it('S7: 3 rejections make an appeal possible on a fresh line (counts stored with the row)', () => {
    const d = fill([lineAt('REJECTED3', 'request_returned', NOW - DAY_MS, { requestRejections: 3 })]);
    const [row] = runOrderQuery(d, orderQuery.parse({}), ctx).rows;
    expect(row.requestRejections).toBe(3);
    expect(urgencyOf(row, NOW, 5)).toMatchObject({
      days: 1,
      overdue: false,
      appeal: 'rejections',
      waitingOn: 'customer',
    });
    expect(getOrderLine(d, row.orderLineId)?.requestRejections).toBe(3);
  });
});

describe('O3: amounts sort within their currency', () => {
  const db = fill([
    makeLine({ orderId: 'CNY900', amount: '900.00', currency: 'CNY', createTime: '2025-05-01T00:00:00.000Z' }),
    makeLine({ orderId: 'USD100', amount: '100.00', currency: 'USD', createTime: '2025-05-01T01:00:00.000Z' }),
    makeLine({ orderId: 'CNY50', amount: '50.00', currency: 'CNY', createTime: '2025-05-01T02:00:00.000Z' }),
    makeLine({ orderId: 'USD2000', amount: '2000.00', currency: 'USD', createTime: '2025-05-01T03:00:00.000Z' }),
  ]);

  it('O3: grouped by currency, then by amount, in both directions — never one raw number across CNY and USD', () => {
    for (const plan of [undefined, 'walk'] as const) {
      const q = (dir: 'asc' | 'desc') =>
        runOrderQuery(db, orderQuery.parse({ sort: { field: 'amount', dir } }), ctx, { plan }).rows.map(
          (r) => r.orderId,
        );
      expect(q('asc')).toEqual(['CNY50', 'CNY900', 'USD100', 'USD2000']);
      expect(q('desc')).toEqual(['USD2000', 'USD100', 'CNY900', 'CNY50']);
    }
  });
});

describe('migration 0100 on a populated database', () => {
  it('0100: rejection counts are filled from the raw JSON kept beside each line, and the urgency key is indexed', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 100),
    );
    const line = lineAt('OLDREJECTED', 'delivery_returned', cst(2025, 6, 1), {
      requestRejections: 1,
      deliveryRejections: 3,
    });
    const placed = Date.parse(line.createTime);
    db.prepare(
      `INSERT INTO order_lines (id, order_line_id, order_id, order_type, status, charging_mode, stage, process, appeal_open, unsub_pending,
         product_id, product_name, customer_id, customer_name, amount_minor, currency, placed_at, stage_since, template_version, version, updated_at, imported)
       VALUES (?, ?, ?, 'NEW', 'PROCESSING', 'PERIOD', 'delivery_returned', 'REQUEST_FIRST', 0, 0, 'P', 'Data Migration', 'C', '张伟', 100, 'CNY', ?, ?, 3, 1, ?, 0)`,
    ).run(placed * 1024, line.orderLineId, line.orderId, placed, cst(2025, 6, 1), placed);
    db.prepare('INSERT INTO order_line_raw (id, raw_json) VALUES (?, ?)').run(placed * 1024, JSON.stringify(line));
    migrate(db, MIGRATIONS);
    const row = db
      .prepare<[], { request_rejections: number; delivery_rejections: number; urgency_key: number }>(
        'SELECT request_rejections, delivery_rejections, urgency_key FROM order_lines',
      )
      .get();
    expect(row).toEqual({
      request_rejections: 1,
      delivery_rejections: 3,
      urgency_key: urgencySortKey({
        stage: 'delivery_returned',
        stageSince: cst(2025, 6, 1),
        appealOpen: false,
        unsubPending: false,
      }),
    });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'order_lines_urgency'").pluck().get()).toBe(1);
    db.close();
  });
});
