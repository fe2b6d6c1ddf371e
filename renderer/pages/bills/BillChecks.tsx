// The B2a checks of a bill: the totals against what B2a/B3 give (with the formula and its numbers), and the lines that
// do not match B2a — each with both amounts and the formula with the line's numbers filled in.
import type { BillDetail } from '../../../common/api/contract-bills';
import { BILL_TOTAL_FIELDS } from '../../../common/domain/settlement';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatAmount } from '../../lib/format';
import { signedAmount, totalFormula } from '../../lib/bill-view';
import { Icon } from '../../components/Icon';

/** Flagged lines listed here at most (main sends up to BILL_FLAGGED_LIMIT); the lines table can show them all. */
export const MAX_FLAGGED_SHOWN = 20;

export function TotalsCheck({ detail }: { detail: BillDetail }) {
  const t = useT();
  const lang = useLanguage();
  const { explanation, summary } = detail;
  const money = (minor: number) => formatAmount(minor, summary.currency, lang);
  return (
    <section className="card bill-section" data-testid="bill-totals">
      <h3>{t('bills.totals.title')}</h3>
      <table className="check-table">
        <thead>
          <tr>
            <th>{t('bills.totals.total')}</th>
            <th className="num">{t('bills.totals.onBill')}</th>
            <th className="num">{t('bills.totals.expected')}</th>
            <th>{t('bills.totals.how')}</th>
          </tr>
        </thead>
        <tbody>
          {BILL_TOTAL_FIELDS.map((field) => {
            const check = explanation.totals.find((x) => x.field === field);
            if (!check) return null;
            return (
              <tr
                key={field}
                className={check.matches ? undefined : 'mismatch'}
                data-testid="bill-total"
                data-field={field}
                data-matches={check.matches}
              >
                <td>
                  <span
                    className={check.matches ? 'check-mark ok' : 'check-mark bad'}
                    title={check.matches ? t('bills.check.ok') : t('bills.check.bad')}
                  >
                    <Icon name={check.matches ? 'check' : 'alert'} size={13} />
                  </span>
                  {t(`bills.total.${field}`)}
                </td>
                <td className="num">{money(check.actualMinor)}</td>
                <td className="num">{money(check.expectedMinor)}</td>
                <td className="mono formula">{totalFormula(field, explanation, detail.depositBeforeMinor, t)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function FlaggedLines({ detail, onOpenOrder }: { detail: BillDetail; onOpenOrder(orderLineId: string): void }) {
  const t = useT();
  const lang = useLanguage();
  const currency = detail.summary.currency;
  const { flagged, mismatchedLines } = detail.explanation;
  const shown = flagged.slice(0, MAX_FLAGGED_SHOWN);
  return (
    <section className="card bill-section flagged" data-testid="bill-flagged">
      <h3>
        <Icon name="alert" size={15} /> {t('bills.flagged.title')}
      </h3>
      <p className="muted small">{t('bills.b2a')}</p>
      <ul className="flagged-list">
        {shown.map((line) => (
          <li
            key={line.lineNo}
            data-testid="flagged-line"
            data-order-line-id={line.orderLineId}
            data-line-no={line.lineNo}
          >
            <div className="flagged-head">
              <strong>{t('bills.flagged.line', { n: line.lineNo })}</strong>
              <button
                type="button"
                className="link mono"
                onClick={() => onOpenOrder(line.orderLineId)}
                title={t('bills.lines.openOrder', { id: line.orderLineId })}
              >
                {line.orderLineId}
              </button>
              <span className="muted small">{t(`bills.kind.${line.kind}`)}</span>
            </div>
            <dl className="flagged-amounts">
              <dt>{t('bills.flagged.onBill')}</dt>
              <dd className="danger" data-testid="flagged-actual">
                {formatAmount(line.settlementAmountMinor, currency, lang)}
              </dd>
              <dt>{t('bills.flagged.expected')}</dt>
              <dd data-testid="flagged-expected">{formatAmount(line.expectedSettlementMinor, currency, lang)}</dd>
              <dt>{t('bills.flagged.difference')}</dt>
              <dd className="mono">{signedAmount(line.settlementAmountMinor - line.expectedSettlementMinor)}</dd>
            </dl>
            <div className="mono formula" data-testid="flagged-formula">
              {line.formula}
            </div>
          </li>
        ))}
      </ul>
      {mismatchedLines > shown.length && (
        <p className="muted small">{t('bills.flagged.more', { n: mismatchedLines - shown.length })}</p>
      )}
    </section>
  );
}
