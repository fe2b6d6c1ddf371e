// B5: a bill as CSV, read back with a real CSV parser — BOM, header, one row per line, amounts with two places,
// the totals reproduced by summing the rows (B2, B3); the generic table writer (quoting, formulas, kinds);
// progress and yielding on a large bill.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMoney } from '../../common/domain/money';
import { MARKET_ZONE } from '../../common/domain/time';
import { explain, marketDateTime } from './export-common';
import { csvField, exportBillCsv, exportCsvTable, guardFormula, writeBillCsv, type CsvColumn } from './export-csv';
import { largeBill, sampleBill } from './testing/export-fixtures';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bill-csv-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function readCsv(file: string): { bytes: Buffer; rows: string[][] } {
  const bytes = readFileSync(file);
  return { bytes, rows: parse(bytes.toString('utf8'), { bom: true }) as string[][] };
}

const HEADER = [
  'Order No. / 订单号',
  'Order line ID / 订单行号',
  'Kind / 类型',
  'Attributed at (UTC+8) / 归属时间（UTC+8）',
  'Sales excl. VAT / 不含税销售额',
  'Customer withholding tax / 客户代扣税',
  'Platform-fee ratio / 平台费率',
  'Seller taxes / 卖方税费',
  'Settlement amount / 结算金额',
  'Expected settlement (B2a) / 应结算金额（B2a）',
  'Matches B2a / 与B2a一致',
];

describe('bill CSV (B5)', () => {
  it('is UTF-8 with a BOM, one header row and one row per line, amounts with two places', async () => {
    const stored = sampleBill();
    const file = join(dir, 'bill.csv');
    const result = await exportBillCsv(file, stored);
    const { bytes, rows } = readCsv(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(result).toMatchObject({ file, lines: 5, bytes: bytes.length });
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(1 + stored.bill.lines.length);
    expect(rows[1]).toEqual([
      'CS2509011200AAAAA',
      'CS2509011200AAAAA-000001',
      'purchase',
      '2025-09-01 12:00:00',
      '1000.00',
      '0.00',
      '0.20',
      '0.00',
      '800.00',
      '800.00',
      'yes',
    ]);
    // UTC+8 wall-clock time: 2025-09-04T23:59:59Z is the 5th at UTC+8.
    expect(rows[4].slice(3, 11)).toEqual([
      '2025-09-05 07:59:59',
      '100.00',
      '10.00',
      '0.20',
      '3.00',
      '70.00',
      '69.00',
      'no',
    ]);
    for (const row of rows.slice(1)) for (const c of [4, 5, 7, 8, 9]) expect(row[c]).toMatch(/^-?\d+\.\d{2}$/);
    // CRLF line ends (RFC 4180).
    expect(bytes.toString('utf8').split('\r\n')).toHaveLength(rows.length + 1);
  });

  it('reproduces the bill totals by summing the settlement column (B2, B3)', async () => {
    const { bill } = sampleBill();
    const file = join(dir, 'sum.csv');
    await exportBillCsv(file, sampleBill());
    const rows = readCsv(file).rows.slice(1);
    const sum = (pred: (r: string[]) => boolean) => rows.filter(pred).reduce((s, r) => s + parseMoney(r[8]), 0);
    const t = Object.fromEntries(Object.entries(bill.totals).map(([k, v]) => [k, parseMoney(v)])) as Record<
      keyof typeof bill.totals,
      number
    >;
    // The non-refund rows are the settlement amount; the refund rows (negative) are everything B3 deducts.
    expect(sum((r) => r[2] !== 'refund')).toBe(t.settlementAmount);
    expect(sum((r) => r[2] === 'refund')).toBe(-(t.refundDeductions + t.depositDeductions + t.owedBySeller));
    expect(sum(() => true)).toBe(t.settlementAmount - (t.refundDeductions + t.depositDeductions + t.owedBySeller));
    expect(t.settlementAmount - t.refundDeductions).toBe(t.netPayable);
  });

  it('marks the line that does not match B2a and gives its expected amount', async () => {
    const x = explain(sampleBill());
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeBillCsv(out, x);
    const rows = parse(Buffer.concat(chunks).toString('utf8'), { bom: true }) as string[][];
    expect(
      rows
        .slice(1)
        .filter((r) => r[10] === 'no')
        .map((r) => [r[1], r[8], r[9]]),
    ).toEqual([['CS2509041200DDDDD-000002', '70.00', '69.00']]);
  });

  it('waits for a slow destination to drain (backpressure) and writes every row once', async () => {
    const stored = largeBill(3_000);
    const out = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    const reading = (async () => {
      for await (const chunk of out) {
        chunks.push(chunk as Buffer);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await writeBillCsv(out, stored, { yieldEvery: 500 });
    out.end();
    await reading;
    expect(out.listenerCount('error')).toBeLessThanOrEqual(1);
    const rows = parse(Buffer.concat(chunks).toString('utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(3_001);
    expect(new Set(rows.slice(1).map((r) => r[1])).size).toBe(3_000);
  });

  it('reports progress and yields to the event loop on a large bill', async () => {
    const stored = largeBill(12_000);
    const progress: Array<[number, number]> = [];
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns += 1;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const file = join(dir, 'large.csv');
    const turnsBefore = turns;
    await exportBillCsv(file, stored, { onProgress: (done, total) => progress.push([done, total]), yieldEvery: 2000 });
    spinning = false;
    expect(turns - turnsBefore).toBeGreaterThanOrEqual(5);
    expect(progress[0]).toEqual([0, 12_000]);
    expect(progress.at(-1)).toEqual([12_000, 12_000]);
    expect(progress.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);

    const rows = readCsv(file).rows.slice(1);
    expect(rows).toHaveLength(12_000);
    const settlement = rows.filter((r) => r[2] !== 'refund').reduce((s, r) => s + parseMoney(r[8]), 0);
    expect(settlement).toBe(parseMoney(stored.bill.totals.settlementAmount));
    expect(rows.filter((r) => r[10] === 'no')).toHaveLength(12);
  });
});

describe('CSV table writer', () => {
  interface Recon {
    orderLineId: string;
    state: 'billed' | 'unbilled';
    period: string | null;
    billId: string | null;
    amountMinor: number;
    placedAt: number;
    reason: string | null;
  }
  const columns: CsvColumn<Recon>[] = [
    { header: 'Order line ID / 订单行号', value: (r) => r.orderLineId },
    { header: 'State / 状态', value: (r) => r.state },
    { header: 'Period / 账期', value: (r) => r.period },
    { header: 'Bill ID / 账单号', value: (r) => r.billId },
    { header: 'Amount / 金额', kind: 'money', value: (r) => r.amountMinor },
    { header: 'Placed (UTC+8) / 下单日期', kind: 'date', value: (r) => r.placedAt },
    { header: 'Reason / 原因', value: (r) => r.reason },
  ];

  it('writes the caller’s columns with RFC 4180 quoting, and reads back exactly', async () => {
    const rows: Recon[] = [
      {
        orderLineId: 'L-1',
        state: 'billed',
        period: '202509',
        billId: 'B202509-0001',
        amountMinor: 120_000,
        placedAt: Date.UTC(2025, 8, 30, 17),
        reason: null,
      },
      {
        orderLineId: 'L-2',
        state: 'unbilled',
        period: null,
        billId: null,
        amountMinor: -5,
        placedAt: Date.UTC(2025, 8, 1),
        reason:
          'Supervision is not completed (stage "awaiting_acceptance"), and\nthe bill, 2025-10, is not produced yet / 账单尚未生成',
      },
    ];
    const file = join(dir, 'recon.csv');
    const result = await exportCsvTable(file, columns, rows);
    expect(result.lines).toBe(2);
    const parsed = readCsv(file).rows;
    expect(parsed[0]).toEqual(columns.map((c) => c.header));
    expect(parsed[1]).toEqual(['L-1', 'billed', '202509', 'B202509-0001', '1200.00', '2025-10-01', '']);
    expect(parsed[2]).toEqual(['L-2', 'unbilled', '', '', '-0.05', '2025-09-01', rows[1].reason]);
  });

  it('takes rows from an async iterable, with the total given for progress', async () => {
    async function* gen(): AsyncGenerator<Recon> {
      for (let i = 0; i < 3; i++)
        yield {
          orderLineId: `L-${i}`,
          state: 'billed',
          period: '202509',
          billId: 'B',
          amountMinor: i,
          placedAt: 0,
          reason: null,
        };
    }
    const progress: Array<[number, number]> = [];
    const result = await exportCsvTable(join(dir, 'gen.csv'), columns, gen(), {
      total: 3,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(result.lines).toBe(3);
    expect(progress).toEqual([
      [0, 3],
      [3, 3],
    ]);
  });

  it('quotes fields per RFC 4180 and keeps text from running as a spreadsheet formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(guardFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(guardFormula('+1')).toBe("'+1");
    expect(guardFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardFormula('CS2509-1')).toBe('CS2509-1');
  });

  it('writes UTC+8 date-times exactly as a zone-aware conversion does (O4)', () => {
    for (const iso of ['2025-09-04T23:59:59.000Z', '2025-12-31T16:00:00.000Z', '2024-02-28T16:30:05.000Z']) {
      expect(marketDateTime(iso)).toBe(DateTime.fromISO(iso, { zone: MARKET_ZONE }).toFormat('yyyy-LL-dd HH:mm:ss'));
    }
  });
});
