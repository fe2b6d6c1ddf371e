// One row of the order table; a placeholder while its block is on its way.
import { memo } from 'react';
import type { OrderRow } from '../../../common/api/types';
import { StageBadge, StatusBadge } from '../../components/Badges';
import { Icon } from '../../components/Icon';
import { formatAmount, formatDateTime } from '../../lib/format';
import { useT } from '../../i18n/use-t';
import type { Language } from '../../i18n/languages';
import { PendingSyncPill } from './actions/PendingSyncPill';
import { COLUMNS } from './columns';
import { Highlighted } from './Highlighted';
import { UrgencyCell } from './UrgencyCell';

interface Props {
  index: number;
  row: OrderRow | undefined;
  start: number;
  selected: boolean;
  open: boolean;
  now: number;
  lang: Language;
  thresholdDays: number;
  onClick(index: number): void;
}

function lineSuffix(row: OrderRow): string {
  return row.orderLineId.startsWith(row.orderId) ? row.orderLineId.slice(row.orderId.length) : ` · ${row.orderLineId}`;
}

export const OrderRowView = memo(function OrderRowView({
  index,
  row,
  start,
  selected,
  open,
  now,
  lang,
  thresholdDays,
  onClick,
}: Props) {
  const t = useT();
  // `top`, not a transform: layout units stay exact at 32,000,000 px, GPU transforms do not.
  const style = { top: start };
  if (!row) {
    return (
      <div className="grid-row placeholder" role="row" aria-rowindex={index + 2} style={style} aria-busy="true">
        {COLUMNS.map((c, i) => (
          <div key={c.id} className="cell" role="gridcell" data-col={c.id}>
            <span className="skeleton" style={{ width: `${40 + ((index * 13 + i * 29) % 45)}%` }} />
          </div>
        ))}
      </div>
    );
  }
  const className = ['grid-row', selected ? 'selected' : '', open ? 'open' : ''].join(' ').trim();
  return (
    <div
      className={className}
      role="row"
      id={`order-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={style}
      onClick={() => onClick(index)}
      data-testid="order-row"
      data-order-line-id={row.orderLineId}
    >
      <div className="cell c-order" role="gridcell" data-col="orderNo">
        <span className="mono">
          <Highlighted text={row.orderId} field="orderNo" />
        </span>
        <span className="mono muted">
          <Highlighted text={lineSuffix(row)} field="orderNo" />
        </span>
        {row.imported && <span className="tag">{t('order.imported')}</span>}
      </div>
      <div className="cell c-product" role="gridcell" data-col="product" title={row.productName}>
        <span className="ellipsis">
          <Highlighted text={row.productName} field="product" />
        </span>
      </div>
      <div className="cell c-customer" role="gridcell" data-col="customer" title={row.customerName}>
        <span className="ellipsis">
          <Highlighted text={row.customerName} field="customer" />
        </span>
      </div>
      <div className="cell num" role="gridcell" data-col="amount">
        {formatAmount(row.amountMinor, row.currency, lang)}
      </div>
      <div className="cell" role="gridcell" data-col="status">
        <StatusBadge status={row.status} />
      </div>
      <div className="cell c-stage" role="gridcell" data-col="stage">
        <StageBadge stage={row.stage} />
        {row.appealOpen && (
          <span className="appeal-flag" title={t('order.appealOpen')}>
            <Icon name="flag" size={13} />
          </span>
        )}
        <PendingSyncPill orderLineId={row.orderLineId} compact />
      </div>
      <div className="cell" role="gridcell" data-col="placed">
        {formatDateTime(row.placedAt, lang)}
      </div>
      <UrgencyCell row={row} now={now} thresholdDays={thresholdDays} />
    </div>
  );
});
