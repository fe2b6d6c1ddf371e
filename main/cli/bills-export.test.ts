// `seller-desk bills export` (B5) in-process through runCli against a data folder whose archive holds two revisions
// of a bill and the seller's deposit: exactly one of --csv/--xlsx/--pdf, --revision, exit codes 0/1/2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireBill } from '../../common/marketplace/wire';
import { sampleBill } from '../bills/testing/export-fixtures';
import { saveAccount, storeBillRevision } from '../bills/repo';
import { createServices } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { BILLS_EXPORT_USAGE, billsExport, parseBillsExport, type BillSource } from './bills-export';
import { CliFailure, UsageError } from './errors';
import { lines, run } from './testing/support';

const { bill } = sampleBill();
/** Revision 1: before the refund arrived. */
const firstRevision: WireBill = {
  ...bill,
  revision: 1,
  generatedAt: '2025-10-06T16:00:00.000Z',
  lines: bill.lines.filter((l) => l.kind !== 'refund'),
  totals: {
    settlementAmount: '1119.87',
    refundDeductions: '0.00',
    depositDeductions: '0.00',
    owedBySeller: '0.00',
    netPayable: '1119.87',
  },
};

describe('seller-desk bills export', () => {
  let dataDir: string;
  let out: string;
  const dd = (): string[] => ['--data-dir', dataDir];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-bills-export-'));
    out = join(dataDir, 'out');
    const services = createServices({ dataDir, credentialStore: new MemoryCredentialStore() });
    try {
      const account = {
        resultCode: 'MKT.0000',
        resultMsg: 'success',
        sellerId: 'S1',
        sellerName: 'Seller',
        businessInfoCertified: true,
        deposit: { amount: '300.00', currency: 'CNY' as const },
      };
      saveAccount(services.db, {
        account,
        rawJson: JSON.stringify(account),
        fetchedAt: Date.parse('2025-10-01T00:00:00.000Z'),
      });
      for (const b of [firstRevision, bill])
        storeBillRevision(services.db, { bill: b, rawJson: JSON.stringify(b), receivedAt: Date.parse(b.generatedAt) });
    } finally {
      await services.close();
    }
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('--csv writes the latest revision; the rows sum to its totals', async () => {
    const file = join(out, 'bill.csv');
    const r = await run(['bills', 'export', bill.billId, '--csv', file, ...dd()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Wrote bill ${bill.billId} revision 2 \\(202509, 5 lines\\) as CSV to ${file} \\(\\d+\\.\\d KB\\)\\.$`,
        ),
      ),
    ]);
    const rows = parseCsv(readFileSync(file, 'utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(6);
    expect(rows.slice(1).map((r) => r[2])).toContain('refund');
  });

  it('--revision N exports that revision; a relative FILE is resolved against the working directory', async () => {
    const r = await run(['bills', 'export', bill.billId, '--revision', '1', '--csv', 'rev1.csv', ...dd()], {
      cwd: out,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`revision 1 (202509, 4 lines) as CSV to ${join(out, 'rev1.csv')}`);
    const rows = parseCsv(readFileSync(join(out, 'rev1.csv'), 'utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(5);
  });

  it('--xlsx writes a workbook whose B3 breakdown uses the archived deposit', async () => {
    const file = join(out, 'bill.xlsx');
    const r = await run(['bills', 'export', bill.billId, '--xlsx', file, ...dd()]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let refund: unknown[] = [];
    wb.worksheets[0].eachRow((row) => {
      if (row.getCell(1).value === 'CS2509251200EEEEE-000001') refund = [2, 3, 4, 5].map((c) => row.getCell(c).value);
    });
    expect(refund).toEqual([1600, 1119.87, 300, 180.13]);
  });

  it('--pdf writes a PDF', async () => {
    const file = join(out, 'bill.pdf');
    const r = await run(['bills', 'export', bill.billId, '--pdf', file, ...dd()]);
    expect(r.code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('exit 1 with a one-line reason: an unknown bill, a revision not stored, a file that cannot be written', async () => {
    const unknown = await run(['bills', 'export', 'B209901-0001', '--csv', join(out, 'x.csv'), ...dd()]);
    expect(unknown.code).toBe(1);
    expect(lines(unknown.stderr)).toEqual(['seller-desk: no bill B209901-0001 in the local archive']);

    const noRev = await run(['bills', 'export', bill.billId, '--revision', '9', '--csv', join(out, 'x.csv'), ...dd()]);
    expect(noRev.code).toBe(1);
    expect(lines(noRev.stderr)).toEqual([`seller-desk: no revision 9 of bill ${bill.billId} in the local archive`]);

    const blocker = join(out, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const unwritable = await run(['bills', 'export', bill.billId, '--csv', join(blocker, 'x.csv'), ...dd()]);
    expect(unwritable.code).toBe(1);
    expect(lines(unwritable.stderr)).toHaveLength(1);
    expect(unwritable.stderr).toMatch(
      new RegExp(`^seller-desk: cannot export bill ${bill.billId} as CSV to .*x\\.csv: `),
    );
  });

  it('exit 2 with the usage line: no format, two formats, no BILL_ID, a bad --revision', async () => {
    for (const argv of [
      [bill.billId],
      [bill.billId, '--csv', 'a.csv', '--pdf', 'a.pdf'],
      ['--csv', 'a.csv'],
      [bill.billId, '--csv', 'a.csv', '--revision', 'two'],
      [bill.billId, '--csv', 'a.csv', '--json'],
    ]) {
      const r = await run(['bills', 'export', ...argv, ...dd()]);
      expect(r.code, argv.join(' ')).toBe(2);
      const err = lines(r.stderr);
      expect(err).toHaveLength(2);
      expect(err[1]).toBe(`usage: ${BILLS_EXPORT_USAGE}`);
    }
  });

  it('billsExport reads through any bill source; parseBillsExport resolves the file', async () => {
    const source: BillSource = {
      getBill: (id, revision) => (id === bill.billId && (revision ?? 2) === 2 ? sampleBill() : null),
    };
    const args = parseBillsExport([bill.billId, '--pdf', 'b.pdf'], out);
    expect(args).toMatchObject({ billId: bill.billId, format: 'pdf', file: join(out, 'b.pdf'), revision: undefined });
    const progress: number[] = [];
    await expect(
      billsExport({ ...args, format: 'csv', file: join(out, 'src.csv') }, source, {
        onProgress: (d) => progress.push(d),
      }),
    ).resolves.toMatch(/^Wrote bill/);
    expect(progress.at(-1)).toBe(5);
    await expect(billsExport({ ...args, revision: 1 }, source)).rejects.toBeInstanceOf(CliFailure);
    expect(() => parseBillsExport([bill.billId, '--xlsx', ''], out)).toThrow(UsageError);
  });
});
