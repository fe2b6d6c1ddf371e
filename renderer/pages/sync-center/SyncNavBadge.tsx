// The Sync Center's count in the left navigation: refused/conflicting items (red) first, else unsent ones.
import { useOutbox } from '../../stores/use-outbox';
import { useT } from '../../i18n/use-t';

export function SyncNavBadge() {
  const t = useT();
  const counts = useOutbox((s) => s.counts);
  if (!counts || (counts.unsent === 0 && counts.needsAttention === 0)) return null;
  const attention = counts.needsAttention > 0;
  const n = attention ? counts.needsAttention : counts.unsent;
  return (
    <span
      className={attention ? 'nav-badge danger' : 'nav-badge'}
      title={attention ? t('status.attention', { n }) : t('status.unsent', { n })}
      data-testid="nav-sync-badge"
    >
      {n}
    </span>
  );
}
