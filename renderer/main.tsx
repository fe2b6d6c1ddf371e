// Renderer entry: pick the bridge (preload, browser-host shim or dev mock), build the stores, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './bridge/install';
import { createStores } from './stores/create-stores';
import { StoresProvider } from './stores/StoresContext';
import { languageFromLocale } from './i18n/languages';
import { App } from './App';
import { applyStoredTheme } from './lib/theme';
// The bundled UI fonts (served from the app's own files, no remote content): Inter for Latin text, so curly quotes and
// punctuation get Latin glyphs, then Noto Sans SC for Chinese (styles.css --font-ui).
import '@fontsource-variable/inter/wght.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';

async function start(): Promise<void> {
  applyStoredTheme(window.localStorage);
  const { api, hasToken } = await installBridge(window);
  const stores = createStores(
    api,
    { now: () => Date.now() },
    languageFromLocale(navigator.language),
    window.localStorage,
  );
  // The list's first page is asked for now, beside the database check (db:status) and before React's first render,
  // not after them: the first rows are what the window opens for (bench/ui-bench.ts). A read is harmless even when
  // the check then shows the recovery screen instead; the table asks for the same block and finds it on its way.
  if (stores.nav.getState().page === 'supervision') stores.orders.getState().ensureRange(0, 0);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <StoresProvider stores={stores}>
        <App hasToken={hasToken} />
      </StoresProvider>
    </StrictMode>,
  );
}

void start();
