// Flowing content down A4 pages: a cursor, page breaks with a running header, and "lines" — the
// unit a table row is split at when it does not fit on the rest of a page.
import { rgb, type PDFDocument, type PDFFont, type RGB } from 'pdf-lib';
import { createCanvas, type Canvas, type PageCanvas } from './pdf-canvas';
import type { LoadedFont } from './fonts';
import { fontWidth, wrapText } from './text-layout';

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 48, right: 48, top: 54, bottom: 64 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const COLOR = {
  text: rgb(0.12, 0.13, 0.15),
  muted: rgb(0.42, 0.44, 0.48),
  label: rgb(0.25, 0.27, 0.31),
  rule: rgb(0.78, 0.8, 0.83),
  fill: rgb(0.95, 0.96, 0.975),
  accent: rgb(0.09, 0.29, 0.53),
  accentFill: rgb(0.9, 0.94, 0.98),
} as const;

export interface Face {
  loaded: LoadedFont;
  pdf: PDFFont;
}

export interface TextStyle {
  face: Face;
  size: number;
  color?: RGB;
}

/** One line of content: it occupies `height` below `top` and draws itself at x. */
export interface Line {
  height: number;
  draw(page: Canvas, x: number, top: number): void;
}

const LEADING = 1.45;

/** Baseline below a line's top: centres Noto Sans SC's glyphs within LEADING × size. */
function baseline(top: number, size: number): number {
  return top - size * 1.1;
}

export function drawText(page: Canvas, text: string, x: number, top: number, style: TextStyle): void {
  if (text === '') return;
  page.drawText(text, {
    x,
    y: baseline(top, style.size),
    size: style.size,
    font: style.face.pdf,
    color: style.color ?? COLOR.text,
  });
}

export function measure(style: TextStyle, text: string): number {
  const cw = fontWidth(style.face.loaded, style.size);
  let w = 0;
  for (const ch of text) w += cw(ch.codePointAt(0) ?? 0);
  return w;
}

/** Wrapped text as lines, optionally right-aligned within `width`. */
export function textLines(text: string, width: number, style: TextStyle, align: 'left' | 'right' = 'left'): Line[] {
  return wrapText(text, width, fontWidth(style.face.loaded, style.size)).map((str) => ({
    height: style.size * LEADING,
    draw(page, x, top) {
      drawText(page, str, align === 'right' ? x + width - measure(style, str) : x, top, style);
    },
  }));
}

export function spacer(height: number): Line {
  return { height, draw() {} };
}

/** A checklist option: a drawn box (ticked: filled, with ✓), then the wrapped label. */
export function checkboxLines(
  label: string,
  checked: boolean,
  width: number,
  style: TextStyle,
  tick: TextStyle,
): Line[] {
  const box = style.size * 0.95;
  const indent = box + style.size * 0.6;
  const lines = textLines(label, width - indent, style);
  return lines.map((line, i) => ({
    height: line.height,
    draw(page, x, top) {
      if (i === 0) {
        const y = baseline(top, style.size) - style.size * 0.12;
        page.drawRectangle({
          x,
          y,
          width: box,
          height: box,
          borderWidth: 0.8,
          borderColor: checked ? COLOR.accent : COLOR.muted,
          color: checked ? COLOR.accentFill : undefined,
        });
        if (checked)
          drawText(page, '✓', x + box * 0.1, top + style.size * 0.02, {
            ...tick,
            size: style.size * 0.95,
            color: COLOR.accent,
          });
      }
      line.draw(page, x + indent, top);
    },
  }));
}

export interface Flow {
  readonly doc: PDFDocument;
  readonly pages: PageCanvas[];
  page: Canvas;
  /** Top of the free space on the current page. */
  y: number;
  /** Space left above the bottom margin. */
  remaining(): number;
  newPage(): void;
  /** Starts a new page unless `height` still fits; true when it broke. */
  ensure(height: number): boolean;
  /** Draws lines one after another, breaking pages between lines. */
  lines(lines: readonly Line[], x?: number): void;
}

export function createFlow(doc: PDFDocument, runningHeader: (page: Canvas) => number): Flow {
  // The first page carries the document title instead of the running header.
  const first = createCanvas(doc, doc.addPage([A4.width, A4.height]));
  const flow: Flow = {
    doc,
    pages: [first],
    page: first,
    y: A4.height - MARGIN.top,
    remaining: () => flow.y - MARGIN.bottom,
    newPage() {
      const page = createCanvas(doc, doc.addPage([A4.width, A4.height]));
      flow.pages.push(page);
      flow.page = page;
      flow.y = A4.height - MARGIN.top - runningHeader(flow.page);
    },
    ensure(height) {
      if (height <= flow.remaining()) return false;
      flow.newPage();
      return true;
    },
    lines(lines, x = MARGIN.left) {
      for (const line of lines) {
        flow.ensure(line.height);
        line.draw(flow.page, x, flow.y);
        flow.y -= line.height;
      }
    },
  };
  return flow;
}
