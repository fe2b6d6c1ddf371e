// The CJK-capable fonts the statement of work embeds (subset) — docs/architecture.md "PDF with Chinese
// text": a TrueType-outline Noto Sans SC (OFL), two weights, shipped in resources/fonts/.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { create, type Font, type Glyph } from 'fontkit';
import { keepParsedOutlines } from './fontkit-adapter';

export const FONT_FILES = { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf' } as const;
/** Overrides where the fonts are looked for (a folder holding FONT_FILES). */
export const FONT_DIR_ENV = 'SELLER_DESK_FONTS_DIR';

export interface LoadedFont {
  /** The exact bytes handed to pdf-lib (the fontkit adapter recognises them by identity). */
  bytes: Uint8Array;
  font: Font;
  /** PDF subset tag + PostScript name, fixed so the same input gives byte-identical output. */
  pdfName: string;
  /** Advance width per code point in font units, filled as text is measured. */
  widths: Map<number, number>;
  /** Glyph per code point, filled as text is drawn (per font, shared by every document). */
  glyphs: Map<number, Glyph>;
}

export interface SowFonts {
  regular: LoadedFont;
  bold: LoadedFont;
}

export interface FontDirOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Extra folders to start the upward search from (tests). */
  from?: readonly string[];
}

function hasFonts(dir: string): boolean {
  return existsSync(join(dir, FONT_FILES.regular)) && existsSync(join(dir, FONT_FILES.bold));
}

/** `dir`, its parent, … up to the root: the first `<ancestor>/resources/fonts` that holds the fonts. */
function searchUp(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'resources', 'fonts');
    if (hasFonts(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Where the fonts are, in order: $SELLER_DESK_FONTS_DIR; the packaged app's resources folder
 * (Electron `process.resourcesPath`, as `fonts/` or `resources/fonts/`); `resources/fonts/` above this
 * module (dev and tests: main/sow/ → repo root; the esbuild bundle dist/main/cli.cjs → repo root) or
 * the entry script; `resources/fonts/` above the working directory.
 */
export function resolveFontDir(options: FontDirOptions = {}): string {
  const env = options.env ?? process.env;
  const explicit = env[FONT_DIR_ENV];
  if (explicit) {
    if (!hasFonts(explicit))
      throw new Error(`${FONT_DIR_ENV}=${explicit} does not hold ${Object.values(FONT_FILES).join(' and ')}`);
    return explicit;
  }
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    for (const dir of [join(resourcesPath, 'fonts'), join(resourcesPath, 'resources', 'fonts')])
      if (hasFonts(dir)) return dir;
  }
  // `__dirname`/`__filename` exist in the CommonJS bundle and under vitest (tsx may give only
  // `__filename`); guarded for plain ESM, where the entry script's folder stands in.
  const moduleDirs = [
    typeof __dirname === 'string' ? __dirname : null,
    typeof __filename === 'string' ? dirname(__filename) : null,
    process.argv[1] ? dirname(process.argv[1]) : null,
  ].filter((d): d is string => d !== null);
  for (const start of [...(options.from ?? []), ...moduleDirs, process.cwd()]) {
    const found = searchUp(start);
    if (found) return found;
  }
  throw new Error(
    `statement-of-work fonts not found: put ${FONT_FILES.regular} and ${FONT_FILES.bold} in resources/fonts/ or set ${FONT_DIR_ENV}`,
  );
}

function loaded(bytes: Uint8Array, tag: string): LoadedFont {
  const font = create(bytes);
  keepParsedOutlines(font);
  return { bytes, font, pdfName: `${tag}+${font.postscriptName}`, widths: new Map(), glyphs: new Map() };
}

/** Reads and parses both weights (≈ 21 MB; fontkit parses tables lazily). Keep the result for warm runs. */
export async function loadSowFonts(dir: string = resolveFontDir()): Promise<SowFonts> {
  const [regular, bold] = await Promise.all([
    readFile(join(dir, FONT_FILES.regular)),
    readFile(join(dir, FONT_FILES.bold)),
  ]);
  // Six capital letters then "+": the PDF subset-tag convention; fixed rather than random (determinism).
  return { regular: loaded(regular, 'SDSOWR'), bold: loaded(bold, 'SDSOWB') };
}

/**
 * A memo of the default fonts for callers that don't inject their own. Fonts are immutable
 * assets, so caching them is not flow state; `generateSow(input, { fonts })` bypasses it.
 */
export function createFontCache(load: () => Promise<SowFonts> = () => loadSowFonts()): () => Promise<SowFonts> {
  let pending: Promise<SowFonts> | null = null;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}
