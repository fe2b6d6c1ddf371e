// The Service Supervision table's columns (docs/rules.md O1 + days waiting, S5).
import type { SortField } from '../../../common/api/contract';
import type { MessageKey } from '../../i18n/en';

export interface Column {
  id: 'orderNo' | 'product' | 'amount' | 'status' | 'stage' | 'placed' | 'waiting';
  label: MessageKey;
  sort: SortField;
  numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { id: 'orderNo', label: 'col.orderNo', sort: 'orderNo' },
  { id: 'product', label: 'col.product', sort: 'productName' },
  { id: 'amount', label: 'col.amount', sort: 'amount', numeric: true },
  { id: 'status', label: 'col.status', sort: 'status' },
  { id: 'stage', label: 'col.stage', sort: 'stage' },
  { id: 'placed', label: 'col.placed', sort: 'placedAt' },
  { id: 'waiting', label: 'col.waiting', sort: 'daysWaiting', numeric: true },
];

/** Fixed row height: rows are never measured, so scrolling a million of them costs nothing. */
export const ROW_HEIGHT = 32;
/**
 * Chromium cannot lay out an element taller than about 33.5 million px; 32 px rows keep
 * 1,000,000 lines inside that. Past this many rows the table asks to narrow the search.
 */
export const MAX_ROWS = Math.floor(33_000_000 / ROW_HEIGHT);
