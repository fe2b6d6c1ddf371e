// electron-updater, wired only in a packaged app: a development run has no app-update.yml to read (electron-builder
// writes it from electron-builder.yml's `publish` entry), so there is nothing to check. Everything but the wiring —
// the feed override, the statuses, the guarded restart — is main/updates/update-controller.ts, plain Node.
// Imported statically so the bundle keeps a plain require() (a dynamic import() from CJS inside asar is fragile).
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { Logger } from '../log';
import { feedFromEnv } from '../updates/feed';
import { createUpdateController, type UpdateController, type UpdateServiceDeps } from '../updates/update-controller';

/** The factory services.ts calls (ServicesOptions.updates); null when this run cannot update itself. */
export function createAppUpdates(
  deps: UpdateServiceDeps,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): UpdateController | null {
  if (!app.isPackaged) return null;
  autoUpdater.logger = {
    info: (message?: unknown) => log.debug(`electron-updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`electron-updater: ${String(message)}`),
    // Failures reach the controller as 'error' events, which log them once, in words.
    error: (message?: unknown) => log.debug(`electron-updater: ${String(message)}`),
  };
  return createUpdateController({ ...deps, updater: autoUpdater, feed: feedFromEnv(env) });
}
