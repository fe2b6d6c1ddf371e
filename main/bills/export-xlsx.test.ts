// B5: a bill as XLSX, read back with exceljs — both sheets, typed cells (numbers are numbers with '0.00', times are
// Dates, matches are booleans), the totals sheet's totals, B2a mismatch and B3 refund breakdown; a large bill
// written with progress.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMoney } from '../../common/domain/money';
import { largeBill, sampleBill } from './testing/export-fixtures';
import { DATE_TIME_FORMAT, MONEY_FORMAT, SHEETS, exportBillXlsx } from './export-xlsx';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bill-xlsx-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The row whose first cell is `label` (the totals sheet is label / value rows). */
function rowLabelled(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row labelled ${label}`);
  return found;
}

describe('bill XLSX (B5)', () => {
  let wb: ExcelJS.Workbook;
  let file: string;

  beforeAll(async () => {
    file = join(dir, 'bill.xlsx');
    const result = await exportBillXlsx(file, sampleBill());
    expect(result.lines).toBe(5);
    wb = await read(file);
  });

  it('has a totals sheet first and a lines sheet', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([SHEETS.totals, SHEETS.lines]);
  });

  it('lines: one row per line with typed cells — numbers with two places, real dates (UTC+8 wall clock), booleans', () => {
    const ws = wb.getWorksheet(SHEETS.lines);
    if (!ws) throw new Error('no lines sheet');
    expect(ws.rowCount).toBe(6);
    const header = ws.getRow(1).values as unknown[];
    expect(header.slice(1, 5)).toEqual([
      'Order No. / 订单号',
      'Order line ID / 订单行号',
      'Kind / 类型',
      'Attributed at (UTC+8) / 归属时间（UTC+8）',
    ]);

    const first = ws.getRow(2);
    expect(first.getCell(1).value).toBe('CS2509011200AAAAA');
    expect(first.getCell(3).value).toBe('purchase');
    const at = first.getCell(4).value;
    expect(at).toBeInstanceOf(Date);
    // 2025-09-01T04:00Z is 12:00 at UTC+8: the cell holds that wall-clock time.
    expect((at as Date).toISOString()).toBe('2025-09-01T12:00:00.000Z');
    expect(first.getCell(4).numFmt).toBe(DATE_TIME_FORMAT);
    for (const c of [5, 6, 8, 9, 10]) {
      expect(typeof first.getCell(c).value).toBe('number');
      expect(first.getCell(c).numFmt).toBe(MONEY_FORMAT);
    }
    expect(first.getCell(5).value).toBe(1000);
    expect(first.getCell(7).value).toBe(0.2);
    expect(first.getCell(9).value).toBe(800);
    expect(first.getCell(11).value).toBe(true);

    const mismatched = ws.getRow(5);
    expect(mismatched.getCell(2).value).toBe('CS2509041200DDDDD-000002');
    expect([mismatched.getCell(9).value, mismatched.getCell(10).value, mismatched.getCell(11).value]).toEqual([
      70,
      69,
      false,
    ]);
    expect(mismatched.getCell(12).value).toBe('(100.00 − 10.00) × (1 − 0.20) − 3.00 = 69.00');

    const refund = ws.getRow(6);
    expect([refund.getCell(3).value, refund.getCell(5).value, refund.getCell(9).value]).toEqual([
      'refund',
      -2000,
      -1600,
    ]);
  });

  it('totals: the bill, its totals with what B2a/B3 give, the B3 refund breakdown and the B2a mismatch', () => {
    const ws = wb.getWorksheet(SHEETS.totals);
    if (!ws) throw new Error('no totals sheet');
    expect(rowLabelled(ws, 'Bill ID / 账单号').getCell(2).value).toBe('B202509-0001');
    expect(rowLabelled(ws, 'Revision / 版本').getCell(2).value).toBe(2);
    expect(rowLabelled(ws, 'Generated at (UTC+8) / 生成时间（UTC+8）').getCell(2).value).toEqual(
      new Date('2025-10-07T00:00:00.000Z'),
    );
    expect(rowLabelled(ws, 'All checks match (B2a, B3) / 全部核对一致').getCell(2).value).toBe(false);
    expect(rowLabelled(ws, 'Deposit before this bill / 本账单前保证金').getCell(2).value).toBe(300);

    const totals: Array<[string, number]> = [
      ['Settlement amount / 结算金额', 1119.87],
      ['Refund deductions / 退款扣减', 1119.87],
      ['Deposit deductions / 保证金扣减', 300],
      ['Owed by the seller / 卖方应补缴', 180.13],
      ['Net payable / 应付净额', 0],
    ];
    for (const [label, amount] of totals) {
      const row = rowLabelled(ws, label);
      expect(row.getCell(2).value).toBe(amount);
      expect(row.getCell(2).numFmt).toBe(MONEY_FORMAT);
      expect(row.getCell(3).value).toBe(amount);
      expect(row.getCell(4).value).toBe(true);
      expect(typeof row.getCell(5).value).toBe('string');
    }

    const refund = rowLabelled(ws, 'CS2509251200EEEEE-000001');
    // Refund, from settlement, from deposit, owed by the seller, deposit before, deposit after.
    expect([2, 3, 4, 5, 6, 7].map((c) => refund.getCell(c).value)).toEqual([1600, 1119.87, 300, 180.13, 300, 0]);

    const mismatch = rowLabelled(ws, 'CS2509041200DDDDD-000002');
    expect([3, 4, 5].map((c) => mismatch.getCell(c).value)).toEqual([70, 69, 1]);
    expect(mismatch.getCell(8).value).toBe('(100.00 − 10.00) × (1 − 0.20) − 3.00 = 69.00');
  });

  it('streams a large bill with progress; the lines sheet sums to the bill totals', async () => {
    const stored = largeBill(6_000);
    const progress: Array<[number, number]> = [];
    const large = join(dir, 'large.xlsx');
    await exportBillXlsx(large, stored, { onProgress: (d, t) => progress.push([d, t]), yieldEvery: 1000 });
    expect(progress[0]).toEqual([0, 6_000]);
    expect(progress.at(-1)).toEqual([6_000, 6_000]);
    expect(progress.length).toBeGreaterThanOrEqual(6);

    const ws = (await read(large)).getWorksheet(SHEETS.lines);
    if (!ws) throw new Error('no lines sheet');
    expect(ws.rowCount).toBe(6_001);
    let settlementMinor = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(3).value !== 'refund')
        settlementMinor += Math.round((row.getCell(9).value as number) * 100);
    });
    expect(settlementMinor).toBe(parseMoney(stored.bill.totals.settlementAmount));
  });
});
