import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorization } from '../main/sync/signer';
import { MAX_SKEW_MS, verifyRequest, type Seller } from './auth';
import { startSimulator, type Simulator } from './index';
import { signedFetch } from './test-client';

const NOW = Date.UTC(2025, 3, 1, 4, 0, 0); // the page's vector date, 20250401T040000Z
const seller: Seller = { ak: 'AKTESTSELLER0001', sk: 'sk-test-0123456789abcdef', sellerId: 'S1', sellerName: 'Demo' };
const sellers = new Map([[seller.ak, seller]]);
const ACCOUNT = '/api/seller-sync/v1/account';

describe('signature checking (docs/marketplace-api.md "Signing")', () => {
  it("accepts the page's test vector (a) exactly as printed, path without a trailing slash", () => {
    const headers = {
      host: '127.0.0.1:8787',
      'x-sdk-date': '20250401T040000Z',
      authorization:
        'SDK-HMAC-SHA256 Access=AKTESTSELLER0001, SignedHeaders=host;x-sdk-date, Signature=d1619743a51782ecf08566a57b868d15c6c7fc844b65b536f68ce1786090a7a6',
    };
    const query = [
      ['orderId', 'MOCKPERIODYEARNEW'],
      ['orderLineId', 'MOCKPERIODYEARNEW-000001'],
    ] as const;
    const req = {
      method: 'GET',
      rawPath: '/api/mkp-openapi-public/global/v1/order/query',
      query,
      headers,
      body: Buffer.alloc(0),
    };
    expect(verifyRequest(req, sellers, NOW).sellerId).toBe('S1');
  });

  it("accepts the page's test vector (b): UTF-8 body with content-type and idempotency-key signed", () => {
    const body = Buffer.from('{"reason":"请补充部署环境 / please add the deployment environment"}', 'utf8');
    const headers = {
      host: '127.0.0.1:8787',
      'content-type': 'application/json;charset=UTF-8',
      'idempotency-key': '7f8c2a8e-4b1d-4c39-9a53-1b2f6f0c9e11',
      'x-sdk-date': '20250401T040000Z',
      authorization:
        'SDK-HMAC-SHA256 Access=AKTESTSELLER0001, SignedHeaders=content-type;host;idempotency-key;x-sdk-date, Signature=c29986c75ef46756d1ea39a89b15a9e9ea9f72137dcc759d9f7e3737d7b75a2e',
    };
    const req = {
      method: 'POST',
      rawPath: '/api/seller-sync/v1/order-lines/CS2504011200ABCDE-000001/request/reject',
      query: [],
      headers,
      body,
    };
    expect(verifyRequest(req, sellers, NOW).ak).toBe('AKTESTSELLER0001');
    // one byte of the body changed → refused
    expect(() =>
      verifyRequest({ ...req, body: Buffer.from(body.toString().replace('请', '诸')) }, sellers, NOW),
    ).toThrow(/does not match/);
  });

  it('refuses a vector (b) request whose SignedHeaders leave out idempotency-key although it is sent', () => {
    const body = Buffer.from('{"reason":"x"}');
    const signedHeaders = { host: 'h', 'content-type': 'application/json', 'x-sdk-date': '20250401T040000Z' };
    const auth = authorization({ method: 'POST', path: '/p', query: [], headers: signedHeaders, body }, seller);
    const req = {
      method: 'POST',
      rawPath: '/p',
      query: [],
      headers: { ...signedHeaders, 'idempotency-key': 'k', authorization: auth },
      body,
    };
    expect(() => verifyRequest(req, sellers, NOW)).toThrow(/must include idempotency-key/);
  });

  it('the X-Sdk-Date window is 15 minutes either way of the server clock', () => {
    const at = (skew: number) => {
      const headers = {
        host: 'h',
        'x-sdk-date': new Date(NOW + skew)
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, ''),
      };
      const authz = authorization({ method: 'GET', path: '/x', query: [], headers, body: null }, seller);
      return () =>
        verifyRequest(
          {
            method: 'GET',
            rawPath: '/x',
            query: [],
            headers: { ...headers, authorization: authz },
            body: Buffer.alloc(0),
          },
          sellers,
          NOW,
        );
    };
    expect(at(MAX_SKEW_MS)).not.toThrow();
    expect(at(-MAX_SKEW_MS)).not.toThrow();
    expect(at(MAX_SKEW_MS + 1000)).toThrow(/more than 15 minutes/);
    expect(at(-MAX_SKEW_MS - 1000)).toThrow(/more than 15 minutes/);
  });
});

describe('signature checking over HTTP', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, orders: 0, quiet: true });
  });
  afterAll(() => sim.close());

  it('a correctly signed request is answered 200 with a Date header from the simulated clock', async () => {
    const a = await signedFetch(sim, ACCOUNT);
    expect(a.status).toBe(200);
    expect(a.json?.resultCode).toBe('MKT.0000');
    expect(a.headers.get('date')).toBe(new Date(NOW).toUTCString());
  });

  it('signs and verifies a query with characters that need percent-encoding', async () => {
    const a = await signedFetch(sim, '/api/mkp-openapi-public/global/v1/order/query', {
      query: [['orderId', 'A B+C/数据~*']],
    });
    expect(a.status).toBe(200);
    expect(a.json?.resultCode).toBe('MKT.2404');
  });

  const refused = async (
    why: string,
    a: Promise<{ status: number; json: Record<string, unknown> | null; headers: Headers }>,
  ) => {
    const r = await a;
    expect(r.status, why).toBe(401);
    expect(r.json?.resultCode).toBe('APIGW.0301');
    expect(r.headers.get('date')).toBe(new Date(sim.clock.now()).toUTCString());
    return String(r.json?.resultMsg);
  };

  it('401 APIGW.0301: missing Authorization', async () => {
    const res = await fetch(`${sim.url}${ACCOUNT}`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(401);
    expect(body.resultCode).toBe('APIGW.0301');
  });

  it('401 APIGW.0301: tampered query, path, header value and signature', async () => {
    await refused(
      'query',
      signedFetch(sim, '/api/seller-sync/v1/order-lines', {
        query: [['limit', '5']],
        afterSign: (r) => void (r.query[0] = ['limit', '6']),
      }),
    );
    await refused(
      'path',
      signedFetch(sim, ACCOUNT, { afterSign: (r) => void (r.path = '/api/seller-sync/v1/order-lines') }),
    );
    await refused(
      'date',
      signedFetch(sim, ACCOUNT, {
        afterSign: (r) =>
          void (r.headers['x-sdk-date'] = r.headers['x-sdk-date'].replace(/\d(?=Z$)/, (d) => String((+d + 1) % 10))),
      }),
    );
    await refused(
      'signature',
      signedFetch(sim, ACCOUNT, {
        afterSign: (r) =>
          void (r.headers.authorization = r.headers.authorization.replace(
            /Signature=(.)/,
            (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`,
          )),
      }),
    );
  });

  it('401 APIGW.0301: unknown AK, and the right AK with a wrong SK', async () => {
    expect(await refused('ak', signedFetch(sim, ACCOUNT, { credentials: { ak: 'AKUNKNOWN', sk: 'x' } }))).toMatch(
      /unknown access key/,
    );
    expect(
      await refused('sk', signedFetch(sim, ACCOUNT, { credentials: { ak: sim.credentials.ak, sk: 'wrong' } })),
    ).toMatch(/does not match/);
  });

  it('401 APIGW.0301: X-Sdk-Date 16 minutes off the simulated clock; the Date header lets the client correct', async () => {
    const msg = await refused('skew', signedFetch(sim, ACCOUNT, { dateMs: sim.clock.now() - 16 * 60_000 }));
    expect(msg).toMatch(/15 minutes/);
    expect((await signedFetch(sim, ACCOUNT, { dateMs: sim.clock.now() + 14 * 60_000 })).status).toBe(200);
  });

  it('401 APIGW.0301: SignedHeaders without host, without x-sdk-date, or without content-type for a body', async () => {
    expect(await refused('host', signedFetch(sim, ACCOUNT, { signOnly: ['x-sdk-date'] }))).toMatch(/include host/);
    expect(await refused('date', signedFetch(sim, ACCOUNT, { signOnly: ['host'] }))).toMatch(/include x-sdk-date/);
    const withBody = signedFetch(sim, '/api/seller-sync/v1/order-lines/X-000001/request/accept', {
      method: 'POST',
      body: {},
      signOnly: ['host', 'x-sdk-date'],
    });
    expect(await refused('content-type', withBody)).toMatch(/include content-type/);
  });

  it('a request signed for the clock of another simulator instant is refused until the clock moves back', async () => {
    sim.clock.advance(60 * 60_000);
    await refused('moved', signedFetch(sim, ACCOUNT, { dateMs: NOW }));
    sim.clock.set(NOW);
    expect((await signedFetch(sim, ACCOUNT, { dateMs: NOW })).status).toBe(200);
  });
});
