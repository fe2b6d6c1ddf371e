// The retry policy, per the error table of docs/marketplace-api.md "Errors". Pull sync uses it now; the outbox
// reuses it: classify() decides what an error means, withRetry() waits and tries again.
import { AppError } from '../../common/api/result';
import { RESULT } from '../../common/marketplace/wire';
import type { Clock } from './client';
import { MarketplaceError } from './errors';

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Attempts in all, the first included; Infinity for "until a definite answer" (outbox). */
  maxAttempts: number;
}

export type ErrorClass = 'retry' | 'wait' | 'restart-feed' | 'fatal' | 'auth';

/** Pull sync: a few quick retries, then give up this run (the scheduler probes and runs again). */
export const PULL_POLICY: RetryPolicy = { baseMs: 500, capMs: 30_000, maxAttempts: 6 };

/**
 * docs/architecture.md "Security" (cap waits): a run waits out a Retry-After of up to 5 minutes; a longer one ends the
 * run with "the marketplace asked to wait until <time>" and the scheduler comes back then.
 */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;
/**
 * The longest anything waits on the marketplace's word (scheduler, outbox): it cannot switch the app off for longer.
 */
export const MAX_WAIT_MS = 24 * 3_600_000;

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base·2^(attempt-1))).
 * `attempt` is the number of the attempt that just failed, from 1. Full jitter spreads clients that
 * failed together (a marketplace restart) instead of having them return in lock-step.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * exp);
}

/**
 * docs/marketplace-api.md "Errors": 5xx / reset / timeout → retry; 429 → wait Retry-After; 409 MKT.2011 (same key still
 * being processed) → retry later; 410 → restart the feed; 401 → fix the clock (the client did) or ask for
 * credentials; every other 4xx, an unknown order, and an unparseable answer → fatal (never retried).
 */
export function classify(err: unknown): ErrorClass {
  if (err instanceof AppError) return err.code === 'unauthorized' ? 'auth' : 'fatal';
  if (!(err instanceof MarketplaceError)) return 'fatal';
  if (err.kind === 'network' || err.kind === 'timeout') return 'retry';
  if (err.kind === 'parse') return 'fatal';
  const status = err.status ?? 0;
  if (status === 429 || err.resultCode === RESULT.rateLimited) return 'wait';
  if (status === 410 || err.resultCode === RESULT.cursorExpired) return 'restart-feed';
  if (status === 401 || err.resultCode === RESULT.auth) return 'auth';
  if (status === 409 && err.resultCode === RESULT.idempotencyInFlight) return 'retry';
  if (status >= 500 || status === 408) return 'retry';
  return 'fatal';
}

export interface WithRetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (attempt: number, err: unknown, delayMs: number) => void;
  /** Give up once this much time (by `clock`) has passed since the first attempt. */
  maxElapsedMs?: number;
}

/** Runs fn until it succeeds, fails with a class that is not retried, or the policy is spent. */
export async function withRetry<T>(fn: () => Promise<T>, opts: WithRetryOptions): Promise<T> {
  const started = opts.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const kind = classify(err);
      if (kind !== 'retry' && kind !== 'wait') throw err;
      if (attempt >= opts.policy.maxAttempts) throw err;
      const retryAfterMs = err instanceof MarketplaceError ? err.retryAfterMs : undefined;
      if (
        kind === 'wait' &&
        err instanceof MarketplaceError &&
        retryAfterMs !== undefined &&
        retryAfterMs > RETRY_AFTER_CAP_MS
      ) {
        throw waitUntil(err, opts.clock.now() + retryAfterMs);
      }
      // 429: wait exactly what the marketplace asked; without Retry-After fall back to backoff.
      const delay =
        kind === 'wait' && retryAfterMs !== undefined ? retryAfterMs : backoffDelay(attempt, opts.policy, opts.random);
      if (opts.maxElapsedMs !== undefined && opts.clock.now() + delay - started > opts.maxElapsedMs) throw err;
      opts.onRetry?.(attempt, err, delay);
      await opts.sleep(delay);
    }
  }
}

/** The run ends here: the marketplace asked for a longer pause than a run waits (the scheduler keeps `retryAt`). */
function waitUntil(err: MarketplaceError, retryAt: number): MarketplaceError {
  return new MarketplaceError({
    kind: err.kind,
    status: err.status,
    resultCode: err.resultCode,
    body: err.body,
    retryAfterMs: err.retryAfterMs,
    retryAt,
    message: `the marketplace asked to wait until ${new Date(retryAt).toISOString()}`,
    cause: err,
  });
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
