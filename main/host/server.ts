// The browser host (docs/architecture.md): the built renderer plus the same handler table as Electron's IPC,
// at POST /api/<channel>, on 127.0.0.1 only, behind a random per-run token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatch, isChannel, type HandlerTable } from '../api/dispatch';
import type { EventBus } from '../api/events';
import { fail } from '../../common/api/result';
import type { Logger } from '../log';
import { checkHostAndOrigin, checkToken, type Refusal } from './guard';
import { sendJson, sendText, setCommonHeaders } from './headers';
import { serveStatic, defaultStaticDir } from './static-files';
import { createEventStreams } from './event-stream';
import { serveFile, type FileSource } from './file-download';
import { ATTACHMENT_ADD_MAX_BODY } from '../../common/api/contract-outbox';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Channels allowed a larger body: a file as base64 (P3: 20 MiB). */
const BODY_LIMITS: ReadonlyMap<string, number> = new Map([['attachments:add', ATTACHMENT_ADD_MAX_BODY]]);

export interface HostServices {
  handlers: HandlerTable;
  events: EventBus;
  /** The attachment store, served at GET /api/files/<sha256>. */
  outbox?: { attachments: FileSource };
}

export interface HostOptions {
  services: HostServices;
  /** 0 or absent: any free port. */
  port?: number;
  /** Loopback only, by design; the option exists so the choice is visible at the call site. */
  host?: '127.0.0.1';
  /** The built renderer; default dist/renderer of this app. */
  staticDir?: string;
  /** Default: 32 random bytes, hex. */
  token?: string;
  log?: Logger;
}

export interface RunningHost {
  /** `http://127.0.0.1:PORT/?token=…` — what the user opens. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new BodyError(413, `request body over ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyError(413, `request body over ${limit} bytes`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function refuse(res: ServerResponse, refusal: Refusal, api: boolean): void {
  if (!api) return sendText(res, refusal.status, refusal.message);
  const code = refusal.status === 401 ? 'unauthorized' : refusal.status === 413 ? 'validation' : 'forbidden';
  sendJson(res, refusal.status, fail(code, refusal.message));
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { services, log } = options;
  const token = options.token ?? randomBytes(32).toString('hex');
  const staticDir = options.staticDir ?? defaultStaticDir();
  const streams = createEventStreams(services.events);
  log?.addSecret(token);
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = url.pathname.slice('/api/'.length);
    if (name === 'events') {
      const refusal = checkToken(req, url, token, true);
      if (refusal) return refuse(res, refusal, true);
      if (req.method !== 'GET') return refuse(res, { status: 405, message: 'GET only' }, true);
      return streams.open(res);
    }
    if (name.startsWith('files/')) {
      const refusal = checkToken(req, url, token, true);
      if (refusal) return refuse(res, refusal, true);
      if (req.method !== 'GET') return refuse(res, { status: 405, message: 'GET only' }, true);
      return serveFile(res, services.outbox?.attachments, name.slice('files/'.length), url.searchParams.get('name'));
    }
    const refusal = checkToken(req, url, token, false);
    if (refusal) return refuse(res, refusal, true);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, fail('validation', 'POST only'));
    }
    // Only JSON: a cross-site "simple" form/text POST cannot reach a handler even if it guessed the token.
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json')
      return sendJson(res, 415, fail('validation', 'Content-Type must be application/json'));
    let channel: string;
    try {
      channel = decodeURIComponent(name);
    } catch {
      channel = name;
    }
    // 404 for a channel the contract does not have, decided by the contract itself (isChannel), before any body is
    // read.
    if (!isChannel(channel)) return sendJson(res, 404, fail('not_found', `unknown channel: ${channel}`));
    let input: unknown;
    try {
      const body = await readBody(req, BODY_LIMITS.get(channel) ?? MAX_BODY_BYTES);
      input = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : undefined;
    } catch (err) {
      if (err instanceof BodyError) return refuse(res, { status: err.status, message: err.message }, true);
      return sendJson(res, 400, fail('validation', 'the body is not valid JSON'));
    }
    const result = await dispatch(services.handlers, channel, input, log);
    // A Result is an answer, ok or not: HTTP 200.
    sendJson(res, 200, result);
  }

  const server = createServer((req, res) => {
    setCommonHeaders(res);
    const raw = req.url ?? '/';
    // Parsed as a path on our own origin: a request line like `//elsewhere/x` stays a path.
    const url = new URL(`http://127.0.0.1:${port}${raw.startsWith('/') ? '' : '/'}${raw}`);
    const api = url.pathname.startsWith('/api/');
    const refusal = checkHostAndOrigin(req, port);
    if (refusal) {
      log?.warn(`browser host refused ${req.method} ${url.pathname}: ${refusal.message}`);
      return refuse(res, refusal, api);
    }
    if (!api) return serveStatic(req, res, staticDir, url.pathname);
    handleApi(req, res, url).catch((err: unknown) => {
      log?.error('browser host request failed', err);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'internal error'));
      else res.destroy();
    });
  });
  // Slow-loris guard: a request must arrive within this time; the SSE stream is a response, unaffected.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  log?.info(`browser host listening on 127.0.0.1:${port}`);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
