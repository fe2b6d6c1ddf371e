// Minimal real containers for tests (P3 content detection): a stored (uncompressed) ZIP with given entries, and an
// OLE2 compound file whose directory names the given streams. Test support only.
import { strToU8, zipSync } from 'fflate';

/** Fixed, so the same entries give the same bytes. */
const ZIP_TIME = new Date(Date.UTC(2025, 0, 1));

/** A ZIP archive (stored, method 0, valid CRCs; fflate) holding the given entries, in order. */
export function makeZip(entries: ReadonlyArray<readonly [string, string]>): Buffer {
  const files = Object.fromEntries(entries.map(([name, text]) => [name, strToU8(text)]));
  return Buffer.from(zipSync(files, { level: 0, mtime: ZIP_TIME }));
}

export const makeDocx = (): Buffer =>
  makeZip([
    ['[Content_Types].xml', '<Types/>'],
    ['word/document.xml', '<w:document/>'],
  ]);
export const makeXlsx = (): Buffer =>
  makeZip([
    ['[Content_Types].xml', '<Types/>'],
    ['xl/workbook.xml', '<workbook/>'],
  ]);

/** An OLE2 compound file: header sector, then one directory sector naming a root entry and the given streams. */
export function makeOle2(streams: readonly string[], padTo = 4096): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30); // 512-byte sectors
  const entries = [{ name: 'Root Entry', type: 5 }, ...streams.map((name) => ({ name, type: 2 }))];
  const dir = Buffer.alloc(Math.ceil(entries.length / 4) * 512);
  entries.forEach((e, i) => {
    const at = i * 128;
    const name = Buffer.from(`${e.name}\0`, 'utf16le');
    name.copy(dir, at);
    dir.writeUInt16LE(name.length, at + 64);
    dir[at + 66] = e.type;
  });
  const body = Buffer.concat([header, dir]);
  return body.length >= padTo ? body : Buffer.concat([body, Buffer.alloc(padTo - body.length)]);
}

export const JPEG_BYTES = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);
