// O1 search under a filter: migration 0120 (the customer index carries the filter columns) on a populated database,
// the customer part of a search gathered inside that index, and the name-counter totals for many names.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { orderQuery, type OrderQuery } from '../../common/api/contract';
import type { Stage } from '../../common/marketplace/wire';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { openDatabase } from '../db/connection';
import { customerIndexConds } from './order-filters';
import { upsertOrderLines } from './order-lines';
import { runOrderQuery } from './order-query';
import { resolveTerm, termSet } from './order-search';
import { makeLine } from './testing/order-line-fixture';

const ctx = { now: Date.UTC(2025, 6, 1), waitingThresholdDays: 5 };
const STAGES: Stage[] = [
  'awaiting_request',
  'request_pending',
  'awaiting_delivery',
  'awaiting_acceptance',
  'completed',
];

/** 80 customers named …科技… (more than the name counters look up one by one), spread over stages and flags. */
function lines() {
  return Array.from({ length: 240 }, (_, i) =>
    makeLine({
      orderId: `CS2504${String(100000 + i).slice(1)}ABCDE`.slice(0, 17),
      createTime: new Date(Date.UTC(2025, 3, 1) + i * 60_000).toISOString(),
      customerName: i % 3 === 0 ? `Contoso ${i % 7}` : `杭州${i % 80}科技有限公司`,
      stage: STAGES[i % STAGES.length],
      status: STAGES[i % STAGES.length] === 'completed' ? 'COMPLETED' : 'PROCESSING',
      appealOpen: i % 11 === 0 && STAGES[i % STAGES.length] !== 'completed',
      unsubscriptionPending: i % 13 === 0 && STAGES[i % STAGES.length] !== 'completed',
    }),
  );
}

describe('migration 0120 on a populated database', () => {
  it('0120: the customer index keeps its name columns first and gains the filter columns; searches answer the same', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 120),
    );
    upsertOrderLines(db, lines());
    const q = orderQuery.parse({ text: 'Contoso', stage: ['request_pending'], limit: 500 });
    const before = runOrderQuery(db, q, ctx);
    migrate(db, MIGRATIONS);
    const columns = db
      .prepare<[], string>("SELECT name FROM pragma_index_info('order_lines_customer') ORDER BY seqno")
      .pluck()
      .all();
    expect(columns).toEqual([
      'customer_name',
      'product_name',
      'stage_rank',
      'status_rank',
      'appeal_open',
      'unsub_pending',
    ]);
    const after = runOrderQuery(db, q, ctx);
    expect(after).toEqual(before);
    expect(after.total).toBe(
      lines().filter((l) => l.customer.customerName.startsWith('Contoso') && l.supervision?.stage === 'request_pending')
        .length,
    );
    db.close();
  });
});

describe('a customer term under a filter (O1, S3, S5a)', () => {
  const db = openDatabase(':memory:');
  upsertOrderLines(db, lines());
  const count = (where: string): number =>
    db.prepare<[], number>(`SELECT count(*) FROM order_lines WHERE ${where}`).pluck().get() ?? 0;
  const total = (q: OrderQuery): number => runOrderQuery(db, orderQuery.parse({ ...q, exactTotal: true }), ctx).total;

  it('the customer lines passing stage, status and quick filters are found in the index alone, never in the table', () => {
    const q = orderQuery.parse({
      text: 'Contoso',
      stage: ['request_pending', 'awaiting_delivery'],
      status: ['PROCESSING'],
      quick: 'needs_action',
    });
    const set = termSet(resolveTerm(db, { text: 'Contoso', scope: 'any' }), customerIndexConds(q, ctx).conds);
    if (!set) throw new Error('a customer term is always gatherable');
    const plan = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${set.sql}`)
      .all(...set.params)
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toContain('INDEX order_lines_customer (customer_name=?)');
    // The planner says "USING INDEX" (stage_rank is a generated column), but the program reads every column it tests
    // from the index: the table's cursor is opened, its row sought lazily (DeferredSeek) and never read.
    const program = db
      .prepare<unknown[], { opcode: string; p1: number; p2: number; p4: unknown }>(`EXPLAIN ${set.sql}`)
      .all(...set.params);
    const root = db.prepare<[], number>("SELECT rootpage FROM sqlite_master WHERE name = 'order_lines'").pluck().get();
    const table = new Set(program.filter((op) => op.opcode === 'OpenRead' && op.p2 === root).map((op) => op.p1));
    expect(table.size).toBe(1);
    expect(
      program.filter((op) => ['Column', 'Rowid', 'SeekRowid', 'NotExists'].includes(op.opcode) && table.has(op.p1)),
    ).toEqual([]);
  });

  it('totals over many matching customers (科技: 80 names) and few (Contoso: 7) agree with a plain count, for every filter', () => {
    const keji = "customer_name LIKE '%科技%'";
    const contoso = "customer_name LIKE '%Contoso%'";
    for (const [text, like] of [
      ['科技', keji],
      ['Contoso', contoso],
    ] as const) {
      expect(total({ text, quick: 'appeal_open' })).toBe(count(`${like} AND appeal_open = 1`));
      expect(total({ text, stage: ['request_pending', 'completed'] })).toBe(
        count(`${like} AND stage IN ('request_pending', 'completed')`),
      );
      expect(total({ text, status: ['COMPLETED'] })).toBe(count(`${like} AND status = 'COMPLETED'`));
      expect(total({ text, quick: 'needs_action' })).toBe(
        count(
          `${like} AND appeal_open = 0 AND (stage IN ('request_pending', 'awaiting_delivery', 'delivery_returned')
             OR (unsub_pending = 1 AND stage IN ('awaiting_request', 'request_pending', 'request_returned', 'awaiting_delivery', 'delivery_returned', 'awaiting_acceptance')))`,
        ),
      );
    }
    expect(count(`${keji} AND appeal_open = 1`)).toBeGreaterThan(0);
  });
});
