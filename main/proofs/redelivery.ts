// Re-delivery (S2, S5b): after the customer returns a delivery, a new draft starts from the last one — its content
// (P1), enabling time (P2) and files (P3) — and "Start from an earlier delivery of this product" does the same from
// another order's delivery. Files are reused by their SHA-256 from the content-addressed attachment store; a file
// the store lacks (delivered from another computer) is fetched from the marketplace once, checked against its
// SHA-256 and stored — never copied again. What the draft was filled from is kept in its log ('prefilled'), so the
// editor can mark what changed since.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ProofDeliveryBasis, ProofEarlierDelivery, ProofNotCarried } from '../../common/api/contract-proofs';
import type { OrderDetail } from '../../common/api/types';
import { AppError } from '../../common/api/result';
import {
  ATTACHMENT_CATEGORIES,
  type AttachmentCategory,
  type Stage,
  type WireTemplateItem,
} from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { MAX_FILES_PER_SUBMISSION, type AttachmentStore } from '../files/store';
import { getOrderLine } from '../orders/order-lines';
import { requireOrder, requireTemplate } from './draft-context';
import { draftValue } from './draft-schemas';
import type { Clock, Draft, DraftAttachment, DraftValue } from './draft-types';
import { saveDraft } from './drafts';
import { draftHistory, getDraftRow, logDraftEvent, requireDraft, rowToDraft } from './drafts-repo';

/** A delivery already made, from the marketplace's order line or from a local draft that was delivered. */
export interface PriorDelivery {
  orderLineId: string;
  orderId: string;
  productId: string;
  customerName: string;
  stage: Stage | null;
  deliveryId: string | null;
  deliveredAt: number | null;
  templateVersion: number;
  content: Record<string, unknown>;
  enablingTime: number | null;
  files: Array<{ sha256: string; category: AttachmentCategory; fileName: string; attachmentId: string | null }>;
}

export interface PrefillDeps {
  clock: Clock;
  store: AttachmentStore;
  /** The file's bytes from the marketplace (GET attachments/{id}); absent or throwing = offline. */
  fetchAttachment?: (attachmentId: string) => Promise<Uint8Array>;
}

/** At most this many deliveries are offered by the picker: the newest first. */
const EARLIER_LIMIT = 50;
/** Delivered lines of a product read from the cache per listing (each is a parsed raw line). */
const CACHE_SCAN_LIMIT = 200;
const DELIVERED_STAGES = ['awaiting_acceptance', 'delivery_returned', 'completed', 'closed'] as const;

const statements = perDb((db) => ({
  // The product-name index (0010) finds a product's lines, newest first, without a scan; the id check keeps
  // another product of the same name out.
  deliveredLines: db.prepare<[string, string, number], { order_line_id: string }>(
    `SELECT order_line_id FROM order_lines
      WHERE product_name = ? AND product_id = ? AND stage IN (${DELIVERED_STAGES.map((s) => `'${s}'`).join(', ')})
      ORDER BY id DESC LIMIT ?`,
  ),
  deliveredDrafts: db.prepare<[string], { order_line_id: string }>(
    `SELECT DISTINCT order_line_id FROM proof_drafts WHERE product_id = ? AND state = 'delivered' AND deleted_at IS NULL`,
  ),
  lastDelivered: db.prepare<[string], { id: string }>(
    `SELECT id FROM proof_drafts WHERE order_line_id = ? AND state = 'delivered' AND deleted_at IS NULL ORDER BY submitted_at DESC, id LIMIT 1`,
  ),
}));

/** The marketplace's delivery on an order line (it stays on the line after the customer returns it, S2). */
function fromOrderLine(order: OrderDetail): PriorDelivery | null {
  const delivery = order.line.supervision?.delivery;
  if (!delivery) return null;
  return {
    orderLineId: order.orderLineId,
    orderId: order.orderId,
    productId: order.productId,
    customerName: order.customerName,
    stage: order.stage,
    deliveryId: delivery.deliveryId,
    deliveredAt: Date.parse(delivery.submittedAt),
    templateVersion: delivery.templateVersion,
    content: delivery.content,
    enablingTime: delivery.enablingTime === null ? null : Date.parse(delivery.enablingTime),
    files: delivery.attachments.map((a) => ({
      sha256: a.sha256,
      category: a.category,
      fileName: a.fileName,
      attachmentId: a.attachmentId,
    })),
  };
}

/** A draft this computer delivered (acked by the marketplace): the fallback when the cache holds no delivery. */
function fromDraft(d: Draft, order: OrderDetail | null): PriorDelivery {
  return {
    orderLineId: d.orderLineId,
    orderId: order?.orderId ?? d.orderLineId,
    productId: d.productId,
    customerName: order?.customerName ?? '',
    stage: order?.stage ?? null,
    deliveryId: null,
    deliveredAt: d.submittedAt,
    templateVersion: d.templateVersion,
    content: d.content,
    enablingTime: d.enablingTime,
    files: d.attachments.map((a) => ({ ...a, attachmentId: null })),
  };
}

/**
 * The last delivery of an order line: the marketplace's (what the customer saw and returned), else a delivered local
 * draft.
 */
export function lastDeliveryOf(db: Db, orderLineId: string): PriorDelivery | null {
  const order = getOrderLine(db, orderLineId);
  const market = order ? fromOrderLine(order) : null;
  if (market) return market;
  const row = statements(db).lastDelivered.get(orderLineId);
  const draft = row ? getDraftRow(db, row.id) : null;
  return draft ? fromDraft(rowToDraft(draft), order) : null;
}

const filledItems = (p: PriorDelivery) =>
  Object.values(p.content).filter((v) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)).length;

/** "Start from an earlier delivery of this product": every delivery of the draft's product known here, newest first. */
export function earlierDeliveries(db: Db, draftId: string): ProofEarlierDelivery[] {
  const d = requireDraft(db, draftId);
  const own = requireOrder(db, d.orderLineId);
  const found = new Map<string, PriorDelivery>();
  for (const { order_line_id } of statements(db).deliveredLines.all(own.productName, d.productId, CACHE_SCAN_LIMIT)) {
    const order = getOrderLine(db, order_line_id);
    const p = order ? fromOrderLine(order) : null;
    if (p) found.set(p.orderLineId, p);
  }
  // Deliveries made from this computer whose line the cache lacks the delivery of (or lists under another name).
  for (const { order_line_id } of statements(db).deliveredDrafts.all(d.productId)) {
    if (found.has(order_line_id)) continue;
    const p = lastDeliveryOf(db, order_line_id);
    if (p && p.productId === d.productId) found.set(order_line_id, p);
  }
  return [...found.values()]
    .sort((a, b) => (b.deliveredAt ?? 0) - (a.deliveredAt ?? 0) || a.orderLineId.localeCompare(b.orderLineId))
    .slice(0, EARLIER_LIMIT)
    .map((p) => ({
      orderLineId: p.orderLineId,
      orderId: p.orderId,
      customerName: p.customerName,
      sameOrder: p.orderLineId === d.orderLineId,
      deliveredAt: p.deliveredAt,
      itemCount: filledItems(p),
      fileCount: p.files.length,
      stage: p.stage,
    }));
}

/** P1: a delivered value carried only into an item of the draft's template that takes that kind of value. */
function carriedValue(
  item: WireTemplateItem | undefined,
  value: unknown,
): { value: DraftValue } | { reason: ProofNotCarried['reason'] } {
  if (!item || item.kind === 'attachment') return { reason: 'not_in_template' };
  const parsed = draftValue.safeParse(value);
  if (!parsed.success) return { reason: 'invalid_value' };
  const v = parsed.data;
  const fits =
    item.kind === 'number'
      ? typeof v === 'number'
      : item.kind === 'checklist'
        ? Array.isArray(v)
        : typeof v === 'string';
  return fits ? { value: v } : { reason: 'invalid_value' };
}

/** The file in the attachment store by its SHA-256, fetched once from the marketplace when this computer lacks it. */
async function storedFile(file: PriorDelivery['files'][number], deps: PrefillDeps): Promise<boolean> {
  if (deps.store.get(file.sha256)) return true;
  if (!file.attachmentId || !deps.fetchAttachment) return false;
  try {
    const bytes = await deps.fetchAttachment(file.attachmentId);
    // The store is content-addressed: bytes that are not the delivered file must not land under its name.
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) return false;
    await deps.store.addBytes(bytes, file.fileName);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fills a draft from the last delivery of `fromOrderLineId` (the draft's own order after a return, or another order
 * of the same product), replacing its content, enabling time and files, and records what it was filled from.
 */
export async function prefillDraft(
  db: Db,
  draftId: string,
  fromOrderLineId: string,
  deps: PrefillDeps,
): Promise<{ draft: Draft; basis: ProofDeliveryBasis }> {
  const d0 = requireDraft(db, draftId);
  const source = lastDeliveryOf(db, fromOrderLineId);
  if (!source)
    throw new AppError('not_found', `order line ${fromOrderLineId} has no delivery known on this computer`, {
      reason: 'no_delivery',
    });
  if (source.productId !== d0.productId) {
    throw new AppError(
      'validation',
      `order line ${fromOrderLineId} is of another product (${source.productId}); only deliveries of ${d0.productId} can fill this draft`,
      { reason: 'other_product' },
    );
  }
  const notCarried: ProofNotCarried[] = [];
  // Files first (asynchronous: a fetch may be needed); the draft itself changes in one transaction below (P4).
  const files: DraftAttachment[] = [];
  for (const f of source.files.slice(0, MAX_FILES_PER_SUBMISSION)) {
    if (files.some((x) => x.sha256 === f.sha256 && x.category === f.category)) continue;
    if (await storedFile(f, deps)) files.push({ sha256: f.sha256, category: f.category, fileName: f.fileName });
    else notCarried.push({ what: 'file', name: f.fileName, reason: 'file_unavailable' });
  }

  return db.transaction(() => {
    const d = requireDraft(db, draftId);
    const order = requireOrder(db, d.orderLineId);
    const template = requireTemplate(db, d.productId, d.templateVersion);
    const items = new Map(template.items.map((i) => [i.key, i]));
    const content: Record<string, DraftValue> = {};
    for (const [key, value] of Object.entries(source.content)) {
      const c = carriedValue(items.get(key), value);
      if ('value' in c) content[key] = c.value;
      else notCarried.push({ what: 'item', name: key, reason: c.reason });
    }
    const now = deps.clock.now();
    let enablingTime = source.enablingTime;
    // V4: never earlier than this order's placement, never later than now.
    if (enablingTime !== null && enablingTime < order.placedAt)
      notCarried.push({ what: 'enablingTime', name: 'enablingTime', reason: 'before_placement' });
    else if (enablingTime !== null && enablingTime > now)
      notCarried.push({ what: 'enablingTime', name: 'enablingTime', reason: 'after_now' });
    if (notCarried.some((n) => n.what === 'enablingTime')) enablingTime = null;

    const cleared: Record<string, DraftValue | null> = Object.fromEntries(Object.keys(d.content).map((k) => [k, null]));
    const draft = saveDraft(
      db,
      draftId,
      { content: { ...cleared, ...content }, enablingTime, attachments: files },
      deps,
    );
    const basis: ProofDeliveryBasis = {
      orderLineId: source.orderLineId,
      orderId: source.orderId,
      sameOrder: source.orderLineId === d.orderLineId,
      deliveryId: source.deliveryId,
      deliveredAt: source.deliveredAt,
      templateVersion: source.templateVersion,
      content,
      enablingTime: source.enablingTime,
      attachments: source.files.map((f) => ({ sha256: f.sha256, category: f.category, fileName: f.fileName })),
      notCarried,
      filledAt: now,
    };
    logDraftEvent(db, draftId, now, 'prefilled', basis);
    return { draft, basis };
  })();
}

const storedBasis = z.object({
  orderLineId: z.string(),
  orderId: z.string(),
  sameOrder: z.boolean(),
  deliveryId: z.string().nullable(),
  deliveredAt: z.number().nullable(),
  templateVersion: z.number().int(),
  content: z.record(z.string(), draftValue),
  enablingTime: z.number().nullable(),
  attachments: z.array(z.object({ sha256: z.string(), category: z.enum(ATTACHMENT_CATEGORIES), fileName: z.string() })),
  notCarried: z.array(
    z.object({
      what: z.enum(['item', 'file', 'enablingTime']),
      name: z.string(),
      reason: z.enum(['not_in_template', 'invalid_value', 'file_unavailable', 'before_placement', 'after_now']),
    }),
  ),
  filledAt: z.number(),
});

/** What the draft was last filled from (its latest 'prefilled' log entry); null when it never was. */
export function basisOf(db: Db, draftId: string): ProofDeliveryBasis | null {
  const entries = draftHistory(db, draftId).filter((e) => e.event === 'prefilled');
  const last = entries[entries.length - 1];
  const parsed = last ? storedBasis.safeParse(last.detail) : null;
  return parsed?.success ? parsed.data : null;
}
