// The order detail's billing state (B1, B4): the bills (latest revisions) that carry this order line — bill, revision,
// period, when it was attributed and why — or, when none does, every B4 reason from what the app knows and the period
// whose bill it belongs to. Asked of main (`bills:why`) when the order or the bills change.
import { useEffect, useState } from 'react';
import type { BillWhy } from '../../../common/api/contract-bills';
import type { ApiError } from '../../../common/api/result';
import type { OrderDetail } from '../../../common/api/types';
import { billingPeriodOf } from '../../../common/domain/settlement';
import { useNow, useStores } from '../../stores/StoresContext';
import { useBills } from '../../stores/use-bills';
import { openBill } from '../../stores/bills-events';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatAmount, formatDateTime } from '../../lib/format';
import { attributionWhy, MARKET_TIME_ZONE, periodLabel, unbilledReasonText } from '../../lib/bill-view';
import { Icon } from '../../components/Icon';
import { Section } from './DetailSections';
import '../bills/bills.css';

export function BillingSection({ detail }: { detail: OrderDetail }) {
  const t = useT();
  const lang = useLanguage();
  const now = useNow();
  const stores = useStores();
  const generation = useBills((s) => s.generation);
  const [state, setState] = useState<{ key: string; why: BillWhy | null; error: ApiError | null } | null>(null);
  const key = `${detail.orderLineId}|${detail.version}|${generation}`;

  useEffect(() => {
    let live = true;
    void stores.api['bills:why']({ orderLineId: detail.orderLineId }).then((r) => {
      if (live) setState({ key, why: r.ok ? r.value : null, error: r.ok ? null : r.error });
    });
    return () => {
      live = false;
    };
  }, [stores, detail.orderLineId, key]);

  // What was loaded for another order line is not shown (a refresh of the same line keeps the last answer meanwhile).
  const shown = state && state.key.split('|')[0] === detail.orderLineId ? state : null;
  const why = shown?.why ?? null;
  const supervised = detail.line.supervision !== null;
  return (
    <Section title={t('bills.why.title')} testId="detail-billing">
      {!shown ? (
        <p className="muted small">{t('bills.why.loading')}</p>
      ) : !why ? (
        <p className="muted small">
          {t('bills.why.failed')} {shown.error?.message}
        </p>
      ) : why.billed ? (
        <ul className="billing-list" data-testid="billing-state" data-state="billed">
          {why.bills.map((b) => (
            <li key={`${b.billId}-${b.kind}`}>
              <div>
                <Icon name="check" size={14} className="good-text" />{' '}
                {t('bills.why.billed', { bill: b.billId, revision: b.revision, period: periodLabel(b.billingPeriod) })}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => openBill(stores, b.billId)}
                  data-testid="billing-open-bill"
                  data-bill-id={b.billId}
                >
                  {t('bills.openBill', { id: b.billId })}
                </button>
              </div>
              <div className="muted small">
                {t('bills.why.attributed', {
                  at: formatDateTime(b.attributedAt, lang, MARKET_TIME_ZONE),
                  why: attributionWhy(b.kind, supervised, t),
                })}
              </div>
              <div className="small">
                {t('bills.why.settlement', { amount: formatAmount(b.settlementAmountMinor, b.currency, lang) })}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <div data-testid="billing-state" data-state="unbilled" data-reasons={why.reasons.map((r) => r.code).join(' ')}>
          {why.reasons.length === 0 ? (
            <p className="small">{t('bills.why.nothing')}</p>
          ) : (
            <>
              <p className="small">{t('bills.why.unbilled')}</p>
              <ul className="reason-list">
                {why.reasons.map((r) => (
                  <li key={r.code} data-code={r.code}>
                    {unbilledReasonText(r, detail.status, t, now)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {why.attribution?.at != null && (
            <p className="muted small">
              {t('bills.why.expected', { period: periodLabel(billingPeriodOf(why.attribution.at)) })}{' '}
              {t('bills.why.attributed', {
                at: formatDateTime(why.attribution.at, lang, MARKET_TIME_ZONE),
                why: attributionWhy(why.attribution.kind, supervised, t),
              })}
            </p>
          )}
        </div>
      )}
    </Section>
  );
}
