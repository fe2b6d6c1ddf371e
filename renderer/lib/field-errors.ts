// Validation problems keyed by form field, to show beside the inputs: from a local safeParse with the
// contract's schemas (zod issues, which carry a code the UI translates) or from a Result error's
// `details` (`{ path, message }[]`, see main/api/dispatch.ts), shown as main worded them.

export interface FieldIssue {
  message: string;
  /** zod issue code, when the issue came from a local parse: lets the UI say it in the user's language. */
  code?: string;
  origin?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}

export type FieldErrors = Record<string, FieldIssue>;

interface IssueLike {
  path: unknown;
  message: unknown;
  code?: unknown;
  origin?: unknown;
  format?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

function isIssue(x: unknown): x is IssueLike {
  return typeof x === 'object' && x !== null && 'path' in x && 'message' in x;
}

const num = (x: unknown): number | undefined =>
  typeof x === 'number' || typeof x === 'bigint' ? Number(x) : undefined;
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

export function toFieldErrors(issues: readonly unknown[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    if (!isIssue(issue) || typeof issue.message !== 'string') continue;
    const path = Array.isArray(issue.path) ? issue.path.map(String).join('.') : String(issue.path ?? '');
    const field = path.split('.')[0] || '_';
    out[field] ??= {
      message: issue.message,
      code: str(issue.code),
      origin: str(issue.origin),
      format: str(issue.format),
      minimum: num(issue.minimum),
      maximum: num(issue.maximum),
    };
  }
  return out;
}

/** Issues in a Result error's details (a refused `validation` call); {} for any other error. */
export function fieldErrors(error: { details?: unknown } | null | undefined): FieldErrors {
  return error && Array.isArray(error.details) ? toFieldErrors(error.details) : {};
}
