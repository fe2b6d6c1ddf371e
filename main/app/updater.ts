// electron-updater, wired only in a packaged app (a development run has no feed to check). Imported
// statically so the bundle keeps a plain require() (a dynamic import() from CJS inside asar is fragile).
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { Logger } from '../log';

export async function startUpdater(log: Logger): Promise<void> {
  if (!app.isPackaged) return;
  try {
    autoUpdater.autoDownload = true;
    autoUpdater.on('error', (err) => log.warn('update check failed', err));
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (err) {
    // Offline or no feed configured: never an error the user has to see.
    log.warn('updater unavailable', err);
  }
}
