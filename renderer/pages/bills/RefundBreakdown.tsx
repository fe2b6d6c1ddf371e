// B3 for each refund on the bill, in line order: what came off this bill's settlement, what came off the deposit, what
// is still owed by the seller, and the deposit before and after.
import type { BillDetail } from '../../../common/api/contract-bills';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatAmount, formatDateTime } from '../../lib/format';

export function RefundBreakdown({
  detail,
  onOpenOrder,
}: {
  detail: BillDetail;
  onOpenOrder(orderLineId: string): void;
}) {
  const t = useT();
  const lang = useLanguage();
  const { refunds, sums, totals } = detail.explanation;
  const currency = detail.summary.currency;
  const money = (minor: number) => formatAmount(minor, currency, lang);
  // Over every refund, not only those listed: what B3 gives for the bill's totals.
  const expected = (field: (typeof totals)[number]['field']) =>
    totals.find((x) => x.field === field)?.expectedMinor ?? 0;
  const fromDeposit = expected('depositDeductions');
  const depositBefore = Math.max(0, detail.depositBeforeMinor);
  return (
    <section className="card bill-section" data-testid="bill-refunds">
      <h3>{t('bills.refunds.title')}</h3>
      <p className="small" data-testid="deposit-before">
        {detail.depositFetchedAt === null ? (
          <span className="muted">{t('bills.refunds.noDeposit', { currency })}</span>
        ) : (
          <>
            {t('bills.refunds.deposit', { amount: money(detail.depositBeforeMinor) })}{' '}
            <span className="muted">
              {t('bills.refunds.depositAsOf', { at: formatDateTime(detail.depositFetchedAt, lang) })}
            </span>
          </>
        )}
      </p>
      {refunds.length === 0 ? (
        <p className="muted small">{t('bills.refunds.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="check-table refunds-table">
            <thead>
              <tr>
                <th>{t('bills.refunds.order')}</th>
                <th className="num">{t('bills.refunds.refunded')}</th>
                <th className="num">{t('bills.refunds.fromSettlement')}</th>
                <th className="num">{t('bills.refunds.fromDeposit')}</th>
                <th className="num">{t('bills.refunds.owed')}</th>
                <th className="num">{t('bills.refunds.depositBefore')}</th>
                <th className="num">{t('bills.refunds.depositAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {refunds.map((r, i) => (
                <tr key={`${r.orderLineId}-${i}`} data-testid="refund-row" data-order-line-id={r.orderLineId}>
                  <td>
                    <button
                      type="button"
                      className="link mono"
                      onClick={() => onOpenOrder(r.orderLineId)}
                      title={t('bills.lines.openOrder', { id: r.orderLineId })}
                    >
                      {r.orderLineId}
                    </button>
                  </td>
                  <td className="num">{money(r.refundMinor)}</td>
                  <td className="num" data-part="settlement">
                    {money(r.fromSettlementMinor)}
                  </td>
                  <td className="num" data-part="deposit">
                    {money(r.fromDepositMinor)}
                  </td>
                  <td className={r.owedBySellerMinor > 0 ? 'num danger' : 'num'} data-part="owed">
                    {money(r.owedBySellerMinor)}
                  </td>
                  <td className="num muted">{money(r.depositBeforeMinor)}</td>
                  <td className="num">{money(r.depositAfterMinor)}</td>
                </tr>
              ))}
            </tbody>
            {sums.refundLines > 1 && (
              <tfoot>
                <tr>
                  <td>{t('bills.refunds.total')}</td>
                  <td className="num">{money(sums.refundMinor)}</td>
                  <td className="num">{money(expected('refundDeductions'))}</td>
                  <td className="num">{money(fromDeposit)}</td>
                  <td className="num">{money(expected('owedBySeller'))}</td>
                  <td className="num muted">{money(depositBefore)}</td>
                  <td className="num">{money(depositBefore - fromDeposit)}</td>
                </tr>
              </tfoot>
            )}
          </table>
          {sums.refundLines > refunds.length && (
            <p className="muted small" data-testid="refunds-more">
              {t('bills.refunds.more', { shown: refunds.length, n: sums.refundLines })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
