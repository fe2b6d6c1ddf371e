// The attachment store (docs/architecture.md "Data"): content-addressed files under <dataDir>/files/<sha256>.
// A file is written to a temp file, fsynced and renamed (and its directory fsynced) BEFORE the row that refers
// to it is committed, so a crash never leaves a row pointing at a missing or half-written file.
import { createHash, randomUUID } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../common/api/result';
import { detectType } from './detect';
import { storedJson } from '../db/row-problems';
import type { ReadDb, WriteDb } from '../db/connection';
import { perDb } from '../db/statement-cache';

/** docs/rules.md P3 (decided here) and docs/marketplace-api.md: 20 MiB a file, 20 files a submission. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES_PER_SUBMISSION = 20;

export interface StoredAttachment {
  sha256: string;
  size: number;
  contentType: string;
  /** Every name the same content was added under, first first. */
  names: string[];
  createdAt: number;
}

export interface AttachmentStoreOptions {
  db: WriteDb;
  dataDir: string;
  clock: { now(): number };
}

interface AttachmentRow {
  sha256: string;
  size: number;
  content_type: string;
  names_json: string;
  created_at: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

function rowToAttachment(r: AttachmentRow): StoredAttachment {
  return {
    sha256: r.sha256,
    size: r.size,
    contentType: r.content_type,
    names: storedJson<string[]>(r.names_json, 'attachments', r.sha256, 'names_json'),
    createdAt: r.created_at,
  };
}

const ATTACHMENT_COLUMNS = 'sha256, size, content_type, names_json, created_at';

const reads = perDb((db: ReadDb) => ({
  get: db.prepare<[string], AttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE sha256 = ?`),
}));

const writes = perDb((db: WriteDb) => ({
  insert: db.prepare<[string, number, string, string, number], AttachmentRow>(
    `INSERT INTO attachments (sha256, size, content_type, names_json, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${ATTACHMENT_COLUMNS}`,
  ),
  setNames: db.prepare<[string, string]>('UPDATE attachments SET names_json = ? WHERE sha256 = ?'),
}));

export function getAttachment(db: ReadDb, sha256: string): StoredAttachment | null {
  const row = reads(db).get.get(sha256);
  return row ? rowToAttachment(row) : null;
}

/** P3: at most 20 files in one submission (proof, appeal, review), with a specific error. */
export function checkSubmissionCount(count: number): void {
  if (count > MAX_FILES_PER_SUBMISSION) {
    throw new AppError(
      'validation',
      `${count} files attached; at most ${MAX_FILES_PER_SUBMISSION} files can go in one submission (P3)`,
      {
        reason: 'too_many_files',
        count,
        limit: MAX_FILES_PER_SUBMISSION,
      },
    );
  }
}

export class AttachmentStore {
  readonly dir: string;
  private readonly tmpDir: string;

  constructor(private readonly opts: AttachmentStoreOptions) {
    this.dir = path.join(opts.dataDir, 'files');
    this.tmpDir = path.join(this.dir, '.tmp');
  }

  /** Where the content with this hash lives (whether or not it exists). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError('validation', `not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256);
  }

  get(sha256: string): StoredAttachment | null {
    return SHA256.test(sha256) ? getAttachment(this.opts.db, sha256) : null;
  }

  /** Adds a file from disk under its own name (or `name`). Checks the size before reading it. */
  async addFile(filePath: string, name = path.basename(filePath)): Promise<StoredAttachment> {
    let size: number;
    try {
      size = (await stat(filePath)).size;
    } catch {
      throw new AppError('not_found', `cannot read "${filePath}"`, { reason: 'unreadable', path: filePath });
    }
    checkSize(name, size);
    return this.addBytes(await readFile(filePath), name);
  }

  /** Adds content; the same content added again is stored once (its new name is remembered). */
  async addBytes(bytes: Uint8Array, name: string): Promise<StoredAttachment> {
    checkSize(name, bytes.length);
    const detected = detectType(bytes);
    if (!detected) {
      throw new AppError(
        'validation',
        `"${name}" is not an allowed file type (PDF, PNG, JPEG, DOC/DOCX, XLS/XLSX, ZIP — checked by content, P3)`,
        {
          reason: 'type_not_allowed',
          name,
        },
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = getAttachment(this.opts.db, sha256);
    if (existing && (await this.fileIsComplete(sha256, existing.size))) return this.rememberName(existing, name);
    await this.writeDurably(sha256, bytes);
    return this.insertRow(sha256, bytes.length, detected.contentType, name);
  }

  /** Bytes [start, end) of a stored file (upload chunks). */
  async read(sha256: string, start: number, end: number): Promise<Buffer> {
    const fh = await open(this.pathOf(sha256), 'r');
    try {
      const length = Math.max(0, end - start);
      const buf = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await fh.read(buf, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === length ? buf : buf.subarray(0, done);
    } finally {
      await fh.close();
    }
  }

  /** Re-hashes the stored file: true when its content still matches its name. */
  async verify(sha256: string): Promise<boolean> {
    try {
      return (
        createHash('sha256')
          .update(await readFile(this.pathOf(sha256)))
          .digest('hex') === sha256
      );
    } catch {
      return false;
    }
  }

  /** Removes temp files left by a crash mid-write (call at start-up). Returns how many were removed. */
  async cleanupTemp(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch {
      return 0;
    }
    await Promise.all(names.map((n) => rm(path.join(this.tmpDir, n), { force: true })));
    return names.length;
  }

  private async fileIsComplete(sha256: string, size: number): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).size === size;
    } catch {
      return false;
    }
  }

  /** temp file → write → fsync → rename → fsync the directory (so the rename itself is durable). */
  private async writeDurably(sha256: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${sha256}.${randomUUID()}.tmp`);
    const fh = await open(tmp, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, this.pathOf(sha256));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await fsyncDir(this.dir);
  }

  private insertRow(sha256: string, size: number, contentType: string, name: string): StoredAttachment {
    const db = this.opts.db;
    return db.transaction(() => {
      const existing = getAttachment(db, sha256);
      if (existing) return this.rememberName(existing, name);
      const row = writes(db).insert.get(sha256, size, contentType, JSON.stringify([name]), this.opts.clock.now());
      if (!row) throw new Error(`attachment ${sha256} was not stored`); // INSERT … RETURNING always yields its row
      return rowToAttachment(row);
    })();
  }

  private rememberName(existing: StoredAttachment, name: string): StoredAttachment {
    if (existing.names.includes(name)) return existing;
    const names = [...existing.names, name];
    writes(this.opts.db).setNames.run(JSON.stringify(names), existing.sha256);
    return { ...existing, names };
  }
}

export function checkSize(name: string, size: number): void {
  if (size > MAX_FILE_BYTES) {
    const mib = (size / 1024 / 1024).toFixed(1);
    throw new AppError('validation', `"${name}" is ${mib} MiB; a file may be at most 20 MiB (P3)`, {
      reason: 'too_large',
      name,
      size,
      limit: MAX_FILE_BYTES,
    });
  }
}

/**
 * Directory fsync makes a rename durable on POSIX; Windows cannot open a directory for it, and NTFS journals renames.
 */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
