// The app shell: left navigation, the current page, the status bar.
import { lazy, Suspense, useEffect } from 'react';
import { useNav, useSettings, useStores, useSync } from './stores/StoresContext';
import { startStores } from './stores/create-stores';
import { useLanguage, useT } from './i18n/use-t';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { SupervisionPage } from './pages/supervision/SupervisionPage';
import { Toasts } from './components/Toasts';
import { UpdateBanner } from './components/UpdateBanner';
import { DbGate } from './pages/recovery/DbGate';
import { DamagedRowsNotice } from './pages/recovery/DamagedRowsNotice';
import { applyTheme } from './lib/theme';
import { HOST_LOST_EVENT } from './bridge/install';

// The Bills page brings the chart library (echarts, ~0.5 MB): loaded when first opened, not before the Service
// Supervision list's first rows (the UI bench, bench/ui-bench.ts).
const BillsPage = lazy(() => import('./pages/bills/BillsPage').then((m) => ({ default: m.BillsPage })));
// The other pages likewise: the first screen is the list, and the less script runs before its first query, the sooner
// its rows show.
const ProofsPage = lazy(() => import('./pages/proofs/ProofsPage').then((m) => ({ default: m.ProofsPage })));
const SyncCenterPage = lazy(() =>
  import('./pages/sync-center/SyncCenterPage').then((m) => ({ default: m.SyncCenterPage })),
);
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

export function App({ hasToken }: { hasToken: boolean }) {
  // docs/architecture.md "Data": the local database is checked first; one that needs recovery gets the recovery screen.
  return (
    <DbGate>
      <AppShell hasToken={hasToken} />
    </DbGate>
  );
}

function AppShell({ hasToken }: { hasToken: boolean }) {
  const stores = useStores();
  const page = useNav((s) => s.page);
  const lang = useLanguage();
  const t = useT();
  const unauthorized = useSettings((s) => s.loadError?.code === 'unauthorized');
  const theme = useSettings((s) => s.settings?.theme);
  const hostReachable = useSync((s) => s.hostReachable);
  // The browser host was stopped or restarted (a new address and token each run): this tab cannot learn the new link,
  // so it says so in words, once, instead of "not reachable" and spinners forever.
  const hostGone = hasToken && (!hostReachable || unauthorized);

  useEffect(() => startStores(stores), [stores]);
  useEffect(() => {
    const recheck = () => void stores.sync.getState().load();
    window.addEventListener(HOST_LOST_EVENT, recheck);
    return () => window.removeEventListener(HOST_LOST_EVENT, recheck);
  }, [stores]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.name');
  }, [lang, t]);
  // The saved colour theme (Settings → Appearance); main.tsx painted the last known one before settings arrived.
  useEffect(() => {
    if (theme) applyTheme(theme, window.localStorage);
  }, [theme]);

  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        {!hasToken && (
          <div className="notice notice-error banner" role="alert">
            {t('app.noToken')}
          </div>
        )}
        {hostGone && (
          <div className="notice notice-error banner host-gone" role="alert" data-testid="host-restarted">
            <span className="grow">
              <strong>{t('host.restarted')}</strong> <span className="muted">{t('host.restartedHint')}</span>
            </span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void stores.sync.getState().load()}
              data-testid="host-check-again"
            >
              {t('host.checkAgain')}
            </button>
          </div>
        )}
        <UpdateBanner />
        <DamagedRowsNotice />
        {page === 'supervision' && <SupervisionPage />}
        <Suspense fallback={null}>
          {page === 'proofs' && <ProofsPage />}
          {page === 'bills' && <BillsPage />}
          {page === 'sync-center' && <SyncCenterPage />}
          {page === 'settings' && <SettingsPage />}
        </Suspense>
      </main>
      <StatusBar />
      <Toasts />
    </div>
  );
}
