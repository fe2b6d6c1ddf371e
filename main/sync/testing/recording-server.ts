// Test support: the node:http plumbing the test marketplaces share (the fake marketplace, the hostile server). Each
// request is read whole and recorded before the test's handler answers it; the server listens on 127.0.0.1 only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** 1-based count of requests seen over the server's life (faults included). */
  n: number;
}

/** A server that records every request in `requests`, then hands it to `answer`. Not listening yet: see listenLocal. */
export function recordingServer(answer: (seen: SeenRequest, req: IncomingMessage, res: ServerResponse) => void): {
  server: Server;
  requests: SeenRequest[];
} {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        n: requests.length + 1,
      };
      requests.push(seen);
      answer(seen, req, res);
    });
  });
  return { server, requests };
}

/** Listens on 127.0.0.1 (`port` 0: any free one); `close` drops open connections rather than waiting for them. */
export async function listenLocal(server: Server, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
