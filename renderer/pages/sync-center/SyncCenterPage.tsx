// The Sync Center: every outbox item, filtered by state; "Retry now"; a refused or conflicting item
// can be edited and re-queued, or discarded with a recorded reason. Live: main's `outbox:changed` refreshes it.
import { useEffect, useState } from 'react';
import type { OutboxEntry } from '../../../common/api/contract-outbox';
import { useStores, useSync } from '../../stores/StoresContext';
import { useOutbox } from '../../stores/use-outbox';
import { OUTBOX_FILTERS, type OutboxFilter } from '../../stores/outbox-store';
import { openOrder } from '../../stores/outbox-events';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';
import { OutboxTable } from './OutboxTable';
import { EditItemDialog } from './EditItemDialog';
import { DiscardDialog } from './DiscardDialog';
import { SkippedItems } from './SkippedItems';
import { OfflineNotice } from '../../components/OfflineNotice';

export function SyncCenterPage() {
  const t = useT();
  const stores = useStores();
  const { outbox } = stores;
  const items = useOutbox((s) => s.items);
  const filter = useOutbox((s) => s.filter);
  const counts = useOutbox((s) => s.counts);
  const error = useOutbox((s) => s.error);
  const [editing, setEditing] = useState<OutboxEntry | null>(null);
  const [discarding, setDiscarding] = useState<OutboxEntry | null>(null);
  const [retrying, setRetrying] = useState(false);
  // The marketplace away: one calm banner in words; the raw reason (errno, host:port) only under "Details".
  const offline = useSync((s) => s.hostReachable && s.status !== null && s.status.configured && !s.status.online);
  const offlineDetails = useSync((s) => s.status?.lastError ?? null);

  useEffect(() => outbox.getState().watch(), [outbox]);

  const count = (f: OutboxFilter): number | null =>
    f === 'unsent' ? (counts?.unsent ?? null) : f === 'attention' ? (counts?.needsAttention ?? null) : null;
  const retry = async () => {
    setRetrying(true);
    await outbox.getState().retryNow();
    setRetrying(false);
  };

  return (
    <div className="page sync-center" data-testid="sync-center">
      <header className="page-header">
        <div>
          <h1>{t('nav.syncCenter')}</h1>
          <p className="page-sub" data-testid="sync-center-counts" aria-live="polite">
            {counts === null
              ? t('syncCenter.loading')
              : counts.unsent === 0 && counts.needsAttention === 0
                ? t('syncCenter.allSent')
                : [
                    counts.unsent > 0 ? t('syncCenter.unsent', { n: counts.unsent }) : null,
                    counts.needsAttention > 0 ? t('syncCenter.attention', { n: counts.needsAttention }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
          </p>
        </div>
        <button
          type="button"
          className="btn"
          onClick={() => void retry()}
          disabled={retrying || !counts || counts.unsent === 0}
          title={t('syncCenter.retryHint')}
          data-testid="retry-now"
        >
          <Icon name="retry" size={15} className={retrying ? 'spin' : undefined} />
          {t('syncCenter.retryNow')}
        </button>
      </header>
      <div className="quick-filters sc-filters" role="radiogroup" aria-label={t('syncCenter.filter')}>
        {OUTBOX_FILTERS.map((f) => {
          const n = count(f);
          return (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              className={filter === f ? 'chip active' : 'chip'}
              onClick={() => outbox.getState().setFilter(f)}
              data-testid={`outbox-filter-${f}`}
            >
              {t(`syncCenter.filter.${f}`)}
              {n !== null && n > 0 && (
                <span className={f === 'attention' ? 'chip-count danger' : 'chip-count'}>{n}</span>
              )}
            </button>
          );
        })}
      </div>
      <p className="muted small sc-sub">{t('syncCenter.sub')}</p>
      {offline && <OfflineNotice details={offlineDetails} />}
      <div className="table-wrap sc-table">
        {error && (
          <div className="notice notice-error" role="alert">
            {error.code === 'offline' ? t('syncCenter.offlineHost') : t('syncCenter.loadFailed')}
          </div>
        )}
        {items === null ? (
          <div className="empty">{t('syncCenter.loading')}</div>
        ) : items.length === 0 ? (
          <div className="empty" data-testid="outbox-empty">
            <Icon name="outbox" size={28} />
            <span>{filter === 'all' ? t('syncCenter.empty') : t('syncCenter.emptyFilter')}</span>
          </div>
        ) : (
          <OutboxTable
            items={items}
            onOpenOrder={(id) => openOrder(stores, id)}
            onEdit={setEditing}
            onDiscard={setDiscarding}
          />
        )}
      </div>
      <SkippedItems />
      {editing && <EditItemDialog item={editing} onClose={() => setEditing(null)} />}
      {discarding && <DiscardDialog item={discarding} onClose={() => setDiscarding(null)} />}
    </div>
  );
}
