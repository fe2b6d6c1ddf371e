// The order's actions in the detail panel: the buttons the local rules allow (S3, S5, S5a, S5c —
// a disabled one says why), and the order's actions that wait to be sent or need attention, linking to the Sync Center.
import { useState } from 'react';
import type { ActionAvailability, ActionId, OutboxEntry } from '../../../../common/api/contract-outbox';
import type { OrderDetail } from '../../../../common/api/types';
import type { Stage } from '../../../../common/marketplace/wire';
import { useStores } from '../../../stores/StoresContext';
import { useLanguage, useT } from '../../../i18n/use-t';
import type { MessageKey } from '../../../i18n/en';
import { formatDateTime } from '../../../lib/format';
import { Icon, type IconName } from '../../../components/Icon';
import { AcceptDialog, AppealDialog, RejectDialog, ReviewDialog } from './ActionDialogs';
import { whyNot } from './action-errors';
import { useOrderActions } from './use-order-actions';

const REQUEST_STAGES: readonly Stage[] = ['awaiting_request', 'request_pending', 'request_returned'];
const BUTTONS: Array<{ id: ActionId; label: MessageKey; icon: IconName; tone: string }> = [
  { id: 'accept', label: 'actions.accept', icon: 'check', tone: 'btn-primary' },
  { id: 'reject', label: 'actions.reject', icon: 'close', tone: '' },
  { id: 'review', label: 'actions.review', icon: 'supervision', tone: 'btn-primary' },
  { id: 'appeal', label: 'actions.appeal', icon: 'flag', tone: '' },
];

function itemLine(item: OutboxEntry): MessageKey {
  if (item.state === 'rejected') return 'actions.refusedItem';
  if (item.state === 'conflict') return 'actions.conflictItem';
  return item.state === 'sending' ? 'actions.sendingItem' : 'actions.pendingItem';
}

export function ActionsSection({ detail }: { detail: OrderDetail }) {
  const t = useT();
  const lang = useLanguage();
  const { nav } = useStores();
  const [open, setOpen] = useState<ActionId | null>(null);
  const state = useOrderActions(detail.orderLineId, detail.version);
  const sup = detail.line.supervision;
  if (!sup) return null; // S6: nothing to act on

  const actions = state?.actions ?? null;
  // Which buttons make sense for this order at all: request buttons in the request-first flow's request stages (S1),
  // the review while an unsubscription is pending (S5c), an appeal unless the flow is over (S5a).
  const visible = (id: ActionId): boolean => {
    if (id === 'accept' || id === 'reject')
      return sup.process === 'REQUEST_FIRST' && (REQUEST_STAGES.includes(sup.stage) || actions?.[id].allowed === true);
    if (id === 'review') return sup.unsubscription?.status === 'pending' || actions?.review.allowed === true;
    return sup.stage !== 'completed' && sup.stage !== 'closed';
  };
  const shown = BUTTONS.filter((b) => visible(b.id));
  const availability = (id: ActionId): ActionAvailability | null => actions?.[id] ?? null;
  const frozen = shown.some((b) => availability(b.id)?.reason === 'appeal_open');
  const reasons = [
    ...new Set(
      shown
        .map((b) => availability(b.id))
        .filter((a): a is ActionAvailability => !!a && !a.allowed)
        .map((a) => whyNot(t, a, sup.stage)),
    ),
  ].filter(Boolean);
  const waiting = (state?.items ?? []).filter((i) =>
    ['queued', 'sending', 'unknown', 'rejected', 'conflict'].includes(i.state),
  );

  if (shown.length === 0 && waiting.length === 0) return null;
  return (
    <section className="detail-section actions-section" data-testid="detail-actions" aria-label={t('actions.title')}>
      <h3>{t('actions.title')}</h3>
      {sup.request && shown.some((b) => b.id === 'accept' || b.id === 'reject') && (
        // What "Accept request" / "Return request" decide on, right above the buttons (the full request is further
        // down).
        <blockquote className="action-request" data-testid="action-request">
          <div className="muted small">
            {t('detail.request')} · {formatDateTime(Date.parse(sup.request.submittedAt), lang)}
          </div>
          <p className="request-text">{sup.request.description}</p>
          {sup.request.attachments.length > 0 && (
            <div className="muted small">{t('actions.requestFiles', { n: sup.request.attachments.length })}</div>
          )}
        </blockquote>
      )}
      {shown.length > 0 && (
        <div className="action-buttons">
          {shown.map((b) => {
            const a = availability(b.id);
            const allowed = a?.allowed === true;
            return (
              <button
                key={b.id}
                type="button"
                className={`btn ${allowed ? b.tone : ''}`.trim()}
                disabled={!allowed}
                title={a && !a.allowed ? whyNot(t, a, sup.stage) : undefined}
                onClick={() => setOpen(b.id)}
                data-testid={`action-${b.id}`}
              >
                <Icon name={b.icon} size={14} />
                {t(b.label)}
              </button>
            );
          })}
        </div>
      )}
      {frozen ? (
        <div className="notice notice-error action-why" role="note" data-testid="actions-frozen">
          <Icon name="lock" size={14} /> {t('actions.why.appeal_open')}
        </div>
      ) : (
        reasons.map((r) => (
          <p key={r} className="action-why muted small" data-testid="action-why">
            {r}
          </p>
        ))
      )}
      {waiting.length > 0 && (
        <ul className="order-outbox" data-testid="order-outbox">
          {waiting.map((item) => (
            <li key={item.id} className={`oo-${item.state}`} data-testid="order-outbox-item" data-state={item.state}>
              <Icon name={item.state === 'rejected' || item.state === 'conflict' ? 'alert' : 'cloudUp'} size={14} />
              <span className="oo-text">
                {t(itemLine(item), { what: t(`kind.${item.kind}`) })}
                <span className="muted small"> · {formatDateTime(item.createdAt, lang)}</span>
              </span>
              <button type="button" className="link small" onClick={() => nav.getState().go('sync-center')}>
                {t('actions.openSyncCenter')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open === 'accept' && <AcceptDialog orderLineId={detail.orderLineId} onClose={() => setOpen(null)} />}
      {open === 'reject' && <RejectDialog orderLineId={detail.orderLineId} onClose={() => setOpen(null)} />}
      {open === 'appeal' && <AppealDialog orderLineId={detail.orderLineId} onClose={() => setOpen(null)} />}
      {open === 'review' && (
        <ReviewDialog
          orderLineId={detail.orderLineId}
          unsubscription={sup.unsubscription}
          currency={detail.currency}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
