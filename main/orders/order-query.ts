// The Service Supervision list query (O1, S3, S5, S5a). No single strategy is fast for every
// search (docs/architecture.md), so each query picks one from what it costs:
// - walk: one index (or the table, in placement order) in sort order, every criterion tested row
//   by row, stopping when the page is full — cheap when matches are dense;
// - order-No. FTS walk: the trigram doclist in rowid (= placement) order, for order-number terms
//   (their matches cluster in time, so a date walk would not stop early);
// - gather: the ids a selective term matches, through indexes, then sorted — cheap when matches are few.
// Totals come from maintained counters whenever the criteria allow (docs/architecture.md: don't recount per keystroke),
// and are estimated (order-count.ts, marked `totalEstimated`) when counting exactly would cost more than the page.
import type { OrderPage, OrderQueryParsed } from '../../common/api/contract';
import type { ReadDb } from '../db/connection';
import {
  countsConds,
  customerIndexConds,
  filterConds,
  orderBy,
  sortIndex,
  type Cond,
  type ListContext,
  type SqlValue,
} from './order-filters';
import { LIST_COLUMNS, rowToOrderRow, type OrderListRowDb } from './order-line-row';
import { COUNT_BUDGET, estimateMatches, ORDER_NO_COUNT_CAP } from './order-count';
import {
  estimateLines,
  matchesNothing,
  mergeNameTerms,
  namePair,
  orderNoSetExact,
  resolveTerm,
  searchTerms,
  termCond,
  termSet,
  type Narrowing,
  type TermMatch,
} from './order-search';
import { preparedBySql } from '../db/statement-cache';
import { SEEK_MIN_OFFSET, seekCond, sortKey } from './order-seek';

export type { ListContext } from './order-filters';

/**
 * Cost of one candidate gathered and sorted, relative to one row tested in a walk (measured once with a probe script
 * that is not kept in the repository).
 */
const GATHER_COST = 2.5;
/** The same when only ids are sorted (every id of the set matches, nothing to test): no table reads. */
const GATHER_IDS_COST = 0.3;
/**
 * One entry of order_lines_customer read and tested while gathering (no table read): measured at 1M lines about the
 * cost of a walk's row test ("科技" + appeal open: 190,000 entries ≈ 20 ms, a walk of 26,000 rows ≈ 2.5 ms).
 */
const INDEX_ENTRY_COST = 1;
/** Up to this many names a name-counter sum seeks each name; beyond it each counter row's names are read and tested. */
const NAME_SEEKS_MAX = 64;
const FTS_WALK_START = 2_000;

/** 'seek' is a walk whose deep pages start from a known row (order-seek.ts); tests force it at every offset. */
export type Plan = 'walk' | 'fts-walk' | 'gather' | 'seek';

const MAX_CACHED = 256;
// The list's SQL is built per query shape; each shape is prepared once, typed by what it reads: a count or a page of
// list rows.
const scalarStatement = preparedBySql<SqlValue[], number | null>(MAX_CACHED);
const rowsStatement = preparedBySql<SqlValue[], OrderListRowDb>(MAX_CACHED);

function scalar(db: ReadDb, sql: string, params: readonly SqlValue[]): number {
  return (
    scalarStatement(db, sql)
      .pluck(true)
      .get(...params) ?? 0
  );
}

function readRows(db: ReadDb, sql: string, params: readonly SqlValue[]): OrderPage['rows'] {
  return rowsStatement(db, sql)
    .all(...params)
    .map(rowToOrderRow);
}

const where = (conds: readonly Cond[]): string =>
  conds.length ? `WHERE ${conds.map((c) => c.sql).join(' AND ')}` : '';
const paramsOf = (conds: readonly Cond[]): SqlValue[] => conds.flatMap((c) => c.params);
const indexed = (index: string | null): string => (index ? `INDEXED BY ${index}` : 'NOT INDEXED');

function cubeCount(db: ReadDb, conds: readonly Cond[]): number {
  return scalar(db, `SELECT coalesce(sum(lines), 0) FROM order_line_counts ${where(conds)}`, paramsOf(conds));
}

/** Exact lines of one term with no other criteria, when the counters and indexes give it without a scan. */
function exactTermLines(db: ReadDb, m: TermMatch): number | null {
  if (m.orderNoLines === null) return null; // a one-character fragment, or more order-No. matches than the count cap
  const json = (hits: TermMatch['products']): string => JSON.stringify(hits.map((h) => h.name));
  let named = m.productLines + m.customerLines;
  if (m.productLines > 0 && m.customerLines > 0) {
    // Both a product and a customer name match: subtract lines matching both (index-only seeks).
    named -= scalar(
      db,
      `SELECT count(*) FROM order_lines INDEXED BY order_lines_customer
        WHERE customer_name IN (SELECT value FROM json_each(?)) AND product_name IN (SELECT value FROM json_each(?))`,
      [json(m.customers), json(m.products)],
    );
  }
  if (m.orderNo !== 'fts' || !m.fts) return named;
  if (named === 0) return m.orderNoLines ?? 0;
  if (!m.fts.exact) return null; // its FTS rows are candidates only
  // Order-No. matches whose names match too were counted twice (cost: the order-No. matches, usually few).
  const both = scalar(
    db,
    `SELECT count(*) FROM (SELECT rowid AS fid FROM ${m.fts.table} WHERE ${m.fts.table} MATCH ?) f CROSS JOIN order_lines l ON l.id = f.fid
      WHERE l.product_name IN (SELECT value FROM json_each(?)) OR l.customer_name IN (SELECT value FROM json_each(?))`,
    [m.fts.expr, json(m.products), json(m.customers)],
  );
  return named + (m.orderNoLines ?? 0) - both;
}

/** A set of candidate ids that can drive the query (gathered through indexes), with its size. */
interface Driver {
  set: Cond;
  lines: number;
  /** `lines` is the exact number of lines matching every term it covers. */
  exact: boolean;
  covers: readonly TermMatch[];
  /** Index entries read to gather the set beyond its `lines` (a customer part narrowed by the filters in the index). */
  scanned: number;
  /** The set passes every filter too (a customer-only term, filters all in order_lines_customer). */
  filtered: boolean;
}

interface CustomerFilters {
  conds: Cond[];
  all: boolean;
  /** Lines passing the filters (counters), for the share of a customer part that passes them. */
  filtered: number;
}

function drivers(db: ReadDb, matches: readonly TermMatch[], all: number, cf: CustomerFilters): Driver[] {
  const out: Driver[] = [];
  const share = cf.conds.length ? cf.filtered / Math.max(1, all) : 1;
  for (const m of matches) {
    const set = termSet(m, cf.conds);
    if (!set) continue;
    // A customer part narrowed in the index reads its index entries, then only the share passing the filters.
    const lines = estimateLines(m, all) - m.customerLines + Math.ceil(m.customerLines * share);
    const scanned = cf.conds.length ? m.customerLines : 0;
    const filtered = cf.all && m.productLines === 0 && m.orderNo === 'none';
    // A set through a part of an order-No. fragment holds candidates only: it covers no term (every row is tested).
    out.push({
      set,
      lines,
      exact: false,
      covers: m.orderNo === 'fts' && !orderNoSetExact(m) ? [] : [m],
      scanned,
      filtered,
    });
  }
  const pair = namePair(matches);
  if (pair) {
    const lines = scalar(db, `SELECT count(*) FROM (${pair.set.sql})`, pair.set.params);
    const covers = [pair.customers, pair.products];
    out.push({ set: pair.set, lines, exact: true, covers, scanned: 0, filtered: false });
  }
  return out.sort((a, b) => a.lines - b.lines);
}

interface Choice {
  plan: Plan;
  /** The candidate set driving a gather, or the order-No. term driving an fts-walk. */
  driver: Driver | null;
  ftsTerm: TermMatch | null;
}

/**
 * Picks the cheapest plan from the rows each would touch. The total is known by now, so the walk's
 * length is estimated from the true match density (matches assumed spread evenly over the walk).
 */
function choosePlan(
  q: OrderQueryParsed,
  matches: readonly TermMatch[],
  candidates: readonly Driver[],
  all: number,
  total: number,
  idsOnly: (d: Driver) => boolean,
): Choice {
  const need = q.offset + q.limit;
  const density = total / Math.max(1, all);
  const walk = Math.min(all, need / Math.max(density, 1e-9));
  const best = candidates[0] ?? null;
  const perLine = best && idsOnly(best) ? GATHER_IDS_COST : GATHER_COST;
  const gatherCost = best ? best.lines * perLine + best.scanned * INDEX_ENTRY_COST : Infinity;
  // Order numbers embed the placement time, so their matches cluster in time: for the date sort,
  // walk the term's doclist in rowid (= placement) order instead of the table.
  if (q.sort.field === 'placedAt') {
    const t = matches.find((m) => m.orderNo === 'fts' && m.productLines + m.customerLines === 0);
    if (t) {
      const others = density / Math.min(1, (t.orderNoLines ?? all) / Math.max(1, all));
      // Starting an FTS phrase walk has a fixed cost (measured: a few ms at 1M lines); tiny sets gather instead.
      const cost = FTS_WALK_START + Math.min(t.orderNoLines ?? all, need / Math.max(others, 1e-9)) * 1.5;
      if (cost <= gatherCost) return { plan: 'fts-walk', driver: null, ftsTerm: t };
    }
  }
  return best && gatherCost < walk
    ? { plan: 'gather', driver: best, ftsTerm: null }
    : { plan: 'walk', driver: null, ftsTerm: null };
}

export interface QueryOptions {
  /** Tests and the bench force a plan to check that every plan answers the same. */
  plan?: Plan;
  /** Tests lower these (COUNT_BUDGET, ORDER_NO_COUNT_CAP) so the estimated totals' paths run on a small cache. */
  countBudget?: number;
  orderNoCountCap?: number;
  narrowing?: Narrowing;
}

export function runOrderQuery(db: ReadDb, q: OrderQueryParsed, ctx: ListContext, opts: QueryOptions = {}): OrderPage {
  const filters = filterConds(q, ctx);
  const counted = countsConds(q);
  const cube = counted.exact ? counted.conds : null;
  const all = cubeCount(db, []);
  // Lines passing the filters: exact from the counters, or an upper bound when dates/S5 thresholds apply.
  const filtered = cubeCount(db, counted.conds);
  if (filtered === 0) return { rows: [], total: 0 };

  // Totals that would cost more than the page are estimated unless the caller asks for them exactly.
  const budget = q.exactTotal ? null : (opts.countBudget ?? COUNT_BUDGET);
  const countCap = budget === null ? undefined : (opts.orderNoCountCap ?? ORDER_NO_COUNT_CAP);
  const matches = mergeNameTerms(
    searchTerms(q).map((t) => resolveTerm(db, t, { countCap, narrowing: opts.narrowing })),
  );
  if (matches.some(matchesNothing)) return { rows: [], total: 0 };

  // A walk of a (stage_rank, …) composite index visits one stage only ("Waiting > N days" spans every open stage, S7).
  const singleStage = q.stage?.length === 1 && q.quick !== 'needs_action' && q.quick !== 'awaiting_customer';
  const page: SqlValue[] = [q.limit, q.offset];
  const conds = [...filters, ...matches.map((m) => termCond(m))];

  const customerFilters = customerIndexConds(q, ctx);
  const candidates = drivers(db, matches, all, { ...customerFilters, filtered });
  // The total first: it is needed anyway, an empty answer stops here, and it tells how far a walk would go.
  const exactCount = countTotal(db, matches, candidates, conds, cube, filtered, budget);
  const estimated = exactCount === null;
  const total = exactCount ?? estimateMatches(db, conds, all);
  if (!estimated && (total === 0 || q.offset >= total)) return { rows: [], total };
  // Every line of a set covering all terms matches when there are no filters (or the set passed them all): for the
  // date sort its ids alone are sorted (ids are placement order) and only one page of rows is read.
  const idsOnly = (d: Driver): boolean =>
    (filters.length === 0 || d.filtered) && q.sort.field === 'placedAt' && d.covers.length === matches.length;
  let choice = choosePlan(q, matches, candidates, all, total, idsOnly);
  if (opts.plan === 'walk' || opts.plan === 'seek') choice = { plan: 'walk', driver: null, ftsTerm: null };
  if (opts.plan === 'gather' && candidates.length) choice = { plan: 'gather', driver: candidates[0], ftsTerm: null };
  const ftsTerm = matches.find((m) => m.orderNo === 'fts' && m.productLines + m.customerLines === 0);
  // The FTS walk yields placement order only, so it exists for the date sort alone.
  if (opts.plan === 'fts-walk' && ftsTerm && q.sort.field === 'placedAt')
    choice = { plan: 'fts-walk', driver: null, ftsTerm };

  let rows: OrderPage['rows'];
  if (choice.plan === 'gather' && choice.driver && idsOnly(choice.driver)) {
    const set = choice.driver.set;
    const dir = q.sort.dir === 'asc' ? 'ASC' : 'DESC';
    // "+id": sort here rather than make the trigram index read its doclists backwards (it loads them whole).
    const ids = `SELECT id FROM (${set.sql}) ORDER BY +id ${dir} LIMIT ? OFFSET ?`;
    rows = readRows(db, `SELECT ${LIST_COLUMNS} FROM order_lines WHERE id IN (${ids}) ORDER BY id ${dir}`, [
      ...set.params,
      ...page,
    ]);
  } else if (choice.plan === 'gather' && choice.driver) {
    const set = choice.driver.set;
    const sql = `WITH m(mid) AS MATERIALIZED (${set.sql}) SELECT ${LIST_COLUMNS} FROM m CROSS JOIN order_lines l ON l.id = m.mid ${where(conds)} ORDER BY ${orderBy(q.sort, 'l.')} LIMIT ? OFFSET ?`;
    rows = readRows(db, sql, [...set.params, ...paramsOf(conds), ...page]);
  } else if (choice.plan === 'fts-walk' && choice.ftsTerm?.fts) {
    const { table, expr } = choice.ftsTerm.fts;
    // The subquery only exposes the rowid, so the FTS columns do not shadow the table's. (FTS rowids are
    // ids in insertion order on purpose: FTS5 flushes its buffer whenever a rowid is not above the last.)
    const sql = `SELECT ${LIST_COLUMNS} FROM (SELECT rowid AS fid FROM ${table} WHERE ${table} MATCH ?) f
      CROSS JOIN order_lines l ON l.id = f.fid ${where(conds)} ORDER BY f.fid ${q.sort.dir === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`;
    rows = readRows(db, sql, [expr, ...paramsOf(conds), ...page]);
  } else {
    // Few lines pass the filters (counters say so) and no composite index fits: let SQLite gather them
    // through the filter's own index and sort; otherwise walk the sort order.
    const fewFiltered = !singleStage && filtered * GATHER_COST < (q.offset + q.limit) * (all / filtered);
    const hint = fewFiltered && matches.length === 0 ? '' : indexed(sortIndex(q.sort.field, singleStage));
    const from = `order_lines ${hint}`;
    // A deep page (a jump into the middle of the list) starts from the nearest known row, not from the top.
    const deep = q.offset >= (opts.plan === 'seek' ? 1 : SEEK_MIN_OFFSET);
    const seek = deep
      ? seekCond(db, { from, conds, key: sortKey(q.sort), offset: q.offset, total: estimated ? null : total })
      : null;
    if (deep && !seek) rows = [];
    else {
      const walked = seek ? [...conds, seek.cond] : conds;
      const sql = `SELECT ${LIST_COLUMNS} FROM ${from} ${where(walked)} ORDER BY ${orderBy(q.sort)} LIMIT ? OFFSET ?`;
      rows = readRows(db, sql, [...paramsOf(walked), q.limit, seek ? 0 : q.offset]);
    }
  }

  if (!estimated) return { rows, total };
  // A page that is not full ends the list: then the total is known after all.
  if (rows.length < q.limit && (rows.length > 0 || q.offset === 0)) return { rows, total: q.offset + rows.length };
  return { rows, total: Math.max(total, q.offset + rows.length), totalEstimated: true };
}

/**
 * Lines of the named products or customers under counter-kept filters. The filters pick the few counter rows they
 * pass (order_line_counts, ~50 rows) first, and only those rows' name counters are read: a quick filter's OR cannot
 * seek the name counters' key, so testing it on each of them read all ~60,000 at 1M lines. Few names are then looked
 * up one by one; many ("科技": ~1,300 names) are tested on each name counter of those rows ("+": no seeks).
 */
function nameCountsSum(db: ReadDb, kind: 'p' | 'c', hits: TermMatch['products'], cube: readonly Cond[]): number {
  const name = hits.length <= NAME_SEEKS_MAX ? 'n.name' : '+n.name';
  return scalar(
    db,
    `SELECT coalesce(sum(n.lines), 0) FROM (SELECT stage, status, appeal_open, unsub_pending FROM order_line_counts ${where(cube)}) c
       CROSS JOIN order_name_counts n ON n.kind = ? AND n.stage = c.stage AND n.status = c.status AND n.appeal_open = c.appeal_open
        AND n.unsub_pending = c.unsub_pending
      WHERE ${name} IN (SELECT value FROM json_each(?))`,
    [...paramsOf(cube), kind, JSON.stringify(hits.map((h) => h.name))],
  );
}

function countTotal(
  db: ReadDb,
  matches: readonly TermMatch[],
  candidates: readonly Driver[],
  conds: readonly Cond[],
  cube: Cond[] | null,
  filtered: number,
  budget: number | null,
): number | null {
  const tooCostly = (rowsRead: number): boolean => budget !== null && rowsRead > budget;
  if (matches.length === 0) {
    return cube ? filtered : scalar(db, `SELECT count(*) FROM order_lines ${where(conds)}`, paramsOf(conds));
  }
  if (matches.length === 1 && cube) {
    const m = matches[0];
    if (cube.length === 0) {
      const exact = exactTermLines(db, m);
      if (exact !== null) return exact;
    } else if (m.orderNo === 'none' && (m.productLines === 0 || m.customerLines === 0)) {
      // One name-only term under counter-kept filters: a sum over the matching names' counters.
      return m.productLines > 0 ? nameCountsSum(db, 'p', m.products, cube) : nameCountsSum(db, 'c', m.customers, cube);
    }
  }
  // Count through the smallest candidate set, or through the filters' own indexes when they pass fewer lines.
  const best = candidates[0];
  if (best?.exact && best.covers.length === matches.length && cube?.length === 0) return best.lines;
  if (best && best.lines <= filtered) {
    if (tooCostly(best.lines)) return null;
    return scalar(
      db,
      `WITH m(mid) AS MATERIALIZED (${best.set.sql}) SELECT count(*) FROM m CROSS JOIN order_lines l ON l.id = m.mid ${where(conds)}`,
      [...best.set.params, ...paramsOf(conds)],
    );
  }
  if (tooCostly(filtered)) return null;
  return scalar(db, `SELECT count(*) FROM order_lines ${where(conds)}`, paramsOf(conds));
}
