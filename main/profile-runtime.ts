// One profile as the window sees it (docs/architecture.md "Data"), for the browser host and the Electron main: the
// start-up check and backups around createServices, and a handler table and event bus that stay the same while the
// database behind them is closed and reopened — by a restore or a recovery — or cannot be opened at all. Then every
// channel but app:info and db:* answers `conflict` (reason `db_recovery`), and the window shows the recovery screen.
import path from 'node:path';
import { version as packageVersion } from '../package.json';
import type { DbStatus } from '../common/api/contract-db';
import { AppError } from '../common/api/result';
import type { AppInfo } from '../common/api/types';
import type { HandlerSource, Handlers } from './api/dispatch';
import { createEventBus, type EventBus } from './api/events';
import type { DbHandlers } from './profile/handlers';
import { backupIfDue, listBackups, makeBackup } from './profile/backup';
import { DatabaseNeedsRecoveryError, problemOfError, statusOf, type DbHealth } from './profile/health';
import { prepareProfile } from './profile/profile-db';
import { recoverDatabase } from './profile/recover';
import { restoreDatabase } from './profile/restore';
import { reportRowProblem, rowProblems, StoredJsonError } from './db/row-problems';
import type { FileSource } from './host/file-download';
import { createLogger } from './log';
import { createServices, type Services, type ServicesOptions } from './services';
import { acquireFolderLock, type FolderLock } from './settings/folder-lock';
import { profilePaths } from './settings/paths';

/** How often the daily backup asks whether one is due (it makes at most one a day). */
export const BACKUP_CHECK_MS = 60 * 60 * 1000;

export interface RuntimeOptions extends Omit<ServicesOptions, 'events' | 'access'> {
  /** Start the sync scheduler whenever the services open (the browser host, the desktop app). */
  startScheduler?: boolean;
  /**
   * Electron: after a restore or a recovery replaced the database, restart the app (its menu, notifications and
   * network watch are wired to the services it started with). Default: reopen in this process only.
   */
  onDatabaseReplaced?: () => void;
}

export interface ProfileRuntime {
  /** Stable: the same object across restores; the browser host and IPC register it once. */
  readonly handlers: HandlerSource;
  readonly events: EventBus;
  /** The attachment store of whichever services are open (GET /api/files/<sha256>). */
  readonly outbox: { attachments: FileSource };
  /** The open services; null while the database needs recovery or is being replaced. */
  services(): Services | null;
  status(): DbStatus;
  close(): Promise<void>;
}

type Health = Pick<DbHealth, 'state' | 'problem' | 'evidence'>;

export async function startProfileRuntime(options: RuntimeOptions): Promise<ProfileRuntime> {
  const demo = options.demo ?? false;
  const paths = profilePaths(options.dataDir, demo);
  const log = options.log ?? createLogger({ level: 'silent' });
  const events = createEventBus((err) => log.warn('event listener failed', err));
  const info: AppInfo = { version: packageVersion, demo, transport: options.transport ?? 'browser-host' };
  const owner = options.owner ?? {
    kind: options.transport === 'electron' ? ('desktop' as const) : ('browser-host' as const),
  };
  let lock: FolderLock | null = options.folderLock ?? null;
  let services: Services | null = null;
  let health: Health = { state: 'ok', problem: null, evidence: [] };
  let replacing: Promise<unknown> | null = null;
  let backingUp: Promise<unknown> = Promise.resolve();
  let closed = false;

  const status = (): DbStatus => statusOf(paths, health, services ? rowProblems(services.db) : []);
  const emitStatus = (): void => events.emit('db:status', status());
  const take = (): FolderLock => (lock ??= acquireFolderLock(paths.dir, owner));

  const needsRecovery = (h: Health): void => {
    health = h;
    log.warn(
      `the database needs recovery: ${h.problem?.message ?? 'unknown problem'}; the window offers a restore or a recovery`,
    );
    emitStatus();
  };

  /** Runs a backup, remembered so nothing closes the database under it. */
  const track = <T>(p: Promise<T>): Promise<T> => {
    backingUp = p.catch(() => undefined);
    return p;
  };
  const dailyBackup = async (): Promise<void> => {
    const s = services;
    if (!s || closed || replacing) return;
    try {
      const made = await track(backupIfDue(s.db, paths.dir));
      if (made) log.info(`daily backup ${made.name} (${made.bytes} bytes) written and checked`);
    } catch (err) {
      log.warn('the daily backup failed', err);
    }
  };

  async function open(): Promise<void> {
    take();
    const prepared = await prepareProfile(paths);
    if (prepared.migrationBackup)
      log.info(`backed up the database before migrating it: ${prepared.migrationBackup.name}`);
    if (prepared.health.state !== 'ok') return needsRecovery(prepared.health);
    try {
      services = createServices({ ...options, events, folderLock: take() });
      lock = null; // the services own it now; their close() releases it
    } catch (err) {
      lock = null; // createServices released it on failure; the runtime takes it again to serve the recovery screen
      if (err instanceof DatabaseNeedsRecoveryError) {
        take();
        return needsRecovery(err.health);
      }
      const problem = problemOfError(err);
      if (!problem) throw err;
      take();
      return needsRecovery({ state: 'needs_recovery', problem, evidence: prepared.health.evidence });
    }
    health = { state: 'ok', problem: null, evidence: prepared.health.evidence };
    if (options.startScheduler) services.scheduler.start();
    emitStatus();
    void dailyBackup();
  }

  async function closeServices(): Promise<void> {
    await backingUp;
    const s = services;
    services = null;
    await s?.close();
  }

  /**
   * Closes the database, runs `fn` on the closed files, opens again (also when `fn` failed: the old file is still
   * there).
   */
  async function replace<T>(fn: () => Promise<T>): Promise<T> {
    if (replacing) throw new AppError('conflict', 'a restore or a recovery is already running');
    const run = (async () => {
      await closeServices();
      take();
      try {
        return await fn();
      } finally {
        if (!closed) await open();
      }
    })();
    replacing = run;
    try {
      const result = await run;
      if (options.onDatabaseReplaced) setTimeout(options.onDatabaseReplaced, 300).unref();
      return result;
    } finally {
      replacing = null;
    }
  }

  const dbHandlers: DbHandlers = {
    'db:status': () => status(),
    'db:backups': () => listBackups(paths.dir),
    'db:backup': () => {
      const s = services;
      if (!s) throw new AppError('conflict', 'the database is not open', { reason: 'db_recovery' });
      return track(makeBackup(s.db, paths.dir, { reason: 'manual' }));
    },
    'db:restore': async ({ name }) => {
      const answer = await replace(() => restoreDatabase(paths, { name }));
      log.info(
        `restored ${answer.restoredFrom.name}; the database it replaced is kept as ${answer.keptAs ?? '(none)'}`,
      );
      return answer;
    },
    'db:recover': async () => {
      const report = await replace(() => recoverDatabase(paths));
      log.info(
        `recovered the database into a new one (report ${report.reportFile}); the damaged file is ${report.damagedFile ?? '(none)'}`,
      );
      return report;
    },
  };

  /** Damage met while serving a channel: a row skipped, or SQLite saying the file is damaged (the recovery screen). */
  const watch = (s: Services, err: unknown): void => {
    if (err instanceof StoredJsonError) reportRowProblem(s.db, err.problem);
    const problem = problemOfError(err);
    if (problem && services === s && health.state === 'ok')
      needsRecovery({ state: 'needs_recovery', problem, evidence: health.evidence });
  };

  // While services are open they serve every channel, with this runtime's own db:* (a restore or a recovery
  // replaces the services themselves); while none are, only app:info and db:* answer (the recovery screen).
  const withoutServices: Partial<Handlers> = { ...dbHandlers, 'app:info': () => info };
  let serving: { services: Services; handlers: Handlers } | null = null;
  const source: HandlerSource = {
    serving: () => {
      const s = services;
      if (!s) return { handlers: withoutServices };
      if (serving?.services !== s) serving = { services: s, handlers: { ...s.handlers, ...dbHandlers } };
      return { handlers: serving.handlers, onThrow: (err) => watch(s, err) };
    },
    unavailable: () =>
      new AppError(
        'conflict',
        replacing
          ? 'the database is being restored or recovered; try again in a moment'
          : 'the local database needs recovery: restore a backup or recover it first',
        { reason: 'db_recovery' },
      ),
  };

  const timer = setInterval(() => void dailyBackup(), BACKUP_CHECK_MS);
  timer.unref();
  await open();

  return {
    handlers: source,
    events,
    outbox: {
      attachments: {
        get: (sha256) => services?.outbox.attachments.get(sha256) ?? null,
        pathOf: (sha256) => services?.outbox.attachments.pathOf(sha256) ?? path.join(paths.dir, 'files', sha256),
      },
    },
    services: () => services,
    status,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await replacing?.catch(() => undefined);
      await closeServices();
      lock?.release();
      lock = null;
    },
  };
}
