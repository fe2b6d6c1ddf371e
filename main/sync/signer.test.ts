import { describe, expect, it } from 'vitest';
import {
  authorization,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  parseAuthorization,
  sdkDate,
  sha256Hex,
} from './signer';

const creds = { ak: 'AKTESTSELLER0001', sk: 'sk-test-0123456789abcdef' };

describe('SDK-HMAC-SHA256 signer (docs/marketplace-api.md test vectors)', () => {
  it('vector (a): GET order query with a query string and no body', () => {
    const req = {
      method: 'GET',
      path: '/api/mkp-openapi-public/global/v1/order/query',
      query: [
        ['orderLineId', 'MOCKPERIODYEARNEW-000001'],
        ['orderId', 'MOCKPERIODYEARNEW'],
      ] as const,
      headers: { Host: '127.0.0.1:8787', 'X-Sdk-Date': '20250401T040000Z' },
      body: null,
    };
    expect(canonicalRequest(req)).toBe(
      [
        'GET',
        '/api/mkp-openapi-public/global/v1/order/query/',
        'orderId=MOCKPERIODYEARNEW&orderLineId=MOCKPERIODYEARNEW-000001',
        'host:127.0.0.1:8787',
        'x-sdk-date:20250401T040000Z',
        '',
        'host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(authorization(req, creds)).toBe(
      'SDK-HMAC-SHA256 Access=AKTESTSELLER0001, SignedHeaders=host;x-sdk-date, Signature=d1619743a51782ecf08566a57b868d15c6c7fc844b65b536f68ce1786090a7a6',
    );
  });

  it('vector (b): POST with a UTF-8 body, content-type and idempotency-key signed', () => {
    const body = '{"reason":"请补充部署环境 / please add the deployment environment"}';
    expect(sha256Hex(Buffer.from(body, 'utf8'))).toBe(
      'ee9579f4d8d5511c3469eb4075d79f5c7bea64068a652beabfec36689e1f759f',
    );
    const req = {
      method: 'POST',
      path: '/api/seller-sync/v1/order-lines/CS2504011200ABCDE-000001/request/reject',
      query: [],
      headers: {
        Host: '127.0.0.1:8787',
        'Content-Type': 'application/json;charset=UTF-8',
        'Idempotency-Key': '7f8c2a8e-4b1d-4c39-9a53-1b2f6f0c9e11',
        'X-Sdk-Date': '20250401T040000Z',
      },
      body: Buffer.from(body, 'utf8'),
    };
    expect(authorization(req, creds)).toBe(
      'SDK-HMAC-SHA256 Access=AKTESTSELLER0001, SignedHeaders=content-type;host;idempotency-key;x-sdk-date, Signature=c29986c75ef46756d1ea39a89b15a9e9ea9f72137dcc759d9f7e3737d7b75a2e',
    );
  });

  it('percent-encodes path segments and query pairs per RFC 3986 and sorts by key then value', () => {
    expect(canonicalUri('/a b/c*d')).toBe('/a%20b/c%2Ad/');
    expect(canonicalUri('/already/')).toBe('/already/');
    expect(
      canonicalQuery([
        ['b', '2'],
        ['a', 'x y'],
        ['a', '!'],
      ]),
    ).toBe('a=%21&a=x%20y&b=2');
  });

  it('formats X-Sdk-Date and parses the Authorization header back', () => {
    expect(sdkDate(Date.UTC(2025, 3, 1, 4, 0, 0))).toBe('20250401T040000Z');
    const parsed = parseAuthorization(
      'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=' + 'a'.repeat(64),
    );
    expect(parsed).toEqual({ ak: 'AK1', signedHeaders: ['host', 'x-sdk-date'], signature: 'a'.repeat(64) });
    expect(parseAuthorization('Basic abc')).toBeNull();
  });
});
