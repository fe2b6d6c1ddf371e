// perf-notes.md "PDF with Chinese text": `@pdf-lib/fontkit` produced CJK subsets poppler could not
// draw; upstream fontkit 2 subsets correctly. pdf-lib still expects the 1.x API in one place
// (`subset.encodeStream()`), so this adapter bridges fontkit 2's `subset.encode()` to it, and hands
// pdf-lib a font that was parsed once instead of re-parsing a 10 MB file for every document.
import type { PDFDocument } from 'pdf-lib';
import type { Font, Glyph, Subset } from 'fontkit';

/** The fontkit object pdf-lib's `registerFontkit` takes. */
export type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

type Listener = (value?: unknown) => void;

/** A one-shot stand-in for the fontkit 1.x encode stream pdf-lib listens to (data → end | error). */
function encodeStreamOf(subset: Subset): { on(event: string, listener: Listener): unknown } {
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
      bytes = subset.encode();
    } catch (err) {
      listeners.get('error')?.(err);
      return;
    }
    listeners.get('data')?.(bytes);
    listeners.get('end')?.();
  });
  return stream;
}

function subsetAdapter(subset: Subset): object {
  return {
    includeGlyph: (glyph: number | Glyph) => subset.includeGlyph(glyph),
    encodeStream: () => encodeStreamOf(subset),
    // pdf-lib asks `subset.cff` to choose CIDFontType0 vs 2; fontkit 2's CFFSubset has a `cff` table.
    get cff() {
      return (subset as Subset & { cff?: unknown }).cff;
    },
  };
}

/** `font` with `createSubset()` returning the adapted subset; everything else is fontkit's own (same `this`). */
function fontAdapter(font: Font): object {
  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'createSubset') return () => subsetAdapter(target.createSubset());
      // pdf-lib only reads the glyph ids of a layout (it writes /W advance widths, never GPOS
      // positions), so full shaping is wasted work for Han and Latin text: map code points straight
      // to glyphs. Measured widths (text-layout.ts) then match what is drawn exactly.
      if (prop === 'layout') return (text: string) => ({ glyphs: target.glyphsForString(text), positions: [] });
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A fontkit for pdf-lib that knows already-parsed fonts by their bytes (the same Uint8Array object
 * passed to `embedFont`). Unknown bytes are refused: every font the SOW uses is loaded up front.
 */
export function preparsedFontkit(fonts: ReadonlyArray<{ bytes: Uint8Array; font: Font }>): PdfLibFontkit {
  const byBytes = new Map(fonts.map((f) => [f.bytes, f.font] as const));
  return {
    create(buffer: Uint8Array) {
      const font = byBytes.get(buffer);
      if (!font) throw new Error('font not preloaded: load it with loadSowFonts() first');
      return fontAdapter(font) as unknown as ReturnType<PdfLibFontkit['create']>;
    },
  };
}
