// Composition root: builds the database, settings, marketplace client, sync engine, scheduler, events and
// the handler table for one profile (a real account or the demo — never mixed, issue 2 item 10).
// Used by the Electron main (main/app), the browser host (serve) and the CLI alike.
import { mkdirSync } from 'node:fs';
import { version as packageVersion } from '../package.json';
import type { AppInfo } from '../common/api/types';
import { createHandlers } from './api/handlers';
import { createOutboxHandlers, type OpenableFile } from './api/handlers-outbox';
import { createOutboxService, type OutboxService } from './outbox-service';
import { createProofsService, type ProofsService } from './proofs-service';
import type { ExportDialogs } from './api/handlers-proofs';
import { OrderNotifier } from './notifications';
import type { Handlers } from './api/dispatch';
import { createEventBus, type EventBus } from './api/events';
import { openDatabase, type Db } from './db/connection';
import { countOrderLines } from './db/order-lines';
import { MarketplaceClient, type Clock } from './sync/client';
import { SyncEngine } from './sync/pull';
import { SyncScheduler } from './sync/scheduler';
import { createAppSettings, type AppSettings } from './settings/app-settings';
import { FileCredentialStore, type CredentialStore } from './settings/credential-store';
import { profilePaths, type ProfilePaths } from './settings/paths';
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
  /** Electron: open a downloaded attachment with the system viewer (issue 3 item 7). */
  openFile?: (file: OpenableFile) => Promise<void>;
  /** Electron: ask where proof packages and SOW exports go (issue 4); the browser host writes under the profile. */
  dialogs?: ExportDialogs;
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
  /** The outbox and the attachment store (issue 3). */
  outbox: OutboxService;
  /** Delivery proofs (issue 4): the SOW's seller name, reconciling after pulls. */
  proofs: ProofsService;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };

export function createServices(options: ServicesOptions): Services {
  const demo = options.demo ?? false;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger({ level: 'silent' });
  const paths = profilePaths(options.dataDir, demo);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const store = options.credentialStore ?? new FileCredentialStore(paths.credentials);

  const db = openDatabase(paths.db);
  const events = createEventBus((err) => log.warn('event listener failed', err));
  const settings = createAppSettings(db, store, (sk) => log.addSecret(sk));
  const countLines = (): number => countOrderLines(db);

  // Issue 3 item 5: each feed page is compared with the cache before the pull stores it; announced after the run.
  const notifier = new OrderNotifier({ db, clock, emit: (n) => events.emit('notification', n) });
  let client: MarketplaceClient | null = null;
  let engine: SyncEngine | null = null;
  const connect = (): void => {
    const conn = settings.connection();
    client = conn
      ? new MarketplaceClient({ baseUrl: conn.endpoint, credentials: () => settings.credentials(), clock })
      : null;
    engine = client ? new SyncEngine({ db, client, clock, onPage: (lines) => notifier.observe(lines) }) : null;
  };
  connect();
  const outbox = createOutboxService({ db, clock, dir: paths.dir, client: () => client, events, log, countLines, autoSend: options.syncOnReconnect !== false });
  // Issue 4: drafts are reconciled after every pull and outbox change (P5); the SOW's seller name comes from the account.
  const proofs = createProofsService({ db, clock, events, outbox, client: () => client, log, dir: paths.dir, dialogs: options.dialogs });
  let lastPulled: number | null = null;

  let lastCount = -1;
  const scheduler = new SyncScheduler({
    engine: () => engine,
    clock,
    intervalMs: () => settings.view().syncIntervalMinutes * 60_000,
    demo,
    countLines,
    // Issue 3 item 6: every run pushes the outbox first, then pulls.
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
      // Stores refetch on orders:changed (STYLE.md); only when the cache really changed size or a run ended.
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
  const handlers: Handlers = { ...core, ...createOutboxHandlers({ db, clock, outbox, client: () => client, openFile: options.openFile }), ...proofs.handlers };

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
    async close() {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await outbox.close();
      proofs.close();
      // Let a run in flight finish its page (each page is one transaction); don't hold shutdown for long.
      if (scheduler.status().syncing) await Promise.race([scheduler.runNow(), new Promise((r) => setTimeout(r, 2_000).unref())]);
      db.close();
    },
  };
}
