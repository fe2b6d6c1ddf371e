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
