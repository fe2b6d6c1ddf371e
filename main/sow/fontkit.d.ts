// Minimal typings for upstream `fontkit` 2 (it ships none): only what main/sow uses.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    path: { toSVG(): string };
  }
  export interface GlyphRun {
    glyphs: Glyph[];
  }
  export interface Subset {
    includeGlyph(glyph: number | Glyph): number;
    /** Fontkit 2: the whole subset font file at once (1.x had `encodeStream()`). */
    encode(): Uint8Array;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    numGlyphs: number;
    layout(text: string, features?: Record<string, boolean> | string[]): GlyphRun;
    glyphForCodePoint(codePoint: number): Glyph;
    glyphsForString(text: string): Glyph[];
    /** Variation axes by tag; empty for a static font. */
    variationAxes: Record<string, unknown>;
    getGlyph(id: number, codePoints?: number[]): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    createSubset(): Subset;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
