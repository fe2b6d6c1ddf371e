// The result envelope every handler returns (docs/architecture.md "The API contract"): errors never cross a process
// boundary as throws.

export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'offline',
  'forbidden',
  'unauthorized',
  'not_configured',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Every `details.reason` main answers with: a stable code the renderer translates (its sentence is English, as main
 * worded it). Declared once here, so a reason main invents without listing it fails to compile.
 */
export const ERROR_REASONS = [
  // The order and the action rules (S3, S5, S5a, S5c, S6; actions:available's dry run).
  'stage',
  'appeal_open',
  'no_pending_unsubscription',
  'not_supervised',
  'not_found',
  'commitment_letter_required',
  'proof_document_required',
  'enabling_time_in_future',
  'enabling_time_before_placement',
  // Delivery-proof drafts (P1–P5).
  'no_order',
  'no_template',
  'no_draft',
  'no_delivery',
  'no_attachment',
  'missing_attachment',
  'missing_file',
  'not_an_image',
  'submitted',
  'already_submitted',
  'stale_revision',
  'draft_conflict',
  'draft_of_other_line',
  'invalid_draft',
  'invalid_proof',
  'not_in_conflict',
  'template_outdated',
  'other_product',
  // A conflicting draft's delivery is still in the outbox in this state (it cannot be reopened).
  'outbox_queued',
  'outbox_sending',
  'outbox_acked',
  'outbox_rejected',
  'outbox_conflict',
  'outbox_unknown',
  // Files (P3) and uploads.
  'type_not_allowed',
  'too_large',
  'too_many_files',
  'unreadable',
  'corrupt_file',
  'checksum',
  'upload_restarts',
  'upload_stalled',
  // The local database.
  'stored_json',
  'db_recovery',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** One schema problem of a refused input (dispatch's `validation` answer lists them as `details`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** What an error carries besides its sentence: a listed reason, the id of an `internal` failure, and facts to show. */
export interface ErrorDetails {
  reason?: ErrorReason;
  /** `internal`: the id the log files the failure under, for the user to quote. */
  errorId?: string;
  [fact: string]: unknown;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails | FieldIssue[];
}

export const isErrorReason = (x: unknown): x is ErrorReason =>
  typeof x === 'string' && (ERROR_REASONS as readonly string[]).includes(x);

/** The error's listed reason, if it has one (checked: the details crossed a process boundary). */
export function reasonOf(error: Pick<ApiError, 'details'>): ErrorReason | null {
  const d = error.details;
  return d && !Array.isArray(d) && isErrorReason(d.reason) ? d.reason : null;
}

/**
 * Facts from outside (the marketplace's error body) as details: an object's fields are kept, except a `reason` that
 * is not one of ours; anything else is kept under `body`.
 */
export function externalDetails(body: unknown): ErrorDetails | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) return { body };
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== 'reason' || isErrorReason(v)));
}

/** The error's facts (not a list of field issues); {} when none. */
export function detailsOf(error: Pick<ApiError, 'details'>): ErrorDetails {
  const d = error.details;
  return d && !Array.isArray(d) ? d : {};
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: ErrorDetails | FieldIssue[]): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** A typed error a service throws inside main; the handler layer turns it into a `fail` result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails | FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
