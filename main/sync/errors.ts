// The one error type the marketplace client throws (docs/marketplace-api.md "Errors").
// retry.ts classifies it; the outbox reads outcomeUnknown to decide whether to resend with the same key.
import { displayText } from './display-text';
import { AppError, externalDetails } from '../../common/api/result';

export type MarketplaceErrorKind = 'http' | 'network' | 'timeout' | 'parse';

export interface MarketplaceErrorInit {
  kind: MarketplaceErrorKind;
  message: string;
  status?: number;
  resultCode?: string;
  body?: unknown;
  retryAfterMs?: number;
  /** When the marketplace asked to be left alone until (local clock, ms): a Retry-After longer than the run waits. */
  retryAt?: number;
  /** A 3xx answer's Location (shown, never followed). */
  location?: string;
  outcomeUnknown?: boolean;
  cause?: unknown;
}

export class MarketplaceError extends Error {
  readonly kind: MarketplaceErrorKind;
  readonly status?: number;
  readonly resultCode?: string;
  readonly body?: unknown;
  readonly retryAfterMs?: number;
  readonly retryAt?: number;
  readonly location?: string;
  /** true when a write may have been applied (reset/timeout/5xx after send): resend with the same idempotency key. */
  readonly outcomeUnknown: boolean;

  constructor(init: MarketplaceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'MarketplaceError';
    this.kind = init.kind;
    this.status = init.status;
    this.resultCode = init.resultCode;
    this.body = init.body;
    this.retryAfterMs = init.retryAfterMs;
    this.retryAt = init.retryAt;
    this.location = init.location;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}

/** Socket errors that mean the request never left this machine, so no write can have been applied. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The low-level error code behind a failed fetch (undici nests it in `cause`, sometimes twice). */
export function networkErrorCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) cur = errors[0];
    else cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export function neverSent(err: unknown): boolean {
  const code = networkErrorCode(err);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/**
 * A short, user-presentable reason (no secrets: bodies are marketplace answers, never our request), as one readable
 * line without control characters (docs/architecture.md "Security": server text is stripped before it is shown).
 */
export function describeError(err: unknown): string {
  if (err instanceof MarketplaceError) {
    if (err.kind === 'http') {
      // "403 MKT.0150 not your order"; a message that already says "HTTP 500 …" is not prefixed again.
      const prefix = err.message.startsWith('HTTP ') ? [err.resultCode] : [err.status, err.resultCode];
      return displayText([...prefix, err.message].filter((p) => p !== undefined && p !== '').join(' '));
    }
    return displayText(err.message);
  }
  return displayText(err instanceof Error ? err.message : String(err));
}

/** A marketplace failure as the typed error the renderer shows (docs/marketplace-api.md "Errors"). */
export function toAppError(err: unknown): unknown {
  if (!(err instanceof MarketplaceError)) return err;
  const reason = describeError(err);
  if (err.kind === 'network' || err.kind === 'timeout')
    return new AppError('offline', `the marketplace cannot be reached: ${reason}`);
  switch (err.status) {
    case 400:
      return new AppError('validation', reason, externalDetails(err.body));
    case 401:
      return new AppError(
        'unauthorized',
        `the marketplace refused the credentials (check AK/SK and the clock): ${reason}`,
      );
    case 403:
      return new AppError('forbidden', reason);
    case 404:
      return new AppError('not_found', reason);
    case 409:
      return new AppError('conflict', reason, externalDetails(err.body));
    default:
      return new AppError('internal', reason);
  }
}
