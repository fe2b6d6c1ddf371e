// "Pending sync" on an order with an unsent action: a pill in the detail panel, and in the dense
// table row an icon beside the stage (like the appeal flag), named for screen readers and on hover.
import { usePendingSync } from '../../../stores/use-outbox';
import { useT } from '../../../i18n/use-t';
import { Icon } from '../../../components/Icon';

export function PendingSyncPill({ orderLineId, compact }: { orderLineId: string; compact?: boolean }) {
  const t = useT();
  const pending = usePendingSync(orderLineId);
  if (!pending) return null;
  if (compact) {
    return (
      <span
        className="sync-flag"
        role="img"
        aria-label={t('order.pendingSync')}
        title={`${t('order.pendingSync')} — ${t('order.pendingSyncHint')}`}
        data-testid="pending-sync"
      >
        <Icon name="cloudUp" size={13} />
      </span>
    );
  }
  return (
    <span className="pill pill-sync" title={t('order.pendingSyncHint')} data-testid="pending-sync">
      <Icon name="cloudUp" size={12} />
      {t('order.pendingSync')}
    </span>
  );
}
