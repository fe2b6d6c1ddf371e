// Electron main (issue 2 item 9): thin. It hardens the window, registers the handler table on IPC and
// forwards events; everything else is the same plain-Node code the browser host and the CLI run.
import { app, BrowserWindow, Menu } from 'electron';
import { join } from 'node:path';
import { createServices, type Services } from '../services';
import { startDemoMarketplace, type DemoMarketplace } from '../demo';
import { defaultDataDir, profilePaths } from '../settings/paths';
import { createLogger, levelFromEnv } from '../log';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { createMainWindow } from './window';
import { forwardEvents, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { startUpdater } from './updater';
import { createAppCredentialStore } from './safe-storage-store';
import { watchNetwork } from './network';
import { openWithSystemViewer, showDesktopNotifications } from './notifications';
import { createExportDialogs } from './dialogs';

const log = createLogger({ level: levelFromEnv(process.env, 'info') });
/** dist/main/app.cjs → the app root (where package.json and dist/ are). */
const appRoot = join(__dirname, '..', '..');
const demo = process.argv.includes('--demo') || process.env.SELLER_DESK_DEMO === '1';
const dataDirArg = process.argv.find((a) => a.startsWith('--data-dir='));
const dataDir = dataDirArg ? dataDirArg.slice('--data-dir='.length) : defaultDataDir();

let window: BrowserWindow | null = null;
let services: Services | null = null;
let marketplace: DemoMarketplace | null = null;
const cleanups: Array<() => void> = [];

// Chromium's own profile (cache, local storage) beside ours, not mixed into the account/demo folders.
// Set before the lock: the single-instance lock lives in userData, so it guards this data folder.
app.setPath('userData', join(dataDir, 'chromium'));

if (!app.requestSingleInstanceLock()) {
  // Another Seller Desk owns the database: hand over to it (it focuses its window) and leave.
  app.quit();
} else {
  registerAppScheme();
  hardenAllWebContents(log);

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.whenReady().then(start, (err: unknown) => {
    log.error('start-up failed', err);
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) window = createMainWindow(appRoot, 'Seller Desk');
  });

  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    for (const c of cleanups.splice(0)) c();
    void (async () => {
      await services?.close().catch((err: unknown) => log.error('closing services failed', err));
      await marketplace?.close().catch((err: unknown) => log.error('closing the demo marketplace failed', err));
      app.exit(0);
    })();
  });
}

async function start(): Promise<void> {
  hardenSession(log);
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  const paths = profilePaths(dataDir, demo);
  const credentialStore = createAppCredentialStore(paths, log);
  if (demo) marketplace = await startDemoMarketplace({ dataDir, credentialStore });
  services = createServices({ dataDir, demo, credentialStore, log, transport: 'electron', dialogs: createExportDialogs(() => window), openFile: openWithSystemViewer });
  const s = services;

  cleanups.push(registerIpc(s.handlers, log));
  cleanups.push(forwardEvents(s.events, () => window));
  cleanups.push(watchNetwork(s.scheduler));
  cleanups.push(showDesktopNotifications({ events: s.events, window: () => window, language: () => s.settings.view().language }));
  Menu.setApplicationMenu(buildMenu({ syncNow: () => void s.scheduler.runNow(), dataDir: paths.dir, version: app.getVersion() }));

  window = createMainWindow(appRoot, demo ? 'Seller Desk — demo' : 'Seller Desk');
  window.on('closed', () => {
    window = null;
  });
  s.scheduler.start();
  void startUpdater(log);
}
