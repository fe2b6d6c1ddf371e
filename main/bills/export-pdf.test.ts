// B5: a bill as PDF, checked with poppler (pdftotext, pdfinfo, pdffonts): Chinese and English headings, the totals,
// the B3 refund breakdown, the B2a mismatch, the lines, "Page X of Y / 第 X 页，共 Y 页", the embedded font, and
// a multi-page bill whose lines table flows across pages with progress.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSowFonts, type SowFonts } from '../sow/fonts';
import { largeBill, sampleBill } from './testing/export-fixtures';
import { billPdf, exportBillPdf } from './export-pdf';

const hasPoppler = ['pdftotext', 'pdfinfo', 'pdffonts'].every((tool) => spawnSync(tool, ['-v']).error === undefined);
// CI installs poppler-utils (.ci/run): there a missing tool is a failure, not a skip.
if (!hasPoppler && process.env.CI)
  throw new Error(
    'poppler-utils (pdftotext, pdfinfo, pdffonts) must be installed in CI: apt-get install -y poppler-utils',
  );
if (!hasPoppler)
  console.warn('SKIPPED bill PDF checks: poppler-utils (pdftotext) not installed — apt-get install -y poppler-utils');

let dir = '';
let fonts: SowFonts;

function text(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-raw', ...range, file, '-'], { encoding: 'utf8' });
}
const squash = (s: string) => s.replace(/\s+/g, '');
function pageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

describe.skipIf(!hasPoppler)('bill PDF (pdftotext)', () => {
  let file: string;
  let all: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bill-pdf-'));
    fonts = await loadSowFonts();
    file = join(dir, 'bill.pdf');
    const progress: number[] = [];
    const result = await exportBillPdf(file, sampleBill(), { fonts, onProgress: (d) => progress.push(d) });
    expect(result.lines).toBe(5);
    expect(progress.at(-1)).toBe(5);
    all = squash(text(file));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has the Chinese and English title and headings', () => {
    for (const heading of [
      'Settlement Bill / 结算账单',
      'Bill / 账单信息',
      'Totals / 合计',
      'Refunds (B3) / 退款扣减明细',
      'Checks (B2a) / 结算金额核对',
      'Lines / 账单明细',
    ]) {
      expect(all).toContain(squash(heading));
    }
    expect(all).toContain(squash('B202509-0001'));
    expect(all).toContain(squash('Billing period / 账期 2025-09'));
  });

  it('shows the totals with what B2a/B3 give', () => {
    for (const [label, amount] of [
      ['Settlement amount / 结算金额', '1,119.87 1,119.87'],
      ['Refund deductions / 退款扣减', '1,119.87 1,119.87'],
      ['Deposit deductions / 保证金扣减', '300.00 300.00'],
      ['Owed by the seller / 卖方应补缴', '180.13 180.13'],
      ['Net payable / 应付净额', '0.00 0.00'],
    ]) {
      expect(all).toContain(squash(`${label} ${amount}`));
    }
  });

  it('shows the B3 breakdown of the refund: from the settlement, from the deposit, owed by the seller', () => {
    expect(all).toContain(squash('已结算订单的退款先从本期结算金额中扣除'));
    // Refund, from settlement, from deposit, owed, deposit before → after.
    expect(all).toContain(squash('CS2509251200EEEEE-000001 1,600.00 1,119.87 300.00 180.13 300.00 0.00'));
  });

  it('names the line that does not match B2a, with its formula, and marks it in the lines table', () => {
    expect(all).toContain(squash('1 of 5 lines do not match B2a'));
    expect(all).toContain(squash('共 5 行中有 1 行与B2a不一致'));
    expect(all).toContain(
      squash('CS2509041200DDDDD-000002 Purchase 购买 70.00 69.00 (100.00 − 10.00) × (1 − 0.20) − 3.00 = 69.00'),
    );
    expect(all).toContain(
      squash('CS2509041200DDDDD-000002 Purchase 购买 2025-09-05 07:59 100.00 10.00 0.20 3.00 70.00 ≠ 69.00'),
    );
    expect(all).toContain(
      squash('CS2509251200EEEEE-000001 Refund 退款 2025-09-25 08:00 -2,000.00 0.00 0.20 0.00 -1,600.00 -1,600.00'),
    );
  });

  it('numbers every page "Page X of Y / 第 X 页，共 Y 页" and embeds the CJK font', () => {
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(squash(text(file, 1))).toContain(squash(`Page 1 of ${pages} / 第 1 页，共 ${pages} 页`));
    expect(squash(text(file, pages))).toContain(squash(`Page ${pages} of ${pages} / 第 ${pages} 页，共 ${pages} 页`));
    const fontList = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fontList).toMatch(/NotoSansSC/);
    expect(fontList).not.toMatch(/\bno\s+no\s+no\b/); // every font embedded
  });

  it('flows a long lines table across pages, header repeated, every line present, with progress', async () => {
    const stored = largeBill(600);
    const progress: Array<[number, number]> = [];
    const bytes = await billPdf(stored, { fonts, onProgress: (d, t) => progress.push([d, t]) });
    const big = join(dir, 'big.pdf');
    writeFileSync(big, bytes);
    const pages = pageCount(big);
    expect(pages).toBeGreaterThan(10);
    expect(progress[0]).toEqual([0, 600]);
    expect(progress.at(-1)).toEqual([600, 600]);
    expect(progress.length).toBeGreaterThanOrEqual(4);
    const lastPage = squash(text(big, pages));
    expect(lastPage).toContain(squash(`Page ${pages} of ${pages}`));
    expect(lastPage).toContain(squash('Order line ID / 订单行号'));
    const whole = text(big);
    for (const i of [0, 299, 599]) expect(whole).toContain(`CS2509${String(i).padStart(11, '0')}-000001`);
    expect(whole.match(/CS2509\d{11}-000001/g)?.length).toBeGreaterThanOrEqual(600);
  });

  it('gives the same bytes for the same bill', async () => {
    const again = await billPdf(sampleBill(), { fonts });
    expect(Buffer.from(again).equals(readFileSync(file))).toBe(true);
  });
});
