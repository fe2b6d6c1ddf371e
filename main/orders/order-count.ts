// Estimated totals (docs/architecture.md: don't recount per keystroke). When counting every match of a search
// would cost more than its page — a month's order-No. prefix, a single character, a common word under a
// time-dependent filter — the list gets an estimate, marked as such, and counts exactly only when asked.
import type { ReadDb } from '../db/connection';
import type { Cond, SqlValue } from './order-filters';
import { perDb, preparedBySql } from '../db/statement-cache';

/**
 * An exact count may read at most this many candidate rows; above it the total is estimated (unless asked for exactly).
 */
export const COUNT_BUDGET = 5_000;
/** Order-No. matches counted through the trigram index before the count stops and the total is estimated. */
export const ORDER_NO_COUNT_CAP = 2_000;
/** The sample: this many id windows spread evenly over the cache, about this many lines each. */
const SAMPLE_WINDOWS = 128;
const SAMPLE_LINES_PER_WINDOW = 16;

const bounds = perDb((db) => ({
  first: db.prepare<[], number>('SELECT id FROM order_lines ORDER BY id ASC LIMIT 1').pluck(),
  last: db.prepare<[], number>('SELECT id FROM order_lines ORDER BY id DESC LIMIT 1').pluck(),
}));

const MAX_CACHED = 64;
interface Sample {
  n: number;
  hits: number;
}
const sampleStatement = preparedBySql<SqlValue[], Sample>(MAX_CACHED);

/**
 * Lines matching every condition, estimated from a stratified sample: SAMPLE_WINDOWS id ranges spread evenly
 * over the cache (ids follow placement, order-line-id.ts), so matches that cluster in time (order numbers embed
 * their date) are still met in proportion. Rounded to two significant digits: it is shown as "about".
 */
export function estimateMatches(db: ReadDb, conds: readonly Cond[], all: number): number {
  const lo = bounds(db).first.get();
  const hi = bounds(db).last.get();
  if (lo === undefined || hi === undefined || all === 0) return 0;
  const span = hi - lo + 1;
  const width = Math.max(1, Math.ceil((span * SAMPLE_LINES_PER_WINDOW) / all));
  const step = span / SAMPLE_WINDOWS;
  const starts = Array.from({ length: SAMPLE_WINDOWS }, (_, i) => Math.floor(lo + i * step));
  const test = conds.length ? conds.map((c) => `(${c.sql})`).join(' AND ') : '1';
  // The windows are the outer loop (w has no `id` column, so the conditions' `id` is the line's).
  const sql = `WITH w(lo) AS (SELECT value FROM json_each(?))
    SELECT count(*) AS n, total(${test}) AS hits FROM w CROSS JOIN order_lines ON order_lines.id >= w.lo AND order_lines.id < w.lo + ?`;
  const stmt = sampleStatement(db, sql);
  const params: SqlValue[] = [JSON.stringify(starts), ...conds.flatMap((c) => c.params), width];
  const r = stmt.get(...params);
  if (!r || r.n === 0) return 0;
  return roundAbout((r.hits * all) / r.n);
}

/** Two significant digits ("about 57,000"), never 0 for a non-zero estimate. */
export function roundAbout(n: number): number {
  if (n <= 0) return 0;
  if (n < 100) return Math.max(1, Math.round(n));
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}
