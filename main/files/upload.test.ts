import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedFetch } from '../../marketplace-sim/test-client';
import { MarketplaceError } from '../sync/errors';
import { seededRandom, startHarness, type Harness } from '../outbox/testing/sim-harness';
import { uploadAttachment, type UploadProgress } from './upload';
import { getUpload } from './upload-state';

// Resumable uploads exactly as docs/marketplace-api.md — resume from the server's offset after an
// interruption or a restart, checksum, deduplication by SHA-256, progress per file.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const CHUNK = 64 * 1024;

function pdfOfSize(size: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
  Buffer.from('%PDF-1.7\n').copy(bytes);
  return bytes;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const putBytes = () => h.client.log.filter((r) => r.method === 'PUT').reduce((n, r) => n + r.bodyBytes, 0);

async function download(attachmentId: string): Promise<Buffer> {
  const a = await signedFetch(h.sim, `/api/seller-sync/v1/attachments/${attachmentId}`);
  expect(a.status).toBe(200);
  return a.bytes;
}

describe('resumable upload (docs/marketplace-api.md "Resumable uploads")', () => {
  it('interrupted at 10 random offsets (reset / dropAfterCommit) → completes, at most one chunk resent per interruption, SHA-256 matches', async () => {
    const bytes = pdfOfSize(2 * 1024 * 1024 + 12_345, 11);
    const file = await h.env.store.addBytes(bytes, 'migration-report.pdf');
    const chunks = Math.ceil(bytes.length / CHUNK);
    const random = seededRandom(2025);
    const targets = new Set<number>();
    while (targets.size < 10) targets.add(Math.floor(random() * chunks) * CHUNK);
    const kinds = new Map<number, string>();
    [...targets].forEach((offset, i) => kinds.set(offset, i % 2 === 0 ? 'reset' : 'dropAfterCommit'));
    h.client.before = async (method, _path, opts) => {
      const offset = Number(opts.headers?.['Upload-Offset']);
      const kind = method === 'PUT' ? kinds.get(offset) : undefined;
      if (!kind) return;
      kinds.delete(offset); // once per offset
      await h.faults([{ match: 'PUT /api/seller-sync/v1/uploads/', kind, count: 1 }]);
    };
    const before = putBytes();
    const progress: UploadProgress[] = [];
    let interruptions = 0;
    let attachmentId = '';
    for (let run = 0; run < 50 && !attachmentId; run++) {
      try {
        // Each run is a fresh call, as after a restart: where to resume comes from SQLite and GET /uploads/{id}.
        attachmentId = await uploadAttachment(
          {
            db: h.env.db,
            client: h.client,
            store: h.env.store,
            clock: h.clock,
            chunkSize: CHUNK,
            onProgress: (p) => progress.push(p),
          },
          file.sha256,
        );
      } catch (err) {
        expect(err).toBeInstanceOf(MarketplaceError);
        expect((err as MarketplaceError).kind).toBe('network');
        interruptions++;
      }
    }
    h.client.before = null;
    await h.clearFaults();
    const sent = putBytes() - before;
    const resent = sent - bytes.length;
    const got = await download(attachmentId);
    const gets = h.client.log.filter((r) => r.method === 'GET' && r.path.includes('/uploads/')).length;
    console.log(
      `upload ${bytes.length} B in ${chunks} chunks of ${CHUNK} B: ${interruptions} interruptions at offsets [${[...targets].sort((a, b) => a - b).join(', ')}]; ` +
        `${sent} B sent (${resent} B resent = ${(resent / CHUNK).toFixed(2)} chunks), ${gets} resume lookups; sha256 ${sha(got) === file.sha256 ? 'matches' : 'MISMATCH'}; ${progress.length} progress events`,
    );
    expect(interruptions).toBe(10);
    expect(resent).toBeLessThanOrEqual(interruptions * CHUNK);
    expect(sha(got)).toBe(file.sha256);
    expect(getUpload(h.env.db, file.sha256)).toMatchObject({ attachmentId, offset: bytes.length });
    expect(progress.at(-1)).toEqual({ sha256: file.sha256, sent: bytes.length, size: bytes.length });
    expect(progress.every((p, i) => i === 0 || p.sent >= progress[i - 1].sent)).toBe(true);
  });

  it('deduplication by SHA-256: a file the marketplace already has answers its attachmentId at once, no bytes sent', async () => {
    const bytes = pdfOfSize(300_000, 12);
    const file = await h.env.store.addBytes(bytes, 'sow.pdf');
    const first = await uploadAttachment(
      { db: h.env.db, client: h.client, store: h.env.store, clock: h.clock, chunkSize: CHUNK },
      file.sha256,
    );
    h.env.db.prepare('DELETE FROM uploads WHERE sha256 = ?').run(file.sha256); // e.g. another device, or a reinstall
    const before = h.client.log.length;
    const second = await uploadAttachment(
      { db: h.env.db, client: h.client, store: h.env.store, clock: h.clock, chunkSize: CHUNK },
      file.sha256,
    );
    const calls = h.client.log.slice(before).map((r) => `${r.method} ${r.status}`);
    console.log(
      `dedupe: second upload of the same content → ${calls.join(', ')} → same attachmentId ${second === first}`,
    );
    expect(second).toBe(first);
    expect(calls).toEqual(['POST 200']);
  });

  it('422 MKT.2421 (checksum mismatch: a chunk corrupted on the way) → the upload starts again and completes', async () => {
    const bytes = pdfOfSize(5 * CHUNK, 13);
    const file = await h.env.store.addBytes(bytes, 'corrupted-once.pdf');
    let tampered = false;
    h.client.before = async (method, _path, opts) => {
      if (method !== 'PUT' || tampered || Number(opts.headers?.['Upload-Offset']) !== 2 * CHUNK) return;
      tampered = true;
      const copy = Buffer.from(opts.body as Uint8Array);
      copy[100] ^= 0xff;
      opts.body = copy;
    };
    const before = h.client.log.length;
    const id = await uploadAttachment(
      { db: h.env.db, client: h.client, store: h.env.store, clock: h.clock, chunkSize: CHUNK },
      file.sha256,
    );
    h.client.before = null;
    const statuses = h.client.log.slice(before).map((r) => `${r.method} ${r.status}`);
    console.log(`checksum: ${statuses.join(', ')}`);
    expect(statuses.filter((s) => s === 'PUT 422')).toHaveLength(1);
    expect(statuses.filter((s) => s.startsWith('POST'))).toHaveLength(2);
    expect(getUpload(h.env.db, file.sha256)?.restarts).toBe(1);
    expect(sha(await download(id))).toBe(file.sha256);
  });

  it("409 MKT.2420 (the marketplace holds more than we thought: another process sent the chunk) → resume from the body's offset", async () => {
    const bytes = pdfOfSize(6 * CHUNK, 14);
    const file = await h.env.store.addBytes(bytes, 'raced.pdf');
    let raced = false;
    h.client.before = async (method, path, opts) => {
      if (method !== 'PUT' || raced || Number(opts.headers?.['Upload-Offset']) !== 3 * CHUNK) return;
      raced = true;
      await h.client.inner.request('PUT', path, opts); // the same chunk, sent first by someone else
    };
    const before = h.client.log.length;
    const id = await uploadAttachment(
      { db: h.env.db, client: h.client, store: h.env.store, clock: h.clock, chunkSize: CHUNK },
      file.sha256,
    );
    h.client.before = null;
    const statuses = h.client.log.slice(before).map((r) => `${r.method} ${r.status}`);
    console.log(`offset mismatch: ${statuses.join(', ')}`);
    expect(statuses.filter((s) => s === 'PUT 409')).toHaveLength(1);
    expect(statuses.filter((s) => s.startsWith('PUT'))).toHaveLength(6); // 5 chunks + the refused one: nothing resent
    expect(sha(await download(id))).toBe(file.sha256);
  });
});
