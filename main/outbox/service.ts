// The outbox at run time: the attachment store under the profile folder, one OutboxSender
// whose client follows the current connection, the push a sync run does before it pulls, a prompt send after each
// action, and coalesced `outbox:changed` / `orders:changed` events for the renderer. Built by services.ts.
import { AppError } from '../../common/api/result';
import type { OutboxCounts } from '../../common/api/contract-outbox';
import type { PushSummary } from '../../common/api/types';
import type { EventBus } from '../api/events';
import type { Db } from '../db/connection';
import { AttachmentStore } from '../files/store';
import type { Requester } from '../files/upload';
import type { Logger } from '../log';
import {
  countNeedsAttention,
  countUnsent,
  getOutboxItem,
  OutboxSender,
  retryNow,
  type OutboxChange,
  type OutboxPolicy,
} from './index';
import type { Clock, MarketplaceClient } from '../sync/client';

export interface OutboxServiceDeps {
  db: Db;
  clock: Clock;
  /** The profile folder: files live in <dir>/files/<sha256>. */
  dir: string;
  client: () => MarketplaceClient | null;
  events: EventBus;
  log: Logger;
  countLines: () => number;
  /** Send right after an action (app, browser host). The one-shot CLI only queues: `seller-desk sync` sends. */
  autoSend: boolean;
  policy?: Partial<OutboxPolicy>;
  random?: () => number;
}

export interface OutboxService {
  attachments: AttachmentStore;
  /** The push of a sync run (before its pull). `retryAll`: make every waiting item due now. null when not connected. */
  push(opts: { retryAll: boolean }): Promise<PushSummary | null>;
  /** An action was queued, re-queued or made due: send soon (when autoSend and connected). */
  kick(): void;
  /**
   * The outbox changed (on these order lines; null: not known which): tell the renderer (coalesced). Returns the new
   * revision, which the write's own answer carries so the window that wrote ignores the event of its own write.
   */
  changed(orderLineIds: readonly string[] | null): number;
  /** Counts every change the outbox made, from a start that grows across restarts (what `outbox:changed` carries). */
  revision(): number;
  counts(): OutboxCounts;
  close(): Promise<void>;
}

/** Events are coalesced: an upload reports progress per chunk, a burst acks hundreds of items. */
const EVENT_COALESCE_MS = 150;

export function createOutboxService(deps: OutboxServiceDeps): OutboxService {
  const { db, clock, events, log } = deps;
  const attachments = new AttachmentStore({ db, dataDir: deps.dir, clock });
  attachments.cleanupTemp().catch((err: unknown) => log.warn('attachment temp cleanup failed', err));

  let closed = false;
  const sleeping = new Set<ReturnType<typeof setTimeout>>();
  // Not unref'd: `seller-desk sync` must wait out a backoff rather than exit mid-pass. At close a sleeping pass is
  // abandoned (its timer cleared), so nothing is sent once the app is shutting down; its items stay in the outbox.
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closed) return;
      const timer = setTimeout(() => {
        sleeping.delete(timer);
        resolve();
      }, ms);
      sleeping.add(timer);
    });

  // Requests in flight: close() lets them finish (their answers are recorded) for a short while.
  let active = 0;
  let idle: Array<() => void> = [];
  const requester: Requester = {
    async request(method, path, opts) {
      const client = deps.client();
      // decide() keeps the item waiting (nothing was sent) until a connection is configured.
      if (!client)
        throw new AppError('not_configured', 'not connected: set the marketplace endpoint, AK and SK in Settings');
      active++;
      try {
        return await client.request(method, path, opts);
      } finally {
        if (--active === 0) for (const done of idle.splice(0)) done();
      }
    },
  };

  const counts = (): OutboxCounts => ({ unsent: countUnsent(db), needsAttention: countNeedsAttention(db) });
  let outboxTimer: ReturnType<typeof setTimeout> | null = null;
  let ordersTimer: ReturnType<typeof setTimeout> | null = null;
  // Starts from the start-up instant (×1000: room for 1000 changes a millisecond), so a restarted main never answers
  // with a revision a window already holds and would ignore as its own echo.
  let revision = clock.now() * 1000;
  // The lines changed since the last event; null once a change of unknown lines joined the burst.
  let burstLines: Set<string> | null = new Set();
  const changed = (orderLineIds: readonly string[] | null): number => {
    revision++;
    if (orderLineIds === null) burstLines = null;
    else if (burstLines) for (const id of orderLineIds) burstLines.add(id);
    if (outboxTimer || closed) return revision;
    outboxTimer = setTimeout(() => {
      outboxTimer = null;
      const lines = burstLines;
      burstLines = new Set();
      if (!closed) events.emit('outbox:changed', { ...counts(), revision, orderLineIds: lines ? [...lines] : null });
    }, EVENT_COALESCE_MS);
    return revision;
  };
  const ordersChanged = (): void => {
    if (ordersTimer || closed) return;
    ordersTimer = setTimeout(() => {
      ordersTimer = null;
      if (!closed) events.emit('orders:changed', { count: deps.countLines() });
    }, EVENT_COALESCE_MS);
  };
  const onChange = (change: OutboxChange): void => {
    const line =
      change.type === 'state' ? change.item.orderLineId : (getOutboxItem(db, change.id)?.orderLineId ?? null);
    changed(line === null ? null : [line]);
    // The marketplace answered with the order line (acked) or its current state (conflict): the cache changed.
    if (change.type === 'state' && (change.item.state === 'acked' || change.item.state === 'conflict')) ordersChanged();
  };

  const sender = new OutboxSender({
    db,
    client: requester,
    store: attachments,
    clock,
    sleep,
    random: deps.random ?? Math.random,
    policy: deps.policy,
    onChange,
  });

  let again = false;
  let loop: Promise<void> | null = null;
  const kick = (): void => {
    if (!deps.autoSend || closed || !deps.client()) return;
    again = true;
    if (loop) return;
    // An action queued while a pass runs may be on a line that pass did not pick: go round once more.
    loop = (async () => {
      while (again && !closed) {
        again = false;
        await sender.sendDue();
      }
    })()
      .catch((err: unknown) => {
        if (!closed) log.warn('sending the outbox failed', err);
      })
      .finally(() => {
        loop = null;
      });
  };

  return {
    attachments,
    changed,
    revision: () => revision,
    counts,
    kick,
    async push({ retryAll }) {
      if (closed || !deps.client()) return null;
      if (retryAll && retryNow(db, clock.now()) > 0) changed(null);
      try {
        const s = await sender.sendDue();
        return { sent: s.sent, acked: s.acked, rejected: s.rejected, conflict: s.conflict, waiting: s.waiting };
      } catch (err) {
        if (!closed) log.warn('pushing the outbox failed', err);
        return null;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of sleeping) clearTimeout(timer);
      sleeping.clear();
      if (outboxTimer) clearTimeout(outboxTimer);
      if (ordersTimer) clearTimeout(ordersTimer);
      // A request in flight finishes (its answer is recorded) unless it takes long; an unknown outcome is resent later.
      if (active > 0)
        await Promise.race([new Promise<void>((r) => idle.push(r)), new Promise((r) => setTimeout(r, 2_000).unref())]);
      idle = [];
    },
  };
}
