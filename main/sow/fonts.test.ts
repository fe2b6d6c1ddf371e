import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FONT_DIR_ENV, FONT_FILES, createFontCache, loadSowFonts, resolveFontDir, type SowFonts } from './fonts';

const repoFonts = resolve(__dirname, '../../resources/fonts');
const tmp = mkdtempSync(join(tmpdir(), 'sow-fonts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('SOW fonts: where they are found', () => {
  it('dev/tests and the esbuild bundle: resources/fonts/ above the module', () => {
    expect(resolveFontDir({ env: {} })).toBe(repoFonts);
  });

  it(`${FONT_DIR_ENV} overrides the search`, () => {
    const dir = join(tmp, 'custom');
    mkdirSync(dir);
    for (const f of Object.values(FONT_FILES)) symlinkSync(join(repoFonts, f), join(dir, f));
    expect(resolveFontDir({ env: { [FONT_DIR_ENV]: dir } })).toBe(dir);
  });

  it(`${FONT_DIR_ENV} pointing at a folder without the fonts is a clear error`, () => {
    expect(() => resolveFontDir({ env: { [FONT_DIR_ENV]: tmp } })).toThrow(
      /SELLER_DESK_FONTS_DIR=.* does not hold NotoSansSC-Regular\.ttf/,
    );
  });

  it('both weights load as TrueType-outline fonts with the glyphs the SOW draws', async () => {
    const fonts = await loadSowFonts();
    for (const f of [fonts.regular, fonts.bold]) {
      expect(f.pdfName).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
      for (const ch of '工作说明书✓–·ASCII') expect(f.font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0), ch).toBe(true);
    }
  });

  it('the font cache loads once, and retries after a failure', async () => {
    let calls = 0;
    const fake = {} as SowFonts;
    const cache = createFontCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('disk');
      return fake;
    });
    await expect(cache()).rejects.toThrow('disk');
    expect(await cache()).toBe(fake);
    expect(await cache()).toBe(fake);
    expect(calls).toBe(2);
  });
});
