import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { samplePdf, samplePng } from '../../marketplace-sim/sample-files';
import { openDatabase, type Db } from '../db/connection';
import { AttachmentStore, checkSubmissionCount, MAX_FILE_BYTES } from './store';
import { makeDocx } from './testing/samples';

let dir: string;
let db: Db;
let store: AttachmentStore;
const clock = { now: () => 1_750_000_000_000 };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sd-store-'));
  db = openDatabase(path.join(dir, 'app.db'));
  store = new AttachmentStore({ db, dataDir: dir, clock });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const rows = () => db.prepare('SELECT count(*) FROM attachments').pluck().get() as number;
const stored = () => readdirSync(path.join(dir, 'files')).filter((n) => n !== '.tmp');

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('attachment store', () => {
  it('stores content at files/<sha256> with the type detected from content; the same file added twice is stored once', async () => {
    const pdf = samplePdf('statement of work');
    const a = await store.addBytes(pdf, 'sow.pdf');
    const b = await store.addBytes(pdf, 'SOW copy.pdf');
    const again = await store.addBytes(pdf, 'sow.pdf');
    expect(a.sha256).toBe(sha(pdf));
    expect(b.sha256).toBe(a.sha256);
    expect(again.names).toEqual(['sow.pdf', 'SOW copy.pdf']);
    expect(a.contentType).toBe('application/pdf');
    expect(rows()).toBe(1);
    expect(stored()).toEqual([a.sha256]);
    expect(readFileSync(store.pathOf(a.sha256)).equals(pdf)).toBe(true);
    expect(readdirSync(path.join(dir, 'files', '.tmp'))).toEqual([]); // temp file renamed away
    console.log(
      `store: 3 adds of one PDF → ${rows()} row, ${stored().length} file, names ${JSON.stringify(again.names)}`,
    );
  });

  it('P3: type comes from content — a PNG named report.pdf is stored as image/png; a DOCX as its OOXML type', async () => {
    expect((await store.addBytes(samplePng('x'), 'report.pdf')).contentType).toBe('image/png');
    expect((await store.addBytes(makeDocx(), 'acceptance.bin')).contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('P3: a file type that is not allowed is refused with a specific error and nothing is stored', async () => {
    const err = await refusal(store.addBytes(Buffer.from('just text'), 'notes.pdf'));
    expect(err.code).toBe('validation');
    expect(err.details).toMatchObject({ reason: 'type_not_allowed', name: 'notes.pdf' });
    expect(rows()).toBe(0);
  });

  it('P3: a file over 20 MiB is refused before it is read or written', async () => {
    const big = path.join(dir, 'big.pdf');
    const bytes = Buffer.alloc(MAX_FILE_BYTES + 1);
    Buffer.from('%PDF-1.4\n').copy(bytes);
    writeFileSync(big, bytes);
    const err = await refusal(store.addFile(big));
    expect(err.message).toMatch(/20 MiB/);
    expect(err.details).toMatchObject({ reason: 'too_large', size: MAX_FILE_BYTES + 1 });
    expect(rows()).toBe(0);
    // exactly 20 MiB is allowed
    const ok = await store.addBytes(bytes.subarray(0, MAX_FILE_BYTES), 'limit.pdf');
    expect(ok.size).toBe(MAX_FILE_BYTES);
  });

  it('P3: at most 20 files in one submission', () => {
    expect(() => checkSubmissionCount(20)).not.toThrow();
    try {
      checkSubmissionCount(21);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).details).toMatchObject({ reason: 'too_many_files', count: 21, limit: 20 });
    }
  });

  it('the row is written only after the file is in place: a failed rename leaves no row and no temp file', async () => {
    const pdf = samplePdf('blocked');
    mkdirSync(path.join(dir, 'files', sha(pdf), 'occupied'), { recursive: true }); // a directory where the file must go
    await expect(store.addBytes(pdf, 'x.pdf')).rejects.toThrow();
    expect(rows()).toBe(0);
    expect(readdirSync(path.join(dir, 'files', '.tmp'))).toEqual([]);
  });

  it('a crash between rename and row (file present, no row) is completed by the next add; leftover temp files are cleaned', async () => {
    const pdf = samplePdf('crash');
    mkdirSync(path.join(dir, 'files', '.tmp'), { recursive: true });
    writeFileSync(path.join(dir, 'files', sha(pdf)), pdf);
    writeFileSync(path.join(dir, 'files', '.tmp', 'half-written.tmp'), pdf.subarray(0, 10));
    expect(await store.cleanupTemp()).toBe(1);
    const a = await store.addBytes(pdf, 'c.pdf');
    expect(rows()).toBe(1);
    expect(await store.verify(a.sha256)).toBe(true);
  });

  it('reads byte ranges for upload chunks and re-verifies content', async () => {
    const pdf = samplePdf('ranges');
    const a = await store.addBytes(pdf, 'r.pdf');
    expect((await store.read(a.sha256, 5, 25)).equals(pdf.subarray(5, 25))).toBe(true);
    expect((await store.read(a.sha256, pdf.length - 3, pdf.length + 100)).length).toBe(3);
    writeFileSync(store.pathOf(a.sha256), Buffer.concat([pdf, Buffer.from('x')]));
    expect(await store.verify(a.sha256)).toBe(false);
    expect(existsSync(store.pathOf(a.sha256))).toBe(true);
  });
});
