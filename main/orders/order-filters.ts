// The non-text criteria of the Service Supervision list (O1, S3, S5, S5a) as SQL conditions with bound values.
import type { OrderQueryParsed, SortField, StageFilter } from '../../common/api/contract';
import type { OrderStatus, Stage } from '../../common/marketplace/wire';
import { CUSTOMER_WAIT_STAGES, OPEN_STAGES, SELLER_ACTION_STAGES } from '../../common/domain/supervision';
import { marketDayEnd, marketDayStart } from '../../common/domain/time';
import { overdueBefore } from '../../common/domain/urgency';
import { ID_MAX_SPILL, idLowerBound, idUpperBound } from './order-line-id';

export type SqlValue = string | number;
export interface Cond {
  sql: string;
  params: SqlValue[];
}

/** Mirrors the stage_rank / status_rank generated columns of 0010-order-lines.sql (tested against them). */
export const STAGE_RANK: Record<Stage, number> = {
  awaiting_request: 1,
  request_pending: 2,
  request_returned: 3,
  awaiting_delivery: 4,
  delivery_returned: 5,
  awaiting_acceptance: 6,
  completed: 7,
  closed: 8,
};
export const STATUS_RANK: Record<OrderStatus, number> = {
  PENDING_PAYMENT: 1,
  PROCESSING: 2,
  COMPLETED: 3,
  CANCELED: 4,
};
/** The stage filter's ranks: `none` (not supervised, S6) is stage_rank 99. */
export const STAGE_FILTER_RANK: Record<StageFilter, number> = { ...STAGE_RANK, none: 99 };
/** The stage filter's values in the counters tables (stage '' = not supervised). */
const stageText = (s: StageFilter): string => (s === 'none' ? '' : s);

export interface ListContext {
  /** UTC ms, from the injected clock. */
  now: number;
  /** S5: "waiting too long" threshold (setting, default 5). */
  waitingThresholdDays: number;
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

function inList(column: string, values: readonly number[]): Cond {
  return { sql: `${column} IN (${marks(values.length)})`, params: [...values] };
}

/** Conditions for status, stage, placement dates (UTC+8 days, O4) and the quick filters. */
export function filterConds(q: OrderQueryParsed, ctx: ListContext): Cond[] {
  const out: Cond[] = [];
  if (q.status && q.status.length > 0)
    out.push(
      inList(
        'status_rank',
        q.status.map((s) => STATUS_RANK[s]),
      ),
    );
  if (q.stage && q.stage.length > 0)
    out.push(
      inList(
        'stage_rank',
        q.stage.map((s) => STAGE_FILTER_RANK[s]),
      ),
    );
  // O4: dates are UTC+8 days. Ids follow placement (order-line-id.ts), so a date range is an id range
  // (walks start and stop in place, index ranges count it); placed_at is read only for the ids within
  // one "spill" of a bound, where a line placed just outside could sit.
  if (q.from) {
    const start = marketDayStart(q.from);
    const lo = idLowerBound(start);
    out.push({ sql: 'id >= ? AND (id >= ? OR placed_at >= ?)', params: [lo, lo + ID_MAX_SPILL, start] });
  }
  if (q.to) {
    const end = marketDayEnd(q.to);
    const hi = idUpperBound(end);
    out.push({ sql: 'id < ? AND (id < ? OR placed_at < ?)', params: [hi, hi - ID_MAX_SPILL, end] });
  }
  // The quick filters are the partition of common/domain/urgency.ts (waitingOn, sellerAction, overdue), in SQL.
  const open = OPEN_STAGES.map((s) => STAGE_RANK[s]);
  switch (q.quick) {
    case 'needs_action': // S3, S5c: a stage the seller acts in, or a refund request on an open line; S5a: not while frozen.
      out.push({
        sql: `(stage_rank IN (${marks(SELLER_ACTION_STAGES.length)}) OR (unsub_pending = 1 AND stage_rank IN (${marks(open.length)}))) AND appeal_open = 0`,
        params: [...SELLER_ACTION_STAGES.map((s) => STAGE_RANK[s]), ...open],
      });
      break;
    case 'awaiting_customer': // S7: the customer must move — no refund request waiting on the seller, no appeal open.
      out.push({
        sql: `stage_rank IN (${marks(CUSTOMER_WAIT_STAGES.length)}) AND unsub_pending = 0 AND appeal_open = 0`,
        params: CUSTOMER_WAIT_STAGES.map((s) => STAGE_RANK[s]),
      });
      break;
    case 'waiting_long': // S5/S7: any open line whose last move is more than the threshold ago (UTC+8 days) — the "overdue" rule.
      out.push({
        sql: `stage_rank IN (${marks(open.length)}) AND wait_key < ?`,
        params: [...open, overdueBefore(ctx.now, ctx.waitingThresholdDays)],
      });
      break;
    case 'appeal_open':
      out.push({ sql: 'appeal_open = 1', params: [] });
      break;
    case undefined:
      break;
  }
  return out;
}

/**
 * The criteria order_lines_customer holds (0120-customer-filters-index.sql: stage_rank, status_rank, appeal_open,
 * unsub_pending): status, stage and the quick filters but "waiting long" (S5's threshold moves with the clock);
 * no dates. `all` is true when these are every filter of the query.
 */
export function customerIndexConds(q: OrderQueryParsed, ctx: ListContext): { conds: Cond[]; all: boolean } {
  const all = !q.from && !q.to && q.quick !== 'waiting_long';
  const conds = filterConds(
    { ...q, from: undefined, to: undefined, quick: q.quick === 'waiting_long' ? undefined : q.quick },
    ctx,
  );
  return { conds, all };
}

export interface CountsConds {
  conds: Cond[];
  /**
   * False when some criterion is not kept in the counters (dates, S5's time-dependent threshold): the counters then
   * give an upper bound.
   */
  exact: boolean;
}

/** The same criteria over the counters tables (status, stage text, appeal_open, unsub_pending). */
export function countsConds(q: OrderQueryParsed): CountsConds {
  const out: Cond[] = [];
  const exact = !q.from && !q.to && q.quick !== 'waiting_long';
  const text = (column: string, values: readonly string[]): Cond => ({
    sql: `${column} IN (${marks(values.length)})`,
    params: [...values],
  });
  if (q.status && q.status.length > 0) out.push(text('status', q.status));
  if (q.stage && q.stage.length > 0) out.push(text('stage', q.stage.map(stageText)));
  if (q.quick === 'needs_action') {
    out.push({
      sql: `(stage IN (${marks(SELLER_ACTION_STAGES.length)}) OR (unsub_pending = 1 AND stage IN (${marks(OPEN_STAGES.length)}))) AND appeal_open = 0`,
      params: [...SELLER_ACTION_STAGES, ...OPEN_STAGES],
    });
  } else if (q.quick === 'awaiting_customer') {
    out.push({
      sql: `stage IN (${marks(CUSTOMER_WAIT_STAGES.length)}) AND unsub_pending = 0 AND appeal_open = 0`,
      params: [...CUSTOMER_WAIT_STAGES],
    });
  } else if (q.quick === 'appeal_open') {
    out.push({ sql: 'appeal_open = 1', params: [] });
  } else if (q.quick === 'waiting_long') {
    out.push(text('stage', OPEN_STAGES));
  }
  return { conds: out, exact };
}

/**
 * ORDER BY for a sort: the field, then id (= placement order, 0010-order-lines.sql), in one
 * direction, so every sort is one index walked forwards or backwards and paging is stable.
 * "daysWaiting desc" = most days waiting first = earliest stage start first (S5); lines without a
 * stage count as waiting 0 days (wait_key), so they come last when descending and first when ascending.
 */
export function orderBy(sort: { field: SortField; dir: 'asc' | 'desc' }, alias = ''): string {
  const d = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const by = (column: string | null, dir = d): string =>
    column ? `${alias}${column} ${dir}, ${alias}id ${dir}` : `${alias}id ${dir}`;
  switch (sort.field) {
    case 'placedAt':
      return by(null);
    case 'orderNo':
      return by('order_id');
    case 'productName':
      return by('product_name');
    case 'amount': // O3: within a currency, never one raw number across CNY and USD.
      return `${alias}currency ${d}, ${alias}amount_minor ${d}, ${alias}id ${d}`;
    case 'status':
      return by('status_rank');
    case 'stage':
      return by('stage_rank');
    case 'daysWaiting':
      return by('wait_key', sort.dir === 'desc' ? 'ASC' : 'DESC');
    case 'urgency': // S7: "desc" = most urgent first = the smallest urgency_key first (0100-urgency.sql).
      return by('urgency_key', sort.dir === 'desc' ? 'ASC' : 'DESC');
  }
}

/**
 * The index a walk in this sort order uses (null = the table itself, in id order). With a single
 * stage filter, the composite (stage_rank, field) index walks only that stage.
 */
export function sortIndex(field: SortField, singleStage: boolean): string | null {
  switch (field) {
    case 'placedAt':
      return singleStage ? 'order_lines_stage' : null;
    case 'orderNo':
      return singleStage ? 'order_lines_stage_order' : 'order_lines_order';
    case 'productName':
      return singleStage ? 'order_lines_stage_product' : 'order_lines_product';
    case 'amount':
      return singleStage ? 'order_lines_stage_amount' : 'order_lines_amount';
    case 'status':
      return 'order_lines_status';
    case 'stage':
      return 'order_lines_stage';
    case 'daysWaiting':
      return singleStage ? 'order_lines_stage_wait' : 'order_lines_wait';
    case 'urgency':
      return 'order_lines_urgency';
  }
}
