// Saved views of the supervision list: a name with the filter, sort and column layout, kept in the settings
// (settings:set validates the whole list). Pure: the component saves what these return.
import { MAX_SAVED_VIEWS, type OrderFilter, type SavedView, type TableColumns } from '../../common/api/contract';
import { EMPTY_CRITERIA, toListQuery, type Criteria, type Sort } from './order-criteria';

export type ViewError = 'duplicate' | 'full' | 'empty';
export type ViewChange = { ok: true; views: SavedView[] } | { ok: false; error: ViewError };

/** The filter part of the criteria, with empty fields dropped (as the list's query has them). */
export function filterOf(criteria: Criteria): OrderFilter {
  const { sort: _sort, ...filter } = toListQuery(criteria, { field: 'placedAt', dir: 'desc' });
  return filter;
}

/** The search form's criteria a saved filter stands for. */
export function criteriaOf(filter: OrderFilter): Criteria {
  return {
    ...EMPTY_CRITERIA,
    text: filter.text ?? '',
    orderNo: filter.orderNo ?? '',
    customerName: filter.customerName ?? '',
    productName: filter.productName ?? '',
    status: filter.status ?? [],
    stage: filter.stage ?? [],
    from: filter.from ?? '',
    to: filter.to ?? '',
    quick: filter.quick ?? null,
  };
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function addView(
  views: readonly SavedView[],
  name: string,
  criteria: Criteria,
  sort: Sort,
  columns: TableColumns,
): ViewChange {
  const trimmed = name.trim();
  if (!trimmed) return { ok: false, error: 'empty' };
  if (views.some((v) => sameName(v.name, trimmed))) return { ok: false, error: 'duplicate' };
  if (views.length >= MAX_SAVED_VIEWS) return { ok: false, error: 'full' };
  return { ok: true, views: [...views, { name: trimmed, filter: filterOf(criteria), sort: { ...sort }, columns }] };
}

export function renameView(views: readonly SavedView[], from: string, to: string): ViewChange {
  const trimmed = to.trim();
  if (!trimmed) return { ok: false, error: 'empty' };
  if (views.some((v) => v.name !== from && sameName(v.name, trimmed))) return { ok: false, error: 'duplicate' };
  return { ok: true, views: views.map((v) => (v.name === from ? { ...v, name: trimmed } : v)) };
}

export function deleteView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}
