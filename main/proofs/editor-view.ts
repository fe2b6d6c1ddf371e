// What the proof editor and the draft lists show: a draft with its files' sizes and types, its
// template version, the version the order uses now (the P5 move target), the order, and the delivery queued from it.
import type { ProofDraft, ProofDraftListEntry, ProofEditorData } from '../../common/api/contract-proofs';
import type { Db, ReadDb } from '../db/connection';
import { getOrderLine } from '../orders/order-lines';
import { getTemplate } from './templates';
import { getAttachment } from '../files/store';
import { getOutboxItem } from '../outbox/repo';
import { currentTemplateVersion, requireOrder, requireTemplate } from './draft-context';
import type { Draft } from './draft-types';
import { listDrafts, orderLinesWithDrafts, requireDraft } from './drafts-repo';
import { basisOf } from './redelivery';

/** A draft as the renderer sees it: every attachment with its size and detected type from the store (P3). */
export function draftView(db: Db, d: Draft): ProofDraft {
  return {
    id: d.id,
    orderLineId: d.orderLineId,
    productId: d.productId,
    templateVersion: d.templateVersion,
    label: d.label,
    content: d.content,
    enablingTime: d.enablingTime,
    attachments: d.attachments.map((a) => {
      const stored = getAttachment(db, a.sha256);
      return { ...a, size: stored?.size ?? null, contentType: stored?.contentType ?? null };
    }),
    state: d.state,
    conflict: d.conflict,
    outboxId: d.outboxId,
    revision: d.revision,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    submittedAt: d.submittedAt,
  };
}

export function editorData(db: Db, draftId: string): ProofEditorData {
  const d = requireDraft(db, draftId);
  const order = requireOrder(db, d.orderLineId);
  const template = requireTemplate(db, d.productId, d.templateVersion);
  const current = currentTemplateVersion(db, order);
  const targetTemplate =
    current !== null && current !== d.templateVersion ? getTemplate(db, d.productId, current) : null;
  const item = d.outboxId ? getOutboxItem(db, d.outboxId) : null;
  return {
    draft: draftView(db, d),
    template: { templateVersion: template.templateVersion, items: template.items },
    target: targetTemplate ? { templateVersion: targetTemplate.templateVersion, items: targetTemplate.items } : null,
    currentTemplateVersion: current,
    order,
    outbox: item && item.discardedAt === null ? { state: item.state, lastError: item.lastError } : null,
    basis: basisOf(db, draftId),
  };
}

/** Order lines with at least one draft that is not deleted, most recently edited first. */
export function draftOrderLines(db: ReadDb): string[] {
  return orderLinesWithDrafts(db);
}

/** Every draft of every order (the Delivery proofs page), the last edited first. */
export function listAllDrafts(db: Db): ProofDraftListEntry[] {
  const out: ProofDraftListEntry[] = [];
  for (const orderLineId of draftOrderLines(db)) {
    const o = getOrderLine(db, orderLineId);
    const order = o
      ? {
          orderId: o.orderId,
          productName: o.productName,
          customerName: o.customerName,
          stage: o.stage,
          status: o.status,
        }
      : null;
    for (const s of listDrafts(db, orderLineId)) out.push({ ...s, order });
  }
  return out.sort((a, b) => b.lastEditAt - a.lastEditAt || a.id.localeCompare(b.id));
}
