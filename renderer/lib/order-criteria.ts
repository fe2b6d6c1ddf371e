// The Service Supervision search form (docs/rules.md O1) ↔ the `orders:list` query of the contract.
import {
  orderQuery,
  type OrderQuery,
  type QuickFilter,
  type SortField,
  type StageFilter,
} from '../../common/api/contract';
import type { OrderStatus } from '../../common/marketplace/wire';
import { toFieldErrors, type FieldIssue } from './field-errors';

export interface Criteria {
  /** Free text across order No., product and customer. */
  text: string;
  orderNo: string;
  /** The search box's "Customer" chip. */
  customerName: string;
  productName: string;
  status: OrderStatus[];
  /** Stages, and `none` for lines not under supervision (S6). */
  stage: StageFilter[];
  /** Placement date range, `YYYY-MM-DD` as UTC+8 dates (O4), inclusive; '' = open. */
  from: string;
  to: string;
  quick: QuickFilter | null;
}

export interface Sort {
  field: SortField;
  dir: 'asc' | 'desc';
}

export const EMPTY_CRITERIA: Criteria = {
  text: '',
  orderNo: '',
  customerName: '',
  productName: '',
  status: [],
  stage: [],
  from: '',
  to: '',
  quick: null,
};

export const DEFAULT_SORT: Sort = { field: 'placedAt', dir: 'desc' };

/** The query without its window: what identifies a result set (and its block cache). */
export type ListQuery = Omit<OrderQuery, 'offset' | 'limit'>;

/** Drops empty fields so the query says only what the user asked for. */
export function toListQuery(c: Criteria, sort: Sort): ListQuery {
  const q: ListQuery = { sort };
  const text = c.text.trim();
  const orderNo = c.orderNo.trim();
  const productName = c.productName.trim();
  const customerName = c.customerName.trim();
  if (text) q.text = text;
  if (orderNo) q.orderNo = orderNo;
  if (productName) q.productName = productName;
  if (customerName) q.customerName = customerName;
  if (c.status.length) q.status = [...c.status].sort();
  if (c.stage.length) q.stage = [...c.stage].sort();
  if (c.from) q.from = c.from;
  if (c.to) q.to = c.to;
  if (c.quick) q.quick = c.quick;
  return q;
}

/** A stable key for a query: same filters in any order → same key. */
export function queryKey(q: ListQuery): string {
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(q).sort()) ordered[k] = q[k as keyof ListQuery];
  return JSON.stringify(ordered);
}

export type CriteriaErrors = Partial<Record<keyof Criteria, FieldIssue>>;

/** Validates with the contract's own schema, so the form shows exactly what main would refuse. */
export function validateCriteria(q: ListQuery): CriteriaErrors {
  const parsed = orderQuery.safeParse(q);
  return parsed.success ? {} : (toFieldErrors(parsed.error.issues) as CriteriaErrors);
}

export function hasCriteria(c: Criteria): boolean {
  return queryKey(toListQuery(c, DEFAULT_SORT)) !== queryKey(toListQuery(EMPTY_CRITERIA, DEFAULT_SORT));
}

export function toggleSort(current: Sort, field: SortField): Sort {
  if (current.field !== field)
    return {
      field,
      dir:
        field === 'placedAt' || field === 'daysWaiting' || field === 'amount' || field === 'urgency' ? 'desc' : 'asc',
    };
  return { field, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}
