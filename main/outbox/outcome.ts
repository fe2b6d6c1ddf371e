// What a failed send means for an outbox item — docs/marketplace-api.md "Errors", row by row.
import { z } from 'zod';
import { AppError } from '../../common/api/result';
import { RESULT } from '../../common/marketplace/wire';
import { MarketplaceError } from '../sync/errors';
import { backoffDelay, MAX_WAIT_MS, type RetryPolicy } from '../sync/retry';
import { displayText } from '../sync/display-text';
import type { OutboxError } from './repo';

export type Decision =
  /** A definite refusal: shown with the marketplace's reason, never retried. */
  | { to: 'rejected'; error: OutboxError }
  /** 409 MKT.2001/2002/2003: the order moved on; `orderLine` (the body's current state) is stored. */
  | { to: 'conflict'; error: OutboxError; orderLine: unknown }
  /**
   * No definite answer: try again after `delayMs`. `to` is `unknown` when the write may have been applied (resend
   * with the same key), `queued` when it certainly was not. `stopPass`: every other item would fail the same way
   * (offline, no credentials), so the pass ends.
   */
  | { to: 'unknown' | 'queued'; error: OutboxError; delayMs: number; stopPass: boolean };

export interface DecideContext {
  /** The item's outcome was already unknown before this attempt (an earlier send may have been applied). */
  wasUnknown: boolean;
  /** This attempt reached the action POST (not just the uploads before it). */
  posted: boolean;
  /** Tries so far, this one included (the backoff exponent). */
  attempts: number;
  policy: RetryPolicy;
  random: () => number;
  now: number;
}

const CONFLICT_CODES: ReadonlySet<string> = new Set([RESULT.stageConflict, RESULT.appealOpen, RESULT.templateOutdated]);
const fieldErrors = z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) });

export function decide(err: unknown, ctx: DecideContext): Decision {
  const backoff = backoffDelay(ctx.attempts, ctx.policy, ctx.random);
  const keep = (applied: boolean): 'unknown' | 'queued' => (ctx.wasUnknown || applied ? 'unknown' : 'queued');

  if (err instanceof AppError) {
    // No credentials configured: nothing was sent; wait for the user to set them.
    if (err.code === 'unauthorized')
      return { to: keep(false), error: local(err, ctx.now), delayMs: backoff, stopPass: true };
    // A local problem with the item (a missing or damaged attachment): the user must edit it.
    return ctx.wasUnknown
      ? { to: 'unknown', error: local(err, ctx.now), delayMs: backoff, stopPass: false }
      : { to: 'rejected', error: local(err, ctx.now) };
  }
  if (!(err instanceof MarketplaceError)) {
    // A bug or an I/O error here: keep the item (never drop what the user did) and try again later.
    const message = err instanceof Error ? err.message : String(err);
    return { to: keep(ctx.posted), error: { at: ctx.now, kind: 'local', message }, delayMs: backoff, stopPass: false };
  }
  const error = fromMarketplace(err, ctx.now);
  if (err.kind === 'network' || err.kind === 'timeout') {
    // A reset or timeout after the request left: the outcome is unknown. Refused before it left: offline.
    const offline = !err.outcomeUnknown && err.kind === 'network';
    return { to: keep(ctx.posted && err.outcomeUnknown), error, delayMs: backoff, stopPass: offline };
  }
  if (err.kind === 'parse') return { to: keep(ctx.posted), error, delayMs: backoff, stopPass: false };

  const status = err.status ?? 0;
  if (status >= 300 && status < 400 && status !== 304) {
    // docs/architecture.md "Security": a redirect is never followed, so the action was not taken where it was signed
    // for — but no definite answer came either: the item waits with the reason and is resent with its key. Every
    // other item would be redirected the same way (an endpoint moved or mistyped), so the pass ends.
    return { to: keep(ctx.posted), error, delayMs: backoff, stopPass: true };
  }
  if (status === 429 || err.resultCode === RESULT.rateLimited) {
    // Refused before processing: the item's state stands; wait what the marketplace asked (at most MAX_WAIT_MS).
    return {
      to: keep(false),
      error,
      delayMs: err.retryAfterMs === undefined ? backoff : Math.min(err.retryAfterMs, MAX_WAIT_MS),
      stopPass: false,
    };
  }
  if (status === 409 && err.resultCode === RESULT.idempotencyInFlight)
    return { to: 'unknown', error, delayMs: backoff, stopPass: false };
  if (status === 409 && err.resultCode !== undefined && CONFLICT_CODES.has(err.resultCode)) {
    const body = err.body as { orderLine?: unknown } | null | undefined;
    return { to: 'conflict', error, orderLine: body && typeof body === 'object' ? body.orderLine : undefined };
  }
  if (status === 412) return { to: 'conflict', error, orderLine: undefined };
  if (status >= 500 || status === 408) return { to: keep(ctx.posted), error, delayMs: backoff, stopPass: false };
  if (status === 401) {
    // The client already corrected a skewed clock once; still 401 → the credentials are wrong.
    const checked = {
      ...error,
      message: `the marketplace refused the credentials — check the AK/SK in Settings (${error.message})`,
    };
    // An item that may already be applied must not become "rejected": re-queuing it would apply it twice.
    if (ctx.wasUnknown) return { to: 'unknown', error: checked, delayMs: backoff, stopPass: true };
    return { to: 'rejected', error: checked };
  }
  // 400, 403, 404, 413, 415, 422 …: a definite refusal. (With the same key, an applied request would have been
  // replayed as a 200, so a refusal is definite even when the item's outcome was unknown.)
  return { to: 'rejected', error };
}

/**
 * What the Sync Center and `outbox list` show: server text stripped of control characters and cut (display-text.ts).
 */
function fromMarketplace(err: MarketplaceError, at: number): OutboxError {
  const e: OutboxError = { at, kind: err.kind, message: displayText(err.message) };
  if (err.status !== undefined) e.status = err.status;
  if (err.resultCode !== undefined) e.resultCode = displayText(err.resultCode, 40);
  const fields = fieldErrors.safeParse(err.body);
  if (fields.success && fields.data.errors.length > 0) {
    e.fields = fields.data.errors
      .slice(0, MAX_FIELD_ERRORS)
      .map((f) => ({ field: displayText(f.field, 100), message: displayText(f.message) }));
  }
  return e;
}

/** MKT.0100 lists a field error per input; a form has a few dozen at most. */
const MAX_FIELD_ERRORS = 50;

function local(err: AppError, at: number): OutboxError {
  return { at, kind: 'local', message: err.message };
}
