// The delivery-proof drafts service (docs/rules.md P1–P5, V1–V5, S3, S5a): what handlers and the CLI call.
export type {
  Clock,
  Draft,
  DraftAttachment,
  DraftChange,
  DraftConflict,
  DraftIssue,
  DraftIssueCode,
  DraftPatch,
  DraftState,
  DraftSummary,
  DraftValidation,
  DraftValue,
} from './draft-types';
export { DRAFT_STATES } from './draft-types';
export { attachFile, createDraft, deleteDraft, detachFile, saveDraft, type DraftDeps } from './drafts';
export { draftHistory, getDraft, listDrafts, type DraftLogEntry } from './drafts-repo';
export { requireProducible, requireValidEnablingTime, validateDraft, type DraftOutput } from './validate-draft';
export { submitDraft, type SubmitDeps, type SubmitResult } from './submit-draft';
export { reconcileAllDrafts, reconcileDrafts, resolveConflict, type DraftTransition } from './reconcile';
export { moveDraftToTemplate, type TemplateMoveResult } from './template-move';
export { attachSow, buildSowInput, defaultSowDocumentId, sowFileName, type SowInputOptions } from './sow-input';
export {
  exportProofPackage,
  type PackageFile,
  type ProofManifest,
  type ProofPackageOptions,
  type ProofPackageResult,
} from './proof-package';
export {
  draftFromPrepared,
  draftFromProofJson,
  prepareProofJson,
  proofJson,
  type PreparedProof,
  type ProofJson,
  type ProofJsonDeps,
} from './from-proof-json';
export { submitProofJson } from './submit-proof-json';
