// Resumable uploads (docs/marketplace-api.md "Resumable uploads"): POST creates an upload (or answers the
// attachmentId of the same content this seller already has), PUT appends the next bytes at `Upload-Offset`
// (409 MKT.2420 with the server's offset otherwise), GET tells where to resume. The last byte checks the SHA-256
// (422 MKT.2421 discards the upload) and the type by content (415). Unfinished uploads expire after 24 hours.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RESULT } from '../common/marketplace/wire';
import type { Seller } from './auth';
import { findAttachmentByContent, putAttachment } from './catalog-store';
import type { SimContext } from './context';
import { notFound, ok, SimError } from './responses';
import { jsonBody, type Route, type RouteRequest } from './router';
import { SYNC } from './seller-routes';
import { allowedFamily, MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from './upload-checks';

const EXPIRE_MS = 24 * 3_600_000;

const createBody = z.object({
  fileName: z.string().trim().min(1).max(255),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256'),
  contentType: z.string().min(1).max(200),
});

interface UploadRow {
  upload_id: string;
  seller_id: string;
  file_name: string;
  size: number;
  sha256: string;
  content_type: string;
  received: number;
  attachment_id: string | null;
  created_at: number;
}

function sellerOf(req: RouteRequest): Seller {
  if (!req.seller) throw new SimError(401, RESULT.auth, 'signature required');
  return req.seller;
}

const tooLarge = (size: number) =>
  new SimError(413, RESULT.tooLarge, `file of ${size} bytes is larger than the 20 MiB limit`);

export function uploadRoutes(ctx: SimContext): Route[] {
  const db = ctx.store.db;
  const load = (req: RouteRequest): UploadRow => {
    const seller = sellerOf(req);
    const row = db.prepare('SELECT * FROM uploads WHERE upload_id = ?').get(req.params.uploadId) as
      UploadRow | undefined;
    if (!row || row.seller_id !== seller.sellerId) throw notFound(`no such upload: ${req.params.uploadId}`);
    if (!row.attachment_id && req.now - row.created_at > EXPIRE_MS) {
      discard(row.upload_id);
      throw notFound(`upload ${row.upload_id} expired (unfinished after 24 hours)`);
    }
    return row;
  };
  const discard = (uploadId: string): void => {
    db.prepare('DELETE FROM upload_chunks WHERE upload_id = ?').run(uploadId);
    db.prepare('DELETE FROM uploads WHERE upload_id = ?').run(uploadId);
  };

  /** The last byte is in: check SHA-256 and type, then the upload becomes an attachment. */
  const complete = (row: UploadRow, now: number): string => {
    const chunks = db
      .prepare('SELECT data FROM upload_chunks WHERE upload_id = ? ORDER BY start')
      .pluck()
      .all(row.upload_id) as Buffer[];
    const data = Buffer.concat(chunks);
    if (createHash('sha256').update(data).digest('hex') !== row.sha256 || data.length !== row.size) {
      discard(row.upload_id);
      throw new SimError(
        422,
        RESULT.checksum,
        'the SHA-256 of the bytes received does not match the one declared; the upload is discarded — start again',
      );
    }
    if (!allowedFamily(data)) {
      discard(row.upload_id);
      throw new SimError(
        415,
        RESULT.badType,
        `"${row.file_name}" is not an allowed file type (PDF, PNG, JPEG, DOC, DOCX, XLS, XLSX, ZIP)`,
      );
    }
    const ref = putAttachment(ctx.store, {
      attachmentId: ctx.newId('AT'),
      sellerId: row.seller_id,
      fileName: row.file_name,
      contentType: row.content_type,
      data,
      at: now,
    });
    db.prepare('UPDATE uploads SET attachment_id = ? WHERE upload_id = ?').run(ref.attachmentId, row.upload_id);
    db.prepare('DELETE FROM upload_chunks WHERE upload_id = ?').run(row.upload_id);
    ctx.store.logAction({
      at: now,
      actor: 'seller',
      kind: 'upload_completed',
      sellerId: row.seller_id,
      detail: { uploadId: row.upload_id, attachmentId: ref.attachmentId, sha256: row.sha256, size: row.size },
    });
    return ref.attachmentId;
  };

  return [
    {
      method: 'POST',
      path: `${SYNC}/uploads`,
      handler: (req) => {
        const seller = sellerOf(req);
        const body = jsonBody(req, createBody);
        if (body.size > MAX_UPLOAD_BYTES) throw tooLarge(body.size);
        const existing = findAttachmentByContent(ctx.store, seller.sellerId, body.sha256, body.size);
        if (existing) return ok({ attachmentId: existing });
        const uploadId = ctx.newId('UP');
        db.prepare(
          'INSERT INTO uploads (upload_id, seller_id, file_name, size, sha256, content_type, received, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
        ).run(uploadId, seller.sellerId, body.fileName, body.size, body.sha256, body.contentType, req.now);
        return ok({ uploadId, offset: 0, chunkSize: UPLOAD_CHUNK_BYTES });
      },
    },
    {
      method: 'PUT',
      path: `${SYNC}/uploads/:uploadId`,
      // No surrounding transaction: a discard (checksum, type, expiry) must stay done when the refusal is thrown.
      handler: (req) => {
        const row = load(req);
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase();
        if (type !== 'application/octet-stream')
          throw new SimError(400, RESULT.badParam, 'Content-Type must be application/octet-stream');
        const header = req.headers['upload-offset'];
        const offsetText = Array.isArray(header) ? header[0] : header;
        if (offsetText === undefined || !/^\d{1,12}$/.test(offsetText))
          throw new SimError(400, RESULT.badParam, 'Upload-Offset header (a byte offset) is required');
        const offset = Number(offsetText);
        if (row.attachment_id) {
          if (offset === row.size && req.body.length === 0)
            return ok({ offset: row.size, attachmentId: row.attachment_id });
          throw new SimError(
            409,
            RESULT.uploadOffset,
            `upload offset mismatch: the upload is complete at ${row.size}`,
            { offset: row.size },
          );
        }
        if (offset !== row.received)
          throw new SimError(
            409,
            RESULT.uploadOffset,
            `upload offset mismatch: expected ${row.received}, got ${offset}`,
            { offset: row.received },
          );
        if (req.body.length > UPLOAD_CHUNK_BYTES)
          throw new SimError(413, RESULT.tooLarge, `a chunk may be at most ${UPLOAD_CHUNK_BYTES} bytes`);
        if (offset + req.body.length > row.size) {
          throw new SimError(400, RESULT.validation, `more bytes than the declared size ${row.size}`, {
            errors: [{ field: 'body', message: 'beyond the declared size' }],
          });
        }
        const received = offset + req.body.length;
        if (req.body.length > 0) {
          ctx.store.transaction(() => {
            db.prepare('INSERT INTO upload_chunks (upload_id, start, data) VALUES (?, ?, ?)').run(
              row.upload_id,
              offset,
              req.body,
            );
            db.prepare('UPDATE uploads SET received = ? WHERE upload_id = ?').run(received, row.upload_id);
          });
        }
        if (received === row.size)
          return ok({ offset: received, attachmentId: complete({ ...row, received }, req.now) });
        return ok({ offset: received });
      },
    },
    {
      method: 'GET',
      path: `${SYNC}/uploads/:uploadId`,
      handler: (req) => {
        const row = load(req);
        return ok(
          row.attachment_id
            ? { offset: row.received, size: row.size, attachmentId: row.attachment_id }
            : { offset: row.received, size: row.size },
        );
      },
    },
  ];
}
