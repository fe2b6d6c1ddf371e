// The marketplace HTTP client (docs/marketplace-api.md): signs each request when it is sent, corrects a skewed
// clock once by the server's Date header, and turns every answer into parsed data or a MarketplaceError.
// Against a hostile or broken marketplace (docs/architecture.md "Security"): signed requests never follow redirects,
// every answer is read as a stream and bounded after decompression, Retry-After is parsed strictly, and server text is
// shown stripped and cut (display-text.ts) while the log gets all of it.
import type { z } from 'zod';
import {
  account,
  deliveryTemplate,
  errorBody,
  feedPage,
  openApiOrder,
  type FeedPage,
  type WireAccount,
  type WireDeliveryTemplate,
  type WireOpenApiOrder,
} from '../../common/marketplace/wire';
import { AppError } from '../../common/api/result';
import { MAX_FILE_BYTES } from '../../common/api/contract-outbox';
import type { Logger } from '../log';
import { displayText, logText } from './display-text';
import { readAnswerJson, resultIsOk } from './json-answer';
import type { ReceivedOrderLine } from '../orders/order-lines';
import { readFeedPage, type PageHead, type ReadFeedPage } from './feed-items';
import { RECEIVED_LINES, type LineReading } from './order-lines-page';
import { inThreadPageReader, type PageReader } from './page-reader';
import { MarketplaceError, neverSent } from './errors';
import { authorization, rfc3986, sdkDate, type SignableRequest } from './signer';

export { MarketplaceError } from './errors';
export { MAX_JSON_DEPTH } from './json-answer';

export interface Clock {
  now(): number;
}

export interface MarketplaceClientOptions {
  baseUrl: string;
  credentials: () => { ak: string; sk: string } | null;
  clock: Clock;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** One debug line per exchange (method, path, status, time) for the log file; headers and bodies are never logged. */
  log?: Logger;
  /** Bounds on an answer's size after decompression (defaults: MAX_JSON_BYTES, MAX_FILE_BYTES). */
  maxJsonBytes?: number;
  maxFileBytes?: number;
  /** Every exchange the marketplace answered with success (a pull, an outbox send, a template, a file): "Last sync". */
  onAnswered?: (at: number) => void;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  /** JSON-serialised, or sent as is when bytes (resumable uploads). */
  body?: unknown;
  idempotencyKey?: string;
  ifMatch?: string;
  headers?: Record<string, string>;
  /** The most bytes the answer may have after decompression; default the client's JSON bound. */
  maxBytes?: number;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body; null for 304 or an empty body. */
  json: unknown;
}

export type TemplateAnswer =
  | { notModified: true }
  | {
      notModified: false;
      etag: string | null;
      template: WireDeliveryTemplate;
      /** the JSON as received (docs/architecture.md: keep raw) */ raw: unknown;
    };

interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

const SYNC = '/api/seller-sync/v1';
const OPEN_API = '/api/mkp-openapi-public/global/v1';
const JSON_TYPE = 'application/json;charset=UTF-8';
/** The server allows 15 minutes; we correct from 5 so a request signed just before a correction still passes. */
const SKEW_CORRECT_MS = 5 * 60_000;
/**
 * docs/architecture.md "Security": every answer is bounded after decompression. A full feed page (500 order lines or
 * bills) is a few MB; this leaves room for unusually large pages and stops a gzip bomb (or a 50 MB item) long before
 * memory suffers. Attachments: P3's 20 MiB a file (MAX_FILE_BYTES).
 */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;
/**
 * A bills page carries up to BILLS_PAGE_SIZE (5) whole bills, and one bill of 100,000 lines is about 30 MB of JSON
 * (B2: a bill lists every line): its own, larger bound, still far below what a gzip bomb would expand to.
 */
export const MAX_BILLS_PAGE_BYTES = 160 * 1024 * 1024;
/** Retry-After "0" (or a date already past) still waits this long: never a tight retry loop. */
const MIN_RETRY_AFTER_MS = 1_000;
/**
 * A Retry-After beyond this is read as this: whatever the marketplace says (any HTTP date up to 9999 included) stays a
 * valid Date to show; how long anything actually waits is capped elsewhere (retry.ts RETRY_AFTER_CAP_MS, MAX_WAIT_MS).
 */
const MAX_RETRY_AFTER_MS = 10_000 * 365 * 24 * 3_600_000;

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
    return this.finish(upper, path, await this.exchange(upper, path, opts));
  }

  /** The bytes of a file the marketplace holds, e.g. the customer's request documents. */
  async getAttachment(attachmentId: string): Promise<Uint8Array> {
    const path = `${SYNC}/attachments/${rfc3986(attachmentId)}`;
    const res = await this.exchange('GET', path, { maxBytes: this.opts.maxFileBytes ?? MAX_FILE_BYTES });
    if (res.status >= 200 && res.status < 300) {
      this.opts.onAnswered?.(this.opts.clock.now());
      return res.bytes;
    }
    this.finish('GET', path, res); // throws the MarketplaceError for this answer
    throw new MarketplaceError({ kind: 'http', message: `HTTP ${res.status}`, status: res.status });
  }

  /** A page of the order-lines feed with its items checked (read on the calling thread). */
  getOrderLinesPage(cursor: string | null, limit: number): Promise<ReadFeedPage<ReceivedOrderLine>> {
    return this.readOrderLinesPage(cursor, limit, RECEIVED_LINES);
  }

  /**
   * A page of the order-lines feed, its lines read as `reading` reads them, by `reader` (off the main thread:
   * page-reader.ts) when the answer is a clean success; any other answer is read here, with the error that says what
   * is wrong. `onHead` may hear the page's cursor before its items are checked.
   */
  async readOrderLinesPage<T>(
    cursor: string | null,
    limit: number,
    reading: LineReading<T>,
    reader: PageReader = inThreadPageReader,
    onHead?: (head: PageHead) => void,
  ): Promise<ReadFeedPage<T>> {
    const path = `${SYNC}/order-lines`;
    const res = await this.exchange('GET', path, { query: { cursor: cursor ?? undefined, limit } });
    if (res.status >= 200 && res.status < 300) {
      const page = await reader.read(res.bytes, reading, onHead);
      if (page) {
        this.opts.onAnswered?.(this.opts.clock.now());
        return page;
      }
    }
    const json = this.finish('GET', path, res).json;
    return readFeedPage(parseWith(feedPage, json, 'order-lines page'), reading.parseItem);
  }

  /** The bills feed (docs/marketplace-api.md "Feeds"); items stay unparsed, each is checked on its own. */
  async getBillsPage(cursor: string | null, limit: number): Promise<FeedPage> {
    const res = await this.request('GET', `${SYNC}/bills`, {
      query: { cursor: cursor ?? undefined, limit },
      maxBytes: this.opts.maxJsonBytes ?? MAX_BILLS_PAGE_BYTES,
    });
    return parseWith(feedPage, res.json, 'bills page');
  }

  async getDeliveryTemplate(productId: string, etag: string | null): Promise<TemplateAnswer> {
    const res = await this.request('GET', `${SYNC}/products/${rfc3986(productId)}/delivery-template`, {
      headers: etag ? { 'If-None-Match': etag } : undefined,
    });
    if (res.status === 304) return { notModified: true };
    return {
      notModified: false,
      etag: res.headers.get('etag'),
      template: parseWith(deliveryTemplate, res.json, 'delivery template'),
      raw: res.json,
    };
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

  /** Sends, and re-signs once after a 401 that taught us the clock is off (docs/marketplace-api.md "Signing"). */
  private async exchange(method: string, path: string, opts: RequestOptions): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const signedWithOffset = this.offsetMs;
      const res = await this.send(method, path, opts);
      // Re-signed on the next pass. A concurrent request may already have corrected the clock while this one was
      // in flight with the old offset: that one also deserves its single retry.
      if (res.status === 401 && attempt === 0 && (this.learnSkew(res.headers) || this.offsetMs !== signedWithOffset))
        continue;
      return res;
    }
  }

  /** docs/marketplace-api.md "Signing": a client whose clock is off corrects by the Date header and re-signs. */
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
    // Signed headers (docs/marketplace-api.md): host, x-sdk-date, content-type with a body, idempotency-key when sent.
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
    const started = performance.now();
    const exchanged = (outcome: string): void =>
      this.opts.log?.debug(
        `marketplace ${method} ${url.pathname}${url.search} → ${outcome} in ${Math.round(performance.now() - started)} ms`,
      );
    try {
      // docs/architecture.md "Security": a signed request never follows a redirect (fetch would resend it, unsigned
      // or to another host); a 3xx is an answer, and an error.
      const res = await this.fetchImpl(url, {
        method,
        headers,
        body: body?.bytes,
        signal: abort.signal,
        redirect: 'manual',
      });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel().catch(() => undefined);
        exchanged(`HTTP ${res.status} (redirect, not followed)`);
        throw redirected(res, write);
      }
      // Read the whole body under the same timeout, as a stream, counting what decompression yields; a reset
      // mid-body is a network error, not a parse error.
      const limit = opts.maxBytes ?? this.opts.maxJsonBytes ?? MAX_JSON_BYTES;
      const bytes = await readBounded(res, limit, write);
      exchanged(`HTTP ${res.status}, ${bytes.length} bytes`);
      return { status: res.status, headers: res.headers, bytes };
    } catch (err) {
      if (err instanceof MarketplaceError) throw err;
      const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      exchanged(timedOut ? 'timed out' : `failed: ${reason}`);
      if (timedOut) {
        throw new MarketplaceError({
          kind: 'timeout',
          message: `no answer within ${this.timeoutMs} ms`,
          outcomeUnknown: write,
          cause: err,
        });
      }
      throw new MarketplaceError({
        kind: 'network',
        message: `network error: ${reason}`,
        outcomeUnknown: write && !neverSent(err),
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private finish(method: string, path: string, res: Answer): RawResponse {
    const ok = res.status >= 200 && res.status < 300;
    const write = method !== 'GET' && method !== 'HEAD';
    const broken = (message: string, body?: unknown): MarketplaceError =>
      new MarketplaceError({ kind: 'parse', message, status: res.status, body, outcomeUnknown: write });
    let json: unknown = null;
    let parsed = true;
    if (res.status !== 304) {
      const read = readAnswerJson(res.bytes, ok);
      if (read.problem !== undefined) throw broken(read.problem, read.body);
      ({ json, parsed } = read);
    }
    if ((ok || res.status === 304) && resultIsOk(json)) {
      this.opts.onAnswered?.(this.opts.clock.now());
      return { status: res.status, headers: res.headers, json };
    }
    const env = errorBody.safeParse(json);
    const resultCode = env.success ? env.data.resultCode : undefined;
    // Shown stripped and cut; the whole of it goes to the log file (docs/architecture.md "Security"). At debug: the
    // log files keep every level, while a terminal tailing stderr is not flooded with a 100 KB message.
    const resultMsg = env.success ? env.data.resultMsg : null;
    if (resultMsg !== null)
      this.opts.log?.debug(
        `marketplace ${method} ${path} → HTTP ${res.status} resultCode ${logText(resultCode ?? '')} resultMsg ${logText(resultMsg)}`,
      );
    throw new MarketplaceError({
      kind: 'http',
      message:
        resultMsg !== null
          ? displayText(resultMsg)
          : `HTTP ${res.status}${parsed ? '' : ' (an answer that is not JSON)'}`,
      status: res.status,
      resultCode: resultCode === undefined ? undefined : displayText(resultCode, 40),
      body: json,
      retryAfterMs: retryAfter(res.headers, this.opts.clock.now()),
      outcomeUnknown: write && res.status >= 500,
    });
  }
}

/** A 3xx on a signed request: an error naming the status and where it pointed; nothing of it is used. */
function redirected(res: Response, write: boolean): MarketplaceError {
  const location = res.headers.get('location');
  const where = location ? displayText(location, 200) : '(no Location)';
  return new MarketplaceError({
    kind: 'http',
    status: res.status,
    location: location ?? undefined,
    message: `the marketplace redirected the request to ${where}; signed requests never follow redirects (check the endpoint in Settings)`,
    // The server that redirected did not take the request as an API call; still, a write is resent with its key.
    outcomeUnknown: write,
  });
}

function tooLarge(limit: number, what: string, write: boolean): MarketplaceError {
  return new MarketplaceError({
    kind: 'parse',
    message: `the marketplace's answer ${what} the ${formatBytes(limit)} limit; it was not read`,
    outcomeUnknown: write,
  });
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

/**
 * The body as a stream (fetch has already undone any Content-Encoding), counted chunk by chunk: past `limit` the
 * stream is cancelled, so a gzip bomb costs at most `limit` bytes of memory. A Content-Length over the limit is
 * refused before reading.
 */
async function readBounded(res: Response, limit: number, write: boolean): Promise<Uint8Array> {
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(announced) && announced > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(limit, `announces ${announced} bytes, over`, write);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit, 'is larger than', write);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function encodeBody(body: unknown): { bytes: Uint8Array<ArrayBuffer>; contentType: string } | null {
  if (body === undefined) return null;
  if (body instanceof Uint8Array) return { bytes: new Uint8Array(body), contentType: 'application/octet-stream' };
  return { bytes: new Uint8Array(Buffer.from(JSON.stringify(body), 'utf8')), contentType: JSON_TYPE };
}

/**
 * `Retry-After` (docs/marketplace-api.md "Errors": 429): delay-seconds, or an HTTP date (then relative to the answer's
 * own Date header, else our clock). Anything else is ignored (the caller backs off). Bounded both ways: at least
 * MIN_RETRY_AFTER_MS, at most MAX_RETRY_AFTER_MS; how much of it a run waits is retry.ts's decision.
 */
function retryAfter(headers: Headers, nowMs: number): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  let ms: number;
  if (/^\d{1,15}$/.test(value)) ms = Number(value) * 1000;
  else if (HTTP_DATE.test(value)) {
    const at = Date.parse(value);
    if (!Number.isFinite(at)) return undefined;
    const base = Date.parse(headers.get('date') ?? '');
    ms = at - (Number.isFinite(base) ? base : nowMs);
  } else return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, ms));
}

/**
 * RFC 9110 HTTP-date: IMF-fixdate, or the obsolete RFC 850 form (both say GMT; asctime's would parse as local time).
 */
const HTTP_DATE =
  /^(?:[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT)$/;

function parseWith<S extends z.ZodType>(schema: S, json: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first ? displayText(`${first.path.join('.') || '(root)'}: ${first.message}`, 200) : 'invalid';
  throw new MarketplaceError({
    kind: 'parse',
    message: `unexpected ${what} from the marketplace (${where})`,
    body: json,
  });
}
