// Bills as CSV (B5): UTF-8 with a byte-order mark (so Excel reads the Chinese headers right), one header row,
// one row per bill line, RFC 4180 quoting, CRLF line ends. Amounts are decimals with two places; summing the
// settlement column of the non-refund rows gives totals.settlementAmount, and the refund rows (negative, B3)
// sum to minus the refunded amount (refund + deposit deductions + owed by the seller). Also a CSV writer for
// any table whose columns the caller gives (the reconciliation of billed and unbilled order lines, B4).
import type { Writable } from 'node:stream';
import { marketDate } from '../../common/domain/time';
import {
  decimal,
  explain,
  marketDateTime,
  minorOf,
  progressTicker,
  writeChunk,
  writeFileStreaming,
  type BillForExport,
  type ExplainedBill,
  type ExportOptions,
} from './export-common';

export const UTF8_BOM = '\ufeff';
const EOL = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * How a column's values are written: `text` as given (guarded against spreadsheet formulas); `money` from
 * integer minor units to a two-place decimal; `number` as is; `dateTime` (UTC ms or a wire instant) as
 * "YYYY-MM-DD HH:mm:ss" at UTC+8; `date` (UTC ms) as the UTC+8 date, or a "YYYY-MM-DD" string as is;
 * `boolean` as yes/no. null and undefined are empty in every kind.
 */
export type CsvKind = 'text' | 'money' | 'number' | 'dateTime' | 'date' | 'boolean';

export interface CsvColumn<R> {
  header: string;
  kind?: CsvKind;
  value(row: R): CsvValue;
}

export interface CsvOptions extends ExportOptions {
  /** Rows expected, for progress (default: the length of an array of rows, else unknown = 0). */
  total?: number;
  /** Write the UTF-8 byte-order mark first (default true). */
  bom?: boolean;
}

/** RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: an order
 * number or a reason received from elsewhere must never execute when the file is opened.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cellText(kind: CsvKind, value: CsvValue): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'money':
      if (typeof value === 'number') return decimal(value);
      if (typeof value === 'string' && /^-?\d+\.\d{2}$/.test(value)) return value;
      throw new Error(`not an amount in minor units: ${JSON.stringify(value)}`);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new Error(`not a number: ${JSON.stringify(value)}`);
      return String(value);
    case 'dateTime':
      if (typeof value === 'boolean') break;
      return marketDateTime(value);
    case 'date':
      if (typeof value === 'number') return marketDate(value);
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
      break;
    case 'boolean':
      return value ? 'yes' : 'no';
    case 'text':
      return guardFormula(String(value));
  }
  throw new Error(`not a ${kind} value: ${JSON.stringify(value)}`);
}

export function csvRow<R>(columns: readonly CsvColumn<R>[], row: R): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i];
    if (i > 0) line += ',';
    line += csvField(cellText(col.kind ?? 'text', col.value(row)));
  }
  return line + EOL;
}

const CHUNK_ROWS = 1000;

/** Writes a whole CSV table to `out` (not ended); returns the number of data rows. */
export async function writeCsv<R>(
  out: Writable,
  columns: readonly CsvColumn<R>[],
  rows: Iterable<R> | AsyncIterable<R>,
  options: CsvOptions = {},
): Promise<number> {
  const total = options.total ?? (Array.isArray(rows) ? rows.length : 0);
  const tick = progressTicker(total, options);
  const chunkRows = Math.max(1, Math.min(CHUNK_ROWS, options.yieldEvery ?? CHUNK_ROWS));
  let chunk = ((options.bom ?? true) ? UTF8_BOM : '') + columns.map((c) => csvField(c.header)).join(',') + EOL;
  let done = 0;
  for await (const row of rows) {
    chunk += csvRow(columns, row);
    done += 1;
    if (done % chunkRows === 0) {
      await writeChunk(out, chunk);
      chunk = '';
      await tick(done);
    }
  }
  await writeChunk(out, chunk);
  tick.finish(done);
  return done;
}

/** The bill CSV's columns, in order. Amounts: two-place decimals; the attribution time (B1) at UTC+8. */
export function billCsvColumns(x: ExplainedBill): CsvColumn<number>[] {
  const line = (i: number) => x.bill.lines[i];
  return [
    { header: 'Order No. / 订单号', value: (i) => line(i).orderId },
    { header: 'Order line ID / 订单行号', value: (i) => line(i).orderLineId },
    { header: 'Kind / 类型', value: (i) => line(i).kind },
    { header: 'Attributed at (UTC+8) / 归属时间（UTC+8）', kind: 'dateTime', value: (i) => line(i).attributedAt },
    { header: 'Sales excl. VAT / 不含税销售额', kind: 'money', value: (i) => minorOf(line(i).salesAmount) },
    {
      header: 'Customer withholding tax / 客户代扣税',
      kind: 'money',
      value: (i) => minorOf(line(i).customerWithholdingTax),
    },
    // A ratio, not money: written exactly as the bill states it.
    { header: 'Platform-fee ratio / 平台费率', kind: 'text', value: (i) => line(i).platformFeeRatio },
    { header: 'Seller taxes / 卖方税费', kind: 'money', value: (i) => minorOf(line(i).sellerTaxes) },
    { header: 'Settlement amount / 结算金额', kind: 'money', value: (i) => minorOf(line(i).settlementAmount) },
    {
      header: 'Expected settlement (B2a) / 应结算金额（B2a）',
      kind: 'money',
      value: (i) => x.lineChecks[i].expectedMinor,
    },
    { header: 'Matches B2a / 与B2a一致', kind: 'boolean', value: (i) => x.lineChecks[i].matches },
  ];
}

function* indices(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

/** The bill's CSV to `out` (not ended). */
export async function writeBillCsv(
  out: Writable,
  stored: BillForExport | ExplainedBill,
  options: ExportOptions = {},
): Promise<number> {
  const x = 'lineChecks' in stored ? stored : explain(stored);
  return writeCsv(out, billCsvColumns(x), indices(x.bill.lines.length), { ...options, total: x.bill.lines.length });
}

export interface FileExport {
  file: string;
  bytes: number;
  lines: number;
}

/** The bill's CSV written to `file` (temp name, fsync, rename). */
export async function exportBillCsv(
  file: string,
  stored: BillForExport | ExplainedBill,
  options: ExportOptions = {},
): Promise<FileExport> {
  let lines = 0;
  const bytes = await writeFileStreaming(file, async (out) => {
    lines = await writeBillCsv(out, stored, options);
  });
  return { file, bytes, lines };
}

/**
 * Any table as CSV in `file` — e.g. the reconciliation of order lines (billed / unbilled, period, bill id,
 * reason, B4) with the columns the caller chooses.
 */
export async function exportCsvTable<R>(
  file: string,
  columns: readonly CsvColumn<R>[],
  rows: Iterable<R> | AsyncIterable<R>,
  options: CsvOptions = {},
): Promise<FileExport> {
  let lines = 0;
  const bytes = await writeFileStreaming(file, async (out) => {
    lines = await writeCsv(out, columns, rows, options);
  });
  return { file, bytes, lines };
}
