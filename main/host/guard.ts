// Who may talk to the browser host (docs/architecture.md "Security"): only this machine's browser, only our own
// page. Host check = DNS-rebinding defence; Origin check = CSRF defence; token = every other local process.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-seller-desk-token';

export interface Refusal {
  status: number;
  message: string;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

/** Host and Origin checks, for every request (static files included). */
export function checkHostAndOrigin(req: IncomingMessage, port: number): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).includes(host)) return { status: 421, message: 'foreign Host header refused' };
  const origin = req.headers.origin;
  // Browsers send "null" from sandboxed frames and file:// pages: refused like any foreign origin.
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase())) {
    return { status: 403, message: 'foreign Origin refused' };
  }
  return null;
}

export function tokensEqual(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The per-run token: the header on API calls; the `token` query parameter only where a header cannot be set
 * (EventSource).
 */
export function checkToken(req: IncomingMessage, url: URL, token: string, allowQuery: boolean): Refusal | null {
  const header = req.headers[TOKEN_HEADER];
  const given = typeof header === 'string' ? header : allowQuery ? url.searchParams.get('token') : null;
  return tokensEqual(given, token) ? null : { status: 401, message: 'missing or wrong token' };
}
