// The route table: every endpoint is one entry (method, path pattern, family, handler), so later endpoints
// (seller actions, uploads) slot in without touching the HTTP plumbing.
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { Seller } from './auth';
import { validation, type SimResponse } from './responses';

export type Family = 'api' | 'sim';

export interface RouteRequest {
  method: string;
  /** Decoded path without the query. */
  path: string;
  query: Map<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  params: Record<string, string>;
  /** The verified seller (api family); null on the control API. */
  seller: Seller | null;
  /** The simulator clock when the request arrived. */
  now: number;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/api/seller-sync/v1/order-lines/:orderLineId/request/accept` — `:name` matches one segment. */
  path: string;
  handler(req: RouteRequest): SimResponse | Promise<SimResponse>;
}

interface CompiledRoute {
  /** The route object itself (not a copy): the server recognises idempotent routes by identity. */
  route: Route;
  regex: RegExp;
  names: string[];
}

export interface Router {
  /** `route` null and `pathKnown` true → 405. */
  find(
    method: string,
    rawPath: string,
  ): { route: Route; params: Record<string, string> } | { route: null; pathKnown: boolean };
}

export function createRouter(routes: Route[]): Router {
  const compiled: CompiledRoute[] = routes.map((r) => {
    const names: string[] = [];
    const source = r.path
      .split('/')
      .map((seg) =>
        seg.startsWith(':') ? (names.push(seg.slice(1)), '([^/]+)') : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      );
    return { route: r, regex: new RegExp(`^${source.join('/')}$`), names };
  });
  return {
    find(method, rawPath) {
      let pathKnown = false;
      for (const r of compiled) {
        const m = r.regex.exec(rawPath);
        if (!m) continue;
        pathKnown = true;
        if (r.route.method !== method) continue;
        const params: Record<string, string> = {};
        r.names.forEach((name, i) => (params[name] = safeDecode(m[i + 1])));
        return { route: r.route, params };
      }
      return { route: null, pathKnown };
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The JSON body checked with a schema: malformed or invalid → 400 MKT.0100 with `errors: [{field, message}]`. */
export function jsonBody<S extends z.ZodType>(req: RouteRequest, schema: S): z.infer<S> {
  let value: unknown = {};
  if (req.body.length > 0) {
    try {
      value = JSON.parse(req.body.toString('utf8'));
    } catch {
      throw validation([{ field: 'body', message: 'not valid JSON' }]);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw validation(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
  }
  return parsed.data;
}
