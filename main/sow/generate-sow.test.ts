// The statement of work checked with poppler — extracted text AND rendered
// pixels (docs/architecture.md: text can extract from a PDF whose glyphs do not draw).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validityPeriod } from '../../common/domain/validity';
import { generateSow } from './generate-sow';
import { loadSowFonts, type SowFonts } from './fonts';
import { longSowInput, sampleSowInput } from './sow-sample';
import type { SowInput } from './sow-types';

const hasPoppler = ['pdftotext', 'pdftoppm', 'pdfinfo', 'pdffonts'].every(
  (tool) => spawnSync(tool, ['-v']).error === undefined,
);
// CI installs poppler-utils (.ci/run): there a missing tool is a failure, not a skip.
if (!hasPoppler && process.env.CI)
  throw new Error(
    'poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts) must be installed in CI: apt-get install -y poppler-utils',
  );
if (!hasPoppler) {
  console.warn(
    'SKIPPED statement-of-work PDF checks: poppler-utils (pdftotext, pdftoppm) not installed — apt-get install -y poppler-utils',
  );
}

let dir = '';
let fonts: SowFonts;
let n = 0;

function save(bytes: Uint8Array): string {
  const file = join(dir, `sow-${++n}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

function text(file: string, page?: number, mode: '-raw' | '-layout' = '-raw'): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [mode, ...range, file, '-'], { encoding: 'utf8' });
}

const squash = (s: string) => s.replace(/\s+/g, '');

function pageCount(file: string): number {
  const m = /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(m?.[1]);
}

/**
 * Page `page` rendered in grey at `dpi` (optionally a crop in PDF points from the top-left): the share of dark pixels.
 */
function darkShare(
  file: string,
  page: number,
  dpi: number,
  crop?: { x: number; y: number; w: number; h: number },
): number {
  const out = join(dir, `render-${++n}`);
  const px = (pt: number) => String(Math.round((pt * dpi) / 72));
  const cropArgs = crop ? ['-x', px(crop.x), '-y', px(crop.y), '-W', px(crop.w), '-H', px(crop.h)] : [];
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    ...cropArgs,
    file,
    out,
  ]);
  const pgm = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM from pdftoppm');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const v of pixels) if (v < 128) dark++;
  return dark / pixels.length;
}

/** Where pdftotext finds `word` on a page (PDF points, top-left origin). */
function wordBox(file: string, page: number, word: string): { x: number; y: number; w: number; h: number } {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  for (const m of html.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[5] === word)
      return { x: Number(m[1]), y: Number(m[2]), w: Number(m[3]) - Number(m[1]), h: Number(m[4]) - Number(m[2]) };
  }
  throw new Error(`word ${word} not found on page ${page}`);
}

describe.skipIf(!hasPoppler)('statement of work PDF (pdftotext, pdftoppm)', () => {
  let sample: SowInput;
  let sampleFile: string;
  let sampleBytes: Uint8Array;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sow-test-'));
    fonts = await loadSowFonts();
    sample = sampleSowInput();
    sampleBytes = await generateSow(sample, { fonts });
    sampleFile = save(sampleBytes);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the text holds the order No., the Chinese product name and every template item title', () => {
    const all = squash(text(sampleFile));
    expect(all).toContain(sample.order.orderId);
    expect(all).toContain(squash('数据库迁移实施服务（企业版）'));
    expect(all).toContain(squash('Statement of Work / 工作说明书'));
    for (const item of sample.template.items) expect(all, item.title).toContain(squash(item.title));
  });

  it('seller, customer, amount, service period, enabling time, delivered content, sign-off', () => {
    const all = squash(text(sampleFile));
    for (const expected of [
      'Northwind 数据服务有限公司',
      '上海云杉信息科技有限公司',
      'CNY 128,000.00',
      '2025-04-01 – 2026-04-01 (UTC+8)',
      '2025-04-01 09:00 (UTC+8)',
      '共 3 个业务库',
      '412',
      '李明 (Li Ming)',
      'Signature / 签字',
      'Seal / 盖章',
      'Date / 日期',
      // The document id and generation time, in the header of page 1 and the footer of every page.
      'Document ID SOW-CS2504101530-01',
      'Generated 2025-04-10 15:30 (UTC+8)',
    ]) {
      expect(all, expected).toContain(squash(expected));
    }
  });

  it('checklist results — a tick per ticked option, and the count', () => {
    const page1 = text(sampleFile, 1);
    expect(page1.match(/✓/g)?.length).toBe(3);
    expect(page1).toMatch(/✓\s*Performance baseline met/);
    expect(page1).not.toMatch(/✓\s*回滚方案已演练/);
    expect(squash(page1)).toContain(squash('3 of 4 checked / 已勾选 3 项，共 4 项'));
  });

  it('the attachment index lists name, category, size and SHA-256 of each file', () => {
    const all = squash(text(sampleFile));
    for (const a of sample.attachments) {
      expect(all).toContain(squash(a.fileName));
      expect(all).toContain(a.sha256.slice(0, 32));
      expect(all).toContain(a.sha256.slice(32));
    }
    expect(all).toContain(squash('232.9 KB'));
    expect(all).toContain(squash('1.5 MB'));
    expect(all).toContain(squash('Acceptance 验收文档'));
  });

  it('V1/V5: without an enabling time the service period reads "from acceptance"', async () => {
    const input: SowInput = {
      ...sample,
      draft: { ...sample.draft, enablingTime: null },
      validity: validityPeriod({ periodType: 'month', periodNumber: 6, enablingTime: null, acceptedAt: null }),
    };
    const all = squash(text(save(await generateSow(input, { fonts }))));
    expect(all).toContain(squash('From acceptance: 6 months, starting when the customer accepts the delivery'));
    expect(all).toContain(squash('自客户验收之日起 6 个月'));
    expect(all).toContain(squash('Not given: the period starts at acceptance'));
  });

  it('page 1 renders, and is not blank', () => {
    const share = darkShare(sampleFile, 1, 50);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.5);
  });

  it('Chinese text actually draws (the fontkit subset trap): crops of Han-only words have ink', () => {
    for (const word of ['工作说明书', '上海云杉信息科技有限公司']) {
      const box = wordBox(sampleFile, 1, word);
      expect(box.w, word).toBeGreaterThan(20);
      expect(darkShare(sampleFile, 1, 150, box), word).toBeGreaterThan(0.08);
    }
    // …while an empty stretch of the page stays white (the crop measure is not fooled).
    expect(darkShare(sampleFile, 1, 150, { x: 60, y: 790, w: 200, h: 12 })).toBe(0);
  });

  it('the fonts are embedded as subsets (fixed tags) and the SOW stays well under 1 MB', async () => {
    const list = execFileSync('pdffonts', [sampleFile], { encoding: 'utf8' });
    expect(list).toMatch(/SDSOWR\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(list).toMatch(/SDSOWB\+NotoSansSC-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(sampleBytes.length).toBeLessThan(200 * 1024);
    expect((await generateSow(longSowInput(), { fonts })).length).toBeLessThan(1024 * 1024);
  });

  it('a long SOW has "Page X of Y" right on every page', async () => {
    const file = save(await generateSow(longSowInput(), { fonts }));
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) {
      const t = squash(text(file, p));
      expect(t, `page ${p}`).toContain(squash(`Page ${p} of ${pages} / 第 ${p} 页，共 ${pages} 页`));
      expect(t, `page ${p}`).toContain('SOW-CS2504101530-01');
      expect(darkShare(file, p, 40), `page ${p}`).toBeGreaterThan(0.005);
    }
    // The row taller than a page is split and labelled where it continues.
    expect(squash(text(file))).toContain(squash('Remarks / 备注 (continued / 续)'));
    // The sign-off block is kept whole on the last page.
    const last = squash(text(file, pages));
    expect(last).toContain(squash('Sign-off / 签字确认'));
    expect(last).toContain(squash('Seal / 盖章'));
  });

  it('same input → byte-identical output (fresh fonts, another run); another generation time → different bytes', async () => {
    const again = await generateSow(sampleSowInput(), { fonts: await loadSowFonts() });
    expect(Buffer.from(again).equals(Buffer.from(sampleBytes))).toBe(true);
    const later = await generateSow({ ...sampleSowInput(), generatedAt: sample.generatedAt + 60_000 }, { fonts });
    expect(Buffer.from(later).equals(Buffer.from(sampleBytes))).toBe(false);
  });

  it('metadata is fixed by the input, not the clock', () => {
    const info = execFileSync('pdfinfo', [sampleFile], { encoding: 'utf8' });
    expect(info).toMatch(/Producer:\s+Seller Desk/);
    expect(info).toMatch(/CreationDate:\s+Thu Apr 10 07:30:00 2025 UTC/);
    expect(info).toMatch(/ModDate:\s+Thu Apr 10 07:30:00 2025 UTC/);
  });

  it('without injected fonts the default fonts are found and loaded', async () => {
    const bytes = await generateSow(sampleSowInput());
    expect(Buffer.from(bytes).equals(Buffer.from(sampleBytes))).toBe(true);
  });

  it('empty template, no attachments, no validity, unexpected values still give a document', async () => {
    const input: SowInput = {
      ...sample,
      template: {
        templateVersion: 1,
        items: [
          { key: 'n', title: 'Count / 数量', required: true, kind: 'number' },
          { key: 'c', title: 'Checks / 检查', required: false, kind: 'checklist', options: ['A'] },
        ],
      },
      draft: { enablingTime: null, content: { n: 'not a number', c: ['A', 'Gone option'] } },
      attachments: [],
      validity: null,
    };
    const all = squash(text(save(await generateSow(input, { fonts }))));
    expect(all).toContain(squash('Count / 数量 Required / 必填 — Not provided / 未填写'));
    expect(all).toContain(squash('Gone option (not in the template / 模板中无此项)'));
    expect(all).toContain(squash('No attachments. / 无附件。'));
    expect(all).toContain(squash('Not applicable: the order has no service period'));
    const none = squash(
      text(save(await generateSow({ ...input, template: { templateVersion: 1, items: [] } }, { fonts }))),
    );
    expect(none).toContain(squash('The template has no items.'));
  });
});
