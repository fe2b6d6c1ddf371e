// Composition root: builds the database, settings, marketplace client, sync engine, scheduler, events and
// the handler table for one profile (a real account or the demo — never mixed).
// Used by the Electron main (main/app), the browser host (serve) and the CLI alike.
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { version as packageVersion } from '../package.json';
import type { AppInfo } from '../common/api/types';
import { createHandlers } from './api/handlers';
import { createOrdersHandlers } from './orders/handlers';
import { AppError } from '../common/api/result';
import { createOutboxHandlers, createOutboxReadHandlers, type OpenableFile } from './outbox/handlers';
import { createOutboxService, type OutboxService } from './outbox/service';
import { createProofsService, type ProofsService } from './proofs/service';
import type { ExportDialogs } from './proofs/handlers';
import { createUpdateHandlers } from './updates/handlers';
import { createBillsHandlers, createBillsReadHandlers } from './bills/handlers';
import { pullBills } from './bills/pull';
import { latestAccount } from './bills/repo';
import { displayText } from './sync/display-text';
import type { UpdateController, UpdateServiceDeps } from './updates/update-controller';
import { OrderNotifier } from './notifications/notifications';
import type { HandlerTable, Handlers } from './api/dispatch';
import { createEventBus, type EventBus } from './api/events';
import type { Db, ReadDb } from './db/connection';
import { openProfileDatabase } from './profile/profile-db';
import { createDbHandlers } from './profile/handlers';
import { countOrderLines } from './orders/order-lines';
import { MarketplaceClient, type Clock } from './sync/client';
import { SyncEngine, type ExtraPull } from './sync/pull';
import { PAGE_READER_WORKER_FILE, WorkerPageReader } from './sync/page-reader';
import { unpacked } from './db/native-binding';
import { SyncScheduler } from './sync/scheduler';
import {
  createAppSettings,
  createSettingsReader,
  type AppSettings,
  type SettingsReader,
} from './settings/app-settings';
import { FileCredentialStore, type CredentialStore } from './settings/credential-store';
import { profilePaths, type ProfilePaths } from './settings/paths';
import { acquireFolderLock, type FolderLock, type OwnerSpec } from './settings/folder-lock';
import { createLogger, type Logger } from './log';

export interface ServicesOptions {
  /** The app data folder (see settings/paths.ts defaultDataDir); the profile lives in a sub-folder. */
  dataDir: string;
  demo?: boolean;
  clock?: Clock;
  /** Default: the 0600 file of the profile (browser host, CLI). Electron passes its safeStorage store. */
  credentialStore?: CredentialStore;
  log?: Logger;
  transport?: AppInfo['transport'];
  /**
   * Sync as soon as the endpoint or credentials change, and send an action as soon as it is taken (default true).
   * The one-shot CLI turns it off: its actions are queued, and `seller-desk sync` sends them.
   */
  syncOnReconnect?: boolean;
  /** Electron: open a downloaded attachment with the system viewer. */
  openFile?: (file: OpenableFile) => Promise<void>;
  /** Electron: ask where proof packages and SOW exports go; the browser host writes under the profile. */
  dialogs?: ExportDialogs;
  /** Electron (packaged): the auto-update controller; elsewhere the update channels answer `unsupported`. */
  updates?: (deps: UpdateServiceDeps) => UpdateController | null;
  /** Who owns the folder, for the lock's metadata; default from `transport`. */
  owner?: OwnerSpec;
  /** A lock the caller already took (before starting the demo marketplace); released by close(). */
  folderLock?: FolderLock;
  /** The event bus to emit on; profile-runtime.ts passes one that outlives a restore (default: a new one). */
  events?: EventBus;
}

export interface Services {
  db: Db;
  handlers: Handlers;
  events: EventBus;
  scheduler: SyncScheduler;
  settings: AppSettings;
  paths: ProfilePaths;
  log: Logger;
  /** The current marketplace client; null until configured. */
  client(): MarketplaceClient | null;
  /** The outbox and the attachment store. */
  outbox: OutboxService;
  /** Delivery proofs: the SOW's seller name, reconciling after pulls. */
  proofs: ProofsService;
  /** The desktop auto-update; null in the browser host, the CLI and an unpackaged app. */
  updates: UpdateController | null;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };

/**
 * docs/architecture.md "Data": one process owns a data folder; a command that only reads runs beside it. A Reader
 * takes no lock, opens the database read-only (a ReadOnlyDb: SQLite refuses its writes too, and no function that
 * writes accepts it), starts nothing, and serves only the channels that read. The owner's Services are a Reader too,
 * so a reading command runs the same on either.
 */
export interface Reader {
  readonly db: ReadDb;
  readonly handlers: HandlerTable;
  readonly settings: SettingsReader;
  readonly paths: ProfilePaths;
  readonly log: Logger;
  close(): Promise<void>;
}

export type ReaderOptions = Pick<ServicesOptions, 'dataDir' | 'demo' | 'clock' | 'credentialStore' | 'log'>;

export function openReader(options: ReaderOptions): Reader {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger({ level: 'silent' });
  const paths = profilePaths(options.dataDir, options.demo ?? false);
  const db = openProfileDatabase(paths, { readOnly: true });
  const store = options.credentialStore ?? new FileCredentialStore(paths.credentials);
  const settings = createSettingsReader(db, store, (secret) => log.addSecret(secret));
  const handlers: Partial<Handlers> = {
    ...createOrdersHandlers({ db, clock, settings }),
    ...createOutboxReadHandlers(db),
    ...createBillsReadHandlers({ db, clock }),
  };
  return {
    db,
    settings,
    paths,
    log,
    handlers: {
      serving: () => ({ handlers }),
      unavailable: (channel) =>
        new AppError('conflict', `${channel} changes the profile, and this command opened it read-only`),
    },
    close: async () => {
      db.close();
    },
  };
}

export function createServices(options: ServicesOptions): Services {
  const demo = options.demo ?? false;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger({ level: 'silent' });
  const paths = profilePaths(options.dataDir, demo);
  let lock: FolderLock | null = null;
  let db: Db;
  try {
    lock =
      options.folderLock ??
      acquireFolderLock(
        paths.dir,
        options.owner ?? { kind: options.transport === 'electron' ? 'desktop' : 'browser-host' },
      );
    // docs/architecture.md "Security": the profile folder is 0700, also when an older version made it wider.
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    chmodSync(paths.dir, 0o700);
    // docs/architecture.md "Data": a missing, empty or damaged database where the folder had data is refused, never
    // replaced.
    db = openProfileDatabase(paths);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const store = options.credentialStore ?? new FileCredentialStore(paths.credentials);
  const events = options.events ?? createEventBus((err) => log.warn('event listener failed', err));
  const dbHandlers = createDbHandlers({ db, paths, events });
  const settings = createAppSettings(db, store, (secret) => log.addSecret(secret)); // the AK and the SK
  const countLines = (): number => countOrderLines(db);

  // Each feed page is compared with the cache before the pull stores it; announced after the run.
  const notifier = new OrderNotifier({ db, clock, emit: (n) => events.emit('notification', n) });
  let client: MarketplaceClient | null = null;
  let engine: SyncEngine | null = null;
  // Order-line pages are read by a worker thread beside the bundle (page-reader.ts; unpacked from the app's archive,
  // electron-builder.yml); run from source (the tests) there is no such file and pages are read on the main thread.
  const pageReader = new WorkerPageReader(unpacked(path.join(__dirname, PAGE_READER_WORKER_FILE)), log);
  const connect = (): void => {
    const conn = settings.connection();
    client = conn
      ? new MarketplaceClient({
          baseUrl: conn.endpoint,
          credentials: () => settings.credentials(),
          clock,
          log,
          onAnswered: (at) => scheduler.answered(at),
        })
      : null;
    const c = client;
    // B5: the bills feed and the account are pulled in the same run; new bills and revisions are announced per page.
    const bills = c
      ? (run: ExtraPull) =>
          pullBills(run, {
            db,
            client: c,
            onChanged: (changes) => events.emit('bills:changed', { bills: changes }),
            onAccountError: (err) => log.warn('the account could not be fetched', err),
          })
      : undefined;
    engine = client
      ? new SyncEngine({ db, client, clock, onPage: (lines) => notifier.observe(lines), bills, pageReader })
      : null;
  };
  connect();
  const outbox = createOutboxService({
    db,
    clock,
    dir: paths.dir,
    client: () => client,
    events,
    log,
    countLines,
    autoSend: options.syncOnReconnect !== false,
  });
  // Drafts are reconciled after every pull and outbox change (P5); the SOW's seller name comes from the account.
  const proofs = createProofsService({
    db,
    clock,
    events,
    outbox,
    client: () => client,
    log,
    dir: paths.dir,
    dialogs: options.dialogs,
  });
  let lastPulled: number | null = null;

  let lastCount = -1;
  const scheduler = new SyncScheduler({
    engine: () => engine,
    clock,
    intervalMs: () => settings.view().syncIntervalMinutes * 60_000,
    demo,
    countLines,
    // The seller shown in Settings and the status bar: the latest snapshot a run stored (B5 pulls it with the bills),
    // only while a connection is saved; server text stripped (docs/architecture.md "Security").
    account: () => {
      const a = settings.connection() ? latestAccount(db) : null;
      return a
        ? { sellerId: displayText(a.sellerId, 120), sellerName: displayText(a.sellerName, 120), fetchedAt: a.fetchedAt }
        : null;
    },
    // Every run pushes the outbox first, then pulls.
    push: (opts) => outbox.push(opts),
    onStatus: (status) => {
      events.emit('sync:progress', status);
      if (!status.syncing && !closed) {
        try {
          notifier.flush();
        } catch (err) {
          log.warn('notifications after the pull failed', err);
        }
      }
      if (!status.syncing && status.lastSyncAt !== null && status.lastSyncAt !== lastPulled) {
        lastPulled = status.lastSyncAt;
        proofs.afterPull();
      }
      // Stores refetch on orders:changed (docs/architecture.md); only when the cache really changed size or a run
      // ended.
      if (status.cachedLines !== lastCount || (!status.syncing && status.progress.phase === 'done')) {
        lastCount = status.cachedLines;
        events.emit('orders:changed', { count: status.cachedLines });
      }
    },
  });

  const info: AppInfo = { version: packageVersion, demo, transport: options.transport ?? 'browser-host' };
  const core = createHandlers({
    db,
    clock,
    settings,
    // The list's CSV export goes where bill exports go (a save dialog in Electron).
    exportsDir: path.join(paths.dir, 'exports'),
    dialogs: options.dialogs,
    progress: (p) => events.emit('orders:export-progress', p),
    scheduler,
    events,
    info,
    countLines,
    client: () => client,
    reconnect: () => {
      connect();
      log.info(client ? 'marketplace connection changed: syncing' : 'marketplace disconnected');
      if (client && options.syncOnReconnect !== false) void scheduler.runNow();
    },
  });
  // The restart to update asks the outbox what is still unsent (queued, sending, unknown).
  const updates =
    options.updates?.({
      events,
      unsentActions: () => outbox.counts().unsent,
      currentVersion: info.version,
      clock,
      log,
    }) ?? null;
  const handlers: Handlers = {
    ...core,
    ...dbHandlers.handlers,
    ...createUpdateHandlers(updates, info.version),
    ...createOutboxHandlers({ db, clock, outbox, client: () => client, openFile: options.openFile }),
    ...proofs.handlers,
    ...createBillsHandlers({
      db,
      clock,
      // B5: bill and reconciliation exports go where proof exports go (a save dialog in Electron).
      exportsDir: path.join(paths.dir, 'exports'),
      dialogs: options.dialogs,
      progress: (p) => events.emit('bills:export-progress', p),
    }),
    // P5: an imported order may have moved on under a draft; the drafts are judged here, not when they are read.
    'orders:import': async (input) => {
      const imported = await core['orders:import'](input);
      proofs.afterImport(imported.orderLineIds);
      return imported;
    },
  };

  let closed = false;
  return {
    db,
    handlers,
    events,
    scheduler,
    settings,
    paths,
    log,
    client: () => client,
    outbox,
    proofs,
    updates,
    async close() {
      if (closed) return;
      closed = true;
      updates?.dispose();
      scheduler.stop();
      await outbox.close();
      await pageReader.close();
      proofs.close();
      // Let a run in flight finish its page (each page is one transaction); don't hold shutdown for long.
      if (scheduler.status().syncing)
        await Promise.race([scheduler.runNow(), new Promise((r) => setTimeout(r, 2_000).unref())]);
      dbHandlers.dispose();
      db.close();
      lock?.release();
    },
  };
}
