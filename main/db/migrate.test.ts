import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { migrate, NewerDatabaseError, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { countOrderLines, getOrderLine, listOrderLines, upsertOrderLines } from '../orders/order-lines';
import { getCursor, setCursor } from '../sync/sync-state';
import { makeLine } from '../orders/testing/order-line-fixture';
import { orderQuery } from '../../common/api/contract';

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));
const ctx = { now: Date.parse('2025-05-01T00:00:00Z'), waitingThresholdDays: 5 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-migrate-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Inserts a line with the columns of 0010 only, as an app of that schema version would have. */
function insertAt0010(db: Database.Database, id: string, product: string): void {
  const line = makeLine({ orderId: id, productName: product });
  const placed = Date.parse(line.createTime);
  const rowId = placed * 1024 + (db.prepare('SELECT count(*) FROM order_lines').pluck().get() as number);
  db.prepare(
    `INSERT INTO order_lines (id, order_line_id, order_id, order_type, status, charging_mode, stage, process, appeal_open, unsub_pending,
       product_id, product_name, customer_id, customer_name, amount_minor, currency, placed_at, stage_since, template_version,
       version, updated_at, imported)
     VALUES (?, ?, ?, 'NEW', 'PROCESSING', 'PERIOD', 'request_pending', 'REQUEST_FIRST', 0, 0, 'P', ?, 'C', '张伟', 120000, 'CNY', ?, ?, 3, 1, ?, 0)`,
  ).run(rowId, line.orderLineId, id, product, placed, placed, Date.parse(line.updateTime));
  db.prepare('INSERT INTO order_line_raw (id, raw_json) VALUES (?, ?)').run(rowId, JSON.stringify(line));
}

describe('migrations', () => {
  it('versions are unique, in steps of 10, and named NNNN-what', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    for (const m of MIGRATIONS) {
      expect(m.version % 10).toBe(0);
      expect(m.name).toMatch(new RegExp(`^${String(m.version).padStart(4, '0')}-[a-z0-9-]+$`));
    }
  });

  it('an empty database migrates to the latest version, in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(dir, 'a.db'));
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(countOrderLines(db)).toBe(0);
    db.close();
  });

  it('a populated database at 0010 migrates forward keeping its lines, counters and search index', () => {
    const file = join(dir, 'b.db');
    const raw = new Database(file);
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    expect(schemaVersion(raw)).toBe(10);
    insertAt0010(raw, 'CS2504011200AAAAA', '数据迁移专业服务');
    insertAt0010(raw, 'CS2504011200BBBBB', 'License Audit 许可审计');
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(countOrderLines(db)).toBe(2);
    expect(getOrderLine(db, 'CS2504011200AAAAA-000001')?.productName).toBe('数据迁移专业服务');
    const page = listOrderLines(db, orderQuery.parse({ text: '迁移' }), ctx);
    expect(page.rows.map((r) => r.orderId)).toEqual(['CS2504011200AAAAA']);
    expect(listOrderLines(db, orderQuery.parse({ text: 'audit' }), ctx).total).toBe(1);
    setCursor(db, 'order-lines', 'c1', 1);
    expect(getCursor(db, 'order-lines')).toBe('c1');
    upsertOrderLines(db, [makeLine({ orderId: 'CS2504011200CCCCC' })]);
    expect(countOrderLines(db)).toBe(3);
    db.close();
  });

  it('each migration applies to a database populated at the version before it', () => {
    for (const m of MIGRATIONS) {
      if (m.version <= 10) continue;
      const db = new Database(':memory:');
      migrate(
        db,
        MIGRATIONS.filter((x) => x.version < m.version),
      );
      insertAt0010(db, `CS2504011200X${m.version}`, 'Data Migration');
      migrate(db, MIGRATIONS);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(db.prepare('SELECT count(*) FROM order_lines').pluck().get()).toBe(1);
      db.close();
    }
  });

  it('a database from a newer app version is refused without writing to it', () => {
    const file = join(dir, 'newer.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST + 10}`);
    raw.close();
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;

    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('a rollback-journal database from a newer version is refused before switching it to WAL', () => {
    const file = join(dir, 'newer-delete.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE t (x)');
    raw.pragma(`user_version = ${LATEST + 1}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer Seller Desk/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
