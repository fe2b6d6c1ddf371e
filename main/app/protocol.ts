// The renderer is loaded from app://seller-desk/, a privileged standard scheme serving dist/renderer, so the
// page has a real origin ('self' in the CSP, the IPC sender check) and no file:// powers.
import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../host/headers';
import { contentTypeOf } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'seller-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app's 'ready' event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Call after 'ready'. */
export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response('bad request', { status: 400 });
    }
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root + sep)) return new Response('not found', { status: 404 });
    // SPA fallback, as in the browser host.
    if (!(await isFile(file))) {
      if (extname(pathname) !== '' && !pathname.endsWith('.html')) return new Response('not found', { status: 404 });
      file = join(root, 'index.html');
    }
    const headers: Record<string, string> = {
      'Content-Type': contentTypeOf(file),
      'X-Content-Type-Options': 'nosniff',
    };
    if (extname(file) === '.html') headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    try {
      return new Response(await readFile(file), { status: 200, headers });
    } catch {
      return new Response('the renderer is not built: run `npm run build`', { status: 404 });
    }
  });
}
