import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { MarketplaceError } from './errors';
import { backoffDelay, classify, withRetry, type RetryPolicy } from './retry';

const policy: RetryPolicy = { baseMs: 100, capMs: 1_000, maxAttempts: 5 };
const clock = { now: () => 0 };
const http = (status: number, resultCode?: string, retryAfterMs?: number) =>
  new MarketplaceError({ kind: 'http', message: `HTTP ${status}`, status, resultCode, retryAfterMs });

describe('backoffDelay: exponential with full jitter, capped', () => {
  it('grows ×2 per attempt up to the cap, scaled by the random draw', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(50, policy, () => 0)).toBe(0);
  });
  it('never exceeds the cap for any draw or attempt', () => {
    for (let a = 1; a < 80; a++)
      for (const r of [0, 0.3, 0.99, 1]) expect(backoffDelay(a, policy, () => r)).toBeLessThanOrEqual(policy.capMs);
  });
});

describe('classify (docs/marketplace-api.md "Errors" table)', () => {
  it.each([
    [http(500, 'MKT.0999'), 'retry'],
    [http(503), 'retry'],
    [new MarketplaceError({ kind: 'network', message: 'reset' }), 'retry'],
    [new MarketplaceError({ kind: 'timeout', message: 't' }), 'retry'],
    [http(409, 'MKT.2011'), 'retry'],
    [http(429, 'MKT.0250', 3000), 'wait'],
    [http(410, 'MKT.2410'), 'restart-feed'],
    [http(401, 'APIGW.0301'), 'auth'],
    [new AppError('unauthorized', 'no creds'), 'auth'],
    [http(400, 'MKT.0100'), 'fatal'],
    [http(400, 'MKT.0101'), 'fatal'],
    [http(403, 'MKT.0150'), 'fatal'],
    [http(404, 'MKT.2404'), 'fatal'],
    [http(409, 'MKT.2001'), 'fatal'],
    [http(422, 'MKT.2010'), 'fatal'],
    [http(200, 'MKT.2404'), 'fatal'],
    [new MarketplaceError({ kind: 'parse', message: 'bad' }), 'fatal'],
    [new TypeError('bug'), 'fatal'],
  ] as const)('%s → %s', (err, expected) => {
    expect(classify(err)).toBe(expected);
  });
});

describe('withRetry', () => {
  it('5xx twice then success → 3 calls, sleeps are the backoff delays', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const v = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw http(502);
        return 'ok';
      },
      { policy, clock, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );
    expect(v).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('429 waits exactly Retry-After', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw http(429, 'MKT.0250', 4_000);
        return 1;
      },
      { policy, clock, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );
    expect(sleeps).toEqual([4_000]);
  });

  it('gives up after maxAttempts and rethrows the last error', async () => {
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw http(500);
      },
      { policy, clock, sleep: async () => {}, random: () => 0 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(5);
    expect((err as MarketplaceError).status).toBe(500);
  });

  it.each([[http(400, 'MKT.0100')], [http(410, 'MKT.2410')], [http(401, 'APIGW.0301')]])(
    'never retries %s',
    async (e) => {
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls++;
            throw e;
          },
          { policy, clock, sleep: async () => {}, random: () => 0 },
        ),
      ).rejects.toBe(e);
      expect(calls).toBe(1);
    },
  );
});
