// Text criteria of the list (O1: order No. exact or partial, product name partial, free text across
// order No., product and customer), each resolved to what it can match (docs/architecture.md):
// - product and customer names have low cardinality: a term is matched against the distinct-name
//   tables first (exact line counts, and it works for 2-character terms like 迁移, 许可 that the
//   trigram index cannot see);
// - order numbers through the trigram FTS index (2+ characters, doubled), or a row-by-row test for one character.
import type { OrderQueryParsed } from '../../common/api/contract';
import type { Db } from './connection';
import type { Cond, SqlValue } from './order-filters';
import { doubled } from './order-no-key';
import { perDb } from './statement-cache';

export type TermScope = 'orderNo' | 'product' | 'any';
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

/** orderNo and productName are one term each (spaces kept); free text is split on whitespace and every word must match. */
export function searchTerms(q: Pick<OrderQueryParsed, 'orderNo' | 'productName' | 'text'>): Term[] {
  const out: Term[] = [];
  if (q.orderNo) out.push({ text: q.orderNo, scope: 'orderNo' });
  if (q.productName) out.push({ text: q.productName, scope: 'product' });
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
}

export function orderNoFts(text: string): OrderNoFts {
  return charLength(text) >= TRIGRAM
    ? { table: 'order_lines_fts', expr: phrase(text) }
    : { table: 'order_lines_fts2', expr: phrase([...doubled(text)].slice(0, 3).join('')) };
}

/** Order-No. fragments of 2+ characters go through the index (doubled, order-no-key.ts); single characters are tested row by row. */
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
  /** Lines whose order No. matches (exact, from FTS); null when unknown ('scan'). */
  orderNoLines: number | null;
  /** The order-No. index query, when orderNo is 'fts' (table is one of two fixed names, never input). */
  fts: OrderNoFts | null;
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
  ftsCount: db.prepare<[string], number>('SELECT count(*) FROM order_lines_fts WHERE order_lines_fts MATCH ?').pluck(),
  fts2Count: db.prepare<[string], number>('SELECT count(*) FROM order_lines_fts2 WHERE order_lines_fts2 MATCH ?').pluck(),
}));

const sum = (hits: readonly NameHit[]): number => hits.reduce((s, h) => s + h.lines, 0);

/** Case-insensitive for ASCII (LIKE; the trigram index folds case the same way for order numbers). */
export function resolveTerm(db: Db, term: Term): TermMatch {
  const s = statements(db);
  // Trigram index for 3+ characters; shorter words (迁移) by LIKE over the distinct names.
  const trigram = charLength(term.text) >= TRIGRAM;
  const key = trigram ? phrase(term.text) : likePattern(term.text);
  const products = term.scope === 'orderNo' ? [] : (trigram ? s.productsFts : s.productsLike).all(key);
  const customers = term.scope === 'any' ? (trigram ? s.customersFts : s.customersLike).all(key) : [];
  let orderNo: TermMatch['orderNo'] = 'none';
  let orderNoLines: number | null = 0;
  let fts: OrderNoFts | null = null;
  if (term.scope !== 'product' && mayMatchOrderNo(term.text)) {
    if (charLength(term.text) >= ORDER_NO_INDEXED_MIN) {
      fts = orderNoFts(term.text);
      orderNoLines = (fts.table === 'order_lines_fts' ? s.ftsCount : s.fts2Count).get(fts.expr) ?? 0;
      orderNo = orderNoLines > 0 ? 'fts' : 'none';
    } else {
      orderNo = 'scan';
      orderNoLines = null;
    }
  }
  return { term, products, customers, productLines: sum(products), customerLines: sum(customers), orderNo, orderNoLines, fts };
}

/** True when nothing can match the term. */
export function matchesNothing(m: TermMatch): boolean {
  return m.productLines === 0 && m.customerLines === 0 && m.orderNo === 'none';
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

/** The ids of the lines a term matches, gathered through indexes; null when not gatherable (short order-No. fragment). */
export function termSet(m: TermMatch): Cond | null {
  if (m.orderNo === 'scan') return null;
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (m.products.length) {
    parts.push('SELECT id FROM order_lines INDEXED BY order_lines_product WHERE product_name IN (SELECT value FROM json_each(?))');
    params.push(json(m.products));
  }
  if (m.customers.length) {
    parts.push('SELECT id FROM order_lines INDEXED BY order_lines_customer WHERE customer_name IN (SELECT value FROM json_each(?))');
    params.push(json(m.customers));
  }
  if (m.orderNo === 'fts' && m.fts) {
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
export function namePair(matches: readonly TermMatch[]): { customers: TermMatch; products: TermMatch; set: Cond } | null {
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
