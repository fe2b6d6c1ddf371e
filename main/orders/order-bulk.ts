// Bulk path for large loads (a first sync of a big account, the 1M-line bench): the secondary
// indexes and the count/name triggers are dropped, the lines inserted in large transactions without
// their trigram-index entries, then indexes, counters and both trigram tables are rebuilt once
// (docs/architecture.md "Writing": indexes after the load are ~2x faster). An interrupted load is
// finished at the next open (openDatabase).
import type { WireOrderLine } from '../../common/marketplace/wire';
import { registerOpenStep, type Db } from '../db/connection';
import { lineToColumns } from './order-line-row';
import { writeLine } from './order-line-write';
import { doubled, orderNoText } from './order-no-key';
import { inTransaction } from '../db/statement-cache';
import { getSetting, setSetting } from '../sync/sync-state';

const PENDING_KEY = 'db.bulkLoadPending';

interface Pending {
  /** CREATE statements of the dropped triggers and indexes, replayed when the load finishes. */
  schema: string[];
}

/** Rebuilds the count and name tables from order_lines (what the triggers keep in step row by row). */
export function rebuildDerived(db: Db): void {
  // Two passes over order_lines (per product, per customer); the other tables are sums over their result, which has
  // a few thousand rows where order_lines has a million (each pass sorts every line: 5 passes → 2).
  inTransaction(db, () => {
    db.exec(`
      DELETE FROM order_name_counts;
      INSERT INTO order_name_counts (kind, stage, status, appeal_open, unsub_pending, name, lines)
        SELECT 'p', coalesce(stage, ''), status, appeal_open, unsub_pending, product_name, count(*) FROM order_lines
        GROUP BY coalesce(stage, ''), status, appeal_open, unsub_pending, product_name;
      INSERT INTO order_name_counts (kind, stage, status, appeal_open, unsub_pending, name, lines)
        SELECT 'c', coalesce(stage, ''), status, appeal_open, unsub_pending, customer_name, count(*) FROM order_lines
        GROUP BY coalesce(stage, ''), status, appeal_open, unsub_pending, customer_name;
      DELETE FROM order_product_names;
      INSERT INTO order_product_names (name, lines)
        SELECT name, sum(lines) FROM order_name_counts WHERE kind = 'p' GROUP BY name ORDER BY name;
      DELETE FROM order_customer_names;
      INSERT INTO order_customer_names (name, lines)
        SELECT name, sum(lines) FROM order_name_counts WHERE kind = 'c' GROUP BY name ORDER BY name;
      DELETE FROM order_line_counts;
      INSERT INTO order_line_counts (status, stage, appeal_open, unsub_pending, lines)
        SELECT status, stage, appeal_open, unsub_pending, sum(lines) FROM order_name_counts WHERE kind = 'p'
        GROUP BY status, stage, appeal_open, unsub_pending;
    `);
  });
}

/** Drops what the load rebuilds afterwards, remembering how to recreate it (exported for the crash test). */
export function beginBulkLoad(db: Db): void {
  db.transaction(() => {
    if (getSetting<Pending>(db, PENDING_KEY)) return; // an earlier load was interrupted: its saved schema stays
    const rows = db
      .prepare<[], { type: string; name: string; sql: string }>(
        `SELECT type, name, sql FROM sqlite_master
          WHERE tbl_name = 'order_lines' AND type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY type DESC, name`,
      )
      .all();
    setSetting(db, PENDING_KEY, { schema: rows.map((r) => r.sql) } satisfies Pending);
    // Names come from sqlite_master, not from input; identifiers cannot be bound parameters.
    for (const r of rows) db.exec(`DROP ${r.type === 'trigger' ? 'TRIGGER' : 'INDEX'} "${r.name.replace(/"/g, '""')}"`);
  })();
}

/** Where a bulk load spends its time (the bench prints it). */
export type BulkPhase = 'rows' | 'checkpoint' | 'indexes' | 'counters' | 'search-index' | 'statistics';

/**
 * FTS5 buffers new index entries in memory and writes them out as a new segment each time the buffer reaches its
 * `hashsize` (1 MiB by default), merging segments as they pile up. Building both tables for 1M order numbers took
 * ~30 % less CPU with an 8 MiB buffer (17.8 → 12.7 s in a bare process; in the bench's 1M load 52 → 16 s of CPU,
 * where the many small segments also went through a large WAL), for ~15 MB more peak memory; 32 MiB was no faster.
 * The setting is stored in each table's config, so it is set back to the default for the row-by-row path afterwards.
 */
const BUILD_HASH_BYTES = 8 * 1_048_576;
const FTS5_DEFAULT_HASH_BYTES = 1_048_576;
const hashSize = (bytes: number): string =>
  ['order_lines_fts', 'order_lines_fts2']
    .map((t) => `INSERT INTO ${t} (${t}, rank) VALUES ('hashsize', ${bytes});`)
    .join('\n');

const withOrderNoFunctions = new WeakSet<Db>();

/**
 * Both trigram tables from order_lines in one pass each, in rowid order (FTS5 then writes few, large segments): the
 * same text the row-by-row path indexes (order-no-key.ts), through the same functions.
 */
export function rebuildOrderNoIndex(db: Db): void {
  if (!withOrderNoFunctions.has(db)) {
    db.function('sd_order_no', { deterministic: true }, (orderId, lineId) =>
      orderNoText(String(orderId), String(lineId)),
    );
    db.function('sd_doubled', { deterministic: true }, (text) => doubled(String(text)));
    withOrderNoFunctions.add(db);
  }
  db.exec(`
    INSERT INTO order_lines_fts (order_lines_fts) VALUES ('delete-all');
    INSERT INTO order_lines_fts2 (order_lines_fts2) VALUES ('delete-all');
    ${hashSize(BUILD_HASH_BYTES)}
    INSERT INTO order_lines_fts (rowid, order_no) SELECT id, sd_order_no(order_id, order_line_id) FROM order_lines ORDER BY id;
    INSERT INTO order_lines_fts2 (rowid, order_no2) SELECT id, sd_doubled(sd_order_no(order_id, order_line_id)) FROM order_lines ORDER BY id;
    ${hashSize(FTS5_DEFAULT_HASH_BYTES)}
  `);
}

export type PhaseSink = (phase: BulkPhase, ms: number) => void;

function timed(onPhase: PhaseSink | undefined, phase: BulkPhase, fn: () => void): void {
  const t = performance.now();
  fn();
  onPhase?.(phase, performance.now() - t);
}

/** Recreates what beginBulkLoad dropped and rebuilds the counters. No-op when no load is pending; safe to repeat. */
export function finishBulkLoad(db: Db, onPhase?: PhaseSink): boolean {
  const pending = getSetting<Pending>(db, PENDING_KEY);
  if (!pending) return false;
  // Index builds sort every key, and the counters' GROUP BYs sort every line: with temp_store = MEMORY a sort that
  // outgrows the page cache spills into memory, so the whole rebuild (not only the indexes) spills to temporary
  // files instead (peak RSS, docs/architecture.md "Memory").
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  try {
    rebuildAfterLoad(db, pending, onPhase);
  } finally {
    db.pragma(`temp_store = ${Math.trunc(tempStore)}`);
  }
  return true;
}

function rebuildAfterLoad(db: Db, pending: Pending, onPhase: PhaseSink | undefined): void {
  const exists = db.prepare<[string], number>('SELECT 1 FROM sqlite_master WHERE name = ?').pluck();
  // The lines were written with checkpoints held back (bulkLoadOrderLines), or in one transaction (a staged first
  // sync): their WAL is copied into the database and emptied first, so the rebuild's page reads do not look through
  // a WAL of every line (at 400k lines, one run each: ~15 % less CPU for the indexes and the trigram tables).
  const checkpoint = (): void => timed(onPhase, 'checkpoint', () => db.pragma('wal_checkpoint(TRUNCATE)'));
  checkpoint();
  // One index per transaction: the WAL stays small and a crash here resumes where it stopped.
  timed(onPhase, 'indexes', () => {
    for (const sql of pending.schema) {
      const name = /^CREATE\s+(?:UNIQUE\s+)?(?:INDEX|TRIGGER)\s+(\S+)/i.exec(sql)?.[1];
      if (name && exists.get(name) === 1) continue;
      db.exec(sql);
    }
  });
  // The counters, name tables and trigram tables, and the end of the load, in one transaction: a crash before it
  // commits leaves the load pending, and the next open does this again.
  db.transaction(() => {
    timed(onPhase, 'counters', () => rebuildDerived(db));
    timed(onPhase, 'search-index', () => rebuildOrderNoIndex(db));
    setSetting(db, PENDING_KEY, undefined);
  })();
  // And what that transaction wrote (~120 MB at 1M lines), before the merge below reads the trigram table back.
  checkpoint();
  // Fresh planner statistics first: the trigram merge below, on a database that never had any, took 9-11 s of CPU
  // at 1M lines where the same merge after ANALYZE (or in a new process after it) took 1.3 s (measured in one
  // process, the same data).
  timed(onPhase, 'statistics', () => {
    db.pragma('analysis_limit = 1000');
    db.exec('ANALYZE');
  });
  // Even written in rowid order the trigram index ends in several segments; one merged index answers phrase queries
  // ~3x faster (measured at 200k lines: 4.5 → 1.6 ms for a day prefix). Then the WAL the load grew is emptied.
  timed(onPhase, 'search-index', () => db.exec("INSERT INTO order_lines_fts (order_lines_fts) VALUES ('optimize')"));
  checkpoint();
}

/**
 * Loads feed lines in batches of `batchSize` per transaction, with the rules of upsertOrderLines
 * (the highest `version` wins). Not for use inside an open transaction (it commits per batch).
 * Batches of 5,000 load as fast as 20,000 and peak 50 MB lower (measured at 300k lines).
 */
export function bulkLoadOrderLines(
  db: Db,
  lines: Iterable<WireOrderLine>,
  batchSize = 5_000,
  onPhase?: PhaseSink,
): { loaded: number } {
  if (db.inTransaction) throw new Error('bulkLoadOrderLines commits per batch; call it outside a transaction');
  beginBulkLoad(db);
  let loaded = 0;
  // Each line is written as it arrives, inside the batch's transaction, rather than a batch of lines collected first:
  // collected lines outlive V8's young-generation collections, and at 1M lines that promoted garbage grew the
  // old generation to ~270 MB before a full collection (most of the bench's peak RSS). Now each line dies young.
  const source = lines[Symbol.iterator]();
  const writeBatch = db.transaction((): number => {
    let n = 0;
    while (n < batchSize) {
      const next = source.next();
      if (next.done) break;
      writeLine(db, lineToColumns(next.value, false), null);
      n++;
    }
    return n;
  });
  const started = performance.now();
  // Checkpoint once at the end instead of every 1000 pages: the rows are written to the WAL once
  // and copied into the database once (each checkpoint also syncs the file).
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    let n: number;
    do {
      n = writeBatch();
      loaded += n;
    } while (n === batchSize);
    onPhase?.('rows', performance.now() - started);
  } finally {
    db.pragma(`wal_autocheckpoint = ${Math.trunc(autocheckpoint)}`);
    finishBulkLoad(db, onPhase);
  }
  return { loaded };
}

// A bulk load interrupted by a crash left its indexes dropped: the next open finishes it before anything reads.
registerOpenStep(20, (db) => void finishBulkLoad(db));
