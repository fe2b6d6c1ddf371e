// Delivery-proof drafts (domain.md P1–P5): the shapes the service hands to handlers, the CLI and the renderer.
import type { ProofIssue, ProofIssueCode } from '../../common/domain/proof-rules';
import type { ValidityOutcomes } from '../../common/domain/validity';
import type { AttachmentCategory, OrderStatus, Stage } from '../../common/marketplace/wire';

export const DRAFT_STATES = ['editing', 'queued', 'delivered', 'conflict'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

/** P1: what a content value can be — text/longtext/date a string, number a number, checklist the ticked options. */
export type DraftValue = string | number | string[];

export interface DraftAttachment {
  /** A file in the attachment store (main/files/store.ts). */
  sha256: string;
  category: AttachmentCategory;
  /** The name shown and sent (the store keeps every name a content was added under). */
  fileName: string;
}

/** P5: one thing that changed on the marketplace while the draft was written. */
export interface DraftChange {
  field: 'stage' | 'status' | 'templateVersion' | 'appealOpen' | 'outbox';
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

export interface DraftConflict {
  /** `order_moved`: a pull stored a newer order; `marketplace_refused`: the queued delivery got a 409 or a refusal. */
  cause: 'order_moved' | 'marketplace_refused';
  changes: DraftChange[];
  /** One line for the user, naming every change. */
  message: string;
  /** The marketplace's code when it refused (MKT.2001 / 2002 / 2003, MKT.0100 …). */
  resultCode?: string;
  /** MKT.0100 field errors, shown beside the items. */
  fields?: Array<{ field: string; message: string }>;
  detectedAt: number;
}

export interface Draft {
  id: string;
  orderLineId: string;
  productId: string;
  /** P1: the template version the draft is filled against. */
  templateVersion: number;
  label: string | null;
  content: Record<string, DraftValue>;
  /** UTC ms; null = the validity starts at acceptance (V1). */
  enablingTime: number | null;
  attachments: DraftAttachment[];
  state: DraftState;
  conflict: DraftConflict | null;
  /** The order's stage / status the draft was started (or re-baselined) against (P5). */
  baseStage: Stage | null;
  baseStatus: OrderStatus;
  outboxId: string | null;
  /** Number of acknowledged saves. */
  revision: number;
  createdAt: number;
  /** The last edit (a save or a template move; state changes are in the log). */
  updatedAt: number;
  submittedAt: number | null;
  deletedAt: number | null;
}

/** One row of the order detail's draft list (issue 4 item 2: "with their last edit"). */
export interface DraftSummary {
  id: string;
  orderLineId: string;
  label: string | null;
  templateVersion: number;
  state: DraftState;
  revision: number;
  /** Non-attachment items with a value. */
  filledItems: number;
  attachmentCount: number;
  enablingTime: number | null;
  conflictMessage: string | null;
  createdAt: number;
  lastEditAt: number;
}

/** A save: only the fields given change. */
export interface DraftPatch {
  /** Merged per key; `null` removes a key. */
  content?: Record<string, DraftValue | null>;
  enablingTime?: number | null;
  /** Replaces the whole list. */
  attachments?: DraftAttachment[];
  label?: string | null;
  /** Refuse the save if the draft moved past this revision (two editors of one draft). */
  expectedRevision?: number;
}

export type DraftIssueCode = ProofIssueCode | 'unknown_key' | 'too_long' | 'missing_file';

/** A validation problem, keyed by template item (or `attachments` / `enablingTime`). */
export interface DraftIssue extends Omit<ProofIssue, 'code'> {
  code: DraftIssueCode;
}

export interface DraftValidation {
  ok: boolean;
  issues: DraftIssue[];
  /** V5: both outcomes (with / without the enabling time); null when the order has no period (one-time charge). */
  validity: ValidityOutcomes | null;
}

export interface Clock {
  now(): number;
}
