// The one error shape of docs/marketplace-api.md ("Errors") and the helpers every route answers with.
import { RESULT } from '../common/marketplace/wire';

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value (serialised), a pre-serialised JSON string, bytes, or null (no body: 304). */
  body: unknown;
  /** `body` is already JSON text — the feed concatenates stored JSON instead of re-serialising it. */
  rawJson?: boolean;
  /** Body bytes written in pieces (used instead of `body`): a feed page is sent without copying it into one buffer. */
  parts?: Buffer[];
}

/** A refusal a route throws; the server turns it into the error body with resultCode/resultMsg. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SimError';
  }
}

export function ok(body: Record<string, unknown> = {}, headers?: Record<string, string>): SimResponse {
  return { status: 200, headers, body: { resultCode: RESULT.ok, resultMsg: 'success', ...body } };
}

export function errorResponse(err: SimError): SimResponse {
  return {
    status: err.status,
    headers: err.headers,
    body: { resultCode: err.code, resultMsg: err.message, ...err.extra },
  };
}

/** The error table's code for an HTTP status, used by status faults (e.g. 503 → MKT.0999, 429 → MKT.0250). */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return RESULT.validation;
    case 401:
      return RESULT.auth;
    case 403:
      return RESULT.forbidden;
    case 404:
      return RESULT.notFound;
    case 409:
      return RESULT.stageConflict;
    case 410:
      return RESULT.cursorExpired;
    case 412:
      return PRECONDITION_FAILED;
    case 413:
      return RESULT.tooLarge;
    case 415:
      return RESULT.badType;
    case 422:
      return RESULT.idempotencyMismatch;
    case 429:
      return RESULT.rateLimited;
    default:
      return status >= 500 ? RESULT.internal : RESULT.badParam;
  }
}

/** 412 on If-Match has no code in the page's table; the simulator uses this one. */
export const PRECONDITION_FAILED = 'MKT.2412';

/** A status fault's body and headers, as the error table describes that status. */
export function faultResponse(status: number, retryAfterSeconds = 1): SimResponse {
  const code = codeForStatus(status);
  const headers: Record<string, string> = {};
  const body: Record<string, unknown> = { resultCode: code, resultMsg: `injected fault: HTTP ${status}` };
  if (status === 429) headers['Retry-After'] = String(retryAfterSeconds);
  if (status === 400) body.errors = [{ field: 'fault', message: 'injected fault' }];
  return { status, headers, body };
}

export const badParam = (message: string): SimError => new SimError(400, RESULT.badParam, message);
export const notFound = (message: string): SimError => new SimError(404, RESULT.notFound, message);
export const validation = (errors: Array<{ field: string; message: string }>): SimError =>
  new SimError(
    400,
    RESULT.validation,
    errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'validation failed',
    { errors },
  );
