// Drawing a page's content stream directly, for the three primitives the SOW uses (text lines,
// rules, rectangles). pdf-lib's PDFPage.drawText/drawLine/drawRectangle build a dozen operator and
// number objects per call, validate every option, and — for text with a `font` option — add a new
// /Font resource key to the page on every call; a profiled 2-page SOW spent about half its warm
// time there. The operators written here are the same ones pdf-lib writes for these options.
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';

export interface Point {
  x: number;
  y: number;
}

/** The subset of PDFPage's drawing API the SOW uses, with the same option names. */
export interface Canvas {
  drawText(text: string, options: { x: number; y: number; size: number; font: PDFFont; color: RGB }): void;
  drawLine(options: { start: Point; end: Point; thickness: number; color: RGB; dashArray?: readonly number[] }): void;
  drawRectangle(options: {
    x: number;
    y: number;
    width: number;
    height: number;
    color?: RGB;
    borderColor?: RGB;
    borderWidth?: number;
    borderDashArray?: readonly number[];
  }): void;
}

export interface PageCanvas extends Canvas {
  readonly page: PDFPage;
  /** Writes the drawn content as the page's (Flate-compressed) content stream; call once, last. */
  finish(): void;
}

/** Up to 4 decimals (1/10000 pt is far below any device resolution); no exponent, no "-0". */
function num(n: number): string {
  const r = Math.round(n * 10000) / 10000;
  return r === 0 ? '0' : String(r);
}

const color = (c: RGB, op: 'rg' | 'RG') => `${num(c.red)} ${num(c.green)} ${num(c.blue)} ${op}`;
const dash = (array: readonly number[] | undefined) => `[${(array ?? []).map(num).join(' ')}] 0 d`;

export function createCanvas(doc: PDFDocument, page: PDFPage): PageCanvas {
  const ops: string[] = [];
  // One resource key per font per page (pdf-lib's drawText adds one per call).
  const fontKeys = new Map<PDFFont, string>();
  const fontKey = (font: PDFFont) => {
    let key = fontKeys.get(font);
    if (key === undefined) {
      key = page.node.newFontDictionary(font.name, font.ref).toString();
      fontKeys.set(font, key);
    }
    return key;
  };
  let finished = false;

  return {
    page,
    drawText(text, o) {
      // encodeText also adds the glyphs to the font's subset.
      const hex = o.font.encodeText(text).toString();
      ops.push(
        `BT ${color(o.color, 'rg')} ${fontKey(o.font)} ${num(o.size)} Tf 1 0 0 1 ${num(o.x)} ${num(o.y)} Tm ${hex} Tj ET`,
      );
    },
    drawLine(o) {
      ops.push(
        `q ${color(o.color, 'RG')} ${num(o.thickness)} w ${dash(o.dashArray)} ${num(o.start.x)} ${num(o.start.y)} m ${num(o.end.x)} ${num(o.end.y)} l S Q`,
      );
    },
    drawRectangle(o) {
      const width = o.borderWidth ?? 0;
      const paint = o.color && width ? 'B' : o.color ? 'f' : o.borderColor ? 'S' : 'n';
      ops.push(
        [
          'q',
          o.color ? color(o.color, 'rg') : '',
          o.borderColor ? color(o.borderColor, 'RG') : '',
          `${num(width)} w ${dash(o.borderDashArray)}`,
          `${num(o.x)} ${num(o.y)} ${num(o.width)} ${num(o.height)} re ${paint} Q`,
        ]
          .filter(Boolean)
          .join(' '),
      );
    },
    finish() {
      if (finished) throw new Error('canvas already finished');
      finished = true;
      const stream = doc.context.flateStream(ops.join('\n'));
      // The drawn operators are in the stream now: let them go (a long document finishes pages as it flows).
      ops.length = 0;
      page.node.addContentStream(doc.context.register(stream));
    },
  };
}
