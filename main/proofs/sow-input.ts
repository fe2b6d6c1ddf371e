// The statement of work's input from the order, the template version the draft was filled
// against, the draft and the validity that will apply (V1–V2), for "Generate SOW", "Attach as SOW" and the CLI.
import type { OrderDetail } from '../../common/api/types';
import { wireContent } from '../../common/domain/proof-rules';
import type { Db } from '../db/connection';
import type { StoredTemplate } from './templates';
import { getAttachment, type AttachmentStore } from '../files/store';
import type { SowAttachment, SowInput } from '../sow/sow-types';
import { requireOrder, requireTemplate, validityFor } from './draft-context';
import type { Clock, Draft } from './draft-types';
import { saveDraft } from './drafts';
import { requireDraft } from './drafts-repo';

export interface SowInputOptions {
  /** The generation time printed on the document (an input: same input → same bytes). */
  now: number;
  sellerName: string;
  /** Default: `SOW-<draft id prefix>-r<revision>`, so each saved state of a draft has its own id. */
  documentId?: string;
}

export function buildSowInput(db: Db, draftId: string, opts: SowInputOptions): SowInput {
  const d = requireDraft(db, draftId);
  const order = requireOrder(db, d.orderLineId);
  const template = requireTemplate(db, d.productId, d.templateVersion);
  return assembleSowInput(
    order,
    template,
    // Only what would be delivered: template keys, no empty values (P1).
    { content: wireContent(template, d.content), enablingTime: d.enablingTime },
    // A SOW does not index itself (nor an earlier SOW it replaces).
    d.attachments
      .filter((a) => a.category !== 'sow')
      .map((a) => ({
        fileName: a.fileName,
        category: a.category,
        size: getAttachment(db, a.sha256)?.size ?? 0,
        sha256: a.sha256,
      })),
    { ...opts, documentId: opts.documentId ?? defaultSowDocumentId(d) },
  );
}

/**
 * What every SOW is made of, with or without a draft (sow-for-order.ts): the order, the template version, the
 * draft's part and the validity that will apply to it (V1–V2).
 */
export function assembleSowInput(
  order: OrderDetail,
  template: StoredTemplate,
  draft: SowInput['draft'],
  attachments: readonly SowAttachment[],
  opts: SowInputOptions & { documentId: string },
): SowInput {
  return {
    documentId: opts.documentId,
    generatedAt: opts.now,
    order: {
      orderId: order.orderId,
      orderLineId: order.orderLineId,
      productName: order.productName,
      amountMinor: order.amountMinor,
      currency: order.currency,
      placedAt: order.placedAt,
      customerName: order.customerName,
      sellerName: opts.sellerName,
    },
    template: { templateVersion: template.templateVersion, items: template.items },
    draft,
    attachments,
    // V1: without an enabling time the period starts at the customer's acceptance.
    validity: validityFor(order, draft.enablingTime),
  };
}

export function defaultSowDocumentId(d: Draft): string {
  return `SOW-${d.id
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 12)
    .toUpperCase()}-r${d.revision}`;
}

/** The file name a generated SOW is stored and attached under. */
export function sowFileName(orderId: string): string {
  return `SOW-${orderId.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
}

/**
 * "Attach as SOW": stores the generated PDF and attaches it as the draft's `sow` in one save,
 * replacing a SOW attached earlier under the same name (a regenerated SOW supersedes the previous one).
 */
export async function attachSow(
  db: Db,
  draftId: string,
  pdf: Uint8Array,
  deps: { store: AttachmentStore; clock: Clock },
): Promise<Draft> {
  const order = requireOrder(db, requireDraft(db, draftId).orderLineId);
  const fileName = sowFileName(order.orderId);
  const stored = await deps.store.addBytes(pdf, fileName);
  return db.transaction(() => {
    const current = requireDraft(db, draftId);
    const others = current.attachments.filter(
      (a) => !(a.category === 'sow' && (a.fileName === fileName || a.sha256 === stored.sha256)),
    );
    return saveDraft(
      db,
      draftId,
      { attachments: [...others, { sha256: stored.sha256, category: 'sow', fileName }] },
      deps,
    );
  })();
}
