// Signature checking exactly as docs/marketplace-api.md "Signing": the canonical request is rebuilt from what arrived
// (path canonicalised with a trailing `/`), verified with the seller's SK, and refused 401 APIGW.0301 otherwise.
import type { IncomingHttpHeaders } from 'node:http';
import { RESULT } from '../common/marketplace/wire';
import {
  parseAuthorization,
  parseSdkDate,
  signature,
  signaturesEqual,
  type SignableRequest,
} from '../main/sync/signer';
import { SimError } from './responses';

export interface Seller {
  ak: string;
  sk: string;
  sellerId: string;
  sellerName: string;
}

/** The server refuses an X-Sdk-Date more than 15 minutes from its own clock. */
export const MAX_SKEW_MS = 15 * 60_000;

export interface IncomingSigned {
  method: string;
  /** The path as sent (still percent-encoded), without the query. */
  rawPath: string;
  /** Decoded query pairs in arrival order. */
  query: ReadonlyArray<readonly [string, string]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const refuse = (why: string): SimError => new SimError(401, RESULT.auth, `signature refused: ${why}`);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Returns the seller whose AK signed the request; throws 401 APIGW.0301 for anything wrong. */
export function verifyRequest(req: IncomingSigned, sellers: ReadonlyMap<string, Seller>, nowMs: number): Seller {
  const auth = parseAuthorization(header(req.headers, 'authorization'));
  if (!auth)
    throw refuse('missing or malformed Authorization header (SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…)');
  const seller = sellers.get(auth.ak);
  if (!seller) throw refuse(`unknown access key ${auth.ak}`);
  const signed = auth.signedHeaders;
  const required = ['host', 'x-sdk-date'];
  if (req.body.length > 0) required.push('content-type');
  if (header(req.headers, 'idempotency-key') !== undefined) required.push('idempotency-key');
  for (const name of required) if (!signed.includes(name)) throw refuse(`SignedHeaders must include ${name}`);
  const sorted = [...signed].sort();
  if (signed.some((n, i) => n !== n.toLowerCase() || n !== sorted[i]) || new Set(signed).size !== signed.length) {
    throw refuse('SignedHeaders must be lower-case, sorted and unique');
  }
  const date = header(req.headers, 'x-sdk-date') ?? '';
  const dateMs = parseSdkDate(date);
  if (dateMs === null) throw refuse('X-Sdk-Date must be YYYYMMDDTHHMMSSZ');
  if (Math.abs(dateMs - nowMs) > MAX_SKEW_MS) {
    throw refuse(
      `X-Sdk-Date ${date} is more than 15 minutes from the server time ${new Date(nowMs).toISOString()}; correct the clock by the Date header`,
    );
  }
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = header(req.headers, name);
    if (value === undefined) throw refuse(`signed header ${name} is missing from the request`);
    headers[name] = value;
  }
  const toVerify: SignableRequest = {
    method: req.method,
    path: req.rawPath,
    query: req.query,
    headers,
    body: req.body.length > 0 ? req.body : null,
  };
  if (!signaturesEqual(signature(toVerify, seller.sk), auth.signature))
    throw refuse('signature does not match the request');
  return seller;
}

/** Query pairs decoded like the signer encodes them (`+` is a plus, not a space). */
export function parseQuery(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return raw
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const i = pair.indexOf('=');
      const [k, v] = i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
      return [safeDecode(k), safeDecode(v)];
    });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
