// Reconciliation (B4): every cached order line as billed (its bill, revision and period), unbilled (its B1 period when
// known and every B4 reason, in words) or not billable; filtered by billing state, supervision stage, period, order No.
// and customer, with totals of what is filtered and its CSV export.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  RECONCILIATION_STAGES,
  RECONCILIATION_STATES,
  type ReconciliationState,
} from '../../../common/api/contract-bills';
import { useNow, useStores } from '../../stores/StoresContext';
import { useBills, useRecon } from '../../stores/use-bills';
import { openOrder } from '../../stores/outbox-events';
import { openBill } from '../../stores/bills-events';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatAmount, formatCount } from '../../lib/format';
import { hasReconFilters, periodLabel, rowReasons, type ReconStage } from '../../lib/bill-view';
import { MultiSelect } from '../../components/MultiSelect';
import { StageBadge } from '../../components/Badges';
import { Icon } from '../../components/Icon';
import { BillingStateBadge } from './BillBadges';
import { deliver, ExportStatus } from './ExportBar';

export const RECON_ROW_HEIGHT = 44;

export function ReconciliationView() {
  const t = useT();
  const stores = useStores();
  const { recon, bills } = stores;
  const filters = useRecon((s) => s.filters);
  const monthInvalid = useRecon((s) => s.monthInvalid);
  const busy = useBills((s) => s.exports.reconciliation?.busy ?? false);

  const toggleState = (state: ReconciliationState) => {
    const next = filters.states.includes(state)
      ? filters.states.filter((s) => s !== state)
      : [...filters.states, state];
    recon.getState().setFilters({ states: next }, { immediate: true });
  };
  const exportCsv = async () => {
    // What the table shows (the filters after their debounce).
    deliver(await bills.getState().exportReconciliation(recon.getState().query));
  };

  return (
    <div className="recon" data-testid="reconciliation">
      <p className="muted small">{t('bills.recon.sub')}</p>
      <div className="recon-filters card" role="search" aria-label={t('bills.recon.label')}>
        <div className="field">
          <span className="field-label">{t('bills.recon.state')}</span>
          <div className="quick-filters" role="group" aria-label={t('bills.recon.state')}>
            <button
              type="button"
              aria-pressed={filters.states.length === 0}
              className={filters.states.length === 0 ? 'chip active' : 'chip'}
              onClick={() => recon.getState().setFilters({ states: [] }, { immediate: true })}
              data-testid="recon-state-all"
            >
              {t('bills.recon.allStates')}
            </button>
            {RECONCILIATION_STATES.map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={filters.states.includes(s)}
                className={filters.states.includes(s) ? 'chip active' : 'chip'}
                onClick={() => toggleState(s)}
                data-testid={`recon-state-${s}`}
              >
                {t(`bills.recon.state.${s}`)}
              </button>
            ))}
          </div>
        </div>
        <MultiSelect<ReconStage>
          label={t('bills.recon.stage')}
          options={RECONCILIATION_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
          selected={filters.stages}
          onChange={(stages) => recon.getState().setFilters({ stages }, { immediate: true })}
          allLabel={t('bills.recon.allStages')}
          countLabel={(n) => t('bills.recon.stagesSelected', { n })}
          testId="recon-stage"
        />
        <label className="field">
          <span className="field-label">{t('bills.recon.period')}</span>
          <input
            type="month"
            className={monthInvalid ? 'input invalid' : 'input'}
            value={filters.month}
            onChange={(e) => recon.getState().setFilters({ month: e.target.value })}
            data-testid="recon-period"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('bills.currency')}</span>
          <select
            className="input"
            value={filters.currency}
            onChange={(e) =>
              recon.getState().setFilters({ currency: e.target.value as '' | 'CNY' | 'USD' }, { immediate: true })
            }
            data-testid="recon-currency"
          >
            <option value="">{t('bills.allCurrencies')}</option>
            <option value="CNY">CNY</option>
            <option value="USD">USD</option>
          </select>
        </label>
        <label className="field grow">
          <span className="field-label">{t('bills.recon.orderNo')}</span>
          <input
            className="input"
            value={filters.orderNo}
            placeholder={t('bills.recon.orderNoPlaceholder')}
            onChange={(e) => recon.getState().setFilters({ orderNo: e.target.value })}
            data-testid="recon-order-no"
          />
        </label>
        <label className="field grow">
          <span className="field-label">{t('bills.recon.customer')}</span>
          <input
            className="input"
            value={filters.customer}
            placeholder={t('bills.recon.customerPlaceholder')}
            onChange={(e) => recon.getState().setFilters({ customer: e.target.value })}
            data-testid="recon-customer"
          />
        </label>
        <div className="recon-actions">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => recon.getState().clear()}
            disabled={!hasReconFilters(filters)}
            data-testid="recon-clear"
          >
            {t('bills.recon.clear')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => void exportCsv()}
            disabled={busy}
            data-testid="recon-export"
          >
            <Icon name={busy ? 'sync' : 'download'} size={14} className={busy ? 'spin' : undefined} />
            {t('bills.recon.export')}
          </button>
        </div>
      </div>
      <ExportStatus scope="reconciliation" />
      <ReconTotals />
      <ReconTable onOpenOrder={(id) => openOrder(stores, id)} />
    </div>
  );
}

function ReconTotals() {
  const t = useT();
  const lang = useLanguage();
  const total = useRecon((s) => s.total);
  const totals = useRecon((s) => s.totals);
  if (total === null || !totals) return <p className="muted small recon-totals">{t('bills.recon.loading')}</p>;
  return (
    <div className="recon-totals" data-testid="recon-totals" data-lines={totals.lines} aria-live="polite">
      <strong data-testid="recon-count">{t('bills.recon.count', { n: totals.lines })}</strong>
      <span className="muted">
        {t('bills.recon.byState', {
          billed: formatCount(totals.byState.billed, lang),
          unbilled: formatCount(totals.byState.unbilled, lang),
          notBillable: formatCount(totals.byState.not_billable, lang),
        })}
      </span>
      {totals.byCurrency.map((c) => (
        <span key={c.currency} className="recon-currency" data-testid="recon-currency-total" data-currency={c.currency}>
          {t('bills.recon.byCurrency', {
            currency: c.currency,
            n: c.lines,
            amount: formatAmount(c.amountMinor, c.currency, lang),
            settled: formatAmount(c.settlementAmountMinor, c.currency, lang),
          })}
        </span>
      ))}
    </div>
  );
}

function ReconTable({ onOpenOrder }: { onOpenOrder(orderLineId: string): void }) {
  const t = useT();
  const lang = useLanguage();
  const stores = useStores();
  const { recon } = stores;
  const now = useNow();
  const total = useRecon((s) => s.total);
  useRecon((s) => s.version); // re-render when rows arrive
  const query = useRecon((s) => s.query);
  const error = useRecon((s) => s.error);
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  // TanStack Virtual is the chosen virtualizer, and this app does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library -- see the line above
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => RECON_ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;

  useEffect(() => {
    recon.getState().ensureRange(first, Math.max(first, last));
  }, [recon, first, last, query]);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [query]);

  const cols = ['order', 'customer', 'amount', 'stage', 'state', 'period', 'bill', 'reason'] as const;
  return (
    <div
      className="card recon-table"
      role="table"
      aria-label={t('bills.recon.label')}
      aria-rowcount={count + 1}
      data-testid="recon-table"
    >
      <div className="recon-row recon-head" role="row">
        {cols.map((c) => (
          <div key={c} role="columnheader" className={c === 'amount' ? 'cell num' : 'cell'}>
            {t(`bills.recon.col.${c}`)}
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="recon-body" role="rowgroup">
        {error && total === null && (
          <div className="notice notice-error" role="alert">
            {t('bills.recon.failed')} {error.message}
          </div>
        )}
        {total === 0 && (
          <div className="empty" data-testid="recon-empty">
            <Icon name="search" size={24} />
            <p>{t('bills.recon.empty')}</p>
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = recon.getState().rowAt(item.index);
            if (!row) {
              return (
                <div
                  key={item.index}
                  className="recon-row placeholder"
                  style={{ transform: `translateY(${item.start}px)` }}
                  role="row"
                >
                  <div className="cell">
                    <span className="skeleton" />
                  </div>
                </div>
              );
            }
            const reasons = rowReasons(row, t, now);
            return (
              <div
                key={item.index}
                role="row"
                className={`recon-row state-${row.state}`}
                style={{ transform: `translateY(${item.start}px)` }}
                data-testid="recon-row"
                data-order-line-id={row.orderLineId}
                data-state={row.state}
                data-reasons={row.reasons.join(' ')}
              >
                <div role="cell" className="cell stacked">
                  <button
                    type="button"
                    className="link mono ellipsis"
                    onClick={() => onOpenOrder(row.orderLineId)}
                    title={t('bills.lines.openOrder', { id: row.orderLineId })}
                  >
                    {row.orderLineId}
                  </button>
                  <span className="muted small ellipsis" title={row.productName}>
                    {row.productName}
                  </span>
                </div>
                <div role="cell" className="cell ellipsis" title={row.customerName}>
                  {row.customerName}
                </div>
                <div role="cell" className="cell num">
                  {formatAmount(row.amountMinor, row.currency, lang)}
                </div>
                <div role="cell" className="cell">
                  <StageBadge stage={row.stage} />
                </div>
                <div role="cell" className="cell">
                  <BillingStateBadge state={row.state} />
                </div>
                <div role="cell" className="cell mono">
                  {row.billingPeriod ? periodLabel(row.billingPeriod) : '—'}
                </div>
                <div role="cell" className="cell stacked">
                  {row.billId ? (
                    <>
                      <button
                        type="button"
                        className="link mono"
                        onClick={() => openBill(stores, row.billId as string)}
                        title={t('bills.openBill', { id: row.billId })}
                        data-testid="recon-bill"
                      >
                        {row.billId} <span className="muted">r{row.revision}</span>
                      </button>
                      {row.settlementAmountMinor !== null && (
                        <span className="small">{formatAmount(row.settlementAmountMinor, row.currency, lang)}</span>
                      )}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </div>
                <div role="cell" className="cell reason" title={reasons.join('\n')} data-testid="recon-reason">
                  {reasons.length > 0 ? reasons.join(' ') : <span className="muted">—</span>}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
