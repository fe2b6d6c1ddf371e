// docs/architecture.md "PDF with Chinese text": `@pdf-lib/fontkit` produced CJK subsets poppler could not
// draw; upstream fontkit 2 parses the fonts instead. This adapter hands pdf-lib a font that was parsed
// once (not re-parsing a 10 MB file for every document), maps text to glyphs through a per-font
// cache, and subsets with fontkit 2's own subsetter (fonts in PDFs are not hand-rolled).
import type { PDFDocument } from 'pdf-lib';
import type { Font, Glyph, Subset } from 'fontkit';

/** The fontkit object pdf-lib's `registerFontkit` takes. */
export type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** What the adapter needs of a loaded font (fonts.ts LoadedFont). */
export interface PreparsedFont {
  bytes: Uint8Array;
  font: Font;
  /** Per-font glyph cache by code point; never keyed by a document's text. */
  glyphs: Map<number, Glyph>;
}

type Listener = (value?: unknown) => void;

/** The one fontkit internal the outline memo touches: a TrueType glyph's outline parser. */
interface OutlineParsing {
  _decode?: () => unknown;
}

/**
 * fontkit's TrueType subsetter parses the whole outline of every glyph it copies (`glyph._decode()`,
 * only to see whether it is a composite glyph), on every document: about 40% of a warm SOW when
 * profiled. fontkit already keeps one Glyph object per glyph id (`getGlyph`), and a static font's
 * outlines never change, so this keeps the parsed outline on that object; fontkit still does all of
 * the subsetting. Variable fonts are left alone (their outlines depend on the chosen variation).
 * Changes only this font object. Returns whether the memo was installed.
 */
export function keepParsedOutlines(font: Font): boolean {
  if (Object.keys(font.variationAxes).length > 0) return false;
  const getGlyph = font.getGlyph.bind(font);
  const kept = new WeakSet<Glyph>();
  font.getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = getGlyph(id, codePoints);
    const parsing = glyph as Glyph & OutlineParsing;
    if (glyph && !kept.has(glyph) && typeof parsing._decode === 'function') {
      kept.add(glyph);
      const decode = parsing._decode.bind(glyph);
      let outline: { value: unknown } | null = null;
      parsing._decode = () => (outline ??= { value: decode() }).value;
    }
    return glyph;
  };
  return true;
}

/** A one-shot stand-in for the fontkit 1.x encode stream pdf-lib listens to (data → end | error). */
function encodeStreamOf(encode: () => Uint8Array): { on(event: string, listener: Listener): unknown } {
  const listeners = new Map<string, Listener>();
  const stream = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return stream;
    },
  };
  queueMicrotask(() => {
    let bytes: Uint8Array;
    try {
      bytes = encode();
    } catch (err) {
      listeners.get('error')?.(err);
      return;
    }
    listeners.get('data')?.(bytes);
    listeners.get('end')?.();
  });
  return stream;
}

function subsetAdapter(f: PreparsedFont): object {
  // fontkit 2's subset (TrueType or CFF outlines), bridged to the fontkit 1.x stream pdf-lib listens to;
  // pdf-lib reads `subset.cff` to choose CIDFontType0 (CFF) or CIDFontType2 (TrueType).
  const subset: Subset & { cff?: unknown } = f.font.createSubset();
  return {
    includeGlyph: (glyph: number | Glyph) => subset.includeGlyph(glyph),
    encodeStream: () => encodeStreamOf(() => subset.encode()),
    cff: subset.cff,
  };
}

// Variation selectors pick a glyph together with the previous code point: leave those to fontkit.
const VARIATION_SELECTOR = /[\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;

/**
 * pdf-lib only reads the glyph ids of a layout (it writes /W advance widths, never GPOS positions),
 * so full shaping is wasted work for Han and Latin text: map code points straight to glyphs.
 * Measured widths (text-layout.ts) then match what is drawn exactly.
 */
function glyphsOf(f: PreparsedFont, text: string): Glyph[] {
  if (VARIATION_SELECTOR.test(text)) return f.font.glyphsForString(text);
  const glyphs: Glyph[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    let glyph = f.glyphs.get(cp);
    if (glyph === undefined) {
      glyph = f.font.glyphForCodePoint(cp);
      f.glyphs.set(cp, glyph);
    }
    glyphs.push(glyph);
  }
  return glyphs;
}

/** `font` with `createSubset()` and `layout()` replaced; everything else is fontkit's own (same `this`). */
function fontAdapter(f: PreparsedFont): object {
  return new Proxy(f.font, {
    get(target, prop) {
      if (prop === 'createSubset') return () => subsetAdapter(f);
      if (prop === 'layout') return (text: string) => ({ glyphs: glyphsOf(f, text), positions: [] });
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A fontkit for pdf-lib that knows already-parsed fonts by their bytes (the same Uint8Array object
 * passed to `embedFont`). Unknown bytes are refused: every font the SOW uses is loaded up front.
 */
export function preparsedFontkit(fonts: readonly PreparsedFont[]): PdfLibFontkit {
  const byBytes = new Map(fonts.map((f) => [f.bytes, f] as const));
  return {
    create(buffer: Uint8Array) {
      const font = byBytes.get(buffer);
      if (!font) throw new Error('font not preloaded: load it with loadSowFonts() first');
      return fontAdapter(font) as unknown as ReturnType<PdfLibFontkit['create']>;
    },
  };
}
