// What the action dialogs hold while the user types, the checks they show before sending to main
// (the same bounds as the contract: 1–2000 characters, ≤ 20 files, S5's letter of commitment), and the channel
// inputs they become. Main checks everything again; these only make the form answer at once.
import { charCount, MAX_ATTACHMENTS, MAX_TEXT, type AttachmentInput } from '../../../../common/api/action-payloads';
import type { ApiError } from '../../../../common/api/result';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '../../../../common/marketplace/wire';

export interface DraftFile {
  sha256: string;
  fileName: string;
  /** null when only the SHA-256 is known (an item edited from the Sync Center). */
  size: number | null;
  contentType: string | null;
  category: AttachmentCategory;
}

export interface AppealDraft {
  reason: string;
  customerUnreachable: boolean;
  files: DraftFile[];
}

export interface ReviewDraft {
  decision: 'agree' | 'reject' | null;
  comments: string;
  files: DraftFile[];
}

export type TextProblem = 'required' | 'tooLong';
export type FilesProblem = 'tooMany' | 'letterRequired';

export const EMPTY_APPEAL: AppealDraft = { reason: '', customerUnreachable: false, files: [] };
export const EMPTY_REVIEW: ReviewDraft = { decision: null, comments: '', files: [] };

export function textProblem(text: string): TextProblem | null {
  if (text.trim().length === 0) return 'required';
  return charCount(text) > MAX_TEXT ? 'tooLong' : null;
}

export function filesProblem(files: readonly DraftFile[], needsLetter = false): FilesProblem | null {
  if (files.length > MAX_ATTACHMENTS) return 'tooMany';
  // S5: an unreachable customer needs a letter of commitment.
  if (needsLetter && !files.some((f) => f.category === 'commitment_letter')) return 'letterRequired';
  return null;
}

export function appealProblems(d: AppealDraft): { reason: TextProblem | null; files: FilesProblem | null } {
  return { reason: textProblem(d.reason), files: filesProblem(d.files, d.customerUnreachable) };
}

export function reviewProblems(d: ReviewDraft): {
  decision: boolean;
  comments: TextProblem | null;
  files: FilesProblem | null;
} {
  return { decision: d.decision === null, comments: textProblem(d.comments), files: filesProblem(d.files) };
}

const toAttachments = (files: readonly DraftFile[]): AttachmentInput[] =>
  files.map((f) => ({ sha256: f.sha256, category: f.category, fileName: f.fileName }));

export function appealPayload(d: AppealDraft) {
  return { reason: d.reason, customerUnreachable: d.customerUnreachable, attachments: toAttachments(d.files) };
}

export function reviewPayload(d: ReviewDraft & { decision: 'agree' | 'reject' }) {
  return { decision: d.decision, comments: d.comments, attachments: toAttachments(d.files) };
}

const obj = (x: unknown): Record<string, unknown> =>
  x !== null && typeof x === 'object' ? (x as Record<string, unknown>) : {};
const isCategory = (x: unknown): x is AttachmentCategory =>
  typeof x === 'string' && (ATTACHMENT_CATEGORIES as readonly string[]).includes(x);

/** The files of a queued item's payload (Sync Center: edit and re-queue starts from what the user entered). */
export function filesFromPayload(payload: unknown): DraftFile[] {
  const list = obj(payload).attachments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((a) => {
    const x = obj(a);
    if (typeof x.sha256 !== 'string' || !isCategory(x.category)) return [];
    return [
      {
        sha256: x.sha256,
        category: x.category,
        fileName: typeof x.fileName === 'string' ? x.fileName : `${x.sha256.slice(0, 12)}…`,
        size: null,
        contentType: null,
      },
    ];
  });
}

export function appealFromPayload(payload: unknown): AppealDraft {
  const p = obj(payload);
  return {
    reason: typeof p.reason === 'string' ? p.reason : '',
    customerUnreachable: p.customerUnreachable === true,
    files: filesFromPayload(payload),
  };
}

export function reviewFromPayload(payload: unknown): ReviewDraft {
  const p = obj(payload);
  return {
    decision: p.decision === 'agree' || p.decision === 'reject' ? p.decision : null,
    comments: typeof p.comments === 'string' ? p.comments : '',
    files: filesFromPayload(payload),
  };
}

export function reasonFromPayload(payload: unknown): string {
  const r = obj(payload).reason;
  return typeof r === 'string' ? r : '';
}

/** The first field a refused call names (`reason`, `attachments` …), for placing its message. */
export function fieldOf(error: ApiError): string | null {
  if (!Array.isArray(error.details)) return null;
  const first = error.details.at(0);
  return typeof first?.path === 'string' ? (first.path.split('.').filter((p) => p !== 'payload')[0] ?? null) : null;
}
