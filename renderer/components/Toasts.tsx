// In-app notifications in the browser host: a new customer request, a returned delivery, a resolved
// appeal, an unsubscription request — each links to its order; and new bills or revisions (B5), linking to the bill.
// A polite live region; each stays while hovered or focused, and goes away by itself otherwise.
import type { NotificationKind } from '../../common/api/contract-outbox';
import type { BillChange } from '../../common/api/contract-bills';
import { billChangeText } from '../lib/bill-view';
import { useDetail, useNav, useStores } from '../stores/StoresContext';
import { useToasts } from '../stores/use-outbox';
import { openOrder } from '../stores/outbox-events';
import { useT } from '../i18n/use-t';
import { Icon, type IconName } from './Icon';

const ICON: Record<NotificationKind, IconName> = {
  request_submitted: 'mail',
  delivery_returned: 'alert',
  appeal_resolved: 'flag',
  unsubscription_requested: 'alert',
};

export function Toasts() {
  const t = useT();
  const stores = useStores();
  const toasts = useToasts((s) => s.toasts);
  const { toasts: store } = stores;
  const detailOpen = useDetail((s) => s.orderLineId !== null);
  const page = useNav((s) => s.page);
  const panelOpen = detailOpen && page === 'supervision';
  return (
    <section
      className={panelOpen ? 'toasts toasts-left' : 'toasts'}
      aria-label={t('toast.region')}
      aria-live="polite"
      data-testid="toasts"
    >
      {toasts.map(({ id, notification: n, bills }) =>
        bills ? (
          <BillsToast key={id} id={id} changes={bills} />
        ) : (
          <div
            key={id}
            className={`toast toast-${n.kind}`}
            role="status"
            data-testid="toast"
            data-kind={n.kind}
            data-order-line-id={n.orderLineId}
            onMouseEnter={() => store.getState().hold(id, true)}
            onMouseLeave={() => store.getState().hold(id, false)}
            onFocus={() => store.getState().hold(id, true)}
            onBlur={() => store.getState().hold(id, false)}
          >
            <span className="toast-icon" aria-hidden="true">
              <Icon name={ICON[n.kind]} size={16} />
            </span>
            <button
              type="button"
              className="toast-body"
              onClick={() => {
                openOrder(stores, n.orderLineId);
                store.getState().dismiss(id);
              }}
              title={t('toast.open')}
              data-testid="toast-open"
            >
              <span className="toast-title">{t(`notify.${n.kind}`)}</span>
              <span className="toast-text">
                <span className="mono">{n.orderLineId}</span> · {n.productName}
              </span>
              <span className="toast-link">{t('toast.open')} →</span>
            </button>
            <button
              type="button"
              className="icon-btn"
              onClick={() => store.getState().dismiss(id)}
              aria-label={t('toast.dismiss')}
            >
              <Icon name="close" size={15} />
            </button>
          </div>
        ),
      )}
    </section>
  );
}

/** B5: a new bill or revision arrived with a pull; the link shows it (or the list, for several). */
function BillsToast({ id, changes }: { id: number; changes: BillChange[] }) {
  const t = useT();
  const stores = useStores();
  const { toasts: store } = stores;
  const { title, text } = billChangeText(changes, t);
  const open = () => {
    stores.nav.getState().go('bills');
    if (changes.length === 1) void stores.bills.getState().openBill(changes[0].billId);
    else stores.bills.getState().closeBill();
    store.getState().dismiss(id);
  };
  return (
    <div
      className="toast toast-bills"
      role="status"
      data-testid="toast"
      data-kind="bills"
      data-bill-ids={changes.map((c) => c.billId).join(' ')}
      onMouseEnter={() => store.getState().hold(id, true)}
      onMouseLeave={() => store.getState().hold(id, false)}
      onFocus={() => store.getState().hold(id, true)}
      onBlur={() => store.getState().hold(id, false)}
    >
      <span className="toast-icon" aria-hidden="true">
        <Icon name="bill" size={16} />
      </span>
      <button
        type="button"
        className="toast-body"
        onClick={open}
        title={t('bills.toast.open')}
        data-testid="toast-open"
      >
        <span className="toast-title">{title}</span>
        <span className="toast-text">{text}</span>
        <span className="toast-link">{t('bills.toast.open')} →</span>
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={() => store.getState().dismiss(id)}
        aria-label={t('toast.dismiss')}
      >
        <Icon name="close" size={15} />
      </button>
    </div>
  );
}
