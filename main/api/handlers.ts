// The handler table (docs/architecture.md "Two transports, one handler table"): every channel of common/api/contract.ts.
// Inputs arrive validated by dispatch(); failures are AppErrors with stable codes, never raw throws.
import { AppError } from '../../common/api/result';
import type { AppInfo } from '../../common/api/types';
import type { OutboxChannel } from '../../common/api/contract-outbox';
import type { ProofsChannel } from '../../common/api/contract-proofs';
import type { UpdatesChannel } from '../../common/api/contract-updates';
import type { BillsChannel } from '../../common/api/contract-bills';
import type { DbChannel } from '../../common/api/contract-db';
import type { Db } from '../db/connection';
import { getOrderLine, listOrderLines } from '../db/order-lines';
import { listRejects } from '../db/sync-state';
import { displayText } from '../sync/display-text';
import type { Clock, MarketplaceClient } from '../sync/client';
import { describeError, MarketplaceError } from '../sync/errors';
import { importOrder } from '../sync/import';
import { credentialsFailure, syncFailureOf } from '../sync/failure';
import type { SyncScheduler } from '../sync/scheduler';
import type { AppSettings } from '../settings/app-settings';
import type { Handlers } from './dispatch';
import type { EventBus } from './events';

export interface HandlerDeps {
  db: Db;
  clock: Clock;
  settings: AppSettings;
  scheduler: SyncScheduler;
  /** null until an endpoint, AK and SK are set. */
  client: () => MarketplaceClient | null;
  events: EventBus;
  info: AppInfo;
  /** The endpoint or credentials changed: rebuild the client, then sync. */
  reconnect: () => void;
  countLines: () => number;
}

/** A marketplace failure as the typed error the renderer shows (docs/marketplace-api.md "Errors"). */
export function toAppError(err: unknown): unknown {
  if (!(err instanceof MarketplaceError)) return err;
  const reason = describeError(err);
  if (err.kind === 'network' || err.kind === 'timeout') return new AppError('offline', `the marketplace cannot be reached: ${reason}`);
  switch (err.status) {
    case 400:
      return new AppError('validation', reason, err.body);
    case 401:
      return new AppError('unauthorized', `the marketplace refused the credentials (check AK/SK and the clock): ${reason}`);
    case 403:
      return new AppError('forbidden', reason);
    case 404:
      return new AppError('not_found', reason);
    case 409:
      return new AppError('conflict', reason, err.body);
    default:
      return new AppError('internal', reason);
  }
}

function requireClient(deps: HandlerDeps): MarketplaceClient {
  const client = deps.client();
  if (!client) throw new AppError('validation', 'not connected: set the marketplace endpoint, AK and SK in Settings first');
  return client;
}

/** The core channels; the seller actions' are in handlers-outbox.ts (services.ts spreads both into one table). */
export function createHandlers(deps: HandlerDeps): Omit<Handlers, OutboxChannel | ProofsChannel | UpdatesChannel | BillsChannel | DbChannel> {
  const { db, clock, settings, scheduler, events } = deps;
  return {
    'app:info': () => deps.info,

    'orders:list': (query) => listOrderLines(db, query, { now: clock.now(), waitingThresholdDays: settings.view().waitingThresholdDays }),

    'orders:get': ({ orderLineId }) => {
      const detail = getOrderLine(db, orderLineId);
      if (!detail) throw new AppError('not_found', `no order line ${orderLineId} in the local cache`);
      return detail;
    },

    'orders:import': async ({ orderId }) => {
      const client = requireClient(deps);
      try {
        const result = await importOrder(db, client, orderId, clock);
        events.emit('orders:changed', { count: deps.countLines() });
        return result;
      } catch (err) {
        throw toAppError(err);
      }
    },

    // Waits for the run (the CLI's `sync` and a test need the outcome); progress streams as sync:progress events.
    'sync:run': () => scheduler.runNow(),

    'sync:status': () => scheduler.status(),

    // Server text is stripped of control characters before it is shown (docs/architecture.md "Security").
    'sync:rejects': ({ limit }) =>
      listRejects(db, limit ?? 100).map((r) => ({
        id: r.id,
        feed: r.feed,
        itemId: r.itemId === null ? null : displayText(r.itemId, 120),
        reason: displayText(r.error),
        preview: displayText(JSON.stringify(r.item) ?? '', 160),
        firstAt: r.firstAt,
        lastAt: r.at,
        times: r.times,
      })),

    'settings:get': () => settings.view(),

    // Settings' "Test connection": one signed account request with what is saved; the outcome is the answer, in
    // words the window translates (docs/marketplace-api.md "Errors"), never a thrown error.
    'settings:test': async () => {
      let client: MarketplaceClient | null;
      try {
        client = deps.client();
      } catch (err) {
        return { ok: false, failure: credentialsFailure(err) };
      }
      if (!client) return { ok: false, failure: { kind: 'unconfigured', status: null, message: 'no marketplace endpoint, AK and SK are set' } };
      try {
        const account = await client.getAccount();
        return { ok: true, sellerName: displayText(account.sellerName, 120), sellerId: displayText(account.sellerId, 120) };
      } catch (err) {
        return { ok: false, failure: syncFailureOf(err) };
      }
    },

    'settings:set': (patch) => {
      const before = settings.view().syncIntervalMinutes;
      const { view, connectionChanged } = settings.apply(patch);
      if (connectionChanged) deps.reconnect();
      else if (view.syncIntervalMinutes !== before) scheduler.reschedule();
      return view;
    },
  };
}
