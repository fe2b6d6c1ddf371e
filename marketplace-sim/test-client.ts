// Test support: a tiny signed client for the simulator (signs with main/sync/signer.ts exactly as the page says)
// and a control-API helper. Used by the simulator's own tests; other tests may use it too.
import { createHmac } from 'node:crypto';
import {
  authorization,
  rfc3986,
  sdkDate,
  SIGNING_ALGORITHM,
  signedHeaderNames,
  stringToSign,
  type SignableRequest,
} from '../main/sync/signer';

export interface SimHandle {
  url: string;
  token: string;
  credentials: { ak: string; sk: string };
  clock: { now(): number };
}

export interface SignedOptions {
  method?: string;
  query?: Array<[string, string]>;
  /** JSON-serialised; or raw bytes. */
  body?: unknown;
  contentType?: string;
  idempotencyKey?: string;
  /** Extra unsigned headers (If-None-Match, If-Match, Upload-Offset …). */
  headers?: Record<string, string>;
  /** X-Sdk-Date instant; default the simulator's clock. */
  dateMs?: number;
  credentials?: { ak: string; sk: string };
  /** Change the request after signing (tamper tests). */
  afterSign?: (req: {
    headers: Record<string, string>;
    path: string;
    query: Array<[string, string]>;
    body: Buffer | null;
  }) => void;
  /** Sign only these headers (to test a missing signed header). */
  signOnly?: string[];
}

export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  json: Record<string, unknown> | null;
}

async function answer(res: Response): Promise<Answer> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: Record<string, unknown> | null = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text) as Record<string, unknown>;
  return { status: res.status, headers: res.headers, bytes, text, json };
}

export async function signedFetch(sim: SimHandle, path: string, opts: SignedOptions = {}): Promise<Answer> {
  const method = (opts.method ?? 'GET').toUpperCase();
  const base = new URL(sim.url);
  let query = opts.query ?? [];
  let body: Buffer | null = null;
  if (opts.body !== undefined)
    body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(JSON.stringify(opts.body), 'utf8');
  const headers: Record<string, string> = { host: base.host, 'x-sdk-date': sdkDate(opts.dateMs ?? sim.clock.now()) };
  if (body) headers['content-type'] = opts.contentType ?? 'application/json;charset=UTF-8';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  const toSign: Record<string, string> = opts.signOnly
    ? Object.fromEntries(Object.entries(headers).filter(([k]) => opts.signOnly?.includes(k)))
    : headers;
  const req: SignableRequest = { method, path, query, headers: toSign, body };
  const creds = opts.credentials ?? sim.credentials;
  // The signer insists on x-sdk-date among the signed headers; a test leaving it out signs by hand.
  const authz =
    'x-sdk-date' in toSign
      ? authorization(req, creds)
      : `${SIGNING_ALGORITHM} Access=${creds.ak}, SignedHeaders=${signedHeaderNames(toSign).join(';')}, Signature=${createHmac('sha256', creds.sk).update(stringToSign(req, headers['x-sdk-date'])).digest('hex')}`;
  const all: Record<string, string> = { ...headers, ...opts.headers, authorization: authz };
  let sendPath = path;
  if (opts.afterSign) {
    const r = { headers: all, path, query: [...query], body };
    opts.afterSign(r);
    sendPath = r.path;
    query = r.query;
    body = r.body;
  }
  delete all.host; // fetch sends Host from the URL
  const qs = query.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const res = await fetch(`${sim.url}${sendPath}${qs ? `?${qs}` : ''}`, {
    method,
    headers: all,
    body: body ? new Uint8Array(body) : undefined,
  });
  return answer(res);
}

export async function control(
  sim: SimHandle,
  method: string,
  path: string,
  body?: unknown,
  token = sim.token,
): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'x-sim-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(res);
}

/** Pages the whole order-line feed; returns every item in order and the last cursor. */
export async function pullAll(
  sim: SimHandle,
  limit = 500,
  cursor: string | null = null,
): Promise<{ items: Array<Record<string, unknown>>; cursor: string | null; pages: number }> {
  const items: Array<Record<string, unknown>> = [];
  let pages = 0;
  for (;;) {
    const q: Array<[string, string]> = [['limit', String(limit)]];
    if (cursor) q.push(['cursor', cursor]);
    const a = await signedFetch(sim, '/api/seller-sync/v1/order-lines', { query: q });
    if (a.status !== 200 || !a.json) throw new Error(`feed answered ${a.status}: ${a.text}`);
    pages++;
    items.push(...(a.json.items as Array<Record<string, unknown>>));
    cursor = a.json.nextCursor as string;
    if (!a.json.hasMore) return { items, cursor, pages };
  }
}
