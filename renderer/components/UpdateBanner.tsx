// The desktop auto-update banner: "Version X is ready — Restart to update", and when main refuses because actions
// are still unsent (or a draft edit is unsaved), what is unsent with "Restart anyway" / "Restart when sent" / "Later".
import { useStore } from 'zustand';
import { useStores } from '../stores/StoresContext';
import { useT } from '../i18n/use-t';
import { updateBanner, type BannerAction } from '../lib/update-view';
import type { MessageKey } from '../i18n/en';

const LABEL: Record<BannerAction, MessageKey> = {
  restart: 'update.restart',
  restartAnyway: 'update.restartAnyway',
  restartWhenSent: 'update.restartWhenSent',
  dontWait: 'update.dontWait',
  later: 'update.later',
  retry: 'update.retry',
  close: 'update.close',
};

const PRIMARY = new Set<BannerAction>(['restart', 'restartWhenSent', 'retry']);

export function UpdateBanner() {
  const t = useT();
  const store = useStores().updates;
  const status = useStore(store, (s) => s.status);
  const refused = useStore(store, (s) => s.refused);
  const dismissed = useStore(store, (s) => s.dismissed);
  const busy = useStore(store, (s) => s.busy);
  const view = updateBanner(status, refused, dismissed, t);
  if (!view) return null;

  const run = (action: BannerAction): void => {
    const s = store.getState();
    if (action === 'restart') void s.restart('now');
    else if (action === 'restartAnyway') void s.restart('anyway');
    else if (action === 'restartWhenSent') void s.restart('when-sent');
    else if (action === 'dontWait') void s.cancelWait();
    else if (action === 'retry') void s.check();
    else s.dismiss(view.key);
  };

  return (
    <section
      className={`notice banner update-banner${view.tone === 'error' ? ' notice-error' : ''}`}
      role={view.tone === 'error' ? 'alert' : 'status'}
      aria-label={t('update.region')}
      data-testid="update-banner"
      data-phase={status?.phase}
    >
      <div className="update-text">
        <span data-testid="update-text">{view.text}</span>
        {view.reasons.length > 0 && (
          <ul className="update-reasons">
            {view.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </div>
      {view.actions.length > 0 && (
        <div className="update-actions">
          {view.actions.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn btn-small${PRIMARY.has(a) ? ' btn-primary' : ''}`}
              disabled={busy && a !== 'later' && a !== 'close'}
              onClick={() => run(a)}
              data-testid={`update-${a}`}
            >
              {t(LABEL[a])}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
