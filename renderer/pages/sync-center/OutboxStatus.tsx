// The status bar's outbox count: how many actions are not yet sent (and how many the marketplace
// refused); a click opens the Sync Center.
import { useStores } from '../../stores/StoresContext';
import { useOutbox } from '../../stores/use-outbox';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';

export function OutboxStatus() {
  const t = useT();
  const { nav } = useStores();
  const counts = useOutbox((s) => s.counts);
  if (!counts) return null;
  const idle = counts.unsent === 0 && counts.needsAttention === 0;
  return (
    <button
      type="button"
      className={idle ? 'status-outbox idle' : 'status-outbox'}
      onClick={() => nav.getState().go('sync-center')}
      title={t('status.openSyncCenter')}
      data-testid="status-outbox"
      data-unsent={counts.unsent}
      data-attention={counts.needsAttention}
    >
      {idle ? (
        <>
          <Icon name="check" size={13} /> {t('status.allSent')}
        </>
      ) : (
        <>
          {counts.unsent > 0 && (
            <span className="so-unsent" data-testid="status-unsent">
              <Icon name="cloudUp" size={13} /> {t('status.unsent', { n: counts.unsent })}
            </span>
          )}
          {counts.needsAttention > 0 && (
            <span className="so-attention" data-testid="status-attention">
              <Icon name="alert" size={13} /> {t('status.attention', { n: counts.needsAttention })}
            </span>
          )}
        </>
      )}
    </button>
  );
}
