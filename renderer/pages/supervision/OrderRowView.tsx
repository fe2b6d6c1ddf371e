// One row of the order table; a placeholder while its block is on its way.
import { memo } from 'react';
import type { OrderRow } from '../../../common/api/types';
import { StageBadge, StatusBadge } from '../../components/Badges';
import { Icon } from '../../components/Icon';
import { daysWaiting, formatAmount, formatDateTime, isLongUnaccepted } from '../../lib/format';
import { useT } from '../../i18n/use-t';
import type { Language } from '../../i18n/languages';
import { PendingSyncPill } from './actions/PendingSyncPill';
import { COLUMNS } from './columns';

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

export const OrderRowView = memo(function OrderRowView({ index, row, start, selected, open, now, lang, thresholdDays, onClick }: Props) {
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
  const days = daysWaiting(row, now);
  const long = isLongUnaccepted(row, now);
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
        <span className="mono">{row.orderId}</span>
        <span className="mono muted">{lineSuffix(row)}</span>
        {row.imported && <span className="tag">{t('order.imported')}</span>}
      </div>
      <div className="cell c-product" role="gridcell" data-col="product" title={`${row.productName}\n${row.customerName}`}>
        <span className="ellipsis">
          {row.productName}
          <span className="muted"> · {row.customerName}</span>
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
      <div className={days !== null && days > thresholdDays ? 'cell num overdue' : 'cell num'} role="gridcell" data-col="waiting">
        {long && (
          <span title={t('order.longUnaccepted')} className="long-flag">
            <Icon name="alert" size={13} />
          </span>
        )}
        {days === null ? <span className="muted">—</span> : t('table.days', { n: days })}
      </div>
    </div>
  );
});
