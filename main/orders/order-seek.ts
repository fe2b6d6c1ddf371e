// Deep pages of a walk (order-query.ts) without OFFSET's walk from the top. OFFSET n steps over n rows, so a jump to
// the middle of 1,000,000 lines read half the table (150–200 ms on the bench machine, bench/ui-bench.ts). Here the
// row at a page's offset is found from the nearest row whose place is known — an anchor: where an earlier page of the
// same query began, or either end of the list when its total is exact — stepping only the rows between, reading its
// sort key only; the page is then read from that key by a seek in the walk's index (every sort ends in id, so the
// key is unique). Anchors belong to one query over one state of the cache: any write forgets them all.
import type { SortField } from '../../common/api/contract';
import type { ReadDb } from '../db/connection';
import { perDb, preparedBySql } from '../db/statement-cache';
import type { Cond, SqlValue } from './order-filters';

/** Below this offset OFFSET itself is cheap. */
export const SEEK_MIN_OFFSET = 1_000;
const MAX_QUERIES = 16;
const MAX_ANCHORS = 256;

export interface SortKey {
  /** The columns of the sort (order-filters.ts orderBy), id last. */
  columns: readonly string[];
  dir: 'ASC' | 'DESC';
}

/** orderBy's columns and direction (one direction for all: order-filters.ts). */
export function sortKey(sort: { field: SortField; dir: 'asc' | 'desc' }): SortKey {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  // "most days waiting" and "most urgent" first are the smallest keys first (order-filters.ts orderBy, S5, S7).
  const flipped = sort.dir === 'desc' ? 'ASC' : 'DESC';
  switch (sort.field) {
    case 'placedAt':
      return { columns: ['id'], dir };
    case 'orderNo':
      return { columns: ['order_id', 'id'], dir };
    case 'productName':
      return { columns: ['product_name', 'id'], dir };
    case 'amount':
      return { columns: ['currency', 'amount_minor', 'id'], dir };
    case 'status':
      return { columns: ['status_rank', 'id'], dir };
    case 'stage':
      return { columns: ['stage_rank', 'id'], dir };
    case 'daysWaiting':
      return { columns: ['wait_key', 'id'], dir: flipped };
    case 'urgency':
      return { columns: ['urgency_key', 'id'], dir: flipped };
  }
}

interface Anchor {
  offset: number;
  key: SqlValue[];
}

const state = perDb((db) => ({
  stamp: '',
  queries: new Map<string, Anchor[]>(),
  // This connection's writes (total_changes) and other connections' commits (data_version).
  version: db.prepare<[], string>("SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version)"),
}));

const keyStatement = preparedBySql<SqlValue[], SqlValue[]>(64);

function keyAt(db: ReadDb, sql: string, params: readonly SqlValue[]): SqlValue[] | null {
  return (
    keyStatement(db, sql)
      .raw(true)
      .get(...params) ?? null
  );
}

export interface SeekInput {
  /** `order_lines` with the walk's index hint. */
  from: string;
  conds: readonly Cond[];
  key: SortKey;
  offset: number;
  /** The exact number of rows the walk yields, or null when only estimated: the end is an anchor when known. */
  total: number | null;
}

/**
 * A condition that starts the walk at the row at `offset` (then read with OFFSET 0), or null when the list ends
 * before it.
 */
export function seekCond(db: ReadDb, input: SeekInput): { cond: Cond } | null {
  const { from, conds, key, offset, total } = input;
  const s = state(db);
  const stamp = String(s.version.pluck(true).get());
  if (stamp !== s.stamp) {
    s.stamp = stamp;
    s.queries.clear();
  }
  const cols = key.columns.join(', ');
  const marks = key.columns.map(() => '?').join(', ');
  const forward = key.columns.map((c) => `${c} ${key.dir}`).join(', ');
  const backward = key.columns.map((c) => `${c} ${key.dir === 'ASC' ? 'DESC' : 'ASC'}`).join(', ');
  // Rows from the anchor on (itself included), and rows before it, in the walk's order.
  const fromAnchor = (a: Anchor): Cond => ({
    sql: `(${cols}) ${key.dir === 'ASC' ? '>=' : '<='} (${marks})`,
    params: a.key,
  });
  const beforeAnchor = (a: Anchor): Cond => ({
    sql: `(${cols}) ${key.dir === 'ASC' ? '<' : '>'} (${marks})`,
    params: a.key,
  });
  const where = (extra: Cond | null): { sql: string; params: SqlValue[] } => {
    const all = extra ? [...conds, extra] : [...conds];
    return {
      sql: all.length ? `WHERE ${all.map((c) => c.sql).join(' AND ')}` : '',
      params: all.flatMap((c) => c.params),
    };
  };
  const queryKey = `${from}|${where(null).sql}|${forward}|${JSON.stringify(where(null).params)}`;
  const anchors = s.queries.get(queryKey) ?? [];

  // The cheapest start: the top, the end (exact totals only) or the nearest anchor on either side.
  let below: Anchor | null = null;
  let above: Anchor | null = null;
  for (const a of anchors) {
    if (a.offset <= offset && (!below || a.offset > below.offset)) below = a;
    if (a.offset > offset && (!above || a.offset < above.offset)) above = a;
  }
  if (total !== null && offset >= total) return null;
  const steps = [
    { cost: offset, run: () => ({ order: forward, extra: null, skip: offset }) },
    ...(below
      ? [
          {
            cost: offset - below.offset,
            run: () => ({ order: forward, extra: fromAnchor(below), skip: offset - below.offset }),
          },
        ]
      : []),
    ...(above
      ? [
          {
            cost: above.offset - offset,
            run: () => ({ order: backward, extra: beforeAnchor(above), skip: above.offset - offset - 1 }),
          },
        ]
      : []),
    ...(total !== null
      ? [{ cost: total - 1 - offset, run: () => ({ order: backward, extra: null, skip: total - 1 - offset }) }]
      : []),
  ];
  steps.sort((a, b) => a.cost - b.cost);
  const { order, extra, skip } = steps[0].run();
  const w = where(extra);
  const found = keyAt(db, `SELECT ${cols} FROM ${from} ${w.sql} ORDER BY ${order} LIMIT 1 OFFSET ?`, [
    ...w.params,
    skip,
  ]);
  if (!found) return null;
  const anchor = { offset, key: found };
  if (!anchors.some((a) => a.offset === offset)) {
    anchors.push(anchor);
    if (anchors.length > MAX_ANCHORS) anchors.shift();
  }
  s.queries.delete(queryKey);
  s.queries.set(queryKey, anchors);
  while (s.queries.size > MAX_QUERIES) s.queries.delete(s.queries.keys().next().value as string);
  return { cond: fromAnchor(anchor) };
}
