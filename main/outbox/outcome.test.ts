import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { RESULT } from '../../common/marketplace/wire';
import { MarketplaceError } from '../sync/errors';
import { decide, type DecideContext } from './outcome';

// docs/marketplace-api.md "Errors", row by row, as the outbox applies it.
const ctx = (o: Partial<DecideContext> = {}): DecideContext => ({
  wasUnknown: false,
  posted: true,
  attempts: 3,
  policy: { baseMs: 1000, capMs: 60_000, maxAttempts: Infinity },
  random: () => 0.5,
  now: 1000,
  ...o,
});
const http = (
  status: number,
  resultCode?: string,
  extra: Partial<ConstructorParameters<typeof MarketplaceError>[0]> = {},
) =>
  new MarketplaceError({
    kind: 'http',
    message: `refused ${status}`,
    status,
    resultCode,
    outcomeUnknown: status >= 500,
    ...extra,
  });

describe('outcome of a send, per the error table', () => {
  it('5xx / reset / timeout after the POST → unknown (resend with the same key) after backoff with jitter', () => {
    for (const err of [
      http(500, RESULT.internal),
      http(503, RESULT.internal),
      new MarketplaceError({ kind: 'network', message: 'socket hang up', outcomeUnknown: true }),
      new MarketplaceError({ kind: 'timeout', message: 'no answer', outcomeUnknown: true }),
    ]) {
      const d = decide(err, ctx());
      expect(d).toMatchObject({ to: 'unknown', delayMs: 2000, stopPass: false }); // 0.5 × min(cap, 1000·2²)
    }
  });

  it('the same failures during the uploads before the POST leave the item queued (nothing applied)', () => {
    expect(decide(http(503, RESULT.internal), ctx({ posted: false })).to).toBe('queued');
    expect(decide(http(503, RESULT.internal), ctx({ posted: false, wasUnknown: true })).to).toBe('unknown');
  });

  it('connection refused (never sent) → state kept, and the pass stops: offline is a normal state', () => {
    const err = new MarketplaceError({ kind: 'network', message: 'ECONNREFUSED', outcomeUnknown: false });
    expect(decide(err, ctx())).toMatchObject({ to: 'queued', stopPass: true });
    expect(decide(err, ctx({ wasUnknown: true }))).toMatchObject({ to: 'unknown', stopPass: true });
  });

  it('backoff is capped', () => {
    expect(decide(http(502), ctx({ attempts: 40, random: () => 0.999 }))).toMatchObject({ delayMs: 59_940 });
  });

  it('429 → wait exactly Retry-After; the state stands', () => {
    expect(decide(http(429, RESULT.rateLimited, { retryAfterMs: 7000 }), ctx())).toMatchObject({
      to: 'queued',
      delayMs: 7000,
    });
    expect(decide(http(429, RESULT.rateLimited, { retryAfterMs: 7000 }), ctx({ wasUnknown: true }))).toMatchObject({
      to: 'unknown',
      delayMs: 7000,
    });
  });

  it('409 MKT.2011 (same key still processing) → retry later, unknown', () => {
    expect(decide(http(409, RESULT.idempotencyInFlight), ctx())).toMatchObject({ to: 'unknown', delayMs: 2000 });
  });

  it("409 MKT.2001 / 2002 / 2003 → conflict carrying the body's current order line", () => {
    for (const code of [RESULT.stageConflict, RESULT.appealOpen, RESULT.templateOutdated]) {
      const d = decide(
        http(409, code, { body: { resultCode: code, orderLine: { orderLineId: 'X' } } }),
        ctx({ wasUnknown: true }),
      );
      expect(d).toMatchObject({
        to: 'conflict',
        orderLine: { orderLineId: 'X' },
        error: { status: 409, resultCode: code },
      });
    }
  });

  it("400/403/404/413/415/422 → rejected with the marketplace's message and field errors, never retried", () => {
    for (const [status, code] of [
      [400, RESULT.validation],
      [400, RESULT.badParam],
      [403, RESULT.forbidden],
      [404, RESULT.notFound],
      [413, RESULT.tooLarge],
      [415, RESULT.badType],
      [422, RESULT.idempotencyMismatch],
    ] as const) {
      const d = decide(http(status, code, { body: { errors: [{ field: 'reason', message: 'too vague' }] } }), ctx());
      expect(d).toMatchObject({
        to: 'rejected',
        error: {
          status,
          resultCode: code,
          message: `refused ${status}`,
          fields: [{ field: 'reason', message: 'too vague' }],
        },
      });
    }
  });

  it('401 (after the client\'s one clock correction) → rejected "check credentials"; but never for an item that may be applied', () => {
    expect(decide(http(401, RESULT.auth), ctx())).toMatchObject({
      to: 'rejected',
      error: { message: expect.stringMatching(/check the AK\/SK/) },
    });
    expect(decide(http(401, RESULT.auth), ctx({ wasUnknown: true }))).toMatchObject({ to: 'unknown', stopPass: true });
  });

  it('no credentials configured → nothing sent, the pass stops; a local problem with the item → rejected', () => {
    expect(decide(new AppError('unauthorized', 'no credentials'), ctx({ posted: false }))).toMatchObject({
      to: 'queued',
      stopPass: true,
    });
    expect(decide(new AppError('not_found', 'attachment missing'), ctx({ posted: false }))).toMatchObject({
      to: 'rejected',
      error: { kind: 'local' },
    });
  });
});
