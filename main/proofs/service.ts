// Delivery proofs at run time: the proofs handlers, plus what keeps drafts true to the marketplace —
// after every pull (and a one-order import) and whenever the outbox moved (a delivery acked, refused or in conflict)
// the drafts are
// reconciled (P5: kept, marked in conflict with what changed; acked → delivered), and the seller's name for the
// statement of work is read from the account (GET account) and kept for offline use. Built by services.ts.
import path from 'node:path';
import type { EventBus } from '../api/events';
import { createProofsHandlers, type ExportDialogs, type ProofsHandlers } from './handlers';
import type { Db } from '../db/connection';
import { getSetting, setSetting } from '../sync/sync-state';
import type { Logger } from '../log';
import type { OutboxService } from '../outbox/service';
import { reconcileAllDrafts, reconcileDrafts, type DraftTransition } from './index';
import { draftOrderLineId, listDrafts } from './drafts-repo';
import type { Clock, MarketplaceClient } from '../sync/client';

export const SELLER_NAME_SETTING = 'account.sellerName';
/** How long generating a SOW waits for the account when the name is not known yet (then it prints none). */
const ACCOUNT_WAIT_MS = 3_000;

export interface ProofsServiceDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  outbox: OutboxService;
  client: () => MarketplaceClient | null;
  log: Logger;
  /** The profile folder: browser-host exports go to `<dir>/exports`. */
  dir: string;
  dialogs?: ExportDialogs;
  newKey?: () => string;
}

export interface ProofsService {
  handlers: ProofsHandlers;
  /** The seller's name for the statement of work: the cached account name, else GET account (briefly), else ''. */
  sellerName(): Promise<string>;
  /** Call when a sync run finished its pull. */
  afterPull(): void;
  /** Call when these order lines were stored outside a sync run (a one-order import). */
  afterImport(orderLineIds: readonly string[]): void;
  close(): void;
}

export function createProofsService(deps: ProofsServiceDeps): ProofsService {
  const { db, clock, events, log } = deps;
  let closed = false;

  // The event carries each changed line's drafts as they are now: a window showing exactly these (the one that
  // saved) has nothing to refetch.
  const changed = (orderLineIds: string[]): void => {
    if (closed || orderLineIds.length === 0) return;
    const lines = [...new Set(orderLineIds)];
    const drafts = lines.flatMap((line) =>
      listDrafts(db, line).map((d) => ({
        id: d.id,
        orderLineId: d.orderLineId,
        revision: d.revision,
        state: d.state,
        conflictMessage: d.conflictMessage,
      })),
    );
    events.emit('proofs:changed', { orderLineIds: lines, drafts });
  };
  const announce = (moved: DraftTransition[]): void => {
    if (moved.length === 0) return;
    const lines = new Set<string>();
    for (const t of moved) {
      const line = draftOrderLineId(db, t.draftId);
      if (line) lines.add(line);
    }
    changed([...lines]);
  };
  const reconcile = (why: string): void => {
    if (closed) return;
    try {
      announce(reconcileAllDrafts(db, { clock }));
    } catch (err) {
      log.warn(`reconciling drafts after ${why} failed`, err);
    }
  };

  let accountRun: Promise<string | null> | null = null;
  const cachedName = (): string | null => {
    const v = getSetting<unknown>(db, SELLER_NAME_SETTING);
    return typeof v === 'string' && v.trim() ? v : null;
  };
  const refreshAccount = (): Promise<string | null> => {
    const client = deps.client();
    if (closed) return Promise.resolve(null);
    if (!client) return Promise.resolve(cachedName());
    accountRun ??= client
      .getAccount()
      .then((a) => {
        if (!closed && a.sellerName !== cachedName()) setSetting(db, SELLER_NAME_SETTING, a.sellerName);
        return a.sellerName;
      })
      .catch((err: unknown) => {
        if (closed) return null;
        log.debug('reading the account failed', err);
        return cachedName();
      })
      .finally(() => {
        accountRun = null;
      });
    return accountRun;
  };
  const sellerName = async (): Promise<string> => {
    const known = cachedName();
    if (known) return known;
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ACCOUNT_WAIT_MS).unref());
    return (await Promise.race([refreshAccount(), timeout])) ?? '';
  };

  // The outbox answered (acked → delivered, 409 → conflict) or the user discarded a queued delivery: events are
  // coalesced by the outbox service, so this runs once per burst.
  const offOutbox = events.on('outbox:changed', () => reconcile('an outbox change'));
  // Whatever happened while the app was closed (an ack recorded just before a crash).
  reconcile('start-up');

  const handlers = createProofsHandlers({
    db,
    clock,
    store: deps.outbox.attachments,
    exportsDir: path.join(deps.dir, 'exports'),
    dialogs: deps.dialogs,
    sellerName,
    changed,
    outboxChanged: (orderLineId, kick) => {
      deps.outbox.changed([orderLineId]);
      if (kick) deps.outbox.kick();
    },
    newKey: deps.newKey,
    client: deps.client,
  });

  return {
    handlers,
    sellerName,
    afterPull() {
      reconcile('a pull');
      void refreshAccount();
    },
    afterImport(orderLineIds) {
      if (closed) return;
      try {
        announce(orderLineIds.flatMap((id) => reconcileDrafts(db, id, { clock })));
      } catch (err) {
        log.warn('reconciling drafts after an import failed', err);
      }
    },
    close() {
      closed = true;
      offOutbox();
    },
  };
}
