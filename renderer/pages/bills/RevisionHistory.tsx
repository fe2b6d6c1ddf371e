// B5: every stored revision of the bill ("revision N — what changed"), any of them can be shown, and the diff of the
// shown revision against the one before it: lines added, removed and changed (field by field), totals that moved,
// the status.
import type { BillDetail, BillDiff, BillLineField, RevisionChange } from '../../../common/api/contract-bills';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatAmount, formatDateTime } from '../../lib/format';
import { MARKET_TIME_ZONE, revisionSummary, signedAmount } from '../../lib/bill-view';
import type { Translate } from '../../i18n/translate';
import { BillStatusBadge } from './BillBadges';

interface Props {
  detail: BillDetail;
  onShow(revision: number): void;
  onOpenOrder(orderLineId: string): void;
}

export function RevisionHistory({ detail, onShow, onOpenOrder }: Props) {
  const t = useT();
  const lang = useLanguage();
  const shown = detail.summary.revision;
  return (
    <section className="card bill-section" data-testid="bill-revisions">
      <h3>{t('bills.revisions.title')}</h3>
      <ol className="revision-list">
        {detail.revisions.map((r) => (
          <li
            key={r.revision}
            className={r.revision === shown ? 'current' : undefined}
            data-testid="revision"
            data-revision={r.revision}
          >
            <button
              type="button"
              className="link"
              onClick={() => onShow(r.revision)}
              disabled={r.revision === shown}
              aria-current={r.revision === shown ? 'true' : undefined}
              title={t('bills.revisions.show', { n: r.revision })}
            >
              {revisionSummary(r.change, t)}
            </button>
            <BillStatusBadge status={r.status} />
            <span className="muted small">
              {t('bills.revisions.received', { at: formatDateTime(r.receivedAt, lang) })}
            </span>
            {r.revision === shown && <span className="pill pill-info">{t('bills.revisions.shown')}</span>}
          </li>
        ))}
      </ol>
      {detail.diff ? (
        <DiffView
          diff={detail.diff}
          change={detail.summary.change}
          currency={detail.summary.currency}
          onOpenOrder={onOpenOrder}
        />
      ) : (
        <p className="muted small">{t('bills.diff.first')}</p>
      )}
    </section>
  );
}

function fieldValue(field: BillLineField, value: string, lang: 'en' | 'zh-CN', t: Translate): string {
  if (field === 'attributedAt') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : t('bills.atUtc8', { at: formatDateTime(ms, lang, MARKET_TIME_ZONE) });
  }
  return value;
}

/** The diff main sent lists a limited number of lines of each kind; the change counts them all. */
function More({ all, listed }: { all: number; listed: number }) {
  const t = useT();
  return all > listed ? <li className="muted small">{t('bills.diff.more', { n: all - listed })}</li> : null;
}

function DiffView({
  diff,
  change,
  currency,
  onOpenOrder,
}: {
  diff: BillDiff;
  change: RevisionChange;
  currency: string;
  onOpenOrder(orderLineId: string): void;
}) {
  const t = useT();
  const lang = useLanguage();
  const money = (minor: number) => formatAmount(minor, currency, lang);
  const order = (id: string) => (
    <button
      type="button"
      className="link mono"
      onClick={() => onOpenOrder(id)}
      title={t('bills.lines.openOrder', { id })}
    >
      {id}
    </button>
  );
  const noLines = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  return (
    <div className="bill-diff" data-testid="bill-diff" data-from={diff.fromRevision} data-to={diff.toRevision}>
      <h4>{t('bills.diff.title', { from: diff.fromRevision, to: diff.toRevision })}</h4>
      {noLines && <p className="muted small">{t('bills.diff.noLines')}</p>}
      {diff.added.length > 0 && (
        <div className="diff-group added" data-testid="diff-added">
          <h5>{t('bills.diff.added')}</h5>
          <ul>
            {diff.added.map((l) => (
              <li key={`${l.orderLineId}-${l.kind}`} data-order-line-id={l.orderLineId}>
                <span className="diff-sign">+</span> {t('bills.diff.line', { n: l.lineNo })} · {order(l.orderLineId)} ·{' '}
                {t(`bills.kind.${l.kind}`)} · {money(l.settlementAmountMinor)}
              </li>
            ))}
            <More all={change.linesAdded} listed={diff.added.length} />
          </ul>
        </div>
      )}
      {diff.removed.length > 0 && (
        <div className="diff-group removed" data-testid="diff-removed">
          <h5>{t('bills.diff.removed')}</h5>
          <ul>
            {diff.removed.map((l) => (
              <li key={`${l.orderLineId}-${l.kind}`} data-order-line-id={l.orderLineId}>
                <span className="diff-sign">−</span> {t('bills.diff.line', { n: l.lineNo })} · {order(l.orderLineId)} ·{' '}
                {t(`bills.kind.${l.kind}`)} · {money(l.settlementAmountMinor)}
              </li>
            ))}
            <More all={change.linesRemoved} listed={diff.removed.length} />
          </ul>
        </div>
      )}
      {diff.changed.length > 0 && (
        <div className="diff-group changed" data-testid="diff-changed">
          <h5>{t('bills.diff.changed')}</h5>
          <ul>
            {diff.changed.map((c) => (
              <li key={`${c.orderLineId}-${c.kind}`} data-order-line-id={c.orderLineId}>
                <span className="diff-sign">~</span> {t('bills.diff.line', { n: c.lineNoAfter })} ·{' '}
                {order(c.orderLineId)} · {t(`bills.kind.${c.kind}`)} ·{' '}
                <span className="mono">{t('bills.diff.delta', { delta: signedAmount(c.settlementDeltaMinor) })}</span>
                <ul className="diff-fields">
                  {c.fields.map((f) => (
                    <li key={f.field}>
                      {t(`bills.field.${f.field}`)}
                      {t('bills.labelSep')}
                      <del className="mono">{fieldValue(f.field, f.before, lang, t)}</del> →{' '}
                      <ins className="mono">{fieldValue(f.field, f.after, lang, t)}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            <More all={change.linesChanged} listed={diff.changed.length} />
          </ul>
        </div>
      )}
      {diff.totals.length > 0 && (
        <div className="diff-group totals" data-testid="diff-totals">
          <h5>{t('bills.diff.totals')}</h5>
          <ul>
            {diff.totals.map((x) => (
              <li key={x.field} data-field={x.field}>
                {t(`bills.total.${x.field}`)}
                {t('bills.labelSep')}
                <del>{money(x.beforeMinor)}</del> → <ins>{money(x.afterMinor)}</ins>{' '}
                <span className="muted mono">
                  {t('bills.diff.totalDelta', { delta: signedAmount(x.afterMinor - x.beforeMinor) })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {diff.status && (
        <div className="diff-group status" data-testid="diff-status">
          <h5>{t('bills.diff.status')}</h5>
          <p>
            <BillStatusBadge status={diff.status.from} /> → <BillStatusBadge status={diff.status.to} />
          </p>
        </div>
      )}
    </div>
  );
}
