// A generic update feed on 127.0.0.1 (port 0) for tests: serves the files it is given, as a static web server
// would serve electron-builder's output folder, and records which paths were asked for.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  /** The feed's base URL, e.g. http://127.0.0.1:41234/seller-desk/ */
  url: string;
  /** Paths requested so far, without the query (electron-updater adds a no-cache one). */
  requests: string[];
  put(name: string, body: string | Buffer): void;
  close(): Promise<void>;
}

export async function startFeedServer(prefix = '/seller-desk/'): Promise<FeedServer> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://feed').pathname;
    requests.push(path);
    const body = path.startsWith(prefix) ? files.get(decodeURIComponent(path.slice(prefix.length))) : undefined;
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    put: (name, body) => files.set(name, typeof body === 'string' ? Buffer.from(body) : body),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** sha512 in base64, as electron-builder writes it into latest.yml. */
export const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

export interface Release {
  version: string;
  /** The installer (Windows) or the zip Squirrel.Mac installs (macOS) and its bytes. */
  file: { name: string; data: Buffer };
  /** Files listed beside it (the macOS dmg). */
  extra?: Array<{ name: string; data: Buffer }>;
  releaseDate?: string;
}

/** latest.yml / latest-mac.yml exactly as electron-builder writes them: version, files, path, sha512, releaseDate. */
export function channelFile(r: Release): string {
  const entry = (f: { name: string; data: Buffer }): string =>
    `  - url: ${f.name}\n    sha512: ${sha512(f.data)}\n    size: ${f.data.length}\n`;
  return (
    `version: ${r.version}\n` +
    `files:\n${[r.file, ...(r.extra ?? [])].map(entry).join('')}` +
    `path: ${r.file.name}\n` +
    `sha512: ${sha512(r.file.data)}\n` +
    `releaseDate: '${r.releaseDate ?? '2025-05-01T08:00:00.000Z'}'\n`
  );
}
