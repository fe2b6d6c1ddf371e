// The Service Supervision table's columns (docs/rules.md O1; the customer on its own, S7 urgency in "waiting").
import type { SortField } from '../../../common/api/contract';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/translate';

export interface Column {
  id: 'orderNo' | 'product' | 'customer' | 'amount' | 'status' | 'stage' | 'placed' | 'waiting';
  label: MessageKey;
  /** null: not sortable (no index serves it on a 1,000,000-line cache). */
  sort: SortField | null;
  numeric?: boolean;
  /** O4: the column shows instants in the user's zone; its header names the zone. */
  zoned?: boolean;
}

/** The order matches styles.css --cols (one track per column). */
export const COLUMNS: readonly Column[] = [
  { id: 'orderNo', label: 'col.orderNo', sort: 'orderNo' },
  { id: 'product', label: 'col.product', sort: 'productName' },
  { id: 'customer', label: 'col.customer', sort: null },
  { id: 'amount', label: 'col.amount', sort: 'amount', numeric: true },
  { id: 'status', label: 'col.status', sort: 'status' },
  { id: 'stage', label: 'col.stage', sort: 'stage' },
  { id: 'placed', label: 'col.placed', sort: 'placedAt', zoned: true },
  // S7: days since the last move, who must move, "appeal possible", the 180-day flag; sorted most urgent first.
  { id: 'waiting', label: 'col.urgency', sort: 'urgency' },
];

/** A column's header text, with the zone of its times (O4), e.g. "Placed (UTC+1)". */
export function columnTitle(c: Column, t: Translate, zone: string): string {
  return c.zoned ? t('col.zoned', { label: t(c.label), zone }) : t(c.label);
}

/** Fixed row height: rows are never measured, so scrolling a million of them costs nothing. */
export const ROW_HEIGHT = 32;
/**
 * Chromium cannot lay out an element taller than about 33.5 million px; 32 px rows keep
 * 1,000,000 lines inside that. Past this many rows the table asks to narrow the search.
 */
export const MAX_ROWS = Math.floor(33_000_000 / ROW_HEIGHT);
