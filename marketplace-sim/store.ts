// The simulator's own SQLite: order lines as stored JSON with a global change sequence (the feed order),
// products with their templates, attachments, a log of applied actions, idempotency records and uploads.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openSqlite } from '../main/db/native-binding';
import { isoFromMs } from '../common/domain/time';
import { completeAtFor, markCompleted, type OrderLine } from './transitions';
import { LINE_INDEXES, SCHEMA } from './schema';

export type Db = Database.Database;

export interface StoredLine {
  line: OrderLine;
  sellerId: string;
  seq: number;
}

export interface ActionLogEntry {
  id: number;
  at: string;
  actor: string;
  kind: string;
  orderLineId: string | null;
  sellerId: string | null;
  idempotencyKey: string | null;
  detail: unknown;
}

export interface FeedChunk {
  count: number;
  lastSeq: number;
  /** `item,item,…` (UTF-8). */
  json: Buffer;
}

interface LineRow {
  seq: number;
  seller_id: string;
  json: string;
}

export class SimStore {
  private nextLineSeq: number;
  private readonly stmt: ReturnType<SimStore['prepare']>;

  constructor(readonly db: Db) {
    db.exec(SCHEMA);
    this.nextLineSeq = (db.prepare('SELECT coalesce(max(seq), 0) AS m FROM order_lines').get() as { m: number }).m;
    this.stmt = this.prepare();
    if (this.meta('epoch') === null) this.setMeta('epoch', randomBytes(4).toString('hex'));
  }

  /** Opens (and creates) the database; a file database persists the demo between runs. */
  static open(path: string): SimStore {
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
    const db = openSqlite(path);
    if (path !== ':memory:' && path !== '') {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('cache_size = -65536');
    return new SimStore(db);
  }

  private prepare() {
    const db = this.db;
    return {
      insertLine: db.prepare(
        'INSERT INTO order_lines (seq, order_line_id, order_id, seller_id, version, complete_at, json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      updateLine: db.prepare(
        'UPDATE order_lines SET seq = ?, version = ?, complete_at = ?, json = ? WHERE order_line_id = ?',
      ),
      getLine: db.prepare('SELECT seq, seller_id, json FROM order_lines WHERE order_line_id = ?'),
      linesOfOrder: db.prepare(
        'SELECT seq, seller_id, json FROM order_lines WHERE order_id = ? ORDER BY order_line_id',
      ),
      // SQLite joins the page's JSON in C and hands over one buffer: no per-line string conversion (~3× faster
      // than reading rows). The inner rowid-ordered scan feeds the aggregate in seq order; an ORDER BY inside
      // group_concat would add a sort that triples the cost. feed.test.ts checks the order.
      feed: db
        .prepare(
          "SELECT count(*), max(seq), CAST(group_concat(json, ',') AS BLOB) FROM (SELECT seq, json FROM order_lines WHERE seq > ? AND seller_id = ? ORDER BY seq LIMIT ?)",
        )
        .raw(),
      hasAfter: db.prepare('SELECT 1 FROM order_lines WHERE seq > ? AND seller_id = ? LIMIT 1').pluck(),
      due: db.prepare('SELECT seq, seller_id, json FROM order_lines WHERE complete_at <= ? ORDER BY complete_at'),
      meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      logAction: db.prepare(
        'INSERT INTO action_log (at, actor, kind, order_line_id, seller_id, idempotency_key, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  meta(key: string): string | null {
    return (this.stmt.meta.get(key) as string | undefined) ?? null;
  }

  setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }

  /** Inserts new lines at the end of the feed, in one transaction (prepared statement, bulk path). */
  insertLines(lines: Iterable<OrderLine>, sellerId: string, onInserted?: (line: OrderLine) => void): number {
    let n = 0;
    this.transaction(() => {
      // Into an empty table, load first and index after: the ids arrive in random order.
      const empty = this.nextLineSeq === 0 && this.db.prepare('SELECT 1 FROM order_lines LIMIT 1').get() === undefined;
      if (empty) this.db.exec('DROP INDEX IF EXISTS order_lines_by_id; DROP INDEX IF EXISTS order_lines_by_order;');
      for (const line of lines) {
        this.stmt.insertLine.run(
          ++this.nextLineSeq,
          line.orderLineId,
          line.orderId,
          sellerId,
          line.version,
          completeAtFor(line),
          JSON.stringify(line),
        );
        onInserted?.(line);
        n++;
      }
      if (empty) this.db.exec(LINE_INDEXES);
    });
    return n;
  }

  getLine(orderLineId: string): StoredLine | null {
    const row = this.stmt.getLine.get(orderLineId) as LineRow | undefined;
    return row ? { line: JSON.parse(row.json) as OrderLine, sellerId: row.seller_id, seq: row.seq } : null;
  }

  linesOfOrder(orderId: string): StoredLine[] {
    return (this.stmt.linesOfOrder.all(orderId) as LineRow[]).map((row) => ({
      line: JSON.parse(row.json) as OrderLine,
      sellerId: row.seller_id,
      seq: row.seq,
    }));
  }

  /** A change: version + 1, updateTime, and the line re-enters the feed at a new, higher position. */
  saveLine(line: OrderLine, atMs: number): OrderLine {
    line.version += 1;
    line.updateTime = isoFromMs(atMs);
    this.stmt.updateLine.run(
      ++this.nextLineSeq,
      line.version,
      completeAtFor(line),
      JSON.stringify(line),
      line.orderLineId,
    );
    return line;
  }

  /** Up to `limit` feed items after `afterSeq` for one seller, as the stored JSON joined by commas. */
  feedChunk(sellerId: string, afterSeq: number, limit: number): FeedChunk {
    const [count, lastSeq, json] = this.stmt.feed.get(afterSeq, sellerId, limit) as [
      number,
      number | null,
      Buffer | null,
    ];
    return { count, lastSeq: lastSeq ?? afterSeq, json: json ?? Buffer.alloc(0) };
  }

  hasLinesAfter(sellerId: string, seq: number): boolean {
    return this.stmt.hasAfter.get(seq, sellerId) !== undefined;
  }

  get lastSeq(): number {
    return this.nextLineSeq;
  }

  /** O2a: every accepted line whose 3 hours have passed becomes COMPLETED (at its due time). Returns how many. */
  settleDue(nowMs: number): number {
    const rows = this.stmt.due.all(nowMs) as LineRow[];
    if (rows.length === 0) return 0;
    this.transaction(() => {
      for (const row of rows) {
        const line = JSON.parse(row.json) as OrderLine;
        const due = completeAtFor(line);
        if (due === null) continue;
        markCompleted(line, due);
        this.saveLine(line, due);
      }
    });
    return rows.length;
  }

  logAction(entry: {
    at: number;
    actor: string;
    kind: string;
    orderLineId?: string | null;
    sellerId?: string | null;
    idempotencyKey?: string | null;
    detail?: unknown;
  }): void {
    this.stmt.logAction.run(
      isoFromMs(entry.at),
      entry.actor,
      entry.kind,
      entry.orderLineId ?? null,
      entry.sellerId ?? null,
      entry.idempotencyKey ?? null,
      JSON.stringify(entry.detail ?? null),
    );
  }

  actions(orderLineId?: string): ActionLogEntry[] {
    const rows = (
      orderLineId
        ? this.db.prepare('SELECT * FROM action_log WHERE order_line_id = ? ORDER BY id').all(orderLineId)
        : this.db.prepare('SELECT * FROM action_log ORDER BY id').all()
    ) as Array<{
      id: number;
      at: string;
      actor: string;
      kind: string;
      order_line_id: string | null;
      seller_id: string | null;
      idempotency_key: string | null;
      detail: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      kind: r.kind,
      orderLineId: r.order_line_id,
      sellerId: r.seller_id,
      idempotencyKey: r.idempotency_key,
      detail: JSON.parse(r.detail) as unknown,
    }));
  }

  countLines(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM order_lines').get() as { n: number }).n;
  }

  /** Every line in feed order (for /sim/v1/state; avoid on a million lines). */
  allLines(): OrderLine[] {
    return (this.db.prepare('SELECT json FROM order_lines ORDER BY seq').pluck().all() as string[]).map(
      (j) => JSON.parse(j) as OrderLine,
    );
  }

  close(): void {
    this.db.close();
  }
}
