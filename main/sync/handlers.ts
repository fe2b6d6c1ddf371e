// The sync channels and the one-order import: everything that asks the marketplace on the user's behalf
// (docs/architecture.md "Two transports, one handler table").
import { AppError } from '../../common/api/result';
import type { Db } from '../db/connection';
import type { Handlers } from '../api/dispatch';
import type { EventBus } from '../api/events';
import type { Clock, MarketplaceClient } from './client';
import { displayText } from './display-text';
import { importOrder } from './import';
import { toAppError } from './errors';
import type { SyncScheduler } from './scheduler';
import { listRejects } from './sync-state';

export type SyncHandlers = Pick<Handlers, 'sync:run' | 'sync:status' | 'sync:rejects' | 'orders:import'>;

export interface SyncHandlerDeps {
  db: Db;
  clock: Clock;
  scheduler: SyncScheduler;
  /** null until an endpoint, AK and SK are set. */
  client: () => MarketplaceClient | null;
  events: EventBus;
  countLines: () => number;
}

/** The client, or the typed `not_configured` error every marketplace call answers before an account is set. */
export function requireClient(client: MarketplaceClient | null): MarketplaceClient {
  if (!client)
    throw new AppError('not_configured', 'not connected: set the marketplace endpoint, AK and SK in Settings first');
  return client;
}

export function createSyncHandlers(deps: SyncHandlerDeps): SyncHandlers {
  const { db, clock, scheduler, events } = deps;
  return {
    'orders:import': async ({ orderId }) => {
      const client = requireClient(deps.client());
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
  };
}
