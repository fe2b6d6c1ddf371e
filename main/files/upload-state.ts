// Where each file's resumable upload stands (uploads table, 0050): persisted after every answer so an
// interruption or a restart resumes from the marketplace's offset (docs/marketplace-api.md "Resumable uploads").
import type { ReadDb, WriteDb } from '../db/connection';
import { perDb } from '../db/statement-cache';

export interface UploadState {
  sha256: string;
  size: number;
  uploadId: string | null;
  offset: number;
  chunkSize: number | null;
  attachmentId: string | null;
  restarts: number;
  updatedAt: number;
}

interface UploadRow {
  sha256: string;
  size: number;
  upload_id: string | null;
  upload_offset: number;
  chunk_size: number | null;
  attachment_id: string | null;
  restarts: number;
  updated_at: number;
}

function rowToUpload(r: UploadRow): UploadState {
  return {
    sha256: r.sha256,
    size: r.size,
    uploadId: r.upload_id,
    offset: r.upload_offset,
    chunkSize: r.chunk_size,
    attachmentId: r.attachment_id,
    restarts: r.restarts,
    updatedAt: r.updated_at,
  };
}

const reads = perDb((db: ReadDb) => ({
  get: db.prepare<[string], UploadRow>(
    'SELECT sha256, size, upload_id, upload_offset, chunk_size, attachment_id, restarts, updated_at FROM uploads WHERE sha256 = ?',
  ),
}));

const writes = perDb((db: WriteDb) => ({
  save: db.prepare<[UploadState]>(
    `INSERT INTO uploads (sha256, size, upload_id, upload_offset, chunk_size, attachment_id, restarts, updated_at)
     VALUES (@sha256, @size, @uploadId, @offset, @chunkSize, @attachmentId, @restarts, @updatedAt)
     ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, upload_id = excluded.upload_id,
       upload_offset = excluded.upload_offset, chunk_size = excluded.chunk_size, attachment_id = excluded.attachment_id,
       restarts = excluded.restarts, updated_at = excluded.updated_at`,
  ),
}));

export function getUpload(db: ReadDb, sha256: string): UploadState | null {
  const row = reads(db).get.get(sha256);
  return row ? rowToUpload(row) : null;
}

export function saveUpload(db: WriteDb, s: UploadState): void {
  writes(db).save.run(s);
}

/** Bytes the marketplace holds per file (for progress bars): size when done, else the last known offset. */
export function uploadProgress(db: ReadDb, sha256s: readonly string[]): Map<string, { sent: number; size: number }> {
  const out = new Map<string, { sent: number; size: number }>();
  const stmt = reads(db).get;
  for (const sha of sha256s) {
    const row = stmt.get(sha);
    if (row) out.set(sha, { sent: row.attachment_id ? row.size : row.upload_offset, size: row.size });
  }
  return out;
}
