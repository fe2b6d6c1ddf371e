// Every line of the bill (B2), virtualized (a bill may have 100,000 lines): only the rows in view are drawn, and only
// the blocks of lines around them are fetched (`bills:lines`, a block at a time). Each line links to its order line
// (Service Supervision with the order's detail) and shows its B2a check; a line whose settlement amount is not what B2a
// gives is flagged with both amounts, the formula in its title.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BillDetail } from '../../../common/api/contract-bills';
import { useStores } from '../../stores/StoresContext';
import { useBills } from '../../stores/use-bills';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDateTime, localeOf } from '../../lib/format';
import { MARKET_TIME_ZONE, plainAmount } from '../../lib/bill-view';
import { Icon } from '../../components/Icon';

export const LINE_ROW_HEIGHT = 32;

interface Props {
  detail: BillDetail;
  onOpenOrder(orderLineId: string): void;
}

/** The lines table's columns, in order: the header label and its cell class. */
const HEAD = [
  ['bills.lines.no', 'cell num'],
  ['bills.lines.order', 'cell'],
  ['bills.lines.kind', 'cell'],
  ['bills.lines.attributed', 'cell'],
  ['bills.lines.sales', 'cell num'],
  ['bills.lines.withholding', 'cell num'],
  ['bills.lines.fee', 'cell num'],
  ['bills.lines.taxes', 'cell num'],
  ['bills.lines.settlement', 'cell num'],
  ['bills.lines.check', 'cell'],
] as const;

export function BillLinesTable({ detail, onOpenOrder }: Props) {
  const t = useT();
  const lang = useLanguage();
  const locale = localeOf(lang);
  const { bills } = useStores();
  const only = useBills((s) => s.onlyMismatches);
  const total = useBills((s) => s.linesTotal);
  const error = useBills((s) => s.linesError);
  useBills((s) => s.linesVersion); // re-render when lines arrive
  const mismatched = detail.explanation.mismatchedLines;
  const lineCount = detail.summary.lineCount;
  // The counts opening the bill gave size the table at once; the first block's total takes over when it answers.
  const count = total ?? (only ? mismatched : lineCount);
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual is the chosen virtualizer, and this app does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library -- see the line above
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;
  const shown = `${detail.summary.billId}#${detail.summary.revision}#${only}`;

  useEffect(() => {
    bills.getState().ensureLines(first, Math.max(first, last));
  }, [bills, first, last, shown]);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [shown]);

  const money = (minor: number) => plainAmount(minor, locale);
  const currency = detail.summary.currency;

  return (
    <section className="card bill-section bill-lines" data-testid="bill-lines">
      <div className="card-head">
        <h3>
          {t('bills.lines.title', { n: lineCount })} <span className="muted">· {currency}</span>
        </h3>
        <label className="check-inline">
          <input
            type="checkbox"
            checked={only}
            onChange={(e) => bills.getState().setOnlyMismatches(e.target.checked)}
            disabled={mismatched === 0}
            data-testid="only-mismatches"
          />
          {t('bills.lines.onlyMismatches', { n: mismatched })}
        </label>
      </div>
      <div className="lines-grid" role="table" aria-label={t('bills.lines.label')} aria-rowcount={count + 1}>
        <div className="line-row line-head" role="row">
          {HEAD.map(([key, className]) => (
            <div key={key} role="columnheader" className={className}>
              {t(key)}
            </div>
          ))}
        </div>
        <div ref={scrollRef} className="lines-body" role="rowgroup" data-testid="bill-lines-body">
          {count === 0 && <div className="empty small">{t('bills.lines.none')}</div>}
          {error && (
            <div className="notice notice-error" role="alert">
              {t('bills.lines.failed', { message: error.message })}
            </div>
          )}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const line = bills.getState().lineAt(item.index);
              if (!line) {
                return (
                  <div
                    key={`pending-${item.index}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-busy="true"
                    className="line-row pending"
                    style={{ transform: `translateY(${item.start}px)` }}
                    data-testid="bill-line-pending"
                  >
                    <div role="cell" className="cell muted small">
                      {t('bills.lines.loading')}
                    </div>
                  </div>
                );
              }
              const bad = !line.matches;
              return (
                <div
                  key={line.lineNo}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={bad ? 'line-row mismatch' : 'line-row'}
                  style={{ transform: `translateY(${item.start}px)` }}
                  data-testid="bill-line"
                  data-line-no={line.lineNo}
                  data-order-line-id={line.orderLineId}
                  data-matches={line.matches}
                >
                  <div role="cell" className="cell num muted">
                    {line.lineNo}
                  </div>
                  <div role="cell" className="cell">
                    <button
                      type="button"
                      className="link mono ellipsis"
                      onClick={() => onOpenOrder(line.orderLineId)}
                      title={t('bills.lines.openOrder', { id: line.orderLineId })}
                      data-testid="bill-line-order"
                    >
                      {line.orderLineId}
                    </button>
                  </div>
                  <div role="cell" className="cell">
                    <span className={`kind kind-${line.kind}`}>{t(`bills.kind.${line.kind}`)}</span>
                  </div>
                  <div role="cell" className="cell small">
                    {formatDateTime(line.attributedAt, lang, MARKET_TIME_ZONE)}
                  </div>
                  <div role="cell" className="cell num">
                    {money(line.salesAmountMinor)}
                  </div>
                  <div role="cell" className="cell num">
                    {money(line.customerWithholdingTaxMinor)}
                  </div>
                  <div role="cell" className="cell num mono">
                    {line.platformFeeRatio}
                  </div>
                  <div role="cell" className="cell num">
                    {money(line.sellerTaxesMinor)}
                  </div>
                  <div role="cell" className={bad ? 'cell num danger strong' : 'cell num strong'}>
                    {money(line.settlementAmountMinor)}
                  </div>
                  <div role="cell" className="cell" title={line.formula}>
                    {bad ? (
                      <span className="check-bad" data-testid="line-check">
                        <Icon name="alert" size={13} />{' '}
                        {t('bills.lines.expected', { amount: plainAmount(line.expectedSettlementMinor, locale) })}
                      </span>
                    ) : (
                      <span className="check-ok" data-testid="line-check">
                        <Icon name="check" size={13} />
                      </span>
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
