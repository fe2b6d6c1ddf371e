// Test support: a tiny node:http marketplace implementing just what the pull sync needs, with hooks for
// precise faults (a malformed item, a 410, a skewed Date). Signatures are verified with the signer helpers.
// The real simulator (marketplace-sim/) is used as well; this one makes single faults exact and cheap.
import type { ServerResponse } from 'node:http';
import type { WireDeliveryTemplate, WireOrderLine } from '../../../common/marketplace/wire';
import {
  canonicalRequest,
  parseAuthorization,
  parseSdkDate,
  signature,
  signaturesEqual,
  type Credentials,
} from '../signer';
import { makeLine as makeFixtureLine } from '../../orders/testing/order-line-fixture';
import { listenLocal, recordingServer, type SeenRequest } from './recording-server';

export type FakeRequest = SeenRequest;

/** What a hook may answer instead of the normal handler. */
export type FakeAnswer =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'reset' | { delayMs: number };

export interface FakeMarketplaceOptions {
  credentials?: Credentials;
  /** Default 0 (any free port); a fixed port lets a test "restart" the marketplace at the same address. */
  port?: number;
  /** The server's clock (Date header, signature window). */
  now?: () => number;
  /** Called for each signed, verified request; a returned answer replaces the normal one. */
  hook?: (req: FakeRequest) => FakeAnswer | undefined;
}

export interface FakeMarketplace {
  url: string;
  credentials: Credentials;
  requests: FakeRequest[];
  /** The feed: each entry is one committed change (a whole order line, or any JSON for malformed tests). */
  feed: unknown[];
  /** The bills feed, the same way: each entry one committed bill revision (or any JSON). */
  bills: unknown[];
  /** What GET /account answers (docs/marketplace-api.md "Reference data"); replace it to change the account. */
  account: Record<string, unknown>;
  templates: Map<string, WireDeliveryTemplate>;
  orders: Map<string, unknown>;
  setHook(hook: FakeMarketplaceOptions['hook']): void;
  close(): Promise<void>;
}

const CREDS: Credentials = { ak: 'AKFAKESELLER0001', sk: 'sk-fake-0123456789abcdef' };
const WINDOW_MS = 15 * 60_000;

export async function startFakeMarketplace(opts: FakeMarketplaceOptions = {}): Promise<FakeMarketplace> {
  const creds = opts.credentials ?? CREDS;
  const now = opts.now ?? Date.now;
  let hook = opts.hook;
  const feed: unknown[] = [];
  const bills: unknown[] = [];
  const state: { account: Record<string, unknown> } = {
    account: {
      sellerId: 'S1',
      sellerName: 'Fake Seller',
      businessInfoCertified: true,
      deposit: { amount: '0.00', currency: 'CNY' },
    },
  };
  const templates = new Map<string, WireDeliveryTemplate>();
  const orders = new Map<string, unknown>();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      Date: new Date(now()).toUTCString(),
      'Content-Type': 'application/json;charset=UTF-8',
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const ok = (extra: object) => ({ resultCode: 'MKT.0000', resultMsg: 'success', ...extra });

  const { server, requests } = recordingServer((r, req, res) => {
    if (!verify(r, creds, now()))
      return send(res, 401, { resultCode: 'APIGW.0301', resultMsg: 'signature or clock refused' });
    const answer = hook?.(r);
    if (answer === 'reset') return void req.socket.destroy();
    if (answer && 'delayMs' in answer) return void setTimeout(() => req.socket.destroy(), answer.delayMs);
    if (answer) return send(res, answer.status, answer.body, answer.headers);
    route(r, res);
  });

  const route = (r: FakeRequest, res: ServerResponse) => {
    const feedOf =
      r.path === '/api/seller-sync/v1/order-lines' ? feed : r.path === '/api/seller-sync/v1/bills' ? bills : null;
    if (feedOf) {
      // Cursor = index of the next change, opaque to the client.
      const from = r.query.get('cursor') ? Number(Buffer.from(r.query.get('cursor') ?? '', 'base64url').toString()) : 0;
      const limit = Number(r.query.get('limit') ?? 200);
      const items = feedOf.slice(from, from + limit);
      const next = from + items.length;
      return send(
        res,
        200,
        ok({ items, nextCursor: Buffer.from(String(next)).toString('base64url'), hasMore: next < feedOf.length }),
      );
    }
    const tpl = /^\/api\/seller-sync\/v1\/products\/([^/]+)\/delivery-template$/.exec(r.path);
    if (tpl) {
      const t = templates.get(decodeURIComponent(tpl[1]));
      if (!t) return send(res, 404, { resultCode: 'MKT.2404', resultMsg: 'no such product' });
      const etag = `"t-${t.productId}-${t.templateVersion}"`;
      if (r.headers['if-none-match'] === etag) return send(res, 304, undefined, { ETag: etag });
      return send(res, 200, ok(t), { ETag: etag });
    }
    if (r.path === '/api/seller-sync/v1/account') {
      return send(res, 200, ok(state.account));
    }
    if (r.path === '/api/mkp-openapi-public/global/v1/order/query') {
      const info = orders.get(r.query.get('orderId') ?? '');
      if (!info) return send(res, 200, { resultCode: 'MKT.2404', resultMsg: 'order not found' });
      return send(res, 200, ok({ orderInfo: info }));
    }
    send(res, 404, { resultCode: 'MKT.2404', resultMsg: 'not found' });
  };

  const { url, close } = await listenLocal(server, opts.port);
  return {
    url,
    credentials: creds,
    requests,
    feed,
    bills,
    get account() {
      return state.account;
    },
    set account(a: Record<string, unknown>) {
      state.account = a;
    },
    templates,
    orders,
    setHook: (h) => {
      hook = h;
    },
    close,
  };
}

/** docs/marketplace-api.md "Signing", checked the way a marketplace would. */
export function verify(
  r: Pick<FakeRequest, 'method' | 'path' | 'query' | 'headers' | 'body'>,
  creds: Credentials,
  nowMs: number,
): boolean {
  const auth = parseAuthorization(String(r.headers.authorization ?? ''));
  if (!auth || auth.ak !== creds.ak) return false;
  const names = auth.signedHeaders;
  if (!names.includes('host') || !names.includes('x-sdk-date')) return false;
  if (r.body.length > 0 && !names.includes('content-type')) return false;
  if (r.headers['idempotency-key'] !== undefined && !names.includes('idempotency-key')) return false;
  const headers: Record<string, string> = {};
  for (const n of names) {
    const v = r.headers[n];
    if (typeof v !== 'string') return false;
    headers[n] = v;
  }
  const date = parseSdkDate(headers['x-sdk-date']);
  if (date === null || Math.abs(date - nowMs) > WINDOW_MS) return false;
  const query = [...r.query.entries()] as Array<[string, string]>;
  const expected = signature(
    { method: r.method, path: r.path, query, headers, body: r.body.length ? r.body : null },
    creds.sk,
  );
  return signaturesEqual(expected, auth.signature);
}

/** The canonical request the fake saw, for assertions in signing tests. */
export function canonicalOf(r: FakeRequest, signedHeaders: string[]): string {
  const headers: Record<string, string> = {};
  for (const n of signedHeaders) headers[n] = String(r.headers[n] ?? '');
  return canonicalRequest({
    method: r.method,
    path: r.path,
    query: [...r.query.entries()],
    headers,
    body: r.body.length ? r.body : null,
  });
}

/** A valid feed item (docs/marketplace-api.md "Order line", the db fixture's makeLine); i picks distinct ids. */
export function makeLine(i: number, over: Partial<WireOrderLine> = {}): WireOrderLine {
  const line = makeFixtureLine({
    orderId: `CS2504011200T${String(i).padStart(5, '0')}`,
    productId: `OFFI${i % 3}`,
    productName: i % 2 ? '数据迁移专业服务 / Data Migration Service' : 'Security Audit',
    customerName: `Customer ${i}`,
    stage: null,
    templateVersion: 1,
  });
  return { ...line, ...over };
}
