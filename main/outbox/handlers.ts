// Handlers (seller actions, attachments, the Sync Center), spread into the handler table by services.ts.
// Each action is checked locally and queued in one transaction by the outbox (main/outbox); failures are typed
// AppErrors (validation | conflict | not_found) with details.reason, never raw throws.
import { createHash } from 'node:crypto';
import { AppError, detailsOf, reasonOf } from '../../common/api/result';
import type {
  ActionAvailability,
  ActionId,
  OrderActions,
  OutboxChannel,
  OutboxEntry,
  OutboxSummary,
  OutboxUpdate,
  OutboxWrite,
} from '../../common/api/contract-outbox';
import { STAGES, type AttachmentRef, type Stage, type WireOrderLine } from '../../common/marketplace/wire';
import type { Db, ReadDb } from '../db/connection';
import { getOrderLine } from '../orders/order-lines';
import {
  checkAction,
  countNeedsAttention,
  countUnsent,
  discard,
  enqueueAction,
  listOutbox,
  pendingOrderLines,
  requeue,
  retryNow,
  type ActionPayload,
  type OutboxKind,
  type OutboxListItem,
} from './index';
import type { OutboxService } from './service';
import type { Clock, MarketplaceClient } from '../sync/client';
import type { Handlers } from '../api/dispatch';
import { toAppError } from '../sync/errors';
import { requireClient } from '../sync/handlers';

export type OutboxHandlers = Pick<Handlers, OutboxChannel>;

export interface OpenableFile {
  path: string;
  fileName: string;
  contentType: string;
}

export interface OutboxHandlerDeps {
  db: Db;
  clock: Clock;
  outbox: OutboxService;
  /** null until an endpoint, AK and SK are set. */
  client: () => MarketplaceClient | null;
  /** Electron: show a downloaded file in the system viewer. Absent in the browser host (it serves a download). */
  openFile?: (file: OpenableFile) => Promise<void>;
  /** Idempotency keys and item ids; default random UUIDs (injected by tests). */
  newKey?: () => string;
}

/** A dry run of each action on the order as it will be (S3, S5a, S5c): what the detail panel enables. */
const PROBES: Record<ActionId, ActionPayload> = {
  accept: { kind: 'request.accept', payload: {} },
  reject: { kind: 'request.reject', payload: { reason: 'probe' } },
  appeal: { kind: 'appeal', payload: { reason: 'probe', customerUnreachable: false, attachments: [] } },
  review: { kind: 'unsubscription.review', payload: { decision: 'reject', comments: 'probe', attachments: [] } },
};

const isStage = (x: unknown): x is Stage => typeof x === 'string' && (STAGES as readonly string[]).includes(x);

function availability(db: Db, orderLineId: string, probe: ActionPayload, now: number): ActionAvailability {
  try {
    checkAction(db, orderLineId, probe, now);
    return { allowed: true, reason: null, message: null, stage: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = detailsOf(err);
    // Without a reason code: not cached (not_found) or not supervised (S6, the only other refusal of the check).
    const reason = reasonOf(err) ?? (err.code === 'not_found' ? 'not_found' : 'not_supervised');
    return { allowed: false, reason, message: err.message, stage: isStage(details.stage) ? details.stage : null };
  }
}

function findAttachment(line: WireOrderLine, attachmentId: string): AttachmentRef | null {
  const sup = line.supervision;
  const refs: AttachmentRef[] = [...(sup?.request?.attachments ?? []), ...(sup?.delivery?.attachments ?? [])];
  return refs.find((a) => a.attachmentId === attachmentId) ?? null;
}

/** The channels that only read: the Sync Center's list and the counts (what a read-only command may serve). */
export type OutboxReadHandlers = Pick<OutboxHandlers, 'outbox:list' | 'outbox:summary'>;

interface OutboxReads {
  handlers: OutboxReadHandlers;
  toEntries(items: OutboxListItem[]): OutboxEntry[];
  summary(): OutboxSummary;
}

function outboxReads(db: ReadDb, revision: () => number): OutboxReads {
  const toEntries = (items: OutboxListItem[]): OutboxEntry[] => {
    const orders = new Map<string, OutboxEntry['order']>();
    return items.map((item) => {
      if (!orders.has(item.orderLineId)) {
        const d = getOrderLine(db, item.orderLineId);
        orders.set(item.orderLineId, d ? { orderId: d.orderId, productName: d.productName } : null);
      }
      return { ...item, order: orders.get(item.orderLineId) ?? null };
    });
  };
  const summary = (): OutboxSummary => ({
    unsent: countUnsent(db),
    needsAttention: countNeedsAttention(db),
    pendingOrderLineIds: [...pendingOrderLines(db)],
    revision: revision(),
  });
  return {
    toEntries,
    summary,
    handlers: {
      'outbox:list': ({ states, includeDiscarded, orderLineId }) => {
        const items = listOutbox(db, { includeDiscarded, orderLineId });
        return toEntries(states ? items.filter((i) => states.includes(i.state)) : items);
      },
      'outbox:summary': () => summary(),
    },
  };
}

/** `revision`: the outbox's change counter where its owner runs; a read-only command beside the owner has none. */
export function createOutboxReadHandlers(db: ReadDb, revision: () => number = () => 0): OutboxReadHandlers {
  return outboxReads(db, revision).handlers;
}

export function createOutboxHandlers(deps: OutboxHandlerDeps): OutboxHandlers {
  const { db, clock, outbox } = deps;
  const enqueueDeps = { clock, ...(deps.newKey ? { newKey: deps.newKey } : {}) };
  const reads = outboxReads(db, () => outbox.revision());
  const { toEntries, summary } = reads;
  const orderActions = (orderLineId: string): OrderActions => {
    const now = clock.now();
    return {
      accept: availability(db, orderLineId, PROBES.accept, now),
      reject: availability(db, orderLineId, PROBES.reject, now),
      appeal: availability(db, orderLineId, PROBES.appeal, now),
      review: availability(db, orderLineId, PROBES.review, now),
    };
  };
  /**
   * Tells the renderer about a write to one item and answers with the item and what the write changed (the counts,
   * the line's actions and items), read in the same synchronous step as the revision, so the answer is exactly
   * that revision. The send is kicked afterwards: the sender's own changes get later revisions.
   */
  const written = (id: string, orderLineId: string, kick: boolean): OutboxWrite => {
    const revision = outbox.changed([orderLineId]);
    const all = listOutbox(db, { includeDiscarded: true, orderLineId });
    const found = all.find((i) => i.id === id);
    if (!found) throw new AppError('internal', `outbox item ${id} vanished`);
    const [entry, ...items] = toEntries([found, ...all.filter((i) => i.discardedAt === null)]);
    const update: OutboxUpdate = {
      revision,
      summary: summary(),
      order: { orderLineId, actions: orderActions(orderLineId), items },
    };
    if (kick) outbox.kick();
    return { ...entry, update };
  };
  /** Queue (one local transaction), tell the renderer, and send soon. */
  const act = (orderLineId: string, kind: OutboxKind, payload: unknown): OutboxWrite => {
    const item = enqueueAction(db, { orderLineId, kind, payload }, enqueueDeps);
    return written(item.id, item.orderLineId, true);
  };

  return {
    'actions:available': ({ orderLineId }) => orderActions(orderLineId),

    'actions:accept-request': ({ orderLineId }) => act(orderLineId, 'request.accept', {}),
    'actions:reject-request': ({ orderLineId, ...payload }) => act(orderLineId, 'request.reject', payload),
    'actions:appeal': ({ orderLineId, ...payload }) => act(orderLineId, 'appeal', payload),
    'actions:review-unsubscription': ({ orderLineId, ...payload }) =>
      act(orderLineId, 'unsubscription.review', payload),

    'attachments:add': async ({ fileName, dataBase64 }) => {
      // The store sniffs the type from the content and enforces P3's 20 MiB with a specific error.
      const stored = await outbox.attachments.addBytes(Buffer.from(dataBase64, 'base64'), fileName);
      return { sha256: stored.sha256, fileName, size: stored.size, contentType: stored.contentType };
    },

    'attachments:download': async ({ orderLineId, attachmentId }) => {
      const detail = getOrderLine(db, orderLineId);
      if (!detail) throw new AppError('not_found', `no order line ${orderLineId} in the local cache`);
      const ref = findAttachment(detail.line, attachmentId);
      if (!ref) throw new AppError('not_found', `order line ${orderLineId} has no attachment ${attachmentId}`);
      let stored = outbox.attachments.get(ref.sha256);
      if (!stored) {
        const client = requireClient(deps.client());
        let bytes: Uint8Array;
        try {
          bytes = await client.getAttachment(attachmentId);
        } catch (err) {
          throw toAppError(err);
        }
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        if (sha256 !== ref.sha256)
          throw new AppError('internal', `the downloaded "${ref.fileName}" does not match its SHA-256; try again`, {
            reason: 'checksum',
          });
        stored = await outbox.attachments.addBytes(bytes, ref.fileName);
      }
      const info = {
        sha256: stored.sha256,
        fileName: ref.fileName,
        size: stored.size,
        contentType: stored.contentType,
      };
      if (!deps.openFile) return { ...info, opened: false };
      await deps.openFile({
        path: outbox.attachments.pathOf(stored.sha256),
        fileName: ref.fileName,
        contentType: stored.contentType,
      });
      return { ...info, opened: true };
    },

    ...reads.handlers,

    'outbox:requeue': ({ id, payload }) => {
      const item = requeue(db, id, payload, enqueueDeps);
      return written(item.id, item.orderLineId, true);
    },

    'outbox:discard': ({ id, reason }) => {
      const item = discard(db, id, reason, { clock });
      return written(item.id, item.orderLineId, false);
    },

    'outbox:retry-now': ({ ids }) => {
      const due = retryNow(db, clock.now(), ids);
      // Which lines were made due is not known here: the event says so (null), and this window reloads its list.
      const update: OutboxUpdate = { revision: outbox.changed(null), summary: summary(), order: null };
      outbox.kick();
      return { due, update };
    },
  };
}
