// STYLE.md "The database": every migration has a test that migrates a populated database. These are the steps no
// domain test covers on its own: 0020 (sync state), 0040 (outbox) and 0050 (attachments), each from a database at
// the version before it, filled with plain SQL of that version (today's repositories write today's columns).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';

const T0 = Date.parse('2025-05-01T00:00:00Z');
const open: Database.Database[] = [];

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A database migrated up to and including `version`, foreign keys on as the app opens it. */
function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  expect(schemaVersion(db)).toBe(version);
  return db;
}

function migrateTo(db: Database.Database, version: number): void {
  const before = schemaVersion(db);
  expect(
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= version),
    ),
  ).toEqual({ from: before, to: version });
}

/** An order line with the columns of 0010 (its triggers keep the counters and the search index). */
function insertLine(db: Database.Database, n: number, stage: string): string {
  const orderLineId = `CS2505010000${String(n).padStart(5, '0')}-000001`;
  const rowId = T0 * 1024 + n;
  db.prepare(
    `INSERT INTO order_lines (id, order_line_id, order_id, order_type, status, charging_mode, stage, process, appeal_open, unsub_pending,
       product_id, product_name, customer_id, customer_name, amount_minor, currency, placed_at, stage_since, template_version,
       version, updated_at, imported)
     VALUES (?, ?, ?, 'NEW', 'PROCESSING', 'PERIOD', ?, 'REQUEST_FIRST', 0, 0, 'P-1', '数据迁移专业服务', 'C-1', '张伟', 120000, 'CNY', ?, ?, 3, 2, ?, 0)`,
  ).run(rowId, orderLineId, orderLineId.slice(0, 17), stage, T0, T0, T0 + n);
  db.prepare('INSERT INTO order_line_raw (id, raw_json) VALUES (?, ?)').run(rowId, JSON.stringify({ orderLineId }));
  return orderLineId;
}

function lines(
  db: Database.Database,
): Array<{ order_line_id: string; stage: string; amount_minor: number; customer_name: string }> {
  return db
    .prepare<[], { order_line_id: string; stage: string; amount_minor: number; customer_name: string }>(
      'SELECT order_line_id, stage, amount_minor, customer_name FROM order_lines ORDER BY order_line_id',
    )
    .all();
}

function tables(db: Database.Database): string[] {
  return db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
}

function count(db: Database.Database, table: string): number {
  return db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? -1;
}

describe('migration 0020-sync-state', () => {
  it('a database at 0010 with order lines keeps them; the cursor, settings and reject tables start empty', () => {
    const db = databaseAt(10);
    const a = insertLine(db, 1, 'request_pending');
    const b = insertLine(db, 2, 'awaiting_delivery');
    const before = lines(db);

    migrateTo(db, 20);

    expect(lines(db)).toEqual(before);
    expect(before.map((l) => l.order_line_id)).toEqual([a, b]);
    expect(tables(db)).toEqual(expect.arrayContaining(['sync_cursors', 'settings', 'sync_rejects']));
    expect([count(db, 'sync_cursors'), count(db, 'settings'), count(db, 'sync_rejects')]).toEqual([0, 0, 0]);
    // Settings values are JSON text (the app parses them in one place); anything else is refused by the schema.
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('syncIntervalMinutes', '15');
    expect(() => db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('broken', '{not json')).toThrow(
      /CHECK/,
    );
    db.prepare('INSERT INTO sync_cursors (feed, cursor, updated_at) VALUES (?, ?, ?)').run('order-lines', 'c1', T0);
    expect(db.prepare('SELECT cursor FROM sync_cursors WHERE feed = ?').pluck().get('order-lines')).toBe('c1');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('migration 0040-outbox', () => {
  it('a database at 0030 with lines, a cursor, a setting and a template keeps them; the outbox starts empty with its defaults', () => {
    const db = databaseAt(30);
    const a = insertLine(db, 1, 'request_pending');
    db.prepare('INSERT INTO sync_cursors (feed, cursor, updated_at) VALUES (?, ?, ?)').run('order-lines', 'c7', T0);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"zh-CN"');
    db.prepare(
      'INSERT INTO delivery_templates (product_id, template_version, etag, items_json, raw_json, fetched_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('P-1', 3, '"e3"', '[]', '{}', T0);
    const before = lines(db);

    migrateTo(db, 40);

    expect(lines(db)).toEqual(before);
    expect(db.prepare('SELECT cursor FROM sync_cursors WHERE feed = ?').pluck().get('order-lines')).toBe('c7');
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('language')).toBe('"zh-CN"');
    expect(count(db, 'delivery_templates')).toBe(1);
    expect([count(db, 'outbox'), count(db, 'outbox_log'), count(db, 'outbox_pending')]).toEqual([0, 0, 0]);

    // Defaults of the new tables: no attempts yet, no appeal opened.
    db.prepare(
      `INSERT INTO outbox (id, seq, order_line_id, kind, payload_json, idempotency_key, state, next_attempt_at, created_at, updated_at)
       VALUES ('o1', 1, ?, 'request.accept', '{}', 'k1', 'queued', ?, ?, ?)`,
    ).run(a, T0, T0, T0);
    db.prepare(
      "INSERT INTO outbox_pending (outbox_id, order_line_id, kind, expected_stage, created_at) VALUES ('o1', ?, 'request.accept', 'awaiting_delivery', ?)",
    ).run(a, T0);
    expect(db.prepare("SELECT attempts, request_json, discarded_at FROM outbox WHERE id = 'o1'").get()).toEqual({
      attempts: 0,
      request_json: null,
      discarded_at: null,
    });
    expect(db.prepare("SELECT opens_appeal FROM outbox_pending WHERE outbox_id = 'o1'").pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('migration 0050-attachments', () => {
  it('a database at 0040 with queued and answered actions keeps them and their log; attachments and uploads start empty', () => {
    const db = databaseAt(40);
    const a = insertLine(db, 1, 'request_pending');
    const b = insertLine(db, 2, 'awaiting_delivery');
    const insert = db.prepare(
      `INSERT INTO outbox (id, seq, order_line_id, kind, payload_json, idempotency_key, request_json, state, attempts, last_error_json,
         next_attempt_at, created_at, updated_at, acked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('o1', 1, a, 'request.accept', '{}', 'k1', null, 'queued', 0, null, T0, T0, T0, null);
    insert.run(
      'o2',
      2,
      b,
      'request.reject',
      '{"reason":"不符合"}',
      'k2',
      '{"reason":"不符合"}',
      'acked',
      1,
      null,
      T0,
      T0,
      T0 + 5,
      T0 + 5,
    );
    db.prepare(
      "INSERT INTO outbox_pending (outbox_id, order_line_id, kind, expected_stage, opens_appeal, created_at) VALUES ('o1', ?, 'request.accept', 'awaiting_delivery', 0, ?)",
    ).run(a, T0);
    db.prepare("INSERT INTO outbox_log (outbox_id, at, event, detail_json) VALUES ('o2', ?, 'acked', NULL)").run(
      T0 + 5,
    );
    const outboxBefore = db.prepare('SELECT * FROM outbox ORDER BY seq').all();
    const before = lines(db);

    migrateTo(db, 50);

    expect(lines(db)).toEqual(before);
    expect(db.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(outboxBefore);
    expect(db.prepare('SELECT outbox_id FROM outbox_pending').pluck().all()).toEqual(['o1']);
    expect(db.prepare('SELECT event FROM outbox_log').pluck().all()).toEqual(['acked']);
    expect([count(db, 'attachments'), count(db, 'uploads')]).toEqual([0, 0]);

    // Defaults of the new tables: an upload starts at offset 0 with no restarts.
    const sha = 'a'.repeat(64);
    db.prepare(
      'INSERT INTO attachments (sha256, size, content_type, names_json, created_at) VALUES (?, 10, ?, ?, ?)',
    ).run(sha, 'application/pdf', '["验收单.pdf"]', T0);
    db.prepare('INSERT INTO uploads (sha256, size, updated_at) VALUES (?, 10, ?)').run(sha, T0);
    expect(
      db.prepare('SELECT upload_id, upload_offset, chunk_size, attachment_id, restarts FROM uploads').get(),
    ).toEqual({
      upload_id: null,
      upload_offset: 0,
      chunk_size: null,
      attachment_id: null,
      restarts: 0,
    });
    expect(() =>
      db
        .prepare('INSERT INTO attachments (sha256, size, content_type, names_json, created_at) VALUES (?, 1, ?, ?, ?)')
        .run('short', 'text/plain', '[]', T0),
    ).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
