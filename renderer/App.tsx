// The app shell: left navigation, the current page, the status bar.
import { useEffect } from 'react';
import { useNav, useSettings, useStores } from './stores/StoresContext';
import { startStores } from './stores/create-stores';
import { useLanguage, useT } from './i18n/use-t';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { SupervisionPage } from './pages/supervision/SupervisionPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { SyncCenterPage } from './pages/sync-center/SyncCenterPage';
import { ProofsPage } from './pages/proofs/ProofsPage';
import { BillsPage } from './pages/bills/BillsPage';
import { Toasts } from './components/Toasts';
import { UpdateBanner } from './components/UpdateBanner';
import { DbGate } from './pages/recovery/DbGate';
import { DamagedRowsNotice } from './pages/recovery/DamagedRowsNotice';
import { applyTheme } from './lib/theme';

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

  useEffect(() => startStores(stores), [stores]);
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
        {(!hasToken || unauthorized) && (
          <div className="notice notice-error banner" role="alert">
            {t('app.noToken')}
          </div>
        )}
        <UpdateBanner />
        <DamagedRowsNotice />
        {page === 'supervision' && <SupervisionPage />}
        {page === 'proofs' && <ProofsPage />}
        {page === 'bills' && <BillsPage />}
        {page === 'sync-center' && <SyncCenterPage />}
        {page === 'settings' && <SettingsPage />}
      </main>
      <StatusBar />
      <Toasts />
    </div>
  );
}
