import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderQuery } from '../../common/api/contract';
import { STAGES } from '../../common/marketplace/wire';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { beginBulkLoad } from './order-bulk';
import { finishStagedSync, stageOrderLines, stagesFirstSync } from './order-incoming';
import { stagedLineOf } from './staged-line';
import { countOrderLines, getOrderLine, listOrderLines, upsertOrderLines } from './order-lines';
import { makeLine } from './testing/order-line-fixture';

const ctx = { now: Date.parse('2025-05-01T00:00:00Z'), waitingThresholdDays: 5 };
const names = ['数据迁移专业服务', '安全审计咨询', 'Kubernetes Cluster Setup'];
const spec = (i: number, version = 1) => ({
  orderId: `CS2504${String(i).padStart(6, '0')}STAG`,
  productName: names[i % 3],
  customerName: i % 2 ? '张伟' : 'Contoso Pharmaceuticals',
  stage: STAGES[i % STAGES.length],
  // Several lines in one millisecond: ids by slot, in arrival order, as the row-by-row path gives them.
  createTime: new Date(Date.parse('2025-04-01T00:00:00Z') + Math.floor(i / 3) * 60_000).toISOString(),
  version,
});

/**
 * What a reader sees: every stored column and the raw JSON by id, the counters, name tables and both trigram tables.
 */
function snapshot(db: Db) {
  return {
    rows: db
      .prepare('SELECT l.*, r.raw_json FROM order_lines l JOIN order_line_raw r ON r.id = l.id ORDER BY l.id')
      .all(),
    products: db.prepare('SELECT name, lines FROM order_product_names WHERE lines > 0 ORDER BY name').all(),
    counts: db
      .prepare(
        'SELECT status, stage, appeal_open, unsub_pending, lines FROM order_line_counts WHERE lines > 0 ORDER BY 1, 2, 3, 4',
      )
      .all(),
    names: db
      .prepare('SELECT kind, stage, status, name, lines FROM order_name_counts WHERE lines > 0 ORDER BY 1, 2, 3, 4')
      .all(),
    fts: db
      .prepare('SELECT rowid FROM order_lines_fts WHERE order_lines_fts MATCH \'"0007STA"\' ORDER BY rowid')
      .pluck()
      .all(),
    fts2: db.prepare('SELECT count(*) FROM order_lines_fts2 WHERE order_lines_fts2 MATCH \'"SST"\'').pluck().get(),
    schema: db
      .prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'order_lines' AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all(),
    staged: db.prepare('SELECT count(*) FROM order_lines_incoming').pluck().get(),
  };
}

const stage = (db: Db, lines: ReturnType<typeof makeLine>[]) =>
  stageOrderLines(
    db,
    lines.map((line) => stagedLineOf({ line, rawJson: JSON.stringify(line) })),
  );

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-incoming-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a first sync staged and moved in at the end', () => {
  it('leaves exactly what row-by-row writing leaves: rows and ids, counters, name tables, trigram tables, indexes', () => {
    const lines = Array.from({ length: 90 }, (_, i) => makeLine(spec(i)));
    const a = openDatabase(join(dir, 'a.db'));
    for (let p = 0; p < 90; p += 30) upsertOrderLines(a, lines.slice(p, p + 30));
    const b = openDatabase(join(dir, 'b.db'));
    expect(stagesFirstSync(b)).toBe(true);
    for (let p = 0; p < 90; p += 30) stage(b, lines.slice(p, p + 30));
    expect(countOrderLines(b)).toBe(0); // nothing reaches order_lines (or its readers) before the move
    expect(finishStagedSync(b)).toBe(90);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(snapshot(b).fts.length).toBeGreaterThan(0);
    expect(stagesFirstSync(b)).toBe(false); // the next run writes row by row
    a.close();
    b.close();
  });

  it('a line that comes back placed at another time leaves the ids row-by-row writing leaves (its old slot free)', () => {
    const lines = Array.from({ length: 12 }, (_, i) => makeLine(spec(i)));
    // Line 1 shares its millisecond with lines 0 and 2; it comes back later with a new placement time.
    const moved = makeLine({ ...spec(1, 2), createTime: '2025-04-02T00:00:00.000Z' });
    const a = openDatabase(join(dir, 'a.db'));
    upsertOrderLines(a, lines);
    upsertOrderLines(a, [moved, makeLine(spec(12))]);
    const b = openDatabase(join(dir, 'b.db'));
    stage(b, lines);
    stage(b, [moved, makeLine(spec(12))]);
    expect(finishStagedSync(b)).toBe(13);
    expect(snapshot(b)).toEqual(snapshot(a));
    a.close();
    b.close();
  });

  it('keeps the highest version of a line that comes back within the first sync; an older one is skipped', () => {
    const db = openDatabase(join(dir, 'v.db'));
    expect(stage(db, [makeLine(spec(1, 2)), makeLine(spec(2, 1))])).toEqual({ staged: 2, skippedOlder: 0 });
    expect(
      stage(db, [makeLine({ ...spec(1, 1), productName: 'older' }), makeLine({ ...spec(2, 3), productName: 'newer' })]),
    ).toEqual({ staged: 1, skippedOlder: 1 });
    finishStagedSync(db);
    expect(getOrderLine(db, makeLine(spec(1)).orderLineId)?.version).toBe(2);
    expect(getOrderLine(db, makeLine(spec(2)).orderLineId)?.productName).toBe('newer');
    expect(listOrderLines(db, orderQuery.parse({ text: 'newer' }), ctx).total).toBe(1);
    db.close();
  });

  it('a line imported while the first sync runs is replaced by the feed line, row by row, with counters kept', () => {
    const db = openDatabase(join(dir, 'i.db'));
    stage(db, [makeLine(spec(1)), makeLine(spec(2))]);
    upsertOrderLines(db, [makeLine({ ...spec(2, 9), productName: 'imported copy' })], { imported: true });
    expect(finishStagedSync(db)).toBe(2);
    expect(countOrderLines(db)).toBe(2);
    const line = getOrderLine(db, makeLine(spec(2)).orderLineId);
    expect(line?.imported).toBe(false);
    expect(line?.productName).toBe(names[2]);
    expect(snapshot(db).staged).toBe(0);
    db.close();
  });

  it('a crash after some pages leaves a usable cache: the next open moves the received lines in and rebuilds everything', () => {
    const lines = Array.from({ length: 40 }, (_, i) => makeLine(spec(i)));
    const ref = openDatabase(join(dir, 'ref.db'));
    upsertOrderLines(ref, lines);
    const file = join(dir, 'crash.db');
    const db = openDatabase(file);
    stage(db, lines);
    db.close(); // the process died before the feed was done
    const again = openDatabase(file);
    expect(snapshot(again)).toEqual(snapshot(ref));
    again.close();
    ref.close();
  });

  it('migration 0140: lines a first sync staged before it (keyed by their id) are carried over and moved in', () => {
    const lines = Array.from({ length: 40 }, (_, i) => makeLine(spec(i)));
    const ref = openDatabase(join(dir, 'ref.db'));
    upsertOrderLines(ref, lines);
    const file = join(dir, 'old.db');
    // A database as the app at schema 130 left it: the process died with 40 lines staged in the old table.
    const old = new Database(file);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 130),
    );
    const insert = old.prepare(
      'INSERT INTO order_lines_incoming (id, order_line_id, version, placed_at, cols, raw_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const b = openDatabase(join(dir, 'b.db'));
    stage(b, lines);
    const staged = b
      .prepare<
        [],
        { id: number; order_line_id: string; version: number; placed_at: number; cols: string; raw_json: string }
      >('SELECT id, order_line_id, version, placed_at, cols, raw_json FROM order_lines_incoming ORDER BY seq DESC')
      .all();
    for (const r of staged) insert.run(r.id, r.order_line_id, r.version, r.placed_at, r.cols, r.raw_json);
    b.close();
    old.close();
    const again = openDatabase(file);
    expect(snapshot(again)).toEqual(snapshot(ref));
    again.close();
    ref.close();
  });

  it('a crash during the move (indexes already dropped, move not committed) is finished at the next open', () => {
    const lines = Array.from({ length: 40 }, (_, i) => makeLine(spec(i)));
    const ref = openDatabase(join(dir, 'ref.db'));
    upsertOrderLines(ref, lines);
    const file = join(dir, 'crash2.db');
    const db = openDatabase(file);
    stage(db, lines);
    beginBulkLoad(db); // the move's first step committed, then the process died
    expect(snapshot(db).schema.length).toBeLessThan(snapshot(ref).schema.length);
    db.close();
    const again = openDatabase(file);
    expect(snapshot(again)).toEqual(snapshot(ref));
    again.close();
    ref.close();
  });
});
