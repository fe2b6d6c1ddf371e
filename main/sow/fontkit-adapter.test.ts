// The parsed-outline memo that makes warm SOWs fast must not change a byte of
// what fontkit's subsetter writes (same input → byte-identical output).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type Font, type Glyph } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { keepParsedOutlines } from './fontkit-adapter';
import { FONT_FILES, resolveFontDir } from './fonts';

const bytes = readFileSync(join(resolveFontDir(), FONT_FILES.regular));
const TEXT = '工作说明书 Statement of Work — 数据库迁移服务 ✓ 验收 2025-04-01';

function subsetOf(font: Font, text: string): Uint8Array {
  const subset = font.createSubset();
  for (const ch of text) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0) ?? 0));
  return subset.encode();
}

type Parsing = Glyph & { _decode(): unknown };

describe('keepParsedOutlines: fontkit subsets with each glyph outline parsed once', () => {
  it('writes the same subset bytes as an untouched fontkit font, on the first and on later documents', () => {
    const plain = create(bytes);
    const kept = create(bytes);
    expect(keepParsedOutlines(kept)).toBe(true);
    const expected = subsetOf(plain, TEXT);
    expect(subsetOf(kept, TEXT)).toEqual(expected);
    expect(subsetOf(kept, TEXT)).toEqual(expected);
    // A later document with other text, reusing some glyphs already parsed.
    expect(subsetOf(kept, 'Order 订单 No. 42 服务')).toEqual(subsetOf(plain, 'Order 订单 No. 42 服务'));
  });

  it('keeps the parsed outline on fontkit’s own glyph object (the memo is really in place)', () => {
    const kept = create(bytes);
    keepParsedOutlines(kept);
    const glyph = kept.glyphForCodePoint('迁'.codePointAt(0) ?? 0) as Parsing;
    expect(kept.getGlyph(glyph.id)).toBe(glyph);
    const first = glyph._decode();
    expect(first).toMatchObject({ numberOfContours: expect.any(Number) });
    expect(glyph._decode()).toBe(first);
    // An untouched font parses again on every call.
    const plain = create(bytes).glyphForCodePoint('迁'.codePointAt(0) ?? 0) as Parsing;
    expect(plain._decode()).not.toBe(plain._decode());
  });

  it('leaves a variable font alone: its outlines depend on the chosen variation', () => {
    const getGlyph = () => ({ id: 1 }) as unknown as Glyph;
    const variable = { variationAxes: { wght: { min: 100, default: 400, max: 900 } }, getGlyph } as unknown as Font;
    expect(keepParsedOutlines(variable)).toBe(false);
    expect(variable.getGlyph).toBe(getGlyph);
  });
});
