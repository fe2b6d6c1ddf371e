// Where each file's resumable upload stands (uploads table, 0050): persisted after every answer so an
// interruption or a restart resumes from the marketplace's offset (docs/marketplace-api.md "Resumable uploads").
import type Database from 'better-sqlite3';

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

export function getUpload(db: Database.Database, sha256: string): UploadState | null {
  const row = db.prepare('SELECT * FROM uploads WHERE sha256 = ?').get(sha256) as UploadRow | undefined;
  return row ? rowToUpload(row) : null;
}

export function saveUpload(db: Database.Database, s: UploadState): void {
  db.prepare(
    `INSERT INTO uploads (sha256, size, upload_id, upload_offset, chunk_size, attachment_id, restarts, updated_at)
     VALUES (@sha256, @size, @uploadId, @offset, @chunkSize, @attachmentId, @restarts, @updatedAt)
     ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, upload_id = excluded.upload_id,
       upload_offset = excluded.upload_offset, chunk_size = excluded.chunk_size, attachment_id = excluded.attachment_id,
       restarts = excluded.restarts, updated_at = excluded.updated_at`,
  ).run(s);
}

/** Bytes the marketplace holds per file (for progress bars): size when done, else the last known offset. */
export function uploadProgress(db: Database.Database, sha256s: readonly string[]): Map<string, { sent: number; size: number }> {
  const out = new Map<string, { sent: number; size: number }>();
  const stmt = db.prepare('SELECT * FROM uploads WHERE sha256 = ?');
  for (const sha of sha256s) {
    const row = stmt.get(sha) as UploadRow | undefined;
    if (row) out.set(sha, { sent: row.attachment_id ? row.size : row.upload_offset, size: row.size });
  }
  return out;
}
