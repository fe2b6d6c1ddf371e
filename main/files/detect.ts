// docs/rules.md P3: an attachment's type is detected from its content (magic bytes and container structure), never
// from its name. Allowed: PDF, PNG, JPEG, DOC/DOCX, XLS/XLSX, ZIP.

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'zip';

export const CONTENT_TYPES: Readonly<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

export interface Detected {
  kind: FileKind;
  contentType: string;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

/** The file's kind, or null when it is none of the allowed types (the caller refuses it, P3). */
export function detectType(bytes: Uint8Array): Detected | null {
  const kind = detectKind(bytes);
  return kind ? { kind, contentType: CONTENT_TYPES[kind] } : null;
}

function detectKind(b: Uint8Array): FileKind | null {
  if (startsWith(b, PDF)) return 'pdf';
  if (startsWith(b, PNG)) return 'png';
  if (startsWith(b, JPEG)) return 'jpeg';
  if (startsWith(b, OLE2)) return oleKind(b);
  if (startsWith(b, ZIP_LOCAL) || startsWith(b, ZIP_EMPTY)) return zipKind(b);
  return null;
}

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

/**
 * OLE2 compound file: Word keeps a "WordDocument" stream, Excel a "Workbook" (or "Book", Excel 5) stream.
 * Directory entries are 128-byte records (UTF-16LE name, then its byte length at +64) aligned to 128 bytes
 * after the 512-byte header; scanning the aligned records finds the names without walking the FAT.
 * Anything else in an OLE2 container (PowerPoint, Outlook …) is not allowed.
 */
function oleKind(b: Uint8Array): FileKind | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let excel = false;
  for (let at = 512; at + 128 <= b.length; at += 128) {
    const nameBytes = view.getUint16(at + 64, true);
    const type = b[at + 66];
    if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 !== 0 || type !== 2) continue; // 2 = stream
    let name = '';
    for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(view.getUint16(at + i, true));
    if (name === 'WordDocument') return 'doc';
    if (name === 'Workbook' || name === 'Book') excel = true;
  }
  return excel ? 'xls' : null;
}

/**
 * ZIP: read the central directory (found through the end-of-central-directory record). An OOXML package has
 * `[Content_Types].xml` plus `word/…` (DOCX) or `xl/…` (XLSX) entries; any other readable archive is a ZIP.
 */
function zipKind(b: Uint8Array): FileKind | null {
  const names = zipEntryNames(b);
  if (!names) return null;
  if (names.includes('[Content_Types].xml')) {
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  }
  return 'zip';
}

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;

/** Entry names from the central directory, or null when the archive's directory cannot be read. */
export function zipEntryNames(b: Uint8Array): string[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The EOCD record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = b.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIG) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset + cdSize > eocd) return null;
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CD_SIG) return null;
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    if (at + 46 + nameLen > eocd) return null;
    names.push(decoder.decode(b.subarray(at + 46, at + 46 + nameLen)));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}
