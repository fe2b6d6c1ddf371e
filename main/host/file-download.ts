// GET /api/files/<sha256>?token=…&name=…: a file of the attachment store as a download, so the
// browser host can hand the customer's request documents to the browser. Behind the per-run token (in the query,
// as for the event stream: a download link cannot set a header); only content-addressed files, never a path.
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fail } from '../../common/api/result';
import { sendJson } from './headers';

export interface FileSource {
  get(sha256: string): { size: number; contentType: string } | null;
  pathOf(sha256: string): string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `attachment; filename="ascii"; filename*=UTF-8''utf8` (RFC 6266): Chinese names survive, quotes cannot break out. */
export function contentDisposition(name: string): string {
  const safe = name.replace(/[\r\n"\\/]/g, '_').slice(0, 200) || 'attachment';
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

export function serveFile(
  res: ServerResponse,
  files: FileSource | undefined,
  sha256: string,
  name: string | null,
): void {
  const file = files && SHA256.test(sha256) ? files.get(sha256) : null;
  if (!files || !file) return sendJson(res, 404, fail('not_found', 'no such file'));
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.size,
    'Content-Disposition': contentDisposition(name ?? sha256),
    'Cache-Control': 'no-store',
    // Never rendered as a page of this origin, whatever it contains.
    'Content-Security-Policy': "sandbox; default-src 'none'",
  });
  const stream = createReadStream(files.pathOf(sha256));
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
