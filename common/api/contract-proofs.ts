// Channels (delivery-proof drafts, validation, delivering, the statement of work) and events, declared
// once like contract.ts, which spreads them in. The draft shapes are declared here once: main's proofs service
// (main/proofs/draft-types.ts) builds on them, since common/ may not import main/ (docs/architecture.md).
import { z } from 'zod';
import { channel, result } from './channel';
import { isEmptyValue, type ProofIssue, type ProofIssueCode } from '../domain/proof-rules';
import type { ValidityOutcomes } from '../domain/validity';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory, type Stage, type WireTemplateItem } from '../marketplace/wire';
import type { OutboxErrorView, OutboxState } from './contract-outbox';
import type { OrderDetail } from './types';

export const PROOF_DRAFT_STATES = ['editing', 'queued', 'delivered', 'conflict'] as const;
export type ProofDraftState = (typeof PROOF_DRAFT_STATES)[number];

/** P1: what a content value can be — text/longtext/date a string, number a number, checklist the ticked options. */
export type ProofValue = string | number | string[];

/** A file of a draft, as main stores it. */
export interface ProofAttachmentRef {
  /** A file in the attachment store (main/files/store.ts). */
  sha256: string;
  category: AttachmentCategory;
  /** The name shown and sent (the store keeps every name a content was added under). */
  fileName: string;
}

/** A file of a draft as the renderer sees it. */
export interface ProofAttachmentView extends ProofAttachmentRef {
  /** From the attachment store; null when the file is missing from it. */
  size: number | null;
  /** Detected from the content (P3). */
  contentType: string | null;
}

/** P5: one thing that changed on the marketplace while the draft was written. */
export interface ProofChange {
  field: 'stage' | 'status' | 'templateVersion' | 'appealOpen' | 'outbox';
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

export interface ProofConflict {
  /** `order_moved`: a pull stored a newer order; `marketplace_refused`: the queued delivery got a 409 or a refusal. */
  cause: 'order_moved' | 'marketplace_refused';
  changes: ProofChange[];
  /** One line for the user, naming every change. */
  message: string;
  /** The marketplace's code when it refused (MKT.2001 / 2002 / 2003, MKT.0100 …). */
  resultCode?: string;
  /** MKT.0100 field errors, shown beside the items. */
  fields?: Array<{ field: string; message: string }>;
  detectedAt: number;
}

/** A draft's fields that main stores and the renderer sees alike (the two differ in their attachments). */
export interface ProofDraftFields {
  id: string;
  orderLineId: string;
  productId: string;
  /** P1: the template version the draft is filled against. */
  templateVersion: number;
  label: string | null;
  content: Record<string, ProofValue>;
  /** UTC ms; null = the validity starts at the customer's acceptance (V1). */
  enablingTime: number | null;
  state: ProofDraftState;
  conflict: ProofConflict | null;
  outboxId: string | null;
  /** Number of acknowledged saves. */
  revision: number;
  createdAt: number;
  /** The last edit (a save or a template move; state changes are in the log). */
  updatedAt: number;
  submittedAt: number | null;
}

export interface ProofDraft extends ProofDraftFields {
  attachments: ProofAttachmentView[];
}

/** One row of an order's draft list ("with their last edit"). */
export interface ProofDraftSummary {
  id: string;
  orderLineId: string;
  label: string | null;
  templateVersion: number;
  state: ProofDraftState;
  revision: number;
  /** Non-attachment items with a value. */
  filledItems: number;
  attachmentCount: number;
  enablingTime: number | null;
  conflictMessage: string | null;
  createdAt: number;
  lastEditAt: number;
}

/** The list row of a draft: main's draft lists and a window updating its lists from a save's answer word it alike. */
export function draftSummary(d: ProofDraftFields & { attachments: readonly unknown[] }): ProofDraftSummary {
  return {
    id: d.id,
    orderLineId: d.orderLineId,
    label: d.label,
    templateVersion: d.templateVersion,
    state: d.state,
    revision: d.revision,
    filledItems: Object.values(d.content).filter((v) => !isEmptyValue(v)).length,
    attachmentCount: d.attachments.length,
    enablingTime: d.enablingTime,
    conflictMessage: d.conflict?.message ?? null,
    createdAt: d.createdAt,
    lastEditAt: d.updatedAt,
  };
}

/** A draft of any order, with what the list shows of its order (null when the line left the cache). */
export interface ProofDraftListEntry extends ProofDraftSummary {
  order: Pick<OrderDetail, 'orderId' | 'productName' | 'customerName' | 'stage' | 'status'> | null;
}

/** proof-rules.ts ProofIssueCode, or main's own checks (the renderer translates it). */
export type ProofIssueViewCode = ProofIssueCode | 'unknown_key' | 'too_long' | 'missing_file';

/**
 * A validation problem, keyed by template item (or `attachments` / `enablingTime`); the message is English, as main
 * worded it.
 */
export interface ProofIssueView extends Omit<ProofIssue, 'code'> {
  code: ProofIssueViewCode;
}

export interface ProofValidation {
  ok: boolean;
  issues: ProofIssueView[];
  /** V5: both outcomes (with / without the enabling time); null when the order has no period (one-time charge). */
  validity: ValidityOutcomes | null;
}

/** Why part of an earlier delivery was not carried into a draft pre-filled from it. */
export type ProofNotCarriedReason =
  /** The draft's template version has no such item (P1). */
  | 'not_in_template'
  /** The value does not fit the item's kind (P1). */
  | 'invalid_value'
  /** The file is in neither this computer's attachment store nor could it be fetched from the marketplace. */
  | 'file_unavailable'
  /** V4: the enabling time is before this order's placement. */
  | 'before_placement'
  /** V4: the enabling time is after now. */
  | 'after_now';

export interface ProofNotCarried {
  what: 'item' | 'file' | 'enablingTime';
  /** The item's key, the file's name, or `enablingTime`. */
  name: string;
  reason: ProofNotCarriedReason;
}

/**
 * What a draft was pre-filled from: a delivery already made — this order's last one after the customer returned it
 * (S2, S5b), or another order's of the same product. Kept with the draft, so what changed since can be shown.
 */
export interface ProofDeliveryBasis {
  orderLineId: string;
  orderId: string;
  /** The draft's own order line: a re-delivery. */
  sameOrder: boolean;
  /** The marketplace's delivery id; null when it was read from a local draft only. */
  deliveryId: string | null;
  /** When it was delivered (UTC ms); null when unknown. */
  deliveredAt: number | null;
  templateVersion: number;
  /** The delivered values (P1), by item key. */
  content: Record<string, ProofValue>;
  enablingTime: number | null;
  /** The delivered files, by their SHA-256 (the attachment store is content-addressed). */
  attachments: ProofAttachmentRef[];
  notCarried: ProofNotCarried[];
  /** When the draft was filled from it (UTC ms). */
  filledAt: number;
}

/** One earlier delivery of a product, for "Start from an earlier delivery of this product". */
export interface ProofEarlierDelivery {
  orderLineId: string;
  orderId: string;
  customerName: string;
  sameOrder: boolean;
  deliveredAt: number | null;
  /** Items with a value and files delivered. */
  itemCount: number;
  fileCount: number;
  /** Where the order stands now (the customer may have accepted or returned it). */
  stage: Stage | null;
}

export interface ProofPrefillResult {
  draft: ProofDraft;
  basis: ProofDeliveryBasis;
}

export interface ProofTemplateView {
  templateVersion: number;
  items: WireTemplateItem[];
}

/** Everything the proof editor shows for one draft. */
export interface ProofEditorData {
  draft: ProofDraft;
  /** The template version the draft is filled against (P1). */
  template: ProofTemplateView;
  /** The version the order uses now when it differs from the draft's and is cached: the P5 move target. */
  target: ProofTemplateView | null;
  currentTemplateVersion: number | null;
  order: OrderDetail;
  /** The delivery queued from this draft, while it exists. */
  outbox: { state: OutboxState; lastError: OutboxErrorView | null } | null;
  /** The delivery the draft was last pre-filled from (absent from an older main, null when none). */
  basis?: ProofDeliveryBasis | null;
}

export interface ProofSubmitResult {
  draft: ProofDraft;
  outboxItemId: string;
  idempotencyKey: string;
}

export interface ProofTemplateMove {
  draft: ProofDraft;
  fromVersion: number;
  toVersion: number;
  carried: string[];
  dropped: Array<{ key: string; title: string | null; value: ProofValue }>;
  newRequired: Array<{ key: string; title: string; kind: WireTemplateItem['kind'] }>;
  needsReview: Array<{ key: string; title: string; message: string }>;
  conflictCleared: boolean;
}

export interface FilePreview {
  sha256: string;
  contentType: string;
  dataBase64: string;
}

/** A generated statement of work: the PDF itself, for the in-app preview. */
export interface SowDocument {
  fileName: string;
  documentId: string;
  generatedAt: number;
  bytes: number;
  dataBase64: string;
  /** The draft it was generated from; null = an empty draft view of the order (no draft yet). */
  draftId: string | null;
  revision: number | null;
}

/**
 * Where an export went. Electron asks for the place; the browser host writes under the data folder and also hands the
 * file over as a download.
 */
export interface ExportedFile {
  canceled: boolean;
  /** The file or folder written; null when canceled. */
  path: string | null;
  fileName: string;
  bytes: number;
  /** Browser host: the same bytes for a download (null when too large, or in Electron). */
  download: { fileName: string; contentType: string; dataBase64: string } | null;
}

/** A proof package written: which draft revision it packs and how many files besides manifest.json. */
export interface ProofPackageExport extends ExportedFile {
  draftId: string;
  revision: number;
  files: number;
}

export interface SowExportResult extends ExportedFile {
  files: Array<{ orderLineId: string; fileName: string; bytes: number; draftId: string | null }>;
  failed: Array<{ orderLineId: string; message: string }>;
}

/** What identifies one state of a draft: a window holding the same stamp has nothing to refetch. */
export interface ProofDraftStamp {
  id: string;
  orderLineId: string;
  revision: number;
  state: ProofDraftState;
  conflictMessage: string | null;
}

export interface ProofsEvents {
  /**
   * Drafts of these order lines changed (a save, a delivery acked, a conflict found by a pull). `drafts`: every draft
   * of those lines that is not deleted, as it is now, so a window that already shows them (its own save) does not
   * refetch.
   */
  'proofs:changed': { orderLineIds: string[]; drafts: ProofDraftStamp[] };
}

const orderLineId = z.string().trim().min(1, 'the order line id is required').max(100);
const draftId = z.string().trim().min(1, 'the draft id is required').max(100);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256');
const empty = z.object({}).strict();
/** P1 values; main checks them again against the template (validation) and its own size limits. */
const value = z.union([z.string().max(200_000), z.number().finite(), z.array(z.string().max(2_000)).max(500)]);

export const proofsInputs = {
  orderLine: z.object({ orderLineId }).strict(),
  draft: z.object({ draftId }).strict(),
  create: z.object({ orderLineId, label: z.string().trim().max(200).nullable().optional() }).strict(),
  save: z
    .object({
      draftId,
      patch: z
        .object({
          /** Merged per key; null removes a key. */
          content: z.record(z.string().min(1).max(200), value.nullable()).optional(),
          enablingTime: z.number().int().nonnegative().nullable().optional(),
          label: z.string().trim().max(200).nullable().optional(),
          expectedRevision: z.number().int().nonnegative().optional(),
        })
        .strict(),
    })
    .strict(),
  attach: z
    .object({ draftId, sha256, category: z.enum(ATTACHMENT_CATEGORIES), fileName: z.string().trim().min(1).max(255) })
    .strict(),
  detach: z.object({ draftId, sha256, category: z.enum(ATTACHMENT_CATEGORIES) }).strict(),
  remove: z.object({ draftId, reason: z.string().trim().max(500).optional() }).strict(),
  move: z.object({ draftId, templateVersion: z.number().int().nonnegative() }).strict(),
  /**
   * S2/S5b: fill the draft from the last delivery of this order line (the draft's own, or another order's of its
   * product).
   */
  prefill: z.object({ draftId, fromOrderLineId: orderLineId }).strict(),
  /** P3: an attached file's category changed after upload. */
  recategorize: z
    .object({ draftId, sha256, from: z.enum(ATTACHMENT_CATEGORIES), to: z.enum(ATTACHMENT_CATEGORIES) })
    .strict()
    .refine((i) => i.to !== 'commitment_letter', {
      message: 'a letter of commitment belongs to an appeal, not to a delivery proof',
      path: ['to'],
    }),
  preview: z.object({ sha256 }).strict(),
  exportPackage: z.object({ draftId, withSow: z.boolean().default(true) }).strict(),
  /** A draft's SOW; or an order's: its given draft, else its latest draft, else an empty draft view. */
  sowGenerate: z
    .object({ draftId: draftId.optional(), orderLineId: orderLineId.optional() })
    .strict()
    .refine((i) => i.draftId !== undefined || i.orderLineId !== undefined, {
      message: 'give a draft id or an order line id',
      path: ['draftId'],
    }),
  sowExport: z.object({ orderLineIds: z.array(orderLineId).min(1, 'select at least one order').max(500) }).strict(),
};

/** The channel table part of this file (`result` is a phantom type carrier, as in contract.ts). */
export const proofsContract = {
  'proofs:list': channel(proofsInputs.orderLine, result<ProofDraftSummary[]>()),
  'proofs:list-all': channel(empty, result<ProofDraftListEntry[]>()),
  'proofs:create': channel(proofsInputs.create, result<ProofDraft>()),
  'proofs:get': channel(proofsInputs.draft, result<ProofEditorData>()),
  'proofs:save': channel(proofsInputs.save, result<ProofDraft>()),
  'proofs:attach': channel(proofsInputs.attach, result<ProofDraft>()),
  'proofs:detach': channel(proofsInputs.detach, result<ProofDraft>()),
  'proofs:delete': channel(proofsInputs.remove, result<{ draftId: string }>()),
  'proofs:validate': channel(proofsInputs.draft, result<ProofValidation>()),
  'proofs:submit': channel(proofsInputs.draft, result<ProofSubmitResult>()),
  'proofs:move-template': channel(proofsInputs.move, result<ProofTemplateMove>()),
  'proofs:resolve-conflict': channel(proofsInputs.draft, result<ProofDraft>()),
  'proofs:earlier-deliveries': channel(proofsInputs.draft, result<ProofEarlierDelivery[]>()),
  'proofs:prefill': channel(proofsInputs.prefill, result<ProofPrefillResult>()),
  'proofs:recategorize': channel(proofsInputs.recategorize, result<ProofDraft>()),
  'proofs:file-preview': channel(proofsInputs.preview, result<FilePreview>()),
  'proofs:export-package': channel(proofsInputs.exportPackage, result<ProofPackageExport>()),
  'sow:generate': channel(proofsInputs.sowGenerate, result<SowDocument>()),
  'sow:attach': channel(proofsInputs.draft, result<ProofDraft>()),
  'sow:export': channel(proofsInputs.sowExport, result<SowExportResult>()),
} as const;

export type ProofsChannel = keyof typeof proofsContract;
