// Bills as XLSX (B5), written with exceljs's streaming workbook writer so a 100,000-line bill never sits in
// memory as a workbook. Two sheets: "Totals 合计" (the bill, its totals against what B2a/B3 give, the B3 refund
// breakdown and the lines that do not match B2a) and "Lines 明细" (one row per bill line). Amounts are
// numbers shown with two places ('0.00'), times are real dates (UTC+8 wall-clock, labelled), matches are
// booleans. The totals sheet comes first: it is small, and a streaming writer writes one sheet after the other.
import type { Writable } from 'node:stream';
import type { CellValue, Style, Worksheet } from 'exceljs';
import {
  KIND_LABELS,
  STATUS_LABELS,
  TOTAL_FIELDS,
  decimalNumber,
  explain,
  marketWallClockDate,
  minorOf,
  progressTicker,
  writeFileStreaming,
  type BillForExport,
  type ExplainedBill,
  type ExportOptions,
} from './export-common';
import type { FileExport } from './export-csv';

export const MONEY_FORMAT = '0.00';
export const RATIO_FORMAT = '0.00##';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const SHEETS = { totals: 'Totals 合计', lines: 'Lines 明细' } as const;

interface Cell {
  value: CellValue;
  numFmt?: string;
  bold?: boolean;
}

const money = (minor: number): Cell => ({ value: decimalNumber(minor), numFmt: MONEY_FORMAT });
const bold = (text: string): Cell => ({ value: text, bold: true });

function addRow(ws: Worksheet, cells: ReadonlyArray<Cell | CellValue>): void {
  const row = ws.addRow(cells.map((c) => (c !== null && typeof c === 'object' && 'value' in c ? c.value : c)));
  cells.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || !('value' in c)) return;
    const cell = row.getCell(i + 1);
    if (c.numFmt) cell.numFmt = c.numFmt;
    if (c.bold) cell.font = { bold: true };
  });
  row.commit();
}

function writeTotalsSheet(ws: Worksheet, x: ExplainedBill): void {
  const { bill, explanation } = x;
  ws.columns = [
    { width: 34 },
    { width: 22 },
    { width: 18 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 60 },
  ];
  addRow(ws, [{ value: 'Settlement bill / 结算账单', bold: true }]);
  const info: Array<[string, Cell | CellValue]> = [
    ['Bill ID / 账单号', bill.billId],
    ['Billing period / 账期', bill.billingPeriod],
    ['Revision / 版本', bill.revision],
    ['Status / 状态', STATUS_LABELS[bill.status]],
    ['Currency / 币种', bill.currency],
    [
      'Generated at (UTC+8) / 生成时间（UTC+8）',
      { value: marketWallClockDate(bill.generatedAt), numFmt: DATE_TIME_FORMAT },
    ],
    ['Lines / 行数', bill.lines.length],
    ['Deposit before this bill / 本账单前保证金', money(x.depositBeforeMinor)],
    ['All checks match (B2a, B3) / 全部核对一致', explanation.allMatch],
  ];
  for (const [label, value] of info) addRow(ws, [bold(label), value]);

  addRow(ws, []);
  addRow(ws, [{ value: 'Totals (B2, B3) / 合计', bold: true }]);
  addRow(ws, ['Total / 合计项', 'Bill / 账单', 'Expected / 应为', 'Matches / 一致', 'How / 计算'].map(bold));
  for (const { field, en, zh } of TOTAL_FIELDS) {
    const check = explanation.totals.find((t) => t.field === field);
    const actual = check?.actualMinor ?? minorOf(bill.totals[field]);
    addRow(ws, [
      `${en} / ${zh}`,
      money(actual),
      check ? money(check.expectedMinor) : null,
      check?.matches ?? null,
      check?.formula ?? null,
    ]);
  }

  addRow(ws, []);
  addRow(ws, [{ value: 'Refunds (B3) / 退款扣减明细', bold: true }]);
  if (explanation.refunds.length === 0) {
    addRow(ws, ['No refunds in this bill. / 本账单无退款。']);
  } else {
    addRow(
      ws,
      [
        'Order line ID / 订单行号',
        'Refund / 退款',
        'From settlement / 从结算扣',
        'From deposit / 从保证金扣',
        'Owed by seller / 卖方应补缴',
        'Deposit before / 扣前保证金',
        'Deposit after / 扣后保证金',
      ].map(bold),
    );
    for (const r of explanation.refunds) {
      addRow(ws, [
        r.orderLineId,
        money(r.refundMinor),
        money(r.fromSettlementMinor),
        money(r.fromDepositMinor),
        money(r.owedBySellerMinor),
        money(r.depositBeforeMinor),
        money(r.depositAfterMinor),
      ]);
    }
  }

  addRow(ws, []);
  addRow(ws, [{ value: 'Lines not matching B2a / 与B2a不一致的行', bold: true }]);
  const mismatched = x.lineChecks.filter((c) => !c.matches);
  if (mismatched.length === 0) {
    addRow(ws, ['Every line matches B2a. / 所有行均与B2a一致。']);
  } else {
    addRow(
      ws,
      [
        'Order line ID / 订单行号',
        'Kind / 类型',
        'Settlement / 结算金额',
        'Expected / 应为',
        'Difference / 差额',
        '',
        '',
        'How / 计算',
      ].map(bold),
    );
    for (const c of mismatched) {
      addRow(ws, [
        c.orderLineId,
        `${KIND_LABELS[c.kind].en} / ${KIND_LABELS[c.kind].zh}`,
        money(c.actualMinor),
        money(c.expectedMinor),
        money(c.actualMinor - c.expectedMinor),
        null,
        null,
        c.formula,
      ]);
    }
  }
  ws.commit();
}

const LINE_COLUMNS: Array<{ header: string; width: number; numFmt?: string }> = [
  { header: 'Order No. / 订单号', width: 22 },
  { header: 'Order line ID / 订单行号', width: 28 },
  { header: 'Kind / 类型', width: 12 },
  { header: 'Attributed at (UTC+8) / 归属时间（UTC+8）', width: 21, numFmt: DATE_TIME_FORMAT },
  { header: 'Sales excl. VAT / 不含税销售额', width: 16, numFmt: MONEY_FORMAT },
  { header: 'Customer withholding tax / 客户代扣税', width: 16, numFmt: MONEY_FORMAT },
  { header: 'Platform-fee ratio / 平台费率', width: 12, numFmt: RATIO_FORMAT },
  { header: 'Seller taxes / 卖方税费', width: 14, numFmt: MONEY_FORMAT },
  { header: 'Settlement amount / 结算金额', width: 16, numFmt: MONEY_FORMAT },
  { header: 'Expected settlement (B2a) / 应结算金额（B2a）', width: 18, numFmt: MONEY_FORMAT },
  { header: 'Matches B2a / 与B2a一致', width: 10 },
  { header: 'How (B2a) / 计算（B2a）', width: 60 },
];

/**
 * One style object per column, shared by every cell of it: exceljs looks a cell's style up by object identity
 * before serialising it, so a shared object is resolved once instead of once per cell (most of a 100,000-line
 * sheet's time otherwise). Never mutated after creation.
 */
const LINE_STYLES: ReadonlyArray<Partial<Style>> = LINE_COLUMNS.map((c) => (c.numFmt ? { numFmt: c.numFmt } : {}));

async function writeLinesSheet(ws: Worksheet, x: ExplainedBill, options: ExportOptions): Promise<void> {
  ws.columns = LINE_COLUMNS.map((c) => ({ width: c.width }));
  const header = ws.addRow(LINE_COLUMNS.map((c) => c.header));
  header.eachCell((cell) => (cell.font = { bold: true }));
  header.commit();
  const lines = x.bill.lines;
  const tick = progressTicker(lines.length, options);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const check = x.lineChecks[i];
    const row = ws.addRow([
      l.orderId,
      l.orderLineId,
      l.kind,
      marketWallClockDate(l.attributedAt),
      decimalNumber(minorOf(l.salesAmount)),
      decimalNumber(minorOf(l.customerWithholdingTax)),
      Number(l.platformFeeRatio),
      decimalNumber(minorOf(l.sellerTaxes)),
      decimalNumber(minorOf(l.settlementAmount)),
      decimalNumber(check.expectedMinor),
      check.matches,
      check.formula,
    ]);
    for (let c = 0; c < LINE_STYLES.length; c++) row.getCell(c + 1).style = LINE_STYLES[c];
    row.commit();
    await tick(i + 1);
  }
  ws.commit();
  tick.finish(lines.length);
}

/** The bill's workbook to `out`; exceljs ends the stream when the workbook is complete. */
export async function writeBillXlsx(
  out: Writable,
  stored: BillForExport | ExplainedBill,
  options: ExportOptions = {},
): Promise<void> {
  const x = 'lineChecks' in stored ? stored : explain(stored);
  // Loaded on the first export, not at start-up: requiring exceljs is a quarter of a second of CPU that every process
  // of the app (the browser host, each CLI command, the desktop app) would otherwise pay for a file few of them write.
  const { default: ExcelJS } = await import('exceljs');
  // Deflate level 1: a 100,000-line workbook is written about twice as fast as at the default level, for ~30% more
  // bytes.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  // Fixed metadata (the bill's own time): the same bill gives the same workbook contents.
  wb.creator = 'Seller Desk';
  wb.lastModifiedBy = 'Seller Desk';
  wb.created = new Date(x.bill.generatedAt);
  wb.modified = new Date(x.bill.generatedAt);
  writeTotalsSheet(wb.addWorksheet(SHEETS.totals), x);
  const lines = wb.addWorksheet(SHEETS.lines, { views: [{ state: 'frozen', ySplit: 1 }] });
  lines.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LINE_COLUMNS.length } };
  await writeLinesSheet(lines, x, options);
  await wb.commit();
}

/** The bill's workbook written to `file` (temp name, fsync, rename). */
export async function exportBillXlsx(
  file: string,
  stored: BillForExport | ExplainedBill,
  options: ExportOptions = {},
): Promise<FileExport> {
  const x = 'lineChecks' in stored ? stored : explain(stored);
  const bytes = await writeFileStreaming(file, (out) => writeBillXlsx(out, x, options));
  return { file, bytes, lines: x.bill.lines.length };
}
