// Test support: a marketplace that misbehaves on purpose (docs/architecture.md "Security"), on 127.0.0.1 port 0 with
// node:http. A test sets one behaviour; the helpers below answer redirects, lies about lengths, bombs, endless or
// broken bodies, and raw bytes straight on the socket for what node:http itself would refuse to send. Nothing here
// checks signatures: the point is what the client does with the answers.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { listenLocal, recordingServer, type SeenRequest } from './recording-server';

export type Behaviour = (req: SeenRequest, res: ServerResponse) => void;

export interface HostileServer {
  url: string;
  requests: SeenRequest[];
  /** Requests whose path ends with `suffix`. */
  count(suffix: string): number;
  behave(b: Behaviour): void;
  close(): Promise<void>;
}

export const SYNC = '/api/seller-sync/v1';

/** `date`: the Date header every answer carries (the client's clock is set to the same instant). */
export async function startHostileServer(opts: { date: number; behaviour?: Behaviour }): Promise<HostileServer> {
  let behaviour: Behaviour =
    opts.behaviour ?? ((_req, res) => json(res, 404, { resultCode: 'MKT.2404', resultMsg: 'not found' }));
  const { server, requests } = recordingServer((seen, _req, res) => {
    res.setHeader('Date', new Date(opts.date).toUTCString());
    behaviour(seen, res);
  });
  // A client that gives up mid-answer resets the socket; that is expected here.
  server.on('clientError', (_err, socket: Socket) => socket.destroy());
  const { url, close } = await listenLocal(server);
  return {
    url,
    requests,
    count: (suffix) => requests.filter((r) => r.path.endsWith(suffix)).length,
    behave: (b) => {
      behaviour = b;
    },
    close,
  };
}

export const ok = (extra: object = {}): object => ({ resultCode: 'MKT.0000', resultMsg: 'success', ...extra });
export const page = (items: unknown[], nextCursor: string | null, hasMore: boolean): object =>
  ok({ items, nextCursor, hasMore });

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

export function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { Location: location, 'Content-Type': 'text/html' });
  res.end(`<a href="${location}">moved</a>`);
}

/** Bytes written straight on the socket (a status line and headers node:http would not send), then `then`. */
export function raw(res: ServerResponse, bytes: string | Buffer, then: 'end' | 'destroy' | 'hold' = 'end'): void {
  const socket = res.socket;
  if (!socket) return;
  socket.write(bytes, () => {
    if (then === 'end') socket.end();
    else if (then === 'destroy') socket.destroy();
  });
}

/** Calls `tick` every `ms` until the client goes away (or the server closes). */
export function every(res: ServerResponse, ms: number, tick: (socket: Socket) => void): void {
  const socket = res.socket;
  if (!socket) return;
  const timer = setInterval(() => {
    if (socket.destroyed) clearInterval(timer);
    else tick(socket);
  }, ms);
  socket.on('close', () => clearInterval(timer));
}

/**
 * Writes `total` bytes made of `chunk` repeated (then `tail`), honouring back-pressure and stopping as soon as the
 * client goes away: the server itself never holds more than one chunk, so a memory check measures the client.
 */
export function stream(res: ServerResponse, chunk: Buffer, total: number, tail: Buffer = Buffer.alloc(0)): void {
  let sent = 0;
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  const pump = (): void => {
    while (!gone && sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!gone) res.end(tail);
  };
  pump();
}

const MiB = 1024 * 1024;
let bombMember: Buffer | null = null;

/**
 * A gzip bomb: `{"resultCode":"MKT.0000",…` then `expandsTo` bytes of JSON whitespace, then `}` — valid JSON of
 * ~2 GiB once decompressed, about 1/1000 of that on the wire (concatenated gzip members, which gunzip accepts).
 */
export function gzipBomb(
  res: ServerResponse,
  head: string,
  expandsTo: number,
  contentType = 'application/json;charset=UTF-8',
): void {
  bombMember ??= gzipSync(Buffer.alloc(MiB, 0x20), { level: 9 });
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Encoding': 'gzip' });
  res.write(gzipSync(Buffer.from(head)));
  stream(res, bombMember, Math.ceil(expandsTo / MiB) * bombMember.length, gzipSync(Buffer.from('}')));
}

/** Compressed size of a bomb that expands to `expandsTo` bytes (for the test's own record). */
export function gzipBombWireBytes(expandsTo: number): number {
  bombMember ??= gzipSync(Buffer.alloc(MiB, 0x20), { level: 9 });
  return Math.ceil(expandsTo / MiB) * bombMember.length;
}
