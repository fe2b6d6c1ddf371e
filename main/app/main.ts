// Electron main: thin. It hardens the window, registers the handler table on IPC and
// forwards events; everything else is the same plain-Node code the browser host and the CLI run.
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { join } from 'node:path';
import type { Services } from '../services';
import { startProfileRuntime, type ProfileRuntime } from '../profile-runtime';
import { NativeModuleMismatchError } from '../db/native-binding';
import { startDemoMarketplace, type DemoMarketplace } from '../demo';
import { defaultDataDir, logsDir, profilePaths } from '../settings/paths';
import { acquireFolderLock, FolderInUseError } from '../settings/folder-lock';
import { createLogger, levelFromEnv } from '../log';
import { openLogFile } from '../log-file';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { createMainWindow } from './window';
import { forwardEvents, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { createAppUpdates } from './updater';
import { createAppCredentialStore } from './safe-storage-store';
import { watchNetwork } from './network';
import { openWithSystemViewer, showDesktopNotifications } from './notifications';
import { createExportDialogs } from './dialogs';
import { exportDiagnosticsFromMenu } from './diagnostics';

/** dist/main/app.cjs → the app root (where package.json and dist/ are). */
const appRoot = join(__dirname, '..', '..');
const demo = process.argv.includes('--demo') || process.env.SELLER_DESK_DEMO === '1';
const dataDirArg = process.argv.find((a) => a.startsWith('--data-dir='));
const dataDir = dataDirArg ? dataDirArg.slice('--data-dir='.length) : defaultDataDir();
// Every line also goes to <dataDir>/logs/main.log (docs/diagnostics.md). The file is created by the first line: a
// second
// instance that hands over below writes none, so only the owner of the data folder writes there.
const log = createLogger({
  level: levelFromEnv(process.env, 'info'),
  file: openLogFile({ dir: logsDir(dataDir), name: 'main.log' }),
});

let window: BrowserWindow | null = null;
let services: Services | null = null;
let runtime: ProfileRuntime | null = null;
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

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log.error('start-up failed', err);
      // A SQLite binary built for another runtime is the one start-up failure a user can fix: say how.
      if (err instanceof NativeModuleMismatchError)
        dialog.showErrorBox('Seller Desk cannot open its database', err.message);
      // docs/architecture.md "Data": the browser host or a CLI command owns this data folder (the message names it).
      if (err instanceof FolderInUseError)
        dialog.showErrorBox(
          'The data folder is in use / 数据文件夹正被占用',
          `${err.message}\n\n该数据文件夹正被另一个 Seller Desk 进程使用（见上文）；请先关闭它再启动。`,
        );
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (runtime && BrowserWindow.getAllWindows().length === 0) window = createMainWindow(appRoot, 'Seller Desk');
  });

  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    for (const c of cleanups.splice(0)) c();
    void (async () => {
      await runtime?.close().catch((err: unknown) => log.error('closing services failed', err));
      await marketplace?.close().catch((err: unknown) => log.error('closing the demo marketplace failed', err));
      app.exit(0);
    })();
  });
}

async function start(): Promise<void> {
  log.info(
    `Seller Desk ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform} ${process.arch}${demo ? ', demo' : ''})`,
  );
  hardenSession(log);
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  const paths = profilePaths(dataDir, demo);
  // The folder is taken before anything in it is touched (docs/architecture.md "Data"); services.close() releases it.
  const folderLock = acquireFolderLock(paths.dir, { kind: 'desktop' });
  const credentialStore = createAppCredentialStore(paths, log);
  if (demo) marketplace = await startDemoMarketplace({ dataDir, credentialStore });
  // docs/architecture.md "Data": the start-up check and backups around the services; a database that needs recovery
  // still opens the window, which shows the recovery screen. After a restore or a recovery the app starts again.
  runtime = await startProfileRuntime({
    dataDir,
    demo,
    credentialStore,
    log,
    transport: 'electron',
    folderLock,
    startScheduler: true,
    dialogs: createExportDialogs(() => window),
    openFile: openWithSystemViewer,
    updates: (deps) => createAppUpdates(deps, log),
    onDatabaseReplaced: () => {
      app.relaunch();
      app.quit();
    },
  });
  const rt = runtime;
  cleanups.push(registerIpc(rt.handlers, log));
  cleanups.push(forwardEvents(rt.events, () => window));
  services = rt.services();
  const s = services;
  if (s) {
    cleanups.push(watchNetwork(s.scheduler));
    cleanups.push(
      showDesktopNotifications({ events: rt.events, window: () => window, language: () => s.settings.view().language }),
    );
    const exportDiagnostics = (): void =>
      void exportDiagnosticsFromMenu({ window: () => window, services: s, dataDir, demo, log });
    Menu.setApplicationMenu(
      buildMenu({
        syncNow: () => void s.scheduler.runNow(),
        dataDir: paths.dir,
        version: app.getVersion(),
        exportDiagnostics,
        checkForUpdates: s.updates ? () => void s.updates?.check({ manual: true }) : null,
      }),
    );
  }

  window = createMainWindow(appRoot, demo ? 'Seller Desk — demo' : 'Seller Desk');
  window.on('closed', () => {
    window = null;
  });
  // At start the check is quiet: offline or a feed that is down is no news; the menu's check says the outcome.
  void s?.updates?.check({ manual: false });
}
