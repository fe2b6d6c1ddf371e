// Auto-update at run time, in plain Node (only main/app/updater.ts touches Electron): checks the feed through an
// electron-updater-like object, downloads in the background, reports every step as `update:status`, and restarts
// into the new version only when no seller action is left unsent and no draft edit unsaved — unless the user says
// "Restart anyway". The outbox is durable, so an unsent action would survive the restart; it would just wait the
// length of an install, and "sending" ones would be cut off mid-request: the user decides, knowing the count.
import { AppError } from '../../common/api/result';
import type { RestartAnswer, RestartMode, UpdateStatus } from '../../common/api/contract-updates';
import type { EventBus } from '../api/events';
import type { Logger } from '../log';
import { describeUpdateError, type UpdateStep } from './errors';
import { UPDATE_URL_ENV, type FeedOverride } from './feed';

/** What the controller uses of electron-updater's AppUpdater (the real one in the app, a subclass in the tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  /** null when the updater is inactive (an unpackaged app). */
  checkForUpdates(): Promise<{ readonly downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface UpdateControllerDeps {
  updater: UpdaterLike;
  events: Pick<EventBus, 'emit' | 'on'>;
  /** Outbox items not yet definitively answered (queued, sending, unknown). */
  unsentActions: () => number;
  currentVersion: string;
  feed: FeedOverride;
  clock: { now(): number };
  log: Pick<Logger, 'info' | 'warn'>;
  /** How long a "Restart when sent" waits for the window to save a pending draft before installing. */
  confirmGraceMs?: number;
  timers?: UpdateTimers;
}

export interface UpdateController {
  status(): UpdateStatus;
  /** Asks the feed; resolves when the feed answered (a download goes on in the background). */
  check(opts: { manual: boolean }): Promise<UpdateStatus>;
  restart(request: { mode: RestartMode; unsavedDraft: boolean }): RestartAnswer;
  cancelRestart(): UpdateStatus;
  dispose(): void;
}

/** Longer than the window's autosave debounce (500 ms) plus one local save. */
export const CONFIRM_GRACE_MS = 2_000;

const realTimers: UpdateTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** "3 actions not yet sent to the marketplace" (the window says the same from the counts, in its language). */
export function describeBlockers(unsentActions: number, unsavedDraft: boolean): string | null {
  const parts: string[] = [];
  if (unsentActions > 0)
    parts.push(`${unsentActions} ${unsentActions === 1 ? 'action' : 'actions'} not yet sent to the marketplace`);
  if (unsavedDraft) parts.push('a draft edit is not saved');
  return parts.length > 0 ? parts.join('; ') : null;
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater, events, log, clock } = deps;
  const timers = deps.timers ?? realTimers;
  const graceMs = deps.confirmGraceMs ?? CONFIRM_GRACE_MS;
  let status: UpdateStatus = {
    phase: 'idle',
    currentVersion: deps.currentVersion,
    version: null,
    percent: null,
    error: null,
    checkedAt: null,
    requestedAt: null,
    manual: false,
    waitingFor: null,
    confirmRestart: false,
  };
  let disposed = false;
  let step: UpdateStep = 'check';
  let checking: Promise<UpdateStatus> | null = null;
  let installing = false;
  let waiting = false;
  let offOutbox: (() => void) | null = null;
  let confirmTimer: unknown = null;

  const set = (patch: Partial<UpdateStatus>): void => {
    if (disposed) return;
    status = { ...status, ...patch };
    events.emit('update:status', status);
  };

  const stopWaiting = (): void => {
    waiting = false;
    offOutbox?.();
    offOutbox = null;
    if (confirmTimer !== null) timers.clear(confirmTimer);
    confirmTimer = null;
  };

  const fail = (err: unknown): void => {
    const error = describeUpdateError(err, installing ? 'install' : step);
    log.warn(`update: ${error.message}`, err);
    // A downloaded update stays offered: a later failed check must not take the banner away.
    if (status.phase === 'ready' && !installing) return;
    installing = false;
    stopWaiting();
    set({ phase: 'error', error, percent: null, waitingFor: null, confirmRestart: false });
  };

  const install = (): void => {
    if (installing || disposed) return;
    stopWaiting();
    installing = true;
    set({ phase: 'restarting', waitingFor: null, confirmRestart: false });
    log.info(`update: restarting to install ${status.version ?? 'the new version'}`);
    try {
      // Silent, then started again: the user already chose to restart, the NSIS wizard would only ask again (Windows).
      updater.quitAndInstall(true, true);
    } catch (err) {
      fail(err);
    }
  };

  // "Restart when sent": follows the outbox; once it is empty the window is asked to save its draft and confirm,
  // and without an answer (no window open) the restart happens after the grace period.
  const followOutbox = (): void => {
    if (!waiting || installing) return;
    const unsent = deps.unsentActions();
    if (unsent > 0) {
      if (confirmTimer !== null) timers.clear(confirmTimer);
      confirmTimer = null;
      if (status.waitingFor !== unsent || status.confirmRestart) set({ waitingFor: unsent, confirmRestart: false });
      return;
    }
    if (status.confirmRestart) return;
    set({ waitingFor: 0, confirmRestart: true });
    confirmTimer = timers.set(() => {
      confirmTimer = null;
      if (deps.unsentActions() === 0) install();
      else followOutbox();
    }, graceMs);
  };

  const answer = (restarting: boolean, isWaiting: boolean, unsent: number, unsavedDraft: boolean): RestartAnswer => ({
    restarting,
    waiting: isWaiting,
    unsentActions: unsent,
    unsavedDraft,
    message: restarting ? null : describeBlockers(unsent, unsavedDraft),
  });

  updater.autoDownload = true;
  if (deps.feed.kind === 'url') {
    updater.setFeedURL({ provider: 'generic', url: deps.feed.url });
    log.info(`update: feed from ${UPDATE_URL_ENV}: ${deps.feed.url}`);
  }
  updater.on('checking-for-update', () => {
    step = 'check';
    // check() already said so; a check electron-updater started by itself (none today) is reported here.
    if (status.phase !== 'checking') set({ phase: 'checking', error: null });
  });
  updater.on('update-not-available', (info) =>
    set({ phase: 'up-to-date', version: info.version, checkedAt: clock.now(), error: null }),
  );
  updater.on('update-available', (info) => {
    step = 'download';
    set({ phase: 'downloading', version: info.version, percent: 0, checkedAt: clock.now(), error: null });
  });
  updater.on('download-progress', (progress) => {
    const percent = Math.min(100, Math.max(0, Math.floor(progress.percent)));
    if (status.phase === 'downloading' && percent !== status.percent) set({ percent });
  });
  updater.on('update-downloaded', (info) => {
    log.info(`update: ${info.version} downloaded, ready to install`);
    set({ phase: 'ready', version: info.version, percent: 100, error: null });
  });
  updater.on('error', (err) => fail(err));

  return {
    status: () => status,

    check({ manual }) {
      if (disposed) return Promise.resolve(status);
      const requestedAt = clock.now();
      if (deps.feed.kind === 'invalid') {
        const message = `${UPDATE_URL_ENV} is not an http(s) URL: "${deps.feed.value}"`;
        set({ phase: 'error', manual, requestedAt, error: { code: 'feed_url', message } });
        return Promise.resolve(status);
      }
      // Already found: the menu's check brings the banner back rather than starting over.
      if (status.phase === 'downloading' || status.phase === 'ready' || status.phase === 'restarting') {
        set({ manual, requestedAt });
        return Promise.resolve(status);
      }
      if (checking) {
        if (manual) set({ manual, requestedAt });
        return checking;
      }
      step = 'check';
      set({ phase: 'checking', manual, requestedAt, error: null });
      checking = (async () => {
        try {
          const result = await updater.checkForUpdates();
          if (result === null) set({ phase: 'unsupported' });
          // Its failure arrives as an 'error' event too (fail() above); unhandled, it would crash the process.
          else void result.downloadPromise?.catch(() => undefined);
        } catch (err) {
          // electron-updater emitted 'error' before rejecting; only a failure it did not announce is recorded here.
          if (status.phase !== 'error') fail(err);
        } finally {
          checking = null;
        }
        return status;
      })();
      return checking;
    },

    restart({ mode, unsavedDraft }) {
      if (installing) return answer(true, false, deps.unsentActions(), unsavedDraft);
      if (status.phase !== 'ready') {
        const why =
          status.phase === 'downloading'
            ? 'the update is still downloading'
            : 'no update has been downloaded to install';
        throw new AppError('conflict', why);
      }
      const unsent = deps.unsentActions();
      if (mode === 'anyway' || (unsent === 0 && !unsavedDraft)) {
        install();
        return answer(true, false, unsent, unsavedDraft);
      }
      // Waiting for the outbox cannot save a draft the window failed to save: the user decides again.
      if (unsavedDraft) {
        stopWaiting();
        set({ waitingFor: null, confirmRestart: false });
        return answer(false, false, unsent, unsavedDraft);
      }
      if (mode === 'when-sent' || waiting) {
        if (!waiting) {
          waiting = true;
          offOutbox = events.on('outbox:changed', () => followOutbox());
        }
        followOutbox();
        return answer(false, true, unsent, unsavedDraft);
      }
      return answer(false, false, unsent, unsavedDraft);
    },

    cancelRestart() {
      if (!installing) {
        stopWaiting();
        if (status.waitingFor !== null || status.confirmRestart) set({ waitingFor: null, confirmRestart: false });
      }
      return status;
    },

    dispose() {
      stopWaiting();
      disposed = true;
    },
  };
}

/** What services.ts hands to the desktop app's factory (main/app/updater.ts adds the updater and the feed). */
export type UpdateServiceDeps = Pick<
  UpdateControllerDeps,
  'events' | 'unsentActions' | 'currentVersion' | 'clock' | 'log'
>;
