// The status bar: online/offline, last sync, progress while syncing, cached lines,
// "Sync now", and the demo badge. Offline is shown as a calm state, never as a stream of errors; a marketplace that
// answers but refuses (a wrong SK: 401) is said in words, with the way to Settings (docs/marketplace-api.md "Errors").
import { useNow, useSettings, useStores, useSync } from '../stores/StoresContext';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../lib/format';
import { formatRelative } from '../lib/relative-time';
import { Icon } from './Icon';
import { OutboxStatus } from '../pages/sync-center/OutboxStatus';
import { fixedInSettings, syncFailedText } from '../lib/failure-text';
import { ProgressBar } from './ProgressBar';

export function StatusBar() {
  const t = useT();
  const lang = useLanguage();
  const { sync, nav } = useStores();
  const status = useSync((s) => s.status);
  const hostReachable = useSync((s) => s.hostReachable);
  const requested = useSync((s) => s.requested);
  const lastError = useSync((s) => s.lastError);
  const demo = useSettings((s) => s.info?.demo ?? false) || (status?.demo ?? false);

  // A host that is gone syncs nothing: no progress bar or spinning icon left from its last status.
  const syncing = hostReachable && (requested || (status?.syncing ?? false));
  const progress = status?.progress;
  let state: 'online' | 'failed' | 'offline' | 'host' | 'unconfigured' | 'unknown' = 'unknown';
  if (!hostReachable) state = 'host';
  else if (status && !status.configured) state = 'unconfigured';
  else if (status?.online && status.failure && !syncing) state = 'failed';
  else if (status) state = status.online ? 'online' : 'offline';
  const failure = state === 'failed' ? (status?.failure ?? null) : null;
  const goToSettings = () => nav.getState().go('settings');
  const now = useNow();
  // "Last sync": whatever the marketplace last answered — a pull, an outbox send, a template or bills pull.
  const lastSync = Math.max(status?.lastSyncAt ?? 0, status?.lastContactAt ?? 0) || null;

  return (
    // The footer stays the page's contentinfo landmark (a footer may not take role="status"); the connection state is
    // the live part, announced when it changes, without re-reading the buttons and counters around it.
    <footer className="statusbar" data-testid="status-bar">
      <span className={`conn conn-${state}`} role="status" data-testid="connection" data-state={state}>
        <span className="dot" aria-hidden="true" />
        {state === 'online' && t('status.online')}
        {state === 'offline' && t('status.offline')}
        {state === 'host' && t('status.hostRestarted')}
        {state === 'unknown' && t('status.connecting')}
        {state === 'unconfigured' && (
          <button type="button" className="link" onClick={goToSettings}>
            {t('status.unconfigured')}
          </button>
        )}
        {failure &&
          (fixedInSettings(failure) ? (
            <button
              type="button"
              className="link"
              onClick={goToSettings}
              title={failure.message}
              data-testid="sync-failure"
            >
              {syncFailedText(failure, t)}
            </button>
          ) : (
            <span title={failure.message} data-testid="sync-failure">
              {syncFailedText(failure, t)}
            </span>
          ))}
      </span>
      {state === 'offline' && <span className="muted">{t('status.offlineHint')}</span>}
      {status?.account && (
        <span
          className="status-account"
          title={t('status.accountTitle', { id: status.account.sellerId })}
          data-testid="status-account"
        >
          {status.account.sellerName}
        </span>
      )}
      <span className="sep" aria-hidden="true" />
      <span data-testid="last-sync">
        {t('status.lastSync')}{' '}
        {lastSync ? (
          <time dateTime={new Date(lastSync).toISOString()} title={formatDateTime(lastSync, lang)}>
            {formatRelative(lastSync, Math.max(now, lastSync), lang, t('time.justNow'))}
          </time>
        ) : (
          t('status.never')
        )}
      </span>
      {syncing && (
        <span className="sync-progress" data-testid="sync-progress">
          <ProgressBar percent={progress?.percent ?? null} label={t('status.syncing')} />
          <span className="muted">
            {progress && progress.phase !== 'idle'
              ? t('status.progress', { pages: progress.pages, lines: progress.lines })
              : t('status.syncing')}
            {progress?.percent != null && ` · ${Math.round(progress.percent)}%`}
          </span>
        </span>
      )}
      {lastError && !syncing && (
        <span className="status-error" title={lastError.message}>
          <Icon name="alert" size={14} /> {t('status.syncFailed')}
        </span>
      )}
      <span className="grow" />
      <OutboxStatus />
      {status && <span data-testid="cached-lines">{t('status.cachedLines', { n: status.cachedLines })}</span>}
      {demo && (
        <span className="pill pill-demo" data-testid="demo-badge">
          {t('status.demo')}
        </span>
      )}
      <button
        type="button"
        className="btn btn-small"
        // Nothing to sync with yet: "Sync now" opens Settings, where the marketplace is set up.
        onClick={() => (status && !status.configured ? goToSettings() : void sync.getState().runNow())}
        disabled={syncing || !hostReachable}
        data-testid="sync-now"
      >
        <Icon name="sync" size={14} className={syncing ? 'spin' : undefined} />
        {syncing ? t('status.syncing') : t('status.syncNow')}
      </button>
    </footer>
  );
}
