// Resumable upload of one stored file, exactly as docs/marketplace-api.md "Resumable uploads": POST /uploads (a file
// the marketplace already has answers { attachmentId } at once), PUT chunks with Upload-Offset, resume from the
// server's offset (409 MKT.2420 body, or GET /uploads/{id} after an interruption or a restart), start again on
// 422 MKT.2421 (checksum) or 404 (expired). The upload id and offset are persisted after every answer.
import type { WriteDb } from '../db/connection';
import { z } from 'zod';
import { AppError } from '../../common/api/result';
import { RESULT } from '../../common/marketplace/wire';
import type { RawResponse, RequestOptions } from '../sync/client';
import { MarketplaceError } from '../sync/errors';
import { rfc3986 } from '../sync/signer';
import type { AttachmentStore } from './store';
import { getUpload, saveUpload, type UploadState } from './upload-state';

/** What the uploader needs from the marketplace client (MarketplaceClient satisfies it). */
export interface Requester {
  request(method: string, path: string, opts?: RequestOptions): Promise<RawResponse>;
}

export interface UploadProgress {
  sha256: string;
  sent: number;
  size: number;
}

export interface UploadContext {
  db: WriteDb;
  client: Requester;
  store: AttachmentStore;
  clock: { now(): number };
  /** Our own chunk limit; the marketplace's `chunkSize` (8 MiB) caps it. */
  chunkSize?: number;
  onProgress?: (p: UploadProgress) => void;
}

const UPLOADS = '/api/seller-sync/v1/uploads';
/** A checksum mismatch or an expired upload starts again; past this many restarts in one call, give up. */
const MAX_RESTARTS = 3;

const created = z.union([
  z.object({ attachmentId: z.string().min(1) }),
  z.object({
    uploadId: z.string().min(1),
    offset: z.number().int().nonnegative(),
    chunkSize: z.number().int().positive(),
  }),
]);
const status = z.object({
  offset: z.number().int().nonnegative(),
  size: z.number().int().nonnegative().optional(),
  attachmentId: z.string().min(1).optional(),
});

/** Uploads the stored file with this SHA-256 (resuming what a previous call or process left) → the attachmentId. */
export async function uploadAttachment(ctx: UploadContext, sha256: string, fileName?: string): Promise<string> {
  const file = ctx.store.get(sha256);
  if (!file)
    throw new AppError('not_found', `attachment ${sha256} is not in the local store`, {
      reason: 'missing_attachment',
      sha256,
    });
  const name = fileName ?? file.names[0] ?? sha256;
  let st: UploadState = getUpload(ctx.db, sha256) ?? blank(sha256, file.size, ctx.clock.now());
  const report = (sent: number) => ctx.onProgress?.({ sha256, sent, size: file.size });
  const save = (patch: Partial<UploadState>) => {
    st = { ...st, ...patch, updatedAt: ctx.clock.now() };
    saveUpload(ctx.db, st);
  };
  if (st.attachmentId) {
    report(file.size);
    return st.attachmentId;
  }

  for (let restarts = 0; restarts <= MAX_RESTARTS; restarts++) {
    let offset: number;
    let serverChunk: number;
    if (!st.uploadId) {
      const res = parse(
        created,
        (
          await ctx.client.request('POST', UPLOADS, {
            body: { fileName: name, size: file.size, sha256, contentType: file.contentType },
          })
        ).json,
      );
      if ('attachmentId' in res) {
        save({ attachmentId: res.attachmentId, offset: file.size }); // deduplicated by SHA-256 and size
        report(file.size);
        return res.attachmentId;
      }
      save({ uploadId: res.uploadId, offset: res.offset, chunkSize: res.chunkSize });
      offset = res.offset;
      serverChunk = res.chunkSize;
    } else {
      const where = await resumePoint(ctx, st.uploadId);
      if (where === 'gone') {
        save({ uploadId: null, offset: 0, restarts: st.restarts + 1 });
        continue;
      }
      if (where.attachmentId) {
        save({ attachmentId: where.attachmentId, offset: file.size });
        report(file.size);
        return where.attachmentId;
      }
      save({ offset: where.offset });
      offset = where.offset;
      serverChunk = st.chunkSize ?? 8 * 1024 * 1024;
    }
    report(offset);
    const chunk = Math.max(1, Math.min(serverChunk, ctx.chunkSize ?? serverChunk));
    const done = await sendChunks(ctx, st.uploadId as string, sha256, file.size, offset, chunk, (o) => {
      save({ offset: o });
      report(o);
    });
    if (done.attachmentId) {
      save({ attachmentId: done.attachmentId, offset: file.size });
      report(file.size);
      return done.attachmentId;
    }
    // 422 MKT.2421 / 404: the marketplace discarded the upload. A corrupted local copy would fail forever.
    if (done.restart === 'checksum' && !(await ctx.store.verify(sha256))) {
      throw new AppError(
        'internal',
        `the stored copy of "${name}" is damaged (its SHA-256 no longer matches); add the file again`,
        { reason: 'corrupt_file', sha256 },
      );
    }
    save({ uploadId: null, offset: 0, restarts: st.restarts + 1 });
  }
  throw new AppError('internal', `the upload of "${name}" failed its checksum ${MAX_RESTARTS + 1} times`, {
    reason: 'upload_restarts',
    sha256,
  });
}

type ChunkOutcome =
  { attachmentId: string; restart?: undefined } | { attachmentId?: undefined; restart: 'checksum' | 'gone' };

async function sendChunks(
  ctx: UploadContext,
  uploadId: string,
  sha256: string,
  size: number,
  start: number,
  chunk: number,
  onOffset: (offset: number) => void,
): Promise<ChunkOutcome> {
  let offset = start;
  // A file whose bytes are all in (offset === size) still needs one (empty) PUT to learn its attachmentId.
  for (let guard = 0; guard < 100_000; guard++) {
    const bytes = await ctx.store.read(sha256, offset, Math.min(size, offset + chunk));
    let answer: z.infer<typeof status>;
    try {
      const res = await ctx.client.request('PUT', `${UPLOADS}/${rfc3986(uploadId)}`, {
        body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/octet-stream' },
      });
      answer = parse(status, res.json);
    } catch (err) {
      if (err instanceof MarketplaceError && err.kind === 'http') {
        const resumeAt = err.resultCode === RESULT.uploadOffset ? offsetOf(err.body) : undefined;
        if (err.status === 409 && resumeAt !== undefined) {
          offset = resumeAt; // the marketplace holds a different amount: go on from its offset
          onOffset(offset);
          continue;
        }
        if (err.status === 422 && err.resultCode === RESULT.checksum) return { restart: 'checksum' };
        if (err.status === 404) return { restart: 'gone' };
      }
      throw err; // interruption (reset, timeout, 5xx …): the caller retries later and resumes via GET
    }
    if (answer.attachmentId) return { attachmentId: answer.attachmentId };
    if (answer.offset <= offset && bytes.length > 0) {
      throw new AppError('internal', `the marketplace did not advance the upload (offset ${answer.offset})`, {
        reason: 'upload_stalled',
      });
    }
    offset = answer.offset;
    onOffset(offset);
    if (offset >= size && bytes.length === 0)
      throw new AppError('internal', 'the marketplace took every byte but gave no attachment id');
  }
  throw new AppError('internal', 'upload did not finish');
}

async function resumePoint(ctx: UploadContext, uploadId: string): Promise<'gone' | z.infer<typeof status>> {
  try {
    return parse(status, (await ctx.client.request('GET', `${UPLOADS}/${rfc3986(uploadId)}`)).json);
  } catch (err) {
    if (err instanceof MarketplaceError && err.kind === 'http' && err.status === 404) return 'gone'; // expired (24 h) or unknown
    throw err;
  }
}

function offsetOf(body: unknown): number | undefined {
  const r = z.object({ offset: z.number().int().nonnegative() }).safeParse(body);
  return r.success ? r.data.offset : undefined;
}

function parse<S extends z.ZodType>(schema: S, json: unknown): z.infer<S> {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  throw new MarketplaceError({ kind: 'parse', message: 'unexpected upload answer from the marketplace', body: json });
}

function blank(sha256: string, size: number, now: number): UploadState {
  return { sha256, size, uploadId: null, offset: 0, chunkSize: null, attachmentId: null, restarts: 0, updatedAt: now };
}
