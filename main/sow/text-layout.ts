// Line breaking for mixed Chinese/English text: Latin words break at spaces, Han text between any
// two characters, with simple kinsoku (no closing punctuation at a line start, no opening one at an end).
import type { LoadedFont } from './fonts';

/** Width of one code point at the size in use (PDF points). */
export type CodePointWidth = (codePoint: number) => number;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〉”’,.;:!?)]}%…—']);
const NO_LINE_END = new Set([...'（《「『【〈“‘([{']);

/** Drops control characters the font has no glyph for; tabs become spaces; CR LF → LF. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
  );
}

/** Splits a paragraph at its break opportunities: spaces, and around Han text unless kinsoku forbids. */
function tokenize(paragraph: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let prev = '';
  for (const ch of paragraph) {
    if (cur !== '') {
      const isSpace = ch === ' ';
      const breaks =
        isSpace !== (prev === ' ') ||
        (!isSpace && (CJK.test(prev) || CJK.test(ch)) && !NO_LINE_START.has(ch) && !NO_LINE_END.has(prev));
      if (breaks) {
        tokens.push(cur);
        cur = '';
      }
    }
    cur += ch;
    prev = ch;
  }
  if (cur) tokens.push(cur);
  return tokens;
}

function widthOf(text: string, cpWidth: CodePointWidth): number {
  let w = 0;
  for (const ch of text) w += cpWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** Breaks a token wider than a whole line, character by character. */
function hardBreak(token: string, maxWidth: number, cpWidth: CodePointWidth): string[] {
  const parts: string[] = [];
  let part = '';
  let w = 0;
  for (const ch of token) {
    const cw = cpWidth(ch.codePointAt(0) ?? 0);
    if (part && w + cw > maxWidth) {
      parts.push(part);
      part = '';
      w = 0;
    }
    part += ch;
    w += cw;
  }
  if (part) parts.push(part);
  return parts;
}

/** Greedy line filling; an empty paragraph stays an empty line. */
export function wrapText(text: string, maxWidth: number, cpWidth: CodePointWidth): string[] {
  const lines: string[] = [];
  for (const paragraph of cleanText(text).split('\n')) {
    let line = '';
    let lineW = 0;
    let pendingSpace = '';
    for (const token of tokenize(paragraph)) {
      if (token.trim() === '') {
        if (line) pendingSpace = token;
        continue;
      }
      const w = widthOf(token, cpWidth);
      const spaceW = widthOf(pendingSpace, cpWidth);
      if (line && lineW + spaceW + w <= maxWidth) {
        line += pendingSpace + token;
        lineW += spaceW + w;
      } else {
        if (line) lines.push(line);
        const pieces = w > maxWidth ? hardBreak(token, maxWidth, cpWidth) : [token];
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1];
        lineW = widthOf(line, cpWidth);
      }
      pendingSpace = '';
    }
    lines.push(line);
  }
  return lines;
}

/** Code-point width at `size` from the font's advance widths (what pdf-lib writes in /W). */
export function fontWidth(font: LoadedFont, size: number): CodePointWidth {
  const scale = size / font.font.unitsPerEm;
  return (cp) => {
    let units = font.widths.get(cp);
    if (units === undefined) {
      units = font.font.glyphForCodePoint(cp).advanceWidth;
      font.widths.set(cp, units);
    }
    return units * scale;
  };
}

export function textWidth(font: LoadedFont, text: string, size: number): number {
  return widthOf(text, fontWidth(font, size));
}
