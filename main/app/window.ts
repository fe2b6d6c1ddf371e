// The main window, hardened as docs/architecture.md says: isolated, sandboxed, no Node, the CommonJS preload only.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_INDEX_URL } from './protocol';

export function createMainWindow(appRoot: string, title: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title,
    show: false,
    webPreferences: {
      preload: join(appRoot, 'dist', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The window keeps the title main gives it ("Seller Desk — demo"): the page's own <title> would drop "demo".
  win.on('page-title-updated', (event) => event.preventDefault());
  void win.loadURL(APP_INDEX_URL);
  return win;
}
