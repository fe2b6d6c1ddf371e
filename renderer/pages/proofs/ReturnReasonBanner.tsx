// At the top of the proof editor, above the items: why the customer returned the last delivery (S2, S5b — the
// reason is the customer's own note on the return), how often deliveries were returned, and what the draft was
// pre-filled from, what could not be carried over and what else changed since (the items carry their own marker).
import type { ProofDeliveryBasis, ProofEditorData, ProofNotCarried } from '../../../common/api/contract-proofs';
import type { OrderDetail } from '../../../common/api/types';
import { useLanguage, useT } from '../../i18n/use-t';
import type { Translate } from '../../i18n/translate';
import type { Language } from '../../i18n/languages';
import { formatDateTime } from '../../lib/format';
import { Icon } from '../../components/Icon';
import { useChangedSince } from './use-changed-since';
import './redelivery.css';

/** The customer's latest return of a delivery, from the order's supervision events (S5b). */
export function lastReturn(order: OrderDetail): { at: number; note: string | null; count: number } | null {
  const sup = order.line.supervision;
  if (!sup) return null;
  const returns = sup.events.filter((e) => e.type === 'delivery_returned');
  const last = returns[returns.length - 1];
  if (!last) return null;
  const at = Date.parse(last.at);
  return { at, note: last.note?.trim() || null, count: Math.max(sup.deliveryRejections, returns.length) };
}

function notCarriedText(
  t: Translate,
  n: ProofNotCarried,
  data: ProofEditorData,
  lang: Language,
  basis: ProofDeliveryBasis,
): string {
  const title = n.what === 'item' ? (data.template.items.find((i) => i.key === n.name)?.title ?? n.name) : n.name;
  const name =
    n.what === 'enablingTime' && basis.enablingTime !== null ? formatDateTime(basis.enablingTime, lang) : title;
  return t(`redelivery.why.${n.reason}`, { name });
}

export function ReturnReasonBanner({ data }: { data: ProofEditorData }) {
  const t = useT();
  const lang = useLanguage();
  const since = useChangedSince();
  const { draft, order } = data;
  const basis = data.basis ?? null;
  const open = draft.state === 'editing' || draft.state === 'conflict';
  // The reason matters while the order waits for the seller to deliver again; once re-delivered it is history.
  const returned = open && order.stage === 'delivery_returned' ? lastReturn(order) : null;
  if (!returned && !basis) return null;
  const also = since
    ? [
        since.changed.enablingTime ? t('redelivery.enablingTime') : null,
        since.changed.otherFiles ? t('redelivery.otherFiles') : null,
      ].filter((x): x is string => x !== null)
    : [];
  const at = (ms: number | null) => (ms === null ? t('redelivery.unknownDate') : formatDateTime(ms, lang));

  return (
    <section
      className={
        returned
          ? 'notice proof-banner notice-warn redelivery-banner'
          : 'notice proof-banner notice-info redelivery-banner'
      }
      data-testid="redelivery-banner"
      aria-label={returned ? t('redelivery.returnedTitle') : undefined}
    >
      <Icon name={returned ? 'undo' : 'retry'} size={16} />
      <div className="grow">
        {returned && (
          <div data-testid="return-reason">
            <strong className="block">{t('redelivery.returnedTitle')}</strong>
            <span className="muted small">
              {t('redelivery.returnedAt', { at: formatDateTime(returned.at, lang) })} ·{' '}
              {t('redelivery.returnCount', { n: returned.count })}
            </span>
            <p className="redelivery-reason" aria-label={t('redelivery.reasonLabel')}>
              {returned.note ?? t('redelivery.noReason')}
            </p>
          </div>
        )}
        {basis && (
          <div
            className="small"
            data-testid="redelivery-basis"
            data-same-order={basis.sameOrder}
            data-order-line-id={basis.orderLineId}
          >
            {basis.sameOrder
              ? t('redelivery.filledSame', { at: at(basis.deliveredAt) })
              : t('redelivery.filledOther', { orderId: basis.orderId, at: at(basis.deliveredAt) })}
            {basis.notCarried.length > 0 && (
              <span className="block" data-testid="redelivery-not-carried">
                {t('redelivery.notCarried')}{' '}
                {basis.notCarried
                  .map((n) => notCarriedText(t, n, data, lang, basis))
                  .join(lang === 'zh-CN' ? '；' : '; ')}
              </span>
            )}
            {also.length > 0 && (
              <span className="block changed-marker-text" data-testid="redelivery-also-changed">
                {t('redelivery.alsoChanged', { what: also.join(lang === 'zh-CN' ? '、' : ', ') })}
              </span>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** Beside "Deliver service" in the order detail: why the customer returned the last delivery (S5b). */
export function ReturnReasonNote({ detail }: { detail: OrderDetail }) {
  const t = useT();
  const returned = detail.stage === 'delivery_returned' ? lastReturn(detail) : null;
  if (!returned) return null;
  return (
    <div className="notice notice-warn small redelivery-note" data-testid="detail-return-reason">
      <strong className="block">{t('redelivery.returnedTitle')}</strong>
      <span className="redelivery-reason">{returned.note ?? t('redelivery.noReason')}</span>
    </div>
  );
}
