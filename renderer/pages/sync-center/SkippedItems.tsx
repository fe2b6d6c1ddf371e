// The Sync Center's "skipped feed items" (docs/architecture.md "Security": a malformed feed item is
// reported and skipped): each once, with why it was skipped, what it names, when and how often it came. Fetched when
// the page opens and again after every sync run; shown only when there is something to show.
import { useEffect, useState } from 'react';
import type { SyncRejectView } from '../../../common/api/types';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDateTime } from '../../lib/format';
import { Icon } from '../../components/Icon';
import { useStores, useSync } from '../../stores/StoresContext';
import './skipped.css';

export function SkippedItems() {
  const t = useT();
  const lang = useLanguage();
  const { api } = useStores();
  const [rejects, setRejects] = useState<SyncRejectView[] | null>(null);
  // A finished run (its time or its error) may have skipped more items.
  const lastSyncAt = useSync((s) => s.status?.lastSyncAt ?? null);
  const syncing = useSync((s) => s.status?.syncing ?? false);

  useEffect(() => {
    if (syncing) return;
    let live = true;
    void api['sync:rejects']({}).then((r) => {
      if (live && r.ok) setRejects(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, lastSyncAt, syncing]);

  if (!rejects || rejects.length === 0) return null;
  return (
    <details className="sc-skipped" data-testid="sync-skipped">
      <summary>
        <Icon name="alert" size={14} /> {t('syncCenter.skipped.title', { n: rejects.length })}
        <span className="muted small"> — {t('syncCenter.skipped.sub')}</span>
      </summary>
      <ul className="sc-skipped-list">
        {rejects.map((r) => (
          <li key={r.id} data-testid="sync-skipped-item">
            <div className="sc-skipped-head">
              <strong>{r.itemId ?? t('syncCenter.skipped.noId')}</strong>
              <span className="muted small">
                {t(`syncCenter.skipped.feed.${r.feed === 'bills' ? 'bills' : 'orderLines'}`)} ·{' '}
                {formatDateTime(r.lastAt, lang)}
                {r.times > 1 && ` · ${t('syncCenter.skipped.times', { n: r.times })}`}
              </span>
            </div>
            <div className="sc-skipped-reason">{r.reason}</div>
            <code className="sc-skipped-preview muted small">{r.preview}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
