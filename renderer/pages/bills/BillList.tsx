// The archived bills (B2, B5): one row per bill — its latest revision — by period (UTC+8) and currency, with status,
// totals and "revision N — what changed". A few hundred rows at most (24 months × currencies): a plain table.
import type { BillSummary } from '../../../common/api/contract-bills';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatAmount } from '../../lib/format';
import { periodLabel, revisionSummary } from '../../lib/bill-view';
import { BillStatusBadge } from './BillBadges';

export function BillList({ bills, onOpen }: { bills: BillSummary[]; onOpen(billId: string): void }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <div className="card bill-list-card">
      <table className="bill-table" data-testid="bill-list">
        <thead>
          <tr>
            <th>
              {t('bills.col.period')} · {t('bills.col.currency')}
            </th>
            <th>
              {t('bills.col.bill')} · {t('bills.col.revision')}
            </th>
            <th>{t('bills.col.status')}</th>
            <th className="num">{t('bills.col.lines')}</th>
            <th className="num">{t('bills.total.settlementAmount')}</th>
            <th className="num">{t('bills.total.refundDeductions')}</th>
            <th className="num">{t('bills.total.depositDeductions')}</th>
            <th className="num">{t('bills.total.owedBySeller')}</th>
            <th className="num">{t('bills.total.netPayable')}</th>
          </tr>
        </thead>
        <tbody>
          {bills.map((b) => {
            const money = (minor: number) => formatAmount(minor, b.currency, lang);
            return (
              <tr
                key={b.billId}
                data-testid="bill-row"
                data-bill-id={b.billId}
                data-period={b.billingPeriod}
                data-currency={b.currency}
                data-revision={b.revision}
              >
                <td>
                  <span className="mono">{periodLabel(b.billingPeriod)}</span>{' '}
                  <span className="muted small">{b.currency}</span>
                </td>
                <td className="bill-cell">
                  <button
                    type="button"
                    className="link mono"
                    onClick={() => onOpen(b.billId)}
                    title={t('bills.openBill', { id: b.billId })}
                    data-testid="bill-open"
                  >
                    {b.billId}
                  </button>
                  <span
                    className={b.revision > 1 ? 'revision-summary revised' : 'revision-summary'}
                    title={t('bills.revisionOf', { n: b.revision, count: b.revisionCount })}
                    data-testid="bill-change"
                  >
                    {revisionSummary(b.change, t)}
                  </span>
                </td>
                <td>
                  <BillStatusBadge status={b.status} />
                </td>
                <td className="num">{b.lineCount}</td>
                <td className="num">{money(b.totals.settlementAmount)}</td>
                <td className="num">{money(b.totals.refundDeductions)}</td>
                <td className="num">{money(b.totals.depositDeductions)}</td>
                <td className={b.totals.owedBySeller > 0 ? 'num danger' : 'num'}>{money(b.totals.owedBySeller)}</td>
                <td className="num strong">{money(b.totals.netPayable)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
