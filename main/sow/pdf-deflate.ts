// Compressing the SOW's streams with Node's zlib instead of pdf-lib's built-in pako: same Flate
// format, but pako's deflate was about a third of a warm SOW's time when profiled (the subset font
// files, ToUnicode CMaps and page content streams — pdf-canvas.ts writes those through
// `context.flateStream` too). Deterministic: same bytes in → same bytes out.
import { deflateSync } from 'node:zlib';
import type { PDFDocument } from 'pdf-lib';

type FlateStream = PDFDocument['context']['flateStream'];

/**
 * Makes this document's `context.flateStream` (font files, ToUnicode CMaps, pdf-canvas content) deflate with zlib.
 * Only this document's context object is changed; pdf-lib itself and other documents are not.
 */
export function deflateWithZlib(doc: PDFDocument): void {
  const context = doc.context;
  const flateStream: FlateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), {
      ...dict,
      Filter: 'FlateDecode',
    });
  context.flateStream = flateStream;
}
