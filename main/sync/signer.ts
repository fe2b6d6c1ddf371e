// SDK-HMAC-SHA256 request signing, exactly as docs/marketplace-api.md "Signing" describes.
// Used by the client (sign when sent) and by the simulator (verify).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface Credentials {
  ak: string;
  sk: string;
}

export interface SignableRequest {
  method: string;
  /**
   * Path without query, e.g. `/api/seller-sync/v1/order-lines`, as a URL has it (percent-encoded) or not:
   * see canonicalUri.
   */
  path: string;
  /** Query pairs, decoded. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Headers to sign (any case); must include host and x-sdk-date. */
  headers: Readonly<Record<string, string>>;
  body: Uint8Array | string | null;
}

/** RFC 3986 percent-encoding: everything except A–Z a–z 0–9 - _ . ~ */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ` for an instant. */
export function sdkDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `YYYYMMDDTHHMMSSZ` → UTC ms, or null when malformed. */
export function parseSdkDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(ms) ? null : ms;
}

export function canonicalUri(path: string): string {
  let uri = path.split('/').map(canonicalSegment).join('/');
  if (!uri.startsWith('/')) uri = `/${uri}`;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * One path segment, percent-encoded per RFC 3986 (docs/marketplace-api.md "Signing", canonical URI). A URL's
 * pathname arrives already encoded, so each valid `%XX` escape stands for its octet and is not encoded twice;
 * any other character (a `%` not followed by two hex digits included) stands for its UTF-8 octets. Escapes are
 * read one by one, so a stray `%` or octets that are not UTF-8 leave the rest of the segment as it was meant.
 */
function canonicalSegment(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length;) {
    if (segment[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(segment.slice(i + 1, i + 3))) {
      out += encodeOctet(parseInt(segment.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    const char = String.fromCodePoint(segment.codePointAt(i) ?? 0);
    for (const octet of Buffer.from(char, 'utf8')) out += encodeOctet(octet);
    i += char.length;
  }
  return out;
}

function encodeOctet(octet: number): string {
  const c = String.fromCharCode(octet);
  return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${octet.toString(16).toUpperCase().padStart(2, '0')}`;
}

export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Lower-case, sorted, each once: a name set in two cases is one header, as in the canonical request (part 5). */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return [...new Set(Object.keys(headers).map((h) => h.toLowerCase()))].sort();
}

export function canonicalRequest(req: SignableRequest): string {
  const lower = new Map(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const names = [...lower.keys()].sort();
  const canonicalHeaders = names.map((n) => `${n}:${lower.get(n)}\n`).join('');
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query),
    canonicalHeaders,
    names.join(';'),
    sha256Hex(req.body ?? ''),
  ].join('\n');
}

export function stringToSign(req: SignableRequest, date: string): string {
  return `${SIGNING_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest(req))}`;
}

export function signature(req: SignableRequest, sk: string): string {
  const date = headerValue(req.headers, 'x-sdk-date');
  if (!date) throw new Error('x-sdk-date header is required to sign');
  return createHmac('sha256', sk).update(stringToSign(req, date)).digest('hex');
}

/** The `Authorization` header value for a request whose headers already carry host and x-sdk-date. */
export function authorization(req: SignableRequest, creds: Credentials): string {
  const names = signedHeaderNames(req.headers).join(';');
  return `${SIGNING_ALGORITHM} Access=${creds.ak}, SignedHeaders=${names}, Signature=${signature(req, creds.sk)}`;
}

export interface ParsedAuthorization {
  ak: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(value: string | undefined): ParsedAuthorization | null {
  if (!value) return null;
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    value.trim(),
  );
  if (!m) return null;
  return { ak: m[1], signedHeaders: m[2].split(';'), signature: m[3] };
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}
