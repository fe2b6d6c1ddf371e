// Small but real demo files (PDF, PNG) for seeded attachments: real magic bytes so content sniffing (P3) accepts
// them, and the same name always gives the same bytes so a seeded AttachmentRef's sha256/size stay true.
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { hashSeed } from './prng';

export interface SampleFile {
  bytes: Buffer;
  contentType: string;
  size: number;
  sha256: string;
}

export interface SampleFiles {
  /** The file for a name: `.png` → PNG, anything else → PDF. */
  get(fileName: string): SampleFile;
}

/** A per-simulator memo (1M seeded lines share a few dozen file names, so each is built and hashed once). */
export function createSampleFiles(): SampleFiles {
  const cache = new Map<string, SampleFile>();
  return {
    get(fileName) {
      let file = cache.get(fileName);
      if (!file) {
        const png = /\.png$/i.test(fileName);
        const bytes = png ? samplePng(fileName) : samplePdf(`Seller Desk demo document: ${fileName}`);
        file = {
          bytes,
          contentType: png ? 'image/png' : 'application/pdf',
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        };
        cache.set(fileName, file);
      }
      return file;
    },
  };
}

/** A one-page PDF 1.4 with one line of Helvetica text (non-ASCII shown as `?`). */
export function samplePdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 12 Tf 72 770 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 16×16 RGB PNG in a colour derived from the seed text. */
export function samplePng(seedText: string): Buffer {
  const h = hashSeed('png', seedText);
  const [r, g, b] = [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
  const size = 16;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const shade = (x + y) % 2 === 0 ? 1 : 0.8;
      raw[row + 1 + x * 3] = Math.round(r * shade);
      raw[row + 2 + x * 3] = Math.round(g * shade);
      raw[row + 3 + x * 3] = Math.round(b * shade);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
