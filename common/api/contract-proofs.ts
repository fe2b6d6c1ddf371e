// Channels (delivery-proof drafts, validation, delivering, the statement of work) and events, declared
// once like contract.ts, which spreads them in. The draft shapes are declared here once: main's proofs service
// (main/proofs/draft-types.ts) builds on them, since common/ may not import main/ (docs/architecture.md).
import { z } from 'zod';
import { channel, result } from './channel';
import type { ProofIssue, ProofIssueCode } from '../domain/proof-rules';
import type { ValidityOutcomes } from '../domain/validity';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory, type WireTemplateItem } from '../marketplace/wire';
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

/** A draft of any order, with what the list shows of its order (null when the line left the cache). */
export interface ProofDraftListEntry extends ProofDraftSummary {
  order: Pick<OrderDetail, 'orderId' | 'productName' | 'customerName' | 'stage' | 'status'> | null;
}

/** proof-rules.ts ProofIssueCode, or main's own checks (the renderer translates it). */
export type ProofIssueViewCode = ProofIssueCode | 'unknown_key' | 'too_long' | 'missing_file';

/** A validation problem, keyed by template item (or `attachments` / `enablingTime`); the message is English, as main worded it. */
export interface ProofIssueView extends Omit<ProofIssue, 'code'> {
  code: ProofIssueViewCode;
}

export interface ProofValidation {
  ok: boolean;
  issues: ProofIssueView[];
  /** V5: both outcomes (with / without the enabling time); null when the order has no period (one-time charge). */
  validity: ValidityOutcomes | null;
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

/** Where an export went. Electron asks for the place; the browser host writes under the data folder and also hands the file over as a download. */
export interface ExportedFile {
  canceled: boolean;
  /** The file or folder written; null when canceled. */
  path: string | null;
  fileName: string;
  bytes: number;
  /** Browser host: the same bytes for a download (null when too large, or in Electron). */
  download: { fileName: string; contentType: string; dataBase64: string } | null;
}

export interface SowExportResult extends ExportedFile {
  files: Array<{ orderLineId: string; fileName: string; bytes: number; draftId: string | null }>;
  failed: Array<{ orderLineId: string; message: string }>;
}

export interface ProofsEvents {
  /** Drafts of these order lines changed (a save elsewhere, a delivery acked, a conflict found by a pull). */
  'proofs:changed': { orderLineIds: string[] };
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
  attach: z.object({ draftId, sha256, category: z.enum(ATTACHMENT_CATEGORIES), fileName: z.string().trim().min(1).max(255) }).strict(),
  detach: z.object({ draftId, sha256, category: z.enum(ATTACHMENT_CATEGORIES) }).strict(),
  remove: z.object({ draftId, reason: z.string().trim().max(500).optional() }).strict(),
  move: z.object({ draftId, templateVersion: z.number().int().nonnegative() }).strict(),
  preview: z.object({ sha256 }).strict(),
  exportPackage: z.object({ draftId, withSow: z.boolean().default(true) }).strict(),
  /** A draft's SOW; or an order's: its given draft, else its latest draft, else an empty draft view. */
  sowGenerate: z
    .object({ draftId: draftId.optional(), orderLineId: orderLineId.optional() })
    .strict()
    .refine((i) => i.draftId !== undefined || i.orderLineId !== undefined, { message: 'give a draft id or an order line id', path: ['draftId'] }),
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
  'proofs:file-preview': channel(proofsInputs.preview, result<FilePreview>()),
  'proofs:export-package': channel(proofsInputs.exportPackage, result<ExportedFile>()),
  'sow:generate': channel(proofsInputs.sowGenerate, result<SowDocument>()),
  'sow:attach': channel(proofsInputs.draft, result<ProofDraft>()),
  'sow:export': channel(proofsInputs.sowExport, result<SowExportResult>()),
} as const;

export type ProofsChannel = keyof typeof proofsContract;
