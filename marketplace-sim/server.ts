// HTTP plumbing: reads the request, counts it, applies injected faults, checks the signature (api) or the
// X-Sim-Token (control), routes, and answers with the simulated clock in the Date header.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { RESULT } from '../common/marketplace/wire';
import { parseQuery, verifyRequest } from './auth';
import type { SimContext } from './context';
import { SimError, errorResponse, faultResponse, type SimResponse } from './responses';
import { createRouter, type Route, type RouteRequest } from './router';

/** 8 MiB upload chunks plus headroom; anything larger is refused 413 without reading on. */
export const MAX_BODY_BYTES = 9 * 1024 * 1024;

export interface IdempotencyGate {
  /** Replay, refuse (throws SimError), or let the request run and record its answer. */
  begin(req: RouteRequest): { replay: SimResponse } | { finish(res: SimResponse): void; abort(): void };
}

export interface ServerRoutes {
  api: Route[];
  sim: Route[];
  /** Routes of the api family that honour Idempotency-Key (seller actions). */
  idempotent?: ReadonlySet<Route>;
  idempotency?: IdempotencyGate;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createSimServer(ctx: SimContext, routes: ServerRoutes): Server {
  const api = createRouter(routes.api);
  const sim = createRouter(routes.sim);

  const send = (res: ServerResponse, r: SimResponse, counted = true): void => {
    if (counted) ctx.counters.outcome(r.status);
    const headers: Record<string, string | number> = { Date: new Date(ctx.clock.now()).toUTCString(), ...r.headers };
    if (r.parts) {
      headers['Content-Length'] = r.parts.reduce((n, b) => n + b.length, 0);
      res.writeHead(r.status, headers);
      for (let i = 0; i < r.parts.length - 1; i++) res.write(r.parts[i]);
      res.end(r.parts[r.parts.length - 1]);
      return;
    }
    let payload: Buffer | string | undefined;
    if (Buffer.isBuffer(r.body)) payload = r.body;
    else if (r.body !== null && r.body !== undefined) {
      payload = r.rawJson ? String(r.body) : JSON.stringify(r.body);
      headers['Content-Type'] ??= 'application/json;charset=UTF-8';
    }
    if (payload !== undefined) headers['Content-Length'] = Buffer.byteLength(payload);
    res.writeHead(r.status, headers);
    res.end(payload);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const rawPath = qi < 0 ? url : url.slice(0, qi);
    const pairs = parseQuery(qi < 0 ? '' : url.slice(qi + 1));
    const control = rawPath.startsWith('/sim/');
    const body = await readBody(req);
    if (body === null) {
      send(res, {
        status: 413,
        headers: { Connection: 'close' },
        body: { resultCode: RESULT.tooLarge, resultMsg: `request body larger than ${MAX_BODY_BYTES} bytes` },
      });
      req.socket.end();
      return;
    }
    ctx.store.settleDue(ctx.clock.now()); // O2a, lazily on any request
    let delayMs = 0;
    let drop = false;
    if (!control) {
      ctx.counters.count(method, safeDecode(rawPath));
      const decision = ctx.faults.decide(method, url);
      if (decision.action?.kind === 'reset') {
        if (decision.delayMs > 0) await sleep(decision.delayMs);
        ctx.counters.outcome('reset');
        req.socket.destroy();
        return;
      }
      if (decision.action?.kind === 'status') {
        if (decision.delayMs > 0) await sleep(decision.delayMs);
        send(res, faultResponse(decision.action.status, decision.action.retryAfter));
        return;
      }
      delayMs = decision.delayMs;
      drop = decision.action?.kind === 'dropAfterCommit';
    }

    let answer: SimResponse;
    try {
      const rr: RouteRequest = {
        method,
        path: safeDecode(rawPath),
        query: new Map(pairs),
        headers: req.headers,
        body,
        params: {},
        seller: null,
        now: ctx.clock.now(),
      };
      if (control) checkControl(ctx, req);
      else if (rawPath.startsWith('/api/'))
        rr.seller = verifyRequest({ method, rawPath, query: pairs, headers: req.headers, body }, ctx.sellers, rr.now);
      const found = (control ? sim : api).find(method, rawPath);
      if (!found.route)
        throw new SimError(
          found.pathKnown ? 405 : 404,
          RESULT.badParam,
          found.pathKnown ? `${method} is not allowed on ${rawPath}` : `no such endpoint: ${rawPath}`,
        );
      rr.params = found.params;
      const gate =
        !control && routes.idempotency && routes.idempotent?.has(found.route) ? routes.idempotency.begin(rr) : null;
      if (gate && 'replay' in gate) answer = gate.replay;
      else {
        try {
          if (delayMs > 0) await sleep(delayMs);
          rr.now = ctx.clock.now();
          answer = await run(ctx, found.route, rr);
          gate?.finish(answer);
        } catch (err) {
          gate?.abort();
          throw err;
        }
      }
    } catch (err) {
      answer = asResponse(ctx, err);
    }
    if (drop) {
      ctx.counters.outcome('dropAfterCommit');
      req.socket.destroy();
      return;
    }
    send(res, answer, !control);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (req.destroyed || res.destroyed) return; // the client went away (a reset or timeout on its side): nothing to answer
      ctx.log(`request failed: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) send(res, asResponse(ctx, err));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}

async function run(ctx: SimContext, route: Route, rr: RouteRequest): Promise<SimResponse> {
  try {
    return await route.handler(rr);
  } catch (err) {
    return asResponse(ctx, err);
  }
}

function asResponse(ctx: SimContext, err: unknown): SimResponse {
  if (err instanceof SimError) return errorResponse(err);
  ctx.log(`internal error: ${err instanceof Error ? err.stack : String(err)}`);
  return {
    status: 500,
    body: {
      resultCode: RESULT.internal,
      resultMsg: `internal error: ${err instanceof Error ? err.message : String(err)}`,
    },
  };
}

/** The control API: loopback only, with the token printed at start; unsigned. */
function checkControl(ctx: SimContext, req: IncomingMessage): void {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
    throw new SimError(403, RESULT.forbidden, 'the control API answers loopback only');
  const token = req.headers['x-sim-token'];
  if (token !== ctx.token) throw new SimError(401, RESULT.auth, 'missing or wrong X-Sim-Token');
}

/** The whole body, or null when it is larger than MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
