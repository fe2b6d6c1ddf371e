// What the marketplace checks on an uploaded file (docs/marketplace-api.md "Resumable uploads"): at most 20 MiB, and a
// type allowed by its content — PDF, PNG, JPEG, DOC/XLS (OLE2 compound file), DOCX/XLSX/ZIP (ZIP container).
// Deliberately coarse and independent of the app's own detector (main/files/detect.ts).

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

const SIGNATURES: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['ole2', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
];

/** The coarse family of an allowed file, or null when the content is not an allowed type. */
export function allowedFamily(bytes: Buffer): string | null {
  for (const [family, sig] of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return family;
  }
  return null;
}
