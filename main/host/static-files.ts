// Serves the built renderer (dist/renderer): right content types, SPA fallback to index.html,
// never a file outside the folder.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY, sendText } from './headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

export const contentTypeOf = (file: string): string => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * The app's root folder (where package.json is): two levels above dist/main/cli.cjs, and above main/host/ in sources.
 */
export function defaultStaticDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (const up of ['../..', '..', '../../..']) {
    const root = resolve(here, up);
    if (existsSync(join(root, 'package.json'))) return join(root, 'dist', 'renderer');
  }
  return resolve('dist', 'renderer');
}

function fileIn(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  // Path traversal (`/../`, encoded or not) ends outside the root: refuse.
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/** What the renderer's build names its output: `/assets/<name>-<8-character content hash>.<ext>`. */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
const IMMUTABLE = 'private, max-age=31536000, immutable';

export function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'method not allowed');
    return;
  }
  const root = resolve(staticDir);
  let file = pathname === '/' ? null : fileIn(root, pathname);
  // SPA fallback: a path that is not a file (and does not look like an asset) gets the app's page.
  if (!file && (pathname === '/' || extname(pathname) === '' || pathname.endsWith('.html')))
    file = fileIn(root, '/index.html');
  if (!file) {
    sendText(
      res,
      404,
      existsSync(join(root, 'index.html')) ? 'not found' : 'the renderer is not built: run `npm run build`',
    );
    return;
  }
  const isHtml = extname(file).toLowerCase() === '.html';
  const headers: Record<string, string | number> = {
    'Content-Type': contentTypeOf(file),
    'Content-Length': statSync(file).size,
    // The page's URL carries the token: never cache it. A build's hashed assets never change under their name, so
    // the browser keeps them (a reload does not download and compile the app's scripts again); anything else is
    // revalidated.
    'Cache-Control': isHtml ? 'no-store' : HASHED_ASSET.test(pathname) ? IMMUTABLE : 'no-cache',
  };
  if (isHtml) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
