import { afterEach, describe, expect, it } from 'vitest';
import { MarketplaceClient, MarketplaceError } from './client';
import { startFakeMarketplace, type FakeMarketplace } from './testing/fake-marketplace';
import { parseAuthorization, parseSdkDate } from './signer';
import { classify } from './retry';

const T0 = Date.UTC(2025, 3, 1, 4, 0, 0);
const MIN = 60_000;

function fakeClock(start = T0) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v), advance: (ms: number) => (t += ms) };
}

let fake: FakeMarketplace | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(serverNow: () => number, clientClock = fakeClock(), sk?: string) {
  fake = await startFakeMarketplace({ now: serverNow });
  const creds = { ak: fake.credentials.ak, sk: sk ?? fake.credentials.sk };
  const client = new MarketplaceClient({
    baseUrl: fake.url,
    credentials: () => creds,
    clock: clientClock,
    timeoutMs: 2_000,
  });
  return { fake, client, clock: clientClock };
}

describe('marketplace client — signing (docs/marketplace-api.md "Signing")', () => {
  it('signs each request when it is sent: the server verifies host;x-sdk-date and X-Sdk-Date is the clock at send time', async () => {
    const { fake, client, clock } = await setup(() => T0);
    await client.getAccount();
    clock.advance(2 * MIN);
    await client.getOrderLinesPage(null, 5);
    expect(fake.requests).toHaveLength(2); // no 401 → both signatures verified by the server
    const [a, b] = fake.requests;
    expect(parseAuthorization(String(a.headers.authorization))?.signedHeaders).toEqual(['host', 'x-sdk-date']);
    expect(parseSdkDate(String(a.headers['x-sdk-date']))).toBe(T0);
    expect(parseSdkDate(String(b.headers['x-sdk-date']))).toBe(T0 + 2 * MIN);
    expect(b.query.get('limit')).toBe('5');
  });

  it('signs content-type and idempotency-key on a write with a UTF-8 body', async () => {
    const { fake, client } = await setup(() => T0);
    fake.setHook((r) =>
      r.method === 'POST' ? { status: 200, body: { resultCode: 'MKT.0000', resultMsg: 'success' } } : undefined,
    );
    const res = await client.request('POST', '/api/seller-sync/v1/order-lines/CS1-000001/request/reject', {
      body: { reason: '请补充部署环境 / please add the deployment environment' },
      idempotencyKey: '7f8c2a8e-4b1d-4c39-9a53-1b2f6f0c9e11',
      ifMatch: '7',
    });
    expect(res.status).toBe(200);
    const req = fake.requests[0];
    expect(parseAuthorization(String(req.headers.authorization))?.signedHeaders).toEqual([
      'content-type',
      'host',
      'idempotency-key',
      'x-sdk-date',
    ]);
    expect(req.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(req.headers['if-match']).toBe('7');
    expect(JSON.parse(req.body.toString('utf8')).reason).toContain('请补充部署环境');
  });
});

describe('marketplace client — clock skew (docs/marketplace-api.md "Signing": correct by Date and re-sign)', () => {
  for (const skew of [30 * MIN, -30 * MIN]) {
    it(`server clock ${skew > 0 ? '+' : '-'}30 min → one 401, one correction by Date, then success; later requests sign right first time`, async () => {
      const { fake, client } = await setup(() => T0 + skew);
      const account = await client.getAccount();
      expect(account.sellerName).toBe('Fake Seller');
      expect(fake.requests).toHaveLength(2);
      expect(Math.abs(client.clockOffsetMs - skew)).toBeLessThan(1_000); // Date has 1 s resolution
      const second = parseSdkDate(String(fake.requests[1].headers['x-sdk-date'])) ?? 0;
      expect(Math.abs(second - (T0 + skew))).toBeLessThan(1_000);
      await client.getOrderLinesPage(null, 1);
      expect(fake.requests).toHaveLength(3);
    });
  }

  it('a second 401 after the correction is not retried again (wrong SK) → auth error after exactly 2 requests', async () => {
    const { fake, client } = await setup(() => T0 + 30 * MIN, fakeClock(), 'wrong-secret');
    const err = await client.getAccount().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketplaceError);
    expect((err as MarketplaceError).status).toBe(401);
    expect((err as MarketplaceError).resultCode).toBe('APIGW.0301');
    expect(classify(err)).toBe('auth');
    expect(fake.requests).toHaveLength(2);
  });

  it('a 401 without skew (bad credentials) is not retried at all', async () => {
    const { fake, client } = await setup(() => T0, fakeClock(), 'wrong-secret');
    await expect(client.getAccount()).rejects.toMatchObject({ status: 401 });
    expect(fake.requests).toHaveLength(1);
    expect(client.clockOffsetMs).toBe(0);
  });

  it('skew under 5 minutes is not "corrected" (the server allows 15)', async () => {
    const { fake, client } = await setup(() => T0 + 4 * MIN);
    await client.getAccount();
    expect(fake.requests).toHaveLength(1);
    expect(client.clockOffsetMs).toBe(0);
  });
});

describe('marketplace client — errors (docs/marketplace-api.md "Errors")', () => {
  it('429 → http error with retryAfterMs from Retry-After seconds, classified "wait"', async () => {
    const { fake, client } = await setup(() => T0);
    fake.setHook(() => ({
      status: 429,
      body: { resultCode: 'MKT.0250', resultMsg: 'slow down' },
      headers: { 'Retry-After': '7' },
    }));
    const err = (await client.getAccount().catch((e: unknown) => e)) as MarketplaceError;
    expect(err.retryAfterMs).toBe(7_000);
    expect(err.resultCode).toBe('MKT.0250');
    expect(classify(err)).toBe('wait');
  });

  it('5xx after a write → outcomeUnknown; a 5xx on a read is not a write', async () => {
    const { fake, client } = await setup(() => T0);
    fake.setHook(() => ({ status: 503, body: { resultCode: 'MKT.0999', resultMsg: 'internal' } }));
    const write = (await client
      .request('POST', '/api/seller-sync/v1/order-lines/X/request/accept', { body: {}, idempotencyKey: 'k1' })
      .catch((e: unknown) => e)) as MarketplaceError;
    expect(write.outcomeUnknown).toBe(true);
    expect(classify(write)).toBe('retry');
    const read = (await client.getAccount().catch((e: unknown) => e)) as MarketplaceError;
    expect(read.outcomeUnknown).toBe(false);
  });

  it('connection reset → network error, retryable; after a write the outcome is unknown', async () => {
    const { fake, client } = await setup(() => T0);
    fake.setHook(() => 'reset');
    const err = (await client
      .request('POST', '/api/seller-sync/v1/order-lines/X/request/accept', { body: {}, idempotencyKey: 'k2' })
      .catch((e: unknown) => e)) as MarketplaceError;
    expect(err.kind).toBe('network');
    expect(err.outcomeUnknown).toBe(true);
    expect(classify(err)).toBe('retry');
  });

  it('no answer within timeoutMs → timeout error, retryable', async () => {
    fake = await startFakeMarketplace({ now: () => T0, hook: () => ({ delayMs: 1_500 }) });
    const creds = fake.credentials;
    const client = new MarketplaceClient({
      baseUrl: fake.url,
      credentials: () => creds,
      clock: fakeClock(),
      timeoutMs: 150,
    });
    const err = (await client.getAccount().catch((e: unknown) => e)) as MarketplaceError;
    expect(err.kind).toBe('timeout');
    expect(classify(err)).toBe('retry');
  });

  it('connection refused (server down) → network error, never sent, so outcome known even for a write', async () => {
    const { fake, client } = await setup(() => T0);
    await fake.close();
    const err = (await client.request('POST', '/x', { body: {} }).catch((e: unknown) => e)) as MarketplaceError;
    expect(err.kind).toBe('network');
    expect(err.outcomeUnknown).toBe(false);
  });

  it('a 200 page that fails the feedPage schema → parse error (fatal), never partial data', async () => {
    const { fake, client } = await setup(() => T0);
    fake.setHook(() => ({
      status: 200,
      body: { resultCode: 'MKT.0000', resultMsg: 'success', items: 'nope', hasMore: false, nextCursor: null },
    }));
    const err = (await client.getOrderLinesPage(null, 10).catch((e: unknown) => e)) as MarketplaceError;
    expect(err.kind).toBe('parse');
    expect(classify(err)).toBe('fatal');
  });

  it('Open API unknown order: HTTP 200 with MKT.2404 → http error carrying MKT.2404, fatal', async () => {
    const { client } = await setup(() => T0);
    const err = (await client.queryOrder('NOPE').catch((e: unknown) => e)) as MarketplaceError;
    expect(err.status).toBe(200);
    expect(err.resultCode).toBe('MKT.2404');
    expect(classify(err)).toBe('fatal');
  });

  it('no credentials configured → unauthorized AppError before any request', async () => {
    fake = await startFakeMarketplace({ now: () => T0 });
    const client = new MarketplaceClient({ baseUrl: fake.url, credentials: () => null, clock: fakeClock() });
    const err = await client.getAccount().catch((e: unknown) => e);
    expect(classify(err)).toBe('auth');
    expect(fake.requests).toHaveLength(0);
  });
});
