import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { samplePdf } from './sample-files';
import { signedFetch } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const UPLOADS = '/api/seller-sync/v1/uploads';
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A valid PDF of about `size` bytes (a comment block pads it). */
function pdfOf(size: number, salt: string): Buffer {
  const head = samplePdf(`upload test ${salt}`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x25)]);
}

describe('resumable uploads (docs/marketplace-api.md)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, orders: 0, quiet: true });
  });
  afterAll(() => sim.close());

  const create = (file: Buffer, fileName = 'acceptance.pdf', contentType = 'application/pdf') =>
    signedFetch(sim, UPLOADS, {
      method: 'POST',
      body: { fileName, size: file.length, sha256: sha(file), contentType },
    });
  const put = (id: string, offset: number, bytes: Buffer) =>
    signedFetch(sim, `${UPLOADS}/${id}`, {
      method: 'PUT',
      body: bytes,
      contentType: 'application/octet-stream',
      headers: { 'Upload-Offset': String(offset) },
    });

  it('8 MiB chunks, resume from GET, completion with an attachmentId whose bytes download intact; same content again → attachmentId at once', async () => {
    const file = pdfOf(9 * 1024 * 1024 + 123, 'big');
    const created = await create(file);
    expect(created.json).toMatchObject({ resultCode: 'MKT.0000', offset: 0, chunkSize: 8 * 1024 * 1024 });
    const id = created.json?.uploadId as string;
    const chunk = created.json?.chunkSize as number;
    expect((await put(id, 0, file.subarray(0, chunk))).json).toMatchObject({ offset: chunk });
    expect((await signedFetch(sim, `${UPLOADS}/${id}`)).json).toMatchObject({ offset: chunk, size: file.length });
    const last = await put(id, chunk, file.subarray(chunk));
    expect(last.json).toMatchObject({ offset: file.length, attachmentId: expect.any(String) });
    const attachmentId = last.json?.attachmentId as string;
    expect((await signedFetch(sim, `${UPLOADS}/${id}`)).json).toMatchObject({ offset: file.length, attachmentId });
    const dl = await signedFetch(sim, `/api/seller-sync/v1/attachments/${attachmentId}`);
    expect(sha(dl.bytes)).toBe(sha(file));
    expect((await create(file, 'again.pdf')).json).toEqual({
      resultCode: 'MKT.0000',
      resultMsg: 'success',
      attachmentId,
    });
  });

  it("offset mismatch → 409 MKT.2420 with the server's offset", async () => {
    const file = pdfOf(5000, 'offset');
    const id = (await create(file)).json?.uploadId as string;
    await put(id, 0, file.subarray(0, 1000));
    const a = await put(id, 500, file.subarray(500, 2000));
    expect([a.status, a.json?.resultCode, a.json?.offset]).toEqual([409, 'MKT.2420', 1000]);
    expect((await put(id, 1000, file.subarray(1000))).json?.attachmentId).toEqual(expect.any(String));
  });

  it('checksum mismatch → 422 MKT.2421 and the upload is discarded', async () => {
    const file = pdfOf(3000, 'checksum');
    const id = (
      await signedFetch(sim, UPLOADS, {
        method: 'POST',
        body: { fileName: 'x.pdf', size: file.length, sha256: 'a'.repeat(64), contentType: 'application/pdf' },
      })
    ).json?.uploadId as string;
    const a = await put(id, 0, file);
    expect([a.status, a.json?.resultCode]).toEqual([422, 'MKT.2421']);
    expect((await signedFetch(sim, `${UPLOADS}/${id}`)).status).toBe(404);
  });

  it('over 20 MiB → 413 MKT.2413; a type not allowed by content → 415 MKT.2415 (whatever its name says)', async () => {
    const big = await signedFetch(sim, UPLOADS, {
      method: 'POST',
      body: {
        fileName: 'huge.pdf',
        size: 20 * 1024 * 1024 + 1,
        sha256: 'b'.repeat(64),
        contentType: 'application/pdf',
      },
    });
    expect([big.status, big.json?.resultCode]).toEqual([413, 'MKT.2413']);
    const text = Buffer.from('just some text, not a PDF at all');
    const id = (await create(text, 'fake.pdf')).json?.uploadId as string;
    const a = await put(id, 0, text);
    expect([a.status, a.json?.resultCode]).toEqual([415, 'MKT.2415']);
  });

  it('an unfinished upload expires after 24 hours (simulated clock)', async () => {
    const file = pdfOf(2000, 'expire');
    const id = (await create(file)).json?.uploadId as string;
    await put(id, 0, file.subarray(0, 100));
    sim.clock.advance(24 * 3_600_000 + 1000);
    expect((await signedFetch(sim, `${UPLOADS}/${id}`)).status).toBe(404);
    sim.clock.set(NOW);
  });
});
