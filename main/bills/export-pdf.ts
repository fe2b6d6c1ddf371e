// Bills as PDF (B5), in Chinese and English, drawn with the statement of work's pipeline (main/sow/: the
// embedded Noto Sans SC subset through fontkit, line breaking, ruled tables that flow across pages, the
// direct content-stream canvas). Order: the bill, its totals against what B2a/B3 give, the B3 refund
// breakdown, the lines that do not match B2a, then every line; "Page X of Y / 第 X 页，共 Y 页" on each page.
// Same bill → same bytes: the only time written is the bill's own generatedAt.
import { rgb } from 'pdf-lib';
import { createFontCache, type SowFonts } from '../sow/fonts';
import { createCanvas, type Canvas } from '../sow/pdf-canvas';
import { baseStyles, createPdf, type BaseStyles } from '../sow/pdf-setup';
import {
  COLOR,
  CONTENT_WIDTH,
  createFlow,
  drawText,
  measure,
  textLines,
  type Flow,
  type Line,
  type TextStyle,
} from '../sow/page-flow';
import { drawFooterLine, drawHeading, drawRunningLine, drawTitleBlock, pageOf } from '../sow/sow-sections';
import { drawTable, type Column } from '../sow/table';
import type { LineCheck } from '../../common/domain/settlement';
import {
  KIND_LABELS,
  STATUS_LABELS,
  TOTAL_FIELDS,
  explain,
  groupedAmount,
  marketDateTime,
  minorOf,
  progressTicker,
  writeFileStreaming,
  writeChunk,
  type BillForExport,
  type ExplainedBill,
  type ExportOptions,
  type ProgressTicker,
} from './export-common';
import type { FileExport } from './export-csv';

export const PDF_TITLE = 'Settlement Bill / 结算账单';
/** Lines between yields to the event loop while the PDF is laid out (about five pages). */
export const PDF_YIELD_EVERY = 250;

export interface BillPdfOptions extends ExportOptions {
  /** Parsed fonts to reuse (loadSowFonts); default: resources/fonts, loaded once per process. */
  fonts?: SowFonts;
  /** At most this many mismatched lines are listed in the checks section (all are marked in the lines table). */
  maxMismatchesListed?: number;
}

interface Styles extends BaseStyles {
  cell: TextStyle;
  cellMuted: TextStyle;
  cellHeader: TextStyle;
  cellBad: TextStyle;
  bad: TextStyle;
  good: TextStyle;
}

const RED = rgb(0.72, 0.11, 0.11);
const GREEN = rgb(0.1, 0.45, 0.2);
const PAD = 4;
const defaultFonts = createFontCache();

const inner = (columns: readonly Column[], i: number) => columns[i].width - 2 * PAD;
/** Table columns from [title, width] pairs. */
const columns = (...spec: Array<[string, number]>): Column[] => spec.map(([title, width]) => ({ title, width }));
const sum = (lines: readonly Line[]) => lines.reduce((h, l) => h + l.height, 0);
const periodText = (p: string) => `${p.slice(0, 4)}-${p.slice(4)}`;
const kindText = (kind: LineCheck['kind']) => `${KIND_LABELS[kind].en} ${KIND_LABELS[kind].zh}`;

function drawTitle(flow: Flow, x: ExplainedBill, s: Styles): void {
  const meta = `Billing period ${periodText(x.bill.billingPeriod)}  ·  Revision ${x.bill.revision}  ·  Generated ${marketDateTime(x.bill.generatedAt)} (UTC+8)`;
  drawTitleBlock(flow, { title: PDF_TITLE, idLabel: 'Bill ID / 账单号', id: x.bill.billId, meta }, s);
}

const KV: Column[] = [
  { title: '', width: 200, fill: COLOR.fill },
  { title: '', width: CONTENT_WIDTH - 200 },
];

function drawBillBlock(flow: Flow, x: ExplainedBill, s: Styles): void {
  const { bill } = x;
  const counts = (Object.keys(KIND_LABELS) as Array<LineCheck['kind']>)
    .map((k) => [k, bill.lines.filter((l) => l.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${KIND_LABELS[k].en} ${KIND_LABELS[k].zh} ${n}`);
  const rows: Array<[string, string]> = [
    ['Bill ID / 账单号', bill.billId],
    ['Billing period / 账期', periodText(bill.billingPeriod)],
    ['Revision / 版本', String(bill.revision)],
    ['Status / 状态', STATUS_LABELS[bill.status]],
    ['Currency / 币种', bill.currency],
    ['Generated at / 生成时间', `${marketDateTime(bill.generatedAt)} (UTC+8)`],
    ['Lines / 行数', `${bill.lines.length}${counts.length ? ` (${counts.join(', ')})` : ''}`],
    ['Deposit before this bill / 本账单前保证金', `${bill.currency} ${groupedAmount(x.depositBeforeMinor)}`],
  ];
  drawTable(
    flow,
    KV,
    rows.map(([k, v]) => [textLines(k, inner(KV, 0), s.label), textLines(v, inner(KV, 1), s.body)]),
    { padX: PAD, padY: 4 },
  );
}

const TOTALS = columns(
  ['Total / 合计项', 170],
  ['Bill / 账单', 90],
  ['Expected / 应为', 90],
  ['Check / 核对', CONTENT_WIDTH - 350],
);

function checkLines(matches: boolean, width: number, s: Styles): Line[] {
  return textLines(matches ? '✓ matches / 一致' : '≠ does not match / 不一致', width, matches ? s.good : s.bad);
}

function drawTotals(flow: Flow, x: ExplainedBill, s: Styles): void {
  const rows = TOTAL_FIELDS.map(({ field, en, zh }) => {
    const check = x.explanation.totals.find((t) => t.field === field);
    const actual = check?.actualMinor ?? minorOf(x.bill.totals[field]);
    return [
      textLines(`${en} / ${zh}`, inner(TOTALS, 0), field === 'netPayable' ? s.bold : s.body),
      textLines(groupedAmount(actual), inner(TOTALS, 1), field === 'netPayable' ? s.bold : s.body, 'right'),
      check ? textLines(groupedAmount(check.expectedMinor), inner(TOTALS, 2), s.body, 'right') : [],
      check
        ? [
            ...checkLines(check.matches, inner(TOTALS, 3), s),
            ...(check.matches ? [] : textLines(check.formula, inner(TOTALS, 3), s.small)),
          ]
        : textLines('—', inner(TOTALS, 3), s.muted),
    ];
  });
  flow.lines(textLines(`Amounts in ${x.bill.currency}. / 金额单位：${x.bill.currency}。`, CONTENT_WIDTH, s.muted));
  flow.y -= 2;
  drawTable(flow, TOTALS, rows, { header: s.header, padX: PAD, padY: 4 });
}

const REFUNDS = columns(
  ['Order line ID / 订单行号', 127.28],
  ['Refund / 退款', 62],
  ['From settlement / 结算扣除', 62],
  ['From deposit / 保证金扣除', 62],
  ['Owed by seller / 卖方补缴', 62],
  ['Deposit before / 扣前保证金', 62],
  ['Deposit after / 扣后保证金', 62],
);

function drawRefunds(flow: Flow, x: ExplainedBill, s: Styles): void {
  flow.lines(
    textLines(
      "A refund on an order already settled is deducted from this bill's settlement first, then from the deposit; whatever is still left is owed by the seller.\n已结算订单的退款先从本期结算金额中扣除，不足部分从保证金中扣除，仍不足的部分由卖方另行补缴。",
      CONTENT_WIDTH,
      s.muted,
    ),
  );
  flow.y -= 4;
  if (x.explanation.refunds.length === 0) {
    flow.lines(textLines('No refunds in this bill. / 本账单无退款。', CONTENT_WIDTH, s.body));
    return;
  }
  const money = (i: number, minor: number, style = s.cell) =>
    textLines(groupedAmount(minor), inner(REFUNDS, i), style, 'right');
  const rows = x.explanation.refunds.map((r) => [
    textLines(r.orderLineId, inner(REFUNDS, 0), s.cell),
    money(1, r.refundMinor),
    money(2, r.fromSettlementMinor),
    money(3, r.fromDepositMinor),
    money(4, r.owedBySellerMinor, r.owedBySellerMinor > 0 ? { ...s.cell, color: RED } : s.cell),
    money(5, r.depositBeforeMinor),
    money(6, r.depositAfterMinor),
  ]);
  drawTable(flow, REFUNDS, rows, { header: s.cellHeader, padX: PAD, padY: 3 });
}

const MISMATCHES = columns(
  ['Order line ID / 订单行号', 120],
  ['Kind / 类型', 62],
  ['Settlement / 结算金额', 62],
  ['Expected (B2a) / 应结算', 62],
  ['How (B2a) / 计算', CONTENT_WIDTH - 306],
);

function drawChecks(flow: Flow, x: ExplainedBill, s: Styles, maxListed: number): void {
  const mismatched = x.lineChecks.filter((c) => !c.matches);
  const n = x.lineChecks.length;
  const summary =
    mismatched.length === 0
      ? `All ${n} lines match B2a: (sales excl. VAT − customer withholding tax) × (1 − platform-fee ratio) − seller taxes, rounded half-up once.\n全部 ${n} 行与B2a一致：（不含税销售额 − 客户代扣税）×（1 − 平台费率）− 卖方税费，每行四舍五入一次。`
      : `${mismatched.length} of ${n} lines do not match B2a (marked ≠ in the lines table).\n共 ${n} 行中有 ${mismatched.length} 行与B2a不一致（在明细表中以 ≠ 标出）。`;
  flow.lines(textLines(summary, CONTENT_WIDTH, mismatched.length === 0 ? s.body : { ...s.body, color: RED }));
  if (mismatched.length === 0) return;
  flow.y -= 4;
  const listed = mismatched.slice(0, maxListed);
  const rows = listed.map((c) => [
    textLines(c.orderLineId, inner(MISMATCHES, 0), s.cell),
    textLines(kindText(c.kind), inner(MISMATCHES, 1), s.cell),
    textLines(groupedAmount(c.actualMinor), inner(MISMATCHES, 2), s.cell, 'right'),
    textLines(groupedAmount(c.expectedMinor), inner(MISMATCHES, 3), s.cell, 'right'),
    textLines(c.formula, inner(MISMATCHES, 4), s.cell),
  ]);
  drawTable(flow, MISMATCHES, rows, { header: s.cellHeader, padX: PAD, padY: 3 });
  if (mismatched.length > listed.length) {
    flow.y -= 2;
    flow.lines(
      textLines(
        `… and ${mismatched.length - listed.length} more (see the lines below). / 另有 ${mismatched.length - listed.length} 行，见下方明细。`,
        CONTENT_WIDTH,
        s.muted,
      ),
    );
  }
}

// Widths fit the longest usual values at the cell size with LINE_PAD: a 24-character order line id,
// "Pay-per-use 按需", "2025-09-10 12:00", "-1,234,567.89" (and "≠ -1,234,567.89" as expected).
const LINE_PAD = 3;
const LINES = columns(
  ['Order line ID / 订单行号', 102],
  ['Kind / 类型', 60],
  ['Attributed (UTC+8) / 归属时间', 60],
  ['Sales excl. VAT / 不含税销售额', 50],
  ['Withholding / 客户代扣税', 48],
  ['Fee / 费率', 24],
  ['Seller taxes / 卖方税费', 44],
  ['Settlement / 结算金额', 50],
  ['Expected (B2a) / 应结算', CONTENT_WIDTH - 438],
);
const lineInner = (i: number) => LINES[i].width - 2 * LINE_PAD;

/**
 * A table cell's text: one line when it fits (most cells of a large bill — skipping the line breaker keeps a
 * 100,000-line bill's layout cheap), else wrapped by textLines like every other cell.
 */
function cellLines(text: string, width: number, style: TextStyle, align: 'left' | 'right' = 'left'): Line[] {
  // eslint-disable-next-line no-control-regex -- text with control characters goes through textLines' cleaning
  if (/[\u0000-\u001f\u007f]/.test(text)) return textLines(text, width, style, align);
  const w = measure(style, text);
  if (w > width) return textLines(text, width, style, align);
  return [
    {
      height: lineHeight(style),
      draw: (page, x, top) => drawText(page, text, align === 'right' ? x + width - w : x, top, style),
    },
  ];
}

const lineHeights = new WeakMap<TextStyle, number>();
/** The height page-flow gives one line of `style`. */
function lineHeight(style: TextStyle): number {
  let h = lineHeights.get(style);
  if (h === undefined) {
    h = textLines('0', 1000, style)[0].height;
    lineHeights.set(style, h);
  }
  return h;
}

function lineRow(x: ExplainedBill, i: number, s: Styles): Line[][] {
  const l = x.bill.lines[i];
  const check = x.lineChecks[i];
  const money = (c: number, wire: string) => cellLines(groupedAmount(minorOf(wire)), lineInner(c), s.cell, 'right');
  const id = cellLines(l.orderLineId, lineInner(0), s.cell);
  if (!l.orderLineId.startsWith(l.orderId)) id.push(...cellLines(`Order 订单 ${l.orderId}`, lineInner(0), s.cellMuted));
  return [
    id,
    cellLines(kindText(l.kind), lineInner(1), s.cell),
    cellLines(marketDateTime(l.attributedAt).slice(0, 16), lineInner(2), s.cell),
    money(3, l.salesAmount),
    money(4, l.customerWithholdingTax),
    cellLines(l.platformFeeRatio, lineInner(5), s.cell, 'right'),
    money(6, l.sellerTaxes),
    money(7, l.settlementAmount),
    check.matches
      ? cellLines(groupedAmount(check.expectedMinor), lineInner(8), s.cellMuted, 'right')
      : cellLines(`≠ ${groupedAmount(check.expectedMinor)}`, lineInner(8), s.cellBad, 'right'),
  ];
}

/**
 * The lines table, laid out one page at a time (drawTable per page, so the header repeats on each page):
 * between pages the finished pages' content is written out, progress reported and the event loop given a turn.
 */
async function drawLines(
  flow: Flow,
  x: ExplainedBill,
  s: Styles,
  tick: ProgressTicker,
  finishBefore: (page: number) => void,
): Promise<void> {
  const total = x.bill.lines.length;
  if (total === 0) {
    flow.lines(textLines('This bill has no lines. / 本账单无明细行。', CONTENT_WIDTH, s.muted));
    return;
  }
  const padY = 3;
  const headerHeight =
    Math.max(...LINES.map((c) => sum(textLines(c.title, c.width - 2 * LINE_PAD, s.cellHeader)))) + 2 * padY;
  const heightOf = (row: Line[][]) => Math.max(...row.map(sum)) + 2 * padY;
  let next = 0;
  let pending: Line[][] | null = null;
  const take = (): Line[][] => {
    const row = pending ?? lineRow(x, next, s);
    pending = null;
    return row;
  };
  while (next < total) {
    const first = take();
    if (flow.remaining() < headerHeight + heightOf(first)) flow.newPage();
    const avail = flow.remaining() - headerHeight - 0.01;
    const batch = [first];
    let used = heightOf(first);
    next += 1;
    while (next < total) {
      const row = take();
      const h = heightOf(row);
      if (used + h > avail) {
        pending = row;
        break;
      }
      batch.push(row);
      used += h;
      next += 1;
    }
    drawTable(flow, LINES, batch, { header: s.cellHeader, padX: LINE_PAD, padY });
    if (next < total) {
      flow.newPage();
      finishBefore(flow.pages.length - 1);
    }
    await tick(next);
  }
}

function drawRunningHeader(page: Canvas, x: ExplainedBill, s: Styles): number {
  return drawRunningLine(
    page,
    PDF_TITLE,
    `Bill ID / 账单号 ${x.bill.billId}  ·  Revision / 版本 ${x.bill.revision}`,
    s,
  );
}

function drawFooter(page: Canvas, i: number, pages: number, x: ExplainedBill, s: Styles): void {
  const left = `${x.bill.billId} · Revision ${x.bill.revision} · ${periodText(x.bill.billingPeriod)} · Generated ${marketDateTime(x.bill.generatedAt)} (UTC+8)`;
  drawFooterLine(page, left, pageOf(i, pages), s);
}

/** The bill as PDF bytes. */
export async function billPdf(
  stored: BillForExport | ExplainedBill,
  options: BillPdfOptions = {},
): Promise<Uint8Array> {
  const x = 'lineChecks' in stored ? stored : explain(stored);
  const fonts = options.fonts ?? (await defaultFonts());
  const { doc, regular, bold: boldFace } = await createPdf(fonts);
  const cellSize = 6.8;
  const s: Styles = {
    ...baseStyles(regular, boldFace, 9, 8.5),
    cell: { face: regular, size: cellSize },
    cellMuted: { face: regular, size: cellSize, color: COLOR.muted },
    cellHeader: { face: boldFace, size: cellSize },
    cellBad: { face: boldFace, size: cellSize, color: RED },
    bad: { face: boldFace, size: 9, color: RED },
    good: { face: regular, size: 9, color: GREEN },
  };

  const flow = createFlow(doc, (page) => drawRunningHeader(page, x, s));
  // Pages the flow has left are written out as it goes (a 100,000-line bill has thousands of pages);
  // their footers go into a second content stream once the page count is known.
  let finished = 0;
  const finishBefore = (page: number) => {
    for (; finished < page; finished++) flow.pages[finished].finish();
  };
  drawTitle(flow, x, s);
  drawHeading(flow, 'Bill / 账单信息', s);
  drawBillBlock(flow, x, s);
  flow.y -= 14;
  drawHeading(flow, 'Totals / 合计', s, 110);
  drawTotals(flow, x, s);
  flow.y -= 14;
  drawHeading(flow, 'Refunds (B3) / 退款扣减明细', s);
  drawRefunds(flow, x, s);
  flow.y -= 14;
  drawHeading(flow, 'Checks (B2a) / 结算金额核对', s);
  drawChecks(flow, x, s, options.maxMismatchesListed ?? 50);
  flow.y -= 14;
  drawHeading(flow, 'Lines / 账单明细', s, 80);
  // Progress counts lines laid out; the end is reported once the file is saved.
  // A page of lines takes a few milliseconds to lay out: yield every few pages, not every few thousand rows.
  const tick = progressTicker(x.bill.lines.length, { ...options, yieldEvery: options.yieldEvery ?? PDF_YIELD_EVERY });
  await drawLines(flow, x, s, tick, finishBefore);
  finishBefore(flow.pages.length);
  flow.pages.forEach((p, i) => {
    const footer = createCanvas(doc, p.page);
    drawFooter(footer, i, flow.pages.length, x, s);
    footer.finish();
  });

  const at = new Date(x.bill.generatedAt);
  doc.setTitle(`${PDF_TITLE} — ${x.bill.billId} (revision ${x.bill.revision})`);
  doc.setSubject(`Billing period ${periodText(x.bill.billingPeriod)}`);
  doc.setKeywords([x.bill.billId, x.bill.billingPeriod, `revision ${x.bill.revision}`]);
  doc.setProducer('Seller Desk');
  doc.setCreator('Seller Desk');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  // A small bill saves in one go (as the SOW does); a large one lets pdf-lib yield between objects.
  const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: flow.pages.length > 20 ? 2000 : Infinity });
  tick.finish(x.bill.lines.length);
  return bytes;
}

/** The bill's PDF written to `file` (temp name, fsync, rename). */
export async function exportBillPdf(
  file: string,
  stored: BillForExport | ExplainedBill,
  options: BillPdfOptions = {},
): Promise<FileExport> {
  const x = 'lineChecks' in stored ? stored : explain(stored);
  const pdf = await billPdf(x, options);
  const bytes = await writeFileStreaming(file, (out) => writeChunk(out, pdf));
  return { file, bytes, lines: x.bill.lines.length };
}
