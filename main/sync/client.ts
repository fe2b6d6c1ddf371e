// The marketplace HTTP client (marketplace-api.md): signs each request when it is sent, corrects a skewed
// clock once by the server's Date header, and turns every answer into parsed data or a MarketplaceError.
import type { z } from 'zod';
import {
  account,
  deliveryTemplate,
  errorBody,
  feedPage,
  openApiOrder,
  RESULT,
  type FeedPage,
  type WireAccount,
  type WireDeliveryTemplate,
  type WireOpenApiOrder,
} from '../../common/marketplace/wire';
import { AppError } from '../../common/api/result';
import { MarketplaceError, neverSent } from './errors';
import { authorization, rfc3986, sdkDate, type SignableRequest } from './signer';

export { MarketplaceError } from './errors';

export interface Clock {
  now(): number;
}

export interface MarketplaceClientOptions {
  baseUrl: string;
  credentials: () => { ak: string; sk: string } | null;
  clock: Clock;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  /** JSON-serialised, or sent as is when bytes (resumable uploads). */
  body?: unknown;
  idempotencyKey?: string;
  ifMatch?: string;
  headers?: Record<string, string>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body; null for 304 or an empty body. */
  json: unknown;
}

export type TemplateAnswer =
  | { notModified: true }
  | { notModified: false; etag: string | null; template: WireDeliveryTemplate; /** the JSON as received (DESIGN.md: keep raw) */ raw: unknown };

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
}

const SYNC = '/api/seller-sync/v1';
const OPEN_API = '/api/mkp-openapi-public/global/v1';
const JSON_TYPE = 'application/json;charset=UTF-8';
/** The server allows 15 minutes; we correct from 5 so a request signed just before a correction still passes. */
const SKEW_CORRECT_MS = 5 * 60_000;

export class MarketplaceClient {
  private offsetMs = 0;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly opts: MarketplaceClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Our clock corrected by what the marketplace's Date header taught us (ms). */
  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const upper = method.toUpperCase();
    return this.finish(upper, await this.exchange(upper, path, opts));
  }

  /** The bytes of a file the marketplace holds, e.g. the customer's request documents (issue 3 item 7). */
  async getAttachment(attachmentId: string): Promise<Uint8Array> {
    const res = await this.exchange('GET', `${SYNC}/attachments/${rfc3986(attachmentId)}`, {});
    if (res.status >= 200 && res.status < 300) return res.bytes;
    this.finish('GET', res); // throws the MarketplaceError for this answer
    throw new MarketplaceError({ kind: 'http', message: `HTTP ${res.status}`, status: res.status });
  }

  async getOrderLinesPage(cursor: string | null, limit: number): Promise<FeedPage> {
    const res = await this.request('GET', `${SYNC}/order-lines`, { query: { cursor: cursor ?? undefined, limit } });
    return parseWith(feedPage, res.json, 'order-lines page');
  }

  async getDeliveryTemplate(productId: string, etag: string | null): Promise<TemplateAnswer> {
    const res = await this.request('GET', `${SYNC}/products/${rfc3986(productId)}/delivery-template`, {
      headers: etag ? { 'If-None-Match': etag } : undefined,
    });
    if (res.status === 304) return { notModified: true };
    return { notModified: false, etag: res.headers.get('etag'), template: parseWith(deliveryTemplate, res.json, 'delivery template'), raw: res.json };
  }

  async getAccount(): Promise<WireAccount> {
    const res = await this.request('GET', `${SYNC}/account`);
    return parseWith(account, res.json, 'account');
  }

  /** Open API order query. An unknown order (HTTP 200, MKT.2404) throws a MarketplaceError with that resultCode. */
  async queryOrder(orderId: string, orderLineId?: string): Promise<WireOpenApiOrder> {
    const res = await this.request('GET', `${OPEN_API}/order/query`, { query: { orderId, orderLineId } });
    return parseWith(openApiOrder, res.json, 'order query');
  }

  private now(): number {
    return this.opts.clock.now() + this.offsetMs;
  }

  /** Sends, and re-signs once after a 401 that taught us the clock is off (marketplace-api.md "Signing"). */
  private async exchange(method: string, path: string, opts: RequestOptions): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const signedWithOffset = this.offsetMs;
      const res = await this.send(method, path, opts);
      // Re-signed on the next pass. A concurrent request may already have corrected the clock while this one was
      // in flight with the old offset: that one also deserves its single retry.
      if (res.status === 401 && attempt === 0 && (this.learnSkew(res.headers) || this.offsetMs !== signedWithOffset)) continue;
      return res;
    }
  }

  /** marketplace-api.md "Signing": a client whose clock is off corrects by the Date header and re-signs. */
  private learnSkew(headers: Headers): boolean {
    const date = headers.get('date');
    const serverMs = date ? Date.parse(date) : NaN;
    if (!Number.isFinite(serverMs) || Math.abs(serverMs - this.now()) <= SKEW_CORRECT_MS) return false;
    this.offsetMs = serverMs - this.opts.clock.now();
    return true;
  }

  private async send(method: string, path: string, opts: RequestOptions): Promise<Answer> {
    const creds = this.opts.credentials();
    if (!creds) throw new AppError('unauthorized', 'no marketplace credentials are set (endpoint, AK, SK)');
    const url = new URL(this.opts.baseUrl.replace(/\/+$/, '') + path);
    const query: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) query.push([k, String(v)]);
    url.search = query.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');

    const body = encodeBody(opts.body);
    // Signed headers (marketplace-api.md): host, x-sdk-date, content-type with a body, idempotency-key when sent.
    const signed: Record<string, string> = { host: url.host, 'x-sdk-date': sdkDate(this.now()) };
    if (body) signed['content-type'] = opts.headers?.['Content-Type'] ?? body.contentType;
    if (opts.idempotencyKey) signed['idempotency-key'] = opts.idempotencyKey;
    const toSign: SignableRequest = { method, path: url.pathname, query, headers: signed, body: body?.bytes ?? null };

    const headers = new Headers(opts.headers);
    for (const [k, v] of Object.entries(signed)) if (k !== 'host') headers.set(k, v); // fetch sends Host from the URL
    if (opts.ifMatch !== undefined) headers.set('If-Match', opts.ifMatch);
    headers.set('Accept', 'application/json');
    headers.set('Authorization', authorization(toSign, creds));

    const write = method !== 'GET' && method !== 'HEAD';
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.timeoutMs);
    try {
      const res = await this.fetchImpl(url, { method, headers, body: body?.bytes, signal: abort.signal });
      // Read the whole body under the same timeout; a reset mid-body is a network error, not a parse error.
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, headers: res.headers, text: new TextDecoder().decode(bytes), bytes };
    } catch (err) {
      if (timedOut) {
        throw new MarketplaceError({ kind: 'timeout', message: `no answer within ${this.timeoutMs} ms`, outcomeUnknown: write, cause: err });
      }
      const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      throw new MarketplaceError({ kind: 'network', message: `network error: ${reason}`, outcomeUnknown: write && !neverSent(err), cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  private finish(method: string, res: Answer): RawResponse {
    const text = res.status === 304 ? '' : res.text;
    let json: unknown = null;
    let parsed = true;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        parsed = false;
        json = text;
      }
    }
    const ok = res.status >= 200 && res.status < 300;
    const env = errorBody.safeParse(json);
    const resultCode = env.success ? env.data.resultCode : undefined;
    if (ok && !parsed) throw new MarketplaceError({ kind: 'parse', message: 'the marketplace answered with invalid JSON', status: res.status, body: text });
    if ((ok || res.status === 304) && (resultCode === undefined || resultCode === RESULT.ok)) {
      return { status: res.status, headers: res.headers, json };
    }
    const write = method !== 'GET' && method !== 'HEAD';
    throw new MarketplaceError({
      kind: 'http',
      message: env.success ? env.data.resultMsg : `HTTP ${res.status}`,
      status: res.status,
      resultCode,
      body: json,
      retryAfterMs: retryAfter(res.headers),
      outcomeUnknown: write && res.status >= 500,
    });
  }
}

function encodeBody(body: unknown): { bytes: Uint8Array<ArrayBuffer>; contentType: string } | null {
  if (body === undefined) return null;
  if (body instanceof Uint8Array) return { bytes: new Uint8Array(body), contentType: 'application/octet-stream' };
  return { bytes: new Uint8Array(Buffer.from(JSON.stringify(body), 'utf8')), contentType: JSON_TYPE };
}

/** `Retry-After`: seconds, or an HTTP date (then relative to the answer's own Date header). */
function retryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  const base = Date.parse(headers.get('date') ?? '');
  if (!Number.isFinite(at) || !Number.isFinite(base)) return undefined;
  return Math.max(0, at - base);
}

function parseWith<S extends z.ZodType>(schema: S, json: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
  throw new MarketplaceError({ kind: 'parse', message: `unexpected ${what} from the marketplace (${where})`, body: json });
}
