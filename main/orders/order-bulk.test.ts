import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderQuery } from '../../common/api/contract';
import { STAGES } from '../../common/marketplace/wire';
import { openDatabase, type Db } from '../db/connection';
import { beginBulkLoad, bulkLoadOrderLines, finishBulkLoad } from './order-bulk';
import { lineToColumns } from './order-line-row';
import { FtsBatch, writeLine } from './order-line-write';
import { STAGE_RANK, STATUS_RANK } from './order-filters';
import { countOrderLines, getOrderLine, listOrderLines, upsertOrderLines } from './order-lines';
import { makeLine } from './testing/order-line-fixture';

const ctx = { now: Date.parse('2025-05-01T00:00:00Z'), waitingThresholdDays: 5 };
const names = ['数据迁移专业服务', '安全审计咨询', 'Kubernetes Cluster Setup'];
const spec = (i: number) => ({
  orderId: `CS2504${String(i).padStart(6, '0')}BULK`,
  productName: names[i % 3],
  customerName: i % 2 ? '张伟' : 'Contoso Pharmaceuticals',
  stage: STAGES[i % STAGES.length],
  createTime: new Date(Date.parse('2025-04-01T00:00:00Z') + i * 60_000).toISOString(),
  version: 1,
});

/** Everything the triggers and the repository keep beside order_lines. */
function derived(db: Db) {
  return {
    products: db.prepare('SELECT name, lines FROM order_product_names WHERE lines > 0 ORDER BY name').all(),
    customers: db.prepare('SELECT name, lines FROM order_customer_names WHERE lines > 0 ORDER BY name').all(),
    counts: db
      .prepare(
        'SELECT status, stage, appeal_open, unsub_pending, lines FROM order_line_counts WHERE lines > 0 ORDER BY 1, 2, 3, 4',
      )
      .all(),
    names: db
      .prepare('SELECT kind, stage, status, name, lines FROM order_name_counts WHERE lines > 0 ORDER BY 1, 2, 3, 4')
      .all(),
    fts: db.prepare('SELECT count(*) FROM order_lines_fts WHERE order_lines_fts MATCH \'"BULK"\'').pluck().get(),
    fts2: db.prepare('SELECT count(*) FROM order_lines_fts2 WHERE order_lines_fts2 MATCH \'"BBU"\'').pluck().get(),
    indexes: db
      .prepare("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'order_lines' AND type IN ('index', 'trigger')")
      .pluck()
      .get() as number,
  };
}

function bulkInsertWithoutFinish(db: Db, lines: ReturnType<typeof makeLine>[]): void {
  db.transaction(() => {
    const fts = new FtsBatch();
    lines.forEach((l) => writeLine(db, lineToColumns(l, false), fts));
    fts.flush(db);
  })();
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-bulk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bulkLoadOrderLines', () => {
  it('leaves the same indexes, counters, name tables and search index as upsertOrderLines', () => {
    const lines = Array.from({ length: 120 }, (_, i) => makeLine(spec(i)));
    const a = openDatabase(join(dir, 'a.db'));
    upsertOrderLines(a, lines);
    const b = openDatabase(join(dir, 'b.db'));
    upsertOrderLines(b, lines.slice(0, 10)); // a non-empty cache, with lines the load will see again
    expect(bulkLoadOrderLines(b, lines, 25)).toEqual({ loaded: 120 });
    expect(derived(b)).toEqual(derived(a));
    expect(countOrderLines(b)).toBe(120);
    const q = orderQuery.parse({ text: '迁移', stage: ['awaiting_request'] });
    expect(listOrderLines(b, q, ctx)).toEqual(listOrderLines(a, q, ctx));
    a.close();
    b.close();
  });

  it('counts unsupervised, appealed and unsubscribing lines per status, stage and name like the triggers do', () => {
    // The counters are rebuilt from two passes over the lines (per product, per customer) and summed from there.
    const statuses = ['PROCESSING', 'COMPLETED', 'CANCELED', 'PENDING_PAYMENT'] as const;
    const lines = Array.from({ length: 90 }, (_, i) =>
      makeLine({
        ...spec(i),
        stage: i % 4 === 0 ? null : STAGES[i % STAGES.length],
        status: statuses[i % statuses.length],
        appealOpen: i % 3 === 0,
        unsubscriptionPending: i % 5 === 0,
        customerName: ['张伟', 'Contoso Pharmaceuticals', '李娜', 'Northwind Traders'][i % 4],
      }),
    );
    const a = openDatabase(join(dir, 'rows.db'));
    upsertOrderLines(a, lines);
    const b = openDatabase(join(dir, 'bulk.db'));
    bulkLoadOrderLines(b, lines, 40);
    expect(derived(b)).toEqual(derived(a));
    // Names are numbered in name order, so the name search tables see the same rows either way.
    const ids = (db: Db) => db.prepare('SELECT id, name FROM order_customer_names ORDER BY id').all();
    expect(ids(b).map((r) => (r as { name: string }).name)).toEqual([
      'Contoso Pharmaceuticals',
      'Northwind Traders',
      '张伟',
      '李娜',
    ]);
    expect(ids(b)).toHaveLength(4);
    a.close();
    b.close();
  });

  it('gives the order-No. tables their default write buffer back after building them', () => {
    const db = openDatabase(join(dir, 'hash.db'));
    bulkLoadOrderLines(
      db,
      Array.from({ length: 20 }, (_, i) => makeLine(spec(i))),
    );
    for (const t of ['order_lines_fts', 'order_lines_fts2'])
      expect(db.prepare(`SELECT v FROM ${t}_config WHERE k = 'hashsize'`).pluck().get()).toBe(1_048_576);
    // Row-by-row writes after the load still reach both tables.
    upsertOrderLines(db, [makeLine({ ...spec(500), orderId: 'CS2505019999ZZZZZ' })]);
    expect(
      db.prepare(`SELECT count(*) FROM order_lines_fts WHERE order_lines_fts MATCH '"9999ZZZ"'`).pluck().get(),
    ).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM order_lines_fts2 WHERE order_lines_fts2 MATCH '"ZZZ"'`).pluck().get()).toBe(
      1,
    );
    db.close();
  });

  it('keeps the highest version, like the feed', () => {
    const db = openDatabase(join(dir, 'v.db'));
    bulkLoadOrderLines(db, [
      makeLine({ ...spec(1), version: 3, amount: '3.00' }),
      makeLine({ ...spec(1), version: 2, amount: '2.00' }),
    ]);
    expect(getOrderLine(db, `${spec(1).orderId}-000001`)?.amountMinor).toBe(300);
    db.close();
  });

  it('a load interrupted by a crash is finished when the database is opened again', () => {
    const file = join(dir, 'crash.db');
    const db = openDatabase(file);
    const before = derived(db).indexes;
    beginBulkLoad(db); // what a crash mid-load leaves: indexes and triggers dropped, lines partly in
    expect(derived(db).indexes).toBeLessThan(before);
    bulkInsertWithoutFinish(
      db,
      Array.from({ length: 30 }, (_, i) => makeLine(spec(i))),
    );
    db.close();
    const again = openDatabase(file);
    expect(derived(again).indexes).toBe(before);
    expect(countOrderLines(again)).toBe(30);
    expect(listOrderLines(again, orderQuery.parse({ text: 'Contoso' }), ctx).total).toBe(15);
    expect(finishBulkLoad(again)).toBe(false);
    again.close();
  });
});

describe('rank columns', () => {
  it('S2/O2a: the stage_rank and status_rank columns agree with STAGE_RANK and STATUS_RANK', () => {
    const db = openDatabase(':memory:');
    upsertOrderLines(db, [
      ...STAGES.map((stage, i) => makeLine({ orderId: `RANK${i}000000`, stage })),
      makeLine({ orderId: 'RANKX000000', stage: null, status: 'CANCELED' }),
      makeLine({ orderId: 'RANKY000000', status: 'PENDING_PAYMENT' }),
      makeLine({ orderId: 'RANKZ000000', status: 'COMPLETED' }),
    ]);
    for (const r of db
      .prepare<
        [],
        {
          stage: keyof typeof STAGE_RANK | null;
          stage_rank: number;
          status: keyof typeof STATUS_RANK;
          status_rank: number;
        }
      >('SELECT stage, stage_rank, status, status_rank FROM order_lines')
      .all()) {
      expect(r.stage_rank).toBe(r.stage ? STAGE_RANK[r.stage] : 99);
      expect(r.status_rank).toBe(STATUS_RANK[r.status]);
    }
    db.close();
  });
});
