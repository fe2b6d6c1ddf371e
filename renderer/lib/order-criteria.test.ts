import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  EMPTY_CRITERIA,
  hasCriteria,
  queryKey,
  toggleSort,
  toListQuery,
  validateCriteria,
} from './order-criteria';

describe('search criteria → orders:list query (docs/rules.md O1)', () => {
  it('sends only what the user asked for, trimmed', () => {
    const q = toListQuery(
      { ...EMPTY_CRITERIA, orderNo: '  2504 ', productName: '迁移', stage: ['request_pending'] },
      DEFAULT_SORT,
    );
    expect(q).toEqual({ sort: DEFAULT_SORT, orderNo: '2504', productName: '迁移', stage: ['request_pending'] });
  });

  it('the same filters in another order share one cache key', () => {
    const a = toListQuery({ ...EMPTY_CRITERIA, stage: ['completed', 'request_pending'], text: 'x' }, DEFAULT_SORT);
    const b = toListQuery({ ...EMPTY_CRITERIA, text: 'x', stage: ['request_pending', 'completed'] }, DEFAULT_SORT);
    expect(queryKey(a)).toBe(queryKey(b));
    expect(queryKey(a)).not.toBe(queryKey(toListQuery(EMPTY_CRITERIA, DEFAULT_SORT)));
  });

  it('a date range ending before it starts is refused beside the "to" field, by the contract schema', () => {
    const q = toListQuery({ ...EMPTY_CRITERIA, from: '2025-04-10', to: '2025-04-01' }, DEFAULT_SORT);
    expect(Object.keys(validateCriteria(q))).toEqual(['to']);
    expect(
      validateCriteria(toListQuery({ ...EMPTY_CRITERIA, from: '2025-04-01', to: '2025-04-01' }, DEFAULT_SORT)),
    ).toEqual({});
  });

  it('sorting: a new column starts descending for time/amount, ascending for text; a second click flips', () => {
    expect(toggleSort(DEFAULT_SORT, 'productName')).toEqual({ field: 'productName', dir: 'asc' });
    expect(toggleSort({ field: 'orderNo', dir: 'asc' }, 'daysWaiting')).toEqual({ field: 'daysWaiting', dir: 'desc' });
    expect(toggleSort(DEFAULT_SORT, 'placedAt')).toEqual({ field: 'placedAt', dir: 'asc' });
  });

  it('knows whether any filter is set', () => {
    expect(hasCriteria(EMPTY_CRITERIA)).toBe(false);
    expect(hasCriteria({ ...EMPTY_CRITERIA, text: '   ' })).toBe(false);
    expect(hasCriteria({ ...EMPTY_CRITERIA, quick: 'appeal_open' })).toBe(true);
  });
});
