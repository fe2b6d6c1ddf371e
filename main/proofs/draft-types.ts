// Delivery-proof drafts (docs/rules.md P1–P5): the shapes the service hands to handlers, the CLI and the renderer.
// What the renderer sees too is declared once in common/api/contract-proofs.ts; main adds what only it keeps.
import type {
  ProofAttachmentRef,
  ProofChange,
  ProofConflict,
  ProofDraftFields,
  ProofDraftState,
  ProofDraftSummary,
  ProofIssueView,
  ProofIssueViewCode,
  ProofValidation,
  ProofValue,
} from '../../common/api/contract-proofs';
import type { OrderStatus, Stage } from '../../common/marketplace/wire';

export { PROOF_DRAFT_STATES as DRAFT_STATES } from '../../common/api/contract-proofs';
export type DraftState = ProofDraftState;
export type DraftValue = ProofValue;
export type DraftAttachment = ProofAttachmentRef;
export type DraftChange = ProofChange;
export type DraftConflict = ProofConflict;
/** One row of the order detail's draft list ("with their last edit"). */
export type DraftSummary = ProofDraftSummary;
export type DraftIssueCode = ProofIssueViewCode;
export type DraftIssue = ProofIssueView;
export type DraftValidation = ProofValidation;

/** A stored draft: what the renderer sees, with the files as stored, plus what P5 and deletion need. */
export interface Draft extends ProofDraftFields {
  attachments: DraftAttachment[];
  /** The order's stage / status the draft was started (or re-baselined) against (P5). */
  baseStage: Stage | null;
  baseStatus: OrderStatus;
  deletedAt: number | null;
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

export interface Clock {
  now(): number;
}
