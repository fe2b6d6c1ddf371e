// A first sync into an empty cache (0130-order-lines-incoming.sql, appended in arrival order since 0140): pages are
// stored in order_lines_incoming, with the rules of writeLine for feed lines (the highest version wins), each line
// with the id it will have in order_lines, each page in its transaction with the cursor; when
// the feed is done (or at the next open, after a crash) the lines move into order_lines through the bulk path, which
// builds the secondary indexes, counters and trigram tables once (order-bulk.ts). order_lines is not touched before
// that move, and the move runs without yielding, so no list or search ever meets a dropped index.
import { registerOpenStep, type Db } from '../db/connection';
import { inTransaction, perDb } from '../db/statement-cache';
import { beginBulkLoad, finishBulkLoad, type PhaseSink } from './order-bulk';
import { ID_MAX_SPILL, ID_SLOTS_PER_MS, idBase } from './order-line-id';
import type { OrderLineColumns } from './order-line-row';
import type { StagedLine } from './staged-line';
import { COLUMNS, FtsBatch, writeLine } from './order-line-write';

const statements = perDb((db) => ({
  cacheEmpty: db.prepare<[], number>('SELECT NOT EXISTS (SELECT 1 FROM order_lines)').pluck(),
  anyIncoming: db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM order_lines_incoming)').pluck(),
  existing: db.prepare<[string], { id: number; version: number; placed_at: number }>(
    'SELECT id, version, placed_at FROM order_lines_incoming WHERE order_line_id = ?',
  ),
  maxIn: db
    .prepare<[number, number], number | null>('SELECT max(id) FROM order_lines_incoming WHERE id >= ? AND id < ?')
    .pluck(),
  taken: db.prepare<[number], number>('SELECT 1 FROM order_lines_incoming WHERE id = ?').pluck(),
  // A line new to the staging table (nearly every line of a first sync) costs one statement; `changes` 0 says it was
  // there already.
  insert: db.prepare<[number, string, number, number, string, string]>(
    `INSERT INTO order_lines_incoming (id, order_line_id, version, placed_at, cols, raw_json) VALUES (?, ?, ?, ?, jsonb(?), ?)
       ON CONFLICT (order_line_id) DO NOTHING`,
  ),
  update: db.prepare<[number, number, number, string, string, number]>(
    'UPDATE order_lines_incoming SET id = ?, version = ?, placed_at = ?, cols = jsonb(?), raw_json = ? WHERE id = ?',
  ),
  chunk: db.prepare<[number, number], { id: number; cols: string; raw_json: string }>(
    'SELECT id, json(cols) AS cols, raw_json FROM order_lines_incoming WHERE id > ? ORDER BY id LIMIT ?',
  ),
  clear: db.prepare('DELETE FROM order_lines_incoming'),
  // Into an empty cache the staged lines move as they are, in one statement each (no row passes through JavaScript):
  // the ids were allocated by the rules allocateId applies in order_lines (slots per millisecond, spills, a moved
  // placement leaving its old slot free), so they are the ids the row-by-row path gives. `cols` is our own
  // JSON.stringify of OrderLineColumns (stageOrderLines), stored as JSONB: each ->> gives back the SQL value that was
  // bound there without parsing the text again (one parse per column per line, as text). Lines staged as text by an
  // earlier version read the same (->> and json() take both).
  moveLines: db.prepare(
    `INSERT INTO order_lines (id, ${COLUMNS.join(', ')})
       SELECT id, ${COLUMNS.map((c) => `cols ->> '$.${c}'`).join(', ')} FROM order_lines_incoming ORDER BY id`,
  ),
  moveRaw: db.prepare(
    'INSERT INTO order_line_raw (id, raw_json) SELECT id, raw_json FROM order_lines_incoming ORDER BY id',
  ),
}));

/** True when a feed run should be staged: nothing cached yet, or an earlier staged run left lines to move. */
export function stagesFirstSync(db: Db): boolean {
  const s = statements(db);
  return s.cacheEmpty.get() === 1 || s.anyIncoming.get() === 1;
}

/** The id the line will have in order_lines: the next free slot of its millisecond (as allocateId does there). */
function allocateIncomingId(db: Db, placedAt: number): number {
  const s = statements(db);
  const base = idBase(placedAt);
  const last = s.maxIn.get(base, base + ID_SLOTS_PER_MS);
  if (last === null || last === undefined) return base;
  if (last < base + ID_SLOTS_PER_MS - 1) return last + 1;
  for (let id = last + 1; id < base + ID_MAX_SPILL; id++) if (s.taken.get(id) === undefined) return id;
  throw new Error(
    `more than ${ID_MAX_SPILL} order lines placed within one second of ${new Date(placedAt).toISOString()}`,
  );
}

/** Stages feed lines (never imported ones: those go straight to order_lines); joins the caller's transaction. */
export function stageOrderLines(db: Db, lines: Iterable<StagedLine>): { staged: number; skippedOlder: number } {
  const s = statements(db);
  const out = { staged: 0, skippedOlder: 0 };
  inTransaction(db, () => {
    for (const line of lines) {
      const id = allocateIncomingId(db, line.placedAt);
      const { orderLineId, version, placedAt, colsJson, rawJson } = line;
      if (s.insert.run(id, orderLineId, version, placedAt, colsJson, rawJson).changes === 1) {
        out.staged++;
        continue;
      }
      const prev = s.existing.get(orderLineId);
      if (prev && version > prev.version) {
        // A changed placement time moves the line to its new place in id (= placement) order, as in writeLine.
        s.update.run(prev.placed_at === placedAt ? prev.id : id, version, placedAt, colsJson, rawJson, prev.id);
        out.staged++;
      } else out.skippedOlder++;
    }
  });
  return out;
}

const CHUNK = 5_000;

/**
 * Moves the staged lines into order_lines and empties the staging table, in one transaction. Into an empty cache
 * through the bulk path (indexes, counters, trigram tables built after); when lines arrived meanwhile by another way
 * (an Open API import during the first sync) row by row with writeLine's rules. Returns the lines moved (0: nothing
 * was staged). Not inside an open transaction.
 */
export function finishStagedSync(db: Db, onPhase?: PhaseSink): number {
  const s = statements(db);
  if (s.anyIncoming.get() !== 1) return 0;
  const bulk = s.cacheEmpty.get() === 1;
  if (bulk) beginBulkLoad(db);
  let moved = 0;
  try {
    db.transaction(() => {
      if (bulk) {
        moved = s.moveLines.run().changes;
        s.moveRaw.run();
        s.clear.run();
        return;
      }
      const fts = new FtsBatch();
      for (let after = -Infinity; ;) {
        const rows = s.chunk.all(after, CHUNK);
        if (rows.length === 0) break;
        // Our own JSON.stringify of OrderLineColumns (stageOrderLines), read back unchanged.
        for (const r of rows)
          writeLine(db, { ...(JSON.parse(r.cols) as Omit<OrderLineColumns, 'raw_json'>), raw_json: r.raw_json }, fts);
        moved += rows.length;
        after = rows[rows.length - 1].id;
      }
      fts.flush(db);
      s.clear.run();
    })();
  } finally {
    // Also when the move failed (it rolled back: the lines stay staged for the next try): the indexes come back.
    if (bulk) finishBulkLoad(db, onPhase);
  }
  return moved;
}

// A first sync interrupted by a crash left its received pages staged: the next open moves them in (before the bulk
// load's own finishing step, which the move may start).
registerOpenStep(10, (db) => void finishStagedSync(db));
