// Text criteria of the list (O1: order No. exact or partial, product name partial, free text across
// order No., product and customer), each resolved to what it can match (docs/architecture.md):
// - product and customer names have low cardinality: a term is matched against the distinct-name
//   tables first (exact line counts, and it works for 2-character terms like 迁移, 许可 that the
//   trigram index cannot see);
// - order numbers through the trigram FTS index (2+ characters, doubled), or a row-by-row test for one character.
import type { OrderQueryParsed } from '../../common/api/contract';
import type { ReadDb } from '../db/connection';
import type { Cond, SqlValue } from './order-filters';
import { doubled } from './order-no-key';
import { perDb } from '../db/statement-cache';

export type TermScope = 'orderNo' | 'product' | 'customer' | 'any';
export interface Term {
  text: string;
  scope: TermScope;
}

/** The trigram tokenizer matches nothing for fewer than 3 characters (docs/architecture.md "Correctness trap"). */
export const TRIGRAM = 3;

export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Order numbers are the marketplace's printable-ASCII ids (decided here), so a term with any other
 * character (a Chinese word, a space) cannot match one.
 */
export function mayMatchOrderNo(text: string): boolean {
  return /^[\x21-\x7e]+$/.test(text);
}

/**
 * orderNo, productName and customerName are one term each (spaces kept); free text is split on whitespace and every
 * word must match.
 */
export function searchTerms(q: Pick<OrderQueryParsed, 'orderNo' | 'productName' | 'customerName' | 'text'>): Term[] {
  const out: Term[] = [];
  if (q.orderNo) out.push({ text: q.orderNo, scope: 'orderNo' });
  if (q.productName) out.push({ text: q.productName, scope: 'product' });
  if (q.customerName) out.push({ text: q.customerName, scope: 'customer' });
  if (q.text) for (const w of q.text.split(/\s+/u)) if (w) out.push({ text: w, scope: 'any' });
  return out;
}

export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const phrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * FTS5 query for an order-No. fragment of 2+ characters: a quoted phrase is a substring for trigram;
 * a 2-character fragment "ab" is the single trigram "aab" of the doubled numbers (order-no-key.ts).
 */
export interface OrderNoFts {
  table: 'order_lines_fts' | 'order_lines_fts2';
  expr: string;
  /** False when `expr` is a part of the fragment: its rows are candidates, each tested with LIKE (termCond). */
  exact: boolean;
}

export function orderNoFts(text: string): OrderNoFts {
  return charLength(text) >= TRIGRAM
    ? { table: 'order_lines_fts', expr: phrase(text), exact: true }
    : { table: 'order_lines_fts2', expr: phrase([...doubled(text)].slice(0, 3).join('')), exact: true };
}

/**
 * Trigram (and 4-character) rows are counted up to these sizes: first cheaply, then (only when every trigram is common)
 * further.
 */
export interface Narrowing {
  rare: number;
  pairCap: number;
  common: number;
}
const NARROWING: Narrowing = { rare: 2_000, pairCap: 10_000, common: 200_000 };
const MAX_KNOWN = 20_000;
const trigramLines = perDb(() => new Map<string, { n: number; cap: number }>());

/**
 * The trigram index query for an order-No. fragment of 4+ characters. A phrase of many trigrams is slow when some
 * are in nearly every number ("CS2", "S24", "000": the marketplace's prefix and date digits): FTS5 steps through
 * all of their rows. So only the rarest one or two adjacent trigrams of the fragment are asked for, and the rows
 * found are tested with LIKE (the row-by-row test every plan applies anyway). How common a trigram is gets counted
 * once per connection (capped); a stale count only makes a choice slower, never an answer wrong.
 */
export function narrowOrderNoFts(db: ReadDb, text: string, n: Narrowing = NARROWING): OrderNoFts {
  const { rare: RARE, pairCap: PAIR_CAP, common: COMMON } = n;
  const chars = [...text];
  if (chars.length < 4) return orderNoFts(text);
  const grams = chars.slice(0, -2).map((_, i) =>
    chars
      .slice(i, i + 3)
      .join('')
      .toLowerCase(),
  );
  const known = trigramLines(db);
  const lines = (g: string, cap: number): number => {
    const k = known.get(g);
    // Counted below its cap = exact; a count that reached its cap is "at least" that, recounted under a higher cap.
    if (k && (k.n < k.cap || k.cap >= cap)) return Math.min(k.n, cap);
    if (known.size >= MAX_KNOWN) known.clear();
    const n = statements(db).ftsCount.get(phrase(g), cap) ?? 0;
    known.set(g, { n, cap });
    return n;
  };
  let counts = grams.map((g) => lines(g, RARE));
  let best = 0;
  counts.forEach((c, i) => {
    if (c < counts[best]) best = i;
  });
  if (counts[best] >= RARE) {
    // Every trigram is common (date digits): the 4-character part with the fewest rows ("0913" of "CS240913").
    const quads = grams.slice(0, -1).map((_, i) =>
      chars
        .slice(i, i + 4)
        .join('')
        .toLowerCase(),
    );
    const quadCounts = quads.map((g) => lines(g, PAIR_CAP));
    best = 0;
    quadCounts.forEach((c, i) => {
      if (c < quadCounts[best]) best = i;
    });
    if (quadCounts[best] >= PAIR_CAP) {
      // All of them common too (a month "CS2401"): the pair of adjacent trigrams with the fewest rows between them.
      counts = grams.map((g) => lines(g, COMMON));
      best = 0;
      for (let i = 0; i + 1 < counts.length; i++)
        if (counts[i] + counts[i + 1] < counts[best] + counts[best + 1]) best = i;
    }
    return { table: 'order_lines_fts', expr: phrase(chars.slice(best, best + 4).join('')), exact: chars.length === 4 };
  }
  return { table: 'order_lines_fts', expr: phrase(chars.slice(best, best + 3).join('')), exact: false };
}

/**
 * Order-No. fragments of 2+ characters go through the index (doubled, order-no-key.ts); single characters are tested
 * row by row.
 */
export const ORDER_NO_INDEXED_MIN = 2;

export interface NameHit {
  name: string;
  lines: number;
}

export interface TermMatch {
  term: Term;
  products: NameHit[];
  customers: NameHit[];
  productLines: number;
  customerLines: number;
  /** How order numbers are matched: not at all, through the FTS index, or by a row-by-row LIKE (short fragments). */
  orderNo: 'none' | 'fts' | 'scan';
  /** Lines whose order No. matches (exact, from FTS); null when unknown ('scan', or more than the count cap). */
  orderNoLines: number | null;
  /** The order-No. index query, when orderNo is 'fts' (table is one of two fixed names, never input). */
  fts: OrderNoFts | null;
  /**
   * The ids of the lines whose order No. matches, when the FTS query gave candidates (not exact) and testing them
   * found few enough to keep: the exact set then, so no plan tests those candidates a second time.
   */
  orderNoIds: number[] | null;
}

const names = (table: string, how: 'like' | 'fts'): string =>
  how === 'like'
    ? `SELECT name, lines FROM ${table} WHERE name LIKE ? ESCAPE '\\' AND lines > 0`
    : `SELECT n.name, n.lines FROM ${table}_fts f JOIN ${table} n ON n.id = f.rowid WHERE ${table}_fts MATCH ? AND n.lines > 0`;

const statements = perDb((db) => ({
  productsLike: db.prepare<[string], NameHit>(names('order_product_names', 'like')),
  customersLike: db.prepare<[string], NameHit>(names('order_customer_names', 'like')),
  productsFts: db.prepare<[string], NameHit>(names('order_product_names', 'fts')),
  customersFts: db.prepare<[string], NameHit>(names('order_customer_names', 'fts')),
  // LIMIT -1 = no cap. A capped count stops early: a common fragment (a month "CS2401") has tens of thousands of
  // matches, and counting them all through the trigram index costs more than the page (docs/architecture.md).
  ftsCount: db
    .prepare<[string, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM order_lines_fts WHERE order_lines_fts MATCH ? LIMIT ?)',
    )
    .pluck(),
  // The same through a part of the fragment, each candidate tested like termCond does.
  ftsCountTested: db
    .prepare<[string, string, string, number], number>(
      `SELECT count(*) FROM (SELECT 1 FROM (SELECT rowid AS fid FROM order_lines_fts WHERE order_lines_fts MATCH ?) f CROSS JOIN order_lines l ON l.id = f.fid
      WHERE l.order_id LIKE ? ESCAPE '\\' OR l.order_line_id LIKE ? ESCAPE '\\' LIMIT ?)`,
    )
    .pluck(),
  ftsIdsTested: db
    .prepare<[string, string, string, number], number>(
      `SELECT l.id FROM (SELECT rowid AS fid FROM order_lines_fts WHERE order_lines_fts MATCH ?) f CROSS JOIN order_lines l ON l.id = f.fid
      WHERE l.order_id LIKE ? ESCAPE '\\' OR l.order_line_id LIKE ? ESCAPE '\\' LIMIT ?`,
    )
    .pluck(),
  fts2Count: db
    .prepare<[string, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM order_lines_fts2 WHERE order_lines_fts2 MATCH ? LIMIT ?)',
    )
    .pluck(),
}));

/** 2-character fragments (one token of the doubled index) are counted exactly up to this many. */
const FTS2_COUNT_CAP = 20_000;
/** Order-No. matches found by testing candidates are kept as an id list up to this many. */
const KEPT_IDS = 2_000;

export interface ResolveOptions {
  /** Stop counting order-No. matches above this many (orderNoLines is then null); absent = count them all. */
  countCap?: number;
  /** Tests lower narrowOrderNoFts's thresholds so each of its choices runs on a small cache. */
  narrowing?: Narrowing;
}

const sum = (hits: readonly NameHit[]): number => hits.reduce((s, h) => s + h.lines, 0);

/** Case-insensitive for ASCII (LIKE; the trigram index folds case the same way for order numbers). */
export function resolveTerm(db: ReadDb, term: Term, opts: ResolveOptions = {}): TermMatch {
  const s = statements(db);
  // Trigram index for 3+ characters; shorter words (迁移) by LIKE over the distinct names.
  const trigram = charLength(term.text) >= TRIGRAM;
  const key = trigram ? phrase(term.text) : likePattern(term.text);
  const products =
    term.scope === 'product' || term.scope === 'any' ? (trigram ? s.productsFts : s.productsLike).all(key) : [];
  const customers =
    term.scope === 'customer' || term.scope === 'any' ? (trigram ? s.customersFts : s.customersLike).all(key) : [];
  let orderNo: TermMatch['orderNo'] = 'none';
  let orderNoLines: number | null = 0;
  let fts: OrderNoFts | null = null;
  let orderNoIds: number[] | null = null;
  if ((term.scope === 'orderNo' || term.scope === 'any') && mayMatchOrderNo(term.text)) {
    if (charLength(term.text) >= ORDER_NO_INDEXED_MIN) {
      fts = narrowOrderNoFts(db, term.text, opts.narrowing);
      const fts2 = fts.table === 'order_lines_fts2';
      // One token without positions (a 2-character fragment, doubled index) counts cheaply: about 20,000 rows a
      // millisecond.
      const cap = opts.countCap === undefined ? -1 : fts2 ? Math.max(opts.countCap, FTS2_COUNT_CAP) : opts.countCap;
      const limit = cap < 0 ? -1 : cap + 1;
      const like = likePattern(term.text);
      // Candidates are tested here once; the matching ids are kept when few (the set every plan then uses).
      const ids = fts.exact ? null : s.ftsIdsTested.all(fts.expr, like, like, KEPT_IDS + 1);
      if (ids && ids.length <= KEPT_IDS) orderNoIds = ids;
      let n: number;
      if (orderNoIds) n = orderNoIds.length;
      else if (fts.exact) n = (fts2 ? s.fts2Count : s.ftsCount).get(fts.expr, limit) ?? 0;
      else n = cap >= 0 && cap < KEPT_IDS ? KEPT_IDS + 1 : (s.ftsCountTested.get(fts.expr, like, like, limit) ?? 0);
      orderNo = n > 0 ? 'fts' : 'none';
      orderNoLines = cap >= 0 && n > cap ? null : n;
    } else {
      orderNo = 'scan';
      orderNoLines = null;
    }
  }
  return {
    term,
    products,
    customers,
    productLines: sum(products),
    customerLines: sum(customers),
    orderNo,
    orderNoLines,
    fts,
    orderNoIds,
  };
}

/** The order-No. part of termSet holds exactly the matching lines (not FTS candidates to test). */
export function orderNoSetExact(m: TermMatch): boolean {
  return m.orderNoIds !== null || m.fts?.exact !== false;
}

/** True when nothing can match the term. */
export function matchesNothing(m: TermMatch): boolean {
  return m.productLines === 0 && m.customerLines === 0 && m.orderNo === 'none';
}

/**
 * Name-only terms that match customers alone ("Northwind" "Traders") are one term: a line matches both exactly when
 * its customer is in both lists, so the lists are intersected here (exact line counts stay known, no row is read).
 * The same for terms matching product names alone.
 */
export function mergeNameTerms(matches: readonly TermMatch[]): TermMatch[] {
  const only = (m: TermMatch, kind: 'customers' | 'products'): boolean =>
    m.orderNo === 'none' &&
    (kind === 'customers' ? m.productLines === 0 && m.customerLines > 0 : m.customerLines === 0 && m.productLines > 0);
  let out = [...matches];
  for (const kind of ['customers', 'products'] as const) {
    const group = out.filter((m) => only(m, kind));
    if (group.length < 2) continue;
    const names = group.slice(1).reduce((keep, m) => {
      const other = new Set(m[kind].map((h) => h.name));
      return keep.filter((h) => other.has(h.name));
    }, group[0][kind]);
    const lines = sum(names);
    const merged: TermMatch = {
      ...group[0],
      term: { text: group.map((m) => m.term.text).join(' '), scope: group[0].term.scope },
      [kind]: names,
      ...(kind === 'customers' ? { customerLines: lines } : { productLines: lines }),
    };
    out = [merged, ...out.filter((m) => !group.includes(m))];
  }
  return out;
}

/** An upper bound on the lines the term matches; `unknown` for a short order-No. fragment. */
export function estimateLines(m: TermMatch, all: number): number {
  return m.productLines + m.customerLines + (m.orderNoLines ?? all);
}

const json = (hits: readonly NameHit[]): string => JSON.stringify(hits.map((h) => h.name));

/** The row-by-row test of a term. */
export function termCond(m: TermMatch, alias = ''): Cond {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (m.products.length) {
    parts.push(`${alias}product_name IN (SELECT value FROM json_each(?))`);
    params.push(json(m.products));
  }
  if (m.customers.length) {
    parts.push(`${alias}customer_name IN (SELECT value FROM json_each(?))`);
    params.push(json(m.customers));
  }
  if (m.orderNo !== 'none') {
    const p = likePattern(m.term.text);
    parts.push(`${alias}order_id LIKE ? ESCAPE '\\' OR ${alias}order_line_id LIKE ? ESCAPE '\\'`);
    params.push(p, p);
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : { sql: '0', params: [] };
}

/**
 * The ids of the lines a term matches, gathered through indexes; null when not gatherable (short order-No. fragment).
 * `customerFilters` (columns order_lines_customer carries, 0120-customer-filters-index.sql) narrow the customer part
 * inside that index: only lines passing them are gathered. The other parts stay supersets; every plan tests the rows.
 */
export function termSet(m: TermMatch, customerFilters: readonly Cond[] = []): Cond | null {
  if (m.orderNo === 'scan') return null;
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (m.products.length) {
    parts.push(
      'SELECT id FROM order_lines INDEXED BY order_lines_product WHERE product_name IN (SELECT value FROM json_each(?))',
    );
    params.push(json(m.products));
  }
  if (m.customers.length) {
    const narrowed = customerFilters.map((c) => ` AND ${c.sql}`).join('');
    parts.push(
      `SELECT id FROM order_lines INDEXED BY order_lines_customer WHERE customer_name IN (SELECT value FROM json_each(?))${narrowed}`,
    );
    params.push(json(m.customers), ...customerFilters.flatMap((c) => c.params));
  }
  if (m.orderNo === 'fts' && m.orderNoIds) {
    parts.push('SELECT value AS id FROM json_each(?)');
    params.push(JSON.stringify(m.orderNoIds));
  } else if (m.orderNo === 'fts' && m.fts) {
    // A candidate set when the query is a part of the fragment (narrowOrderNoFts): the plans test every row.
    parts.push(`SELECT rowid AS id FROM ${m.fts.table} WHERE ${m.fts.table} MATCH ?`);
    params.push(m.fts.expr);
  }
  return parts.length ? { sql: parts.join(' UNION '), params } : { sql: 'SELECT NULL AS id WHERE 0', params: [] };
}

/**
 * Two name-only terms, one matching only customers and the other only products ("杭州 迁移"): their
 * lines are a few ranges of the (customer_name, product_name) index, counted and gathered without
 * touching the table.
 */
export function namePair(
  matches: readonly TermMatch[],
): { customers: TermMatch; products: TermMatch; set: Cond } | null {
  const nameOnly = (m: TermMatch): boolean => m.orderNo === 'none';
  const customers = matches.find((m) => nameOnly(m) && m.productLines === 0 && m.customerLines > 0);
  const products = matches.find((m) => nameOnly(m) && m.customerLines === 0 && m.productLines > 0);
  if (!customers || !products) return null;
  return {
    customers,
    products,
    set: {
      sql: `SELECT id FROM order_lines INDEXED BY order_lines_customer
             WHERE customer_name IN (SELECT value FROM json_each(?)) AND product_name IN (SELECT value FROM json_each(?))`,
      params: [json(customers.customers), json(products.products)],
    },
  };
}
