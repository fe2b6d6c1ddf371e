// One bill (B2): which revision is shown, its checks (B2a per line and on the totals), the B3 refund split, the
// revisions with what changed (B5), every line (virtualized, fetched a block at a time), and the exports (CSV, XLSX,
// PDF).
import { useStores } from '../../stores/StoresContext';
import { useBills } from '../../stores/use-bills';
import { openOrder } from '../../stores/outbox-events';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDateTime } from '../../lib/format';
import { MARKET_TIME_ZONE, mismatchedTotals, periodLabel, revisionSummary } from '../../lib/bill-view';
import { Icon } from '../../components/Icon';
import { BillStatusBadge } from './BillBadges';
import { FlaggedLines, TotalsCheck } from './BillChecks';
import { RefundBreakdown } from './RefundBreakdown';
import { RevisionHistory } from './RevisionHistory';
import { BillLinesTable } from './BillLinesTable';
import { BillExportBar } from './ExportBar';

export function BillDetailView() {
  const t = useT();
  const lang = useLanguage();
  const stores = useStores();
  const { bills } = stores;
  const selected = useBills((s) => s.selected);
  const detail = useBills((s) => s.detail);
  const loading = useBills((s) => s.detailLoading);
  const error = useBills((s) => s.detailError);
  const onOpenOrder = (orderLineId: string) => openOrder(stores, orderLineId);

  const back = (
    <button
      type="button"
      className="btn btn-ghost back-btn"
      onClick={() => bills.getState().closeBill()}
      data-testid="bills-back"
    >
      <Icon name="chevron" size={15} className="rotate-90" />
      {t('bills.back')}
    </button>
  );
  if (!detail) {
    return (
      <div className="bill-detail">
        {back}
        {error ? (
          <div className="notice notice-error" role="alert">
            {t('bills.detail.failed', { message: error.message })}
          </div>
        ) : (
          <div className="empty">{loading ? t('bills.detail.loading') : selected?.billId}</div>
        )}
      </div>
    );
  }

  const { summary, explanation } = detail;
  const badLines = explanation.mismatchedLines;
  const badTotals = mismatchedTotals(explanation);
  return (
    <div
      className="bill-detail"
      data-testid="bill-detail"
      data-bill-id={summary.billId}
      data-revision={summary.revision}
      aria-busy={loading}
    >
      {back}
      <header className="bill-head card">
        <div className="bill-title">
          <h2>
            {t('bills.detail.title', { id: summary.billId })} <BillStatusBadge status={summary.status} />
          </h2>
          <p className="muted small">
            {t('bills.detail.meta', {
              period: periodLabel(summary.billingPeriod),
              currency: summary.currency,
              generated: formatDateTime(summary.generatedAt, lang, MARKET_TIME_ZONE),
              received: formatDateTime(summary.receivedAt, lang),
            })}
          </p>
          <p className="small" data-testid="bill-revision">
            <strong>{t('bills.revisionOf', { n: summary.revision, count: summary.revisionCount })}</strong> ·{' '}
            {revisionSummary(summary.change, t)}
          </p>
        </div>
        <BillExportBar />
      </header>

      {error && (
        <div className="notice notice-error" role="alert">
          {t('bills.detail.failed', { message: error.message })}
        </div>
      )}
      <div
        className={explanation.allMatch ? 'check-banner ok' : 'check-banner bad'}
        role="status"
        data-testid="bill-checks"
        data-all-match={explanation.allMatch}
      >
        <Icon name={explanation.allMatch ? 'check' : 'alert'} size={16} />
        <span>
          {explanation.allMatch
            ? t('bills.detail.allMatch')
            : [
                badLines > 0 ? t('bills.detail.linesMismatch', { n: badLines }) : null,
                badTotals.length > 0 ? t('bills.detail.totalsMismatch', { n: badTotals.length }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
        </span>
      </div>

      {badLines > 0 && <FlaggedLines detail={detail} onOpenOrder={onOpenOrder} />}
      <div className="bill-grid">
        <TotalsCheck detail={detail} />
        <RefundBreakdown detail={detail} onOpenOrder={onOpenOrder} />
      </div>
      <RevisionHistory
        detail={detail}
        onShow={(revision) => void bills.getState().openBill(summary.billId, revision)}
        onOpenOrder={onOpenOrder}
      />
      <BillLinesTable detail={detail} onOpenOrder={onOpenOrder} />
    </div>
  );
}
