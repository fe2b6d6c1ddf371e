// Channels (seller actions, attachments, the outbox) and events, declared once like contract.ts, which
// spreads them in. Action inputs reuse the outbox's own payload schemas (action-payloads.ts): the renderer, the
// CLI and the outbox judge an input by the same rules.
import { z } from 'zod';
import { channel, result } from './channel';
import type { Stage } from '../marketplace/wire';
import { payloadSchemas, type OutboxKind } from './action-payloads';
import type { ErrorReason } from './result';

export const OUTBOX_STATES = ['queued', 'sending', 'acked', 'rejected', 'conflict', 'unknown'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
/** Not yet definitively answered, so still to send (`unknown` is resent with the same key until definite): the order
 * shows "pending sync". */
export const UNSENT_STATES: readonly OutboxState[] = ['queued', 'sending', 'unknown'];
/** A definite refusal or a conflict: waits for the user to edit and re-queue, or discard. */
export const ATTENTION_STATES: readonly OutboxState[] = ['rejected', 'conflict'];

/** P3: 20 MiB a file, as base64 (4 characters per 3 bytes). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_BASE64 = 4 * Math.ceil(MAX_FILE_BYTES / 3);
/** The browser host accepts this much JSON for `attachments:add` only (every other channel: 1 MiB). */
export const ATTACHMENT_ADD_MAX_BODY = MAX_FILE_BASE64 + 64 * 1024;

export interface OutboxErrorView {
  at: number;
  /** Where it came from: the marketplace's answer, the network, or a local check before sending. */
  kind: 'http' | 'network' | 'timeout' | 'parse' | 'local';
  /** The marketplace's own message (resultMsg) for an http refusal. */
  message: string;
  status?: number;
  resultCode?: string;
  /** MKT.0100 field errors, shown beside the inputs. */
  fields?: Array<{ field: string; message: string }>;
}

/** One outbox item as the outbox stores it (main/outbox/repo.ts maps its rows to this). */
export interface OutboxItem {
  id: string;
  seq: number;
  orderLineId: string;
  kind: OutboxKind;
  /** What the user entered, kept whatever happens (edit and re-queue start from it). */
  payload: unknown;
  idempotencyKey: string;
  state: OutboxState;
  attempts: number;
  lastError: OutboxErrorView | null;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  ackedAt: number | null;
  discardedAt: number | null;
  discardReason: string | null;
}

/** One Sync Center row: the item plus what the list adds for display. */
export interface OutboxEntry extends OutboxItem {
  /** Bytes the marketplace holds of the item's files / their total (the upload progress bar); null without files. */
  upload: { sent: number; size: number; files: number } | null;
  /** From the local cache, for display; null when the line is not cached. */
  order: { orderId: string; productName: string } | null;
}

export interface OutboxCounts {
  /** queued + sending + unknown (the status bar's count). */
  unsent: number;
  /** rejected + conflict, not yet re-queued or discarded. */
  needsAttention: number;
}

export interface OutboxSummary extends OutboxCounts {
  /** Order lines with an unsent action ("pending sync" badges). */
  pendingOrderLineIds: string[];
  /** The outbox revision these counts are of (see OutboxChanged). */
  revision: number;
}

export const ACTION_IDS = ['accept', 'reject', 'appeal', 'review'] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/** Whether an action is allowed now (S3, S5, S5a, S5c, judged with the actions already queued applied). */
export interface ActionAvailability {
  allowed: boolean;
  /** Why not, as a stable code (result.ts ERROR_REASONS): 'stage' | 'appeal_open' | 'not_supervised' | 'not_found' … */
  reason: ErrorReason | null;
  /** The outbox's own (English) sentence; the UI prefers its translation of `reason`. */
  message: string | null;
  /** The stage the order is (or will be) in, when the reason is the stage. */
  stage: Stage | null;
}
export type OrderActions = Record<ActionId, ActionAvailability>;

/** One order line's side of the outbox: what the detail panel shows (its actions judged now, its items). */
export interface OrderOutbox {
  orderLineId: string;
  actions: OrderActions;
  /** Newest first, discarded ones left out. */
  items: OutboxEntry[];
}

/**
 * What one outbox write changed, returned by the write itself: the window that wrote shows it without a refetch,
 * and knows the `outbox:changed` event of its own write by `revision` (docs/architecture.md "The API contract").
 */
export interface OutboxUpdate {
  revision: number;
  summary: OutboxSummary;
  /** The order line written; null when the write was not about one line (retry now). */
  order: OrderOutbox | null;
}

/** A queued, re-queued or discarded item, with what the write changed. */
export interface OutboxWrite extends OutboxEntry {
  update: OutboxUpdate;
}

/** `outbox:changed`: the counts after a burst of changes, which revision that is, and which order lines moved. */
export interface OutboxChanged extends OutboxCounts {
  /** Main counts every outbox change; a window that already shows this revision ignores the event (its own echo). */
  revision: number;
  /** Order lines whose items changed in the burst; null when not known (every due item made due now). */
  orderLineIds: string[] | null;
}

export interface AttachmentInfo {
  sha256: string;
  fileName: string;
  size: number;
  /** Detected from the content (P3). */
  contentType: string;
}

export interface DownloadResult extends AttachmentInfo {
  /** Electron opened it with the system viewer; otherwise the browser host serves it at GET /api/files/<sha256>. */
  opened: boolean;
}

export const NOTIFICATION_KINDS = [
  'request_submitted',
  'delivery_returned',
  'appeal_resolved',
  'unsubscription_requested',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Something the customer or the marketplace did, seen by a pull. */
export interface AppNotification {
  kind: NotificationKind;
  orderLineId: string;
  orderId: string;
  productName: string;
  /** When it was noticed (UTC ms). */
  at: number;
}

export interface OutboxEvents {
  'outbox:changed': OutboxChanged;
  notification: AppNotification;
  /** A desktop notification was clicked (Electron): show that order. */
  'notification:open': { orderLineId: string };
}

const orderLineId = z.string().trim().min(1, 'the order line id is required').max(100);
const itemId = z.string().trim().min(1, 'the outbox item id is required').max(100);
const empty = z.object({}).strict();

export const outboxInputs = {
  orderLine: z.object({ orderLineId }).strict(),
  reject: z.object({ orderLineId, ...payloadSchemas['request.reject'].shape }).strict(),
  appeal: z.object({ orderLineId, ...payloadSchemas.appeal.shape }).strict(),
  review: z.object({ orderLineId, ...payloadSchemas['unsubscription.review'].shape }).strict(),
  addAttachment: z
    .object({
      fileName: z.string().trim().min(1, 'the file name is required').max(255),
      dataBase64: z
        .string()
        .max(MAX_FILE_BASE64, 'a file may be at most 20 MiB (P3)')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected the file content as base64'),
    })
    .strict(),
  download: z.object({ orderLineId, attachmentId: z.string().trim().min(1).max(200) }).strict(),
  list: z
    .object({
      states: z.array(z.enum(OUTBOX_STATES)).max(OUTBOX_STATES.length).optional(),
      includeDiscarded: z.boolean().default(false),
      orderLineId: orderLineId.optional(),
    })
    .strict(),
  /** `payload`: the edited input, checked against the item's kind by the outbox (a typed validation error). */
  requeue: z.object({ id: itemId, payload: z.unknown().optional() }).strict(),
  discard: z
    .object({
      id: itemId,
      reason: z.string().trim().min(1, 'say why the action is discarded (it is recorded)').max(500),
    })
    .strict(),
  retryNow: z.object({ ids: z.array(itemId).max(1000).optional() }).strict(),
};

/** The channel table part of this file (`result` is a phantom type carrier, as in contract.ts). */
export const outboxContract = {
  'actions:available': channel(outboxInputs.orderLine, result<OrderActions>()),
  'actions:accept-request': channel(outboxInputs.orderLine, result<OutboxWrite>()),
  'actions:reject-request': channel(outboxInputs.reject, result<OutboxWrite>()),
  'actions:appeal': channel(outboxInputs.appeal, result<OutboxWrite>()),
  'actions:review-unsubscription': channel(outboxInputs.review, result<OutboxWrite>()),
  'attachments:add': channel(outboxInputs.addAttachment, result<AttachmentInfo>()),
  'attachments:download': channel(outboxInputs.download, result<DownloadResult>()),
  'outbox:list': channel(outboxInputs.list, result<OutboxEntry[]>()),
  'outbox:summary': channel(empty, result<OutboxSummary>()),
  'outbox:requeue': channel(outboxInputs.requeue, result<OutboxWrite>()),
  'outbox:discard': channel(outboxInputs.discard, result<OutboxWrite>()),
  'outbox:retry-now': channel(outboxInputs.retryNow, result<{ due: number; update: OutboxUpdate }>()),
} as const;

export type OutboxChannel = keyof typeof outboxContract;
