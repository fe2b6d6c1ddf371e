// The fixed parts of the statement of work: title, order block, attachment index, sign-off,
// running header and the "Page X of Y" footers.
import { formatMoney } from '../../common/domain/money';
import type { Canvas } from './pdf-canvas';
import {
  A4,
  CONTENT_WIDTH,
  COLOR,
  MARGIN,
  drawText,
  measure,
  spacer,
  textLines,
  type Flow,
  type Line,
  type TextStyle,
} from './page-flow';
import type { BaseStyles } from './pdf-setup';
import { drawTable, type Column } from './table';
import { CATEGORY_LABELS, type SowInput } from './sow-types';
import { enablingTimeText, formatBytes, formatMarketDateTime, validityText } from './sow-format';

export interface SectionStyles extends BaseStyles {
  mono: TextStyle;
}

export const DOC_TITLE = 'Statement of Work / 工作说明书';

export function drawTitle(flow: Flow, input: SowInput, s: SectionStyles): void {
  const meta = `Document ID ${input.documentId}  ·  Generated ${formatMarketDateTime(input.generatedAt)}  ·  Template version ${input.template.templateVersion}`;
  drawTitleBlock(flow, { title: DOC_TITLE, idLabel: 'Order No. / 订单号', id: input.order.orderId, meta }, s);
}

/** A document's title with its identifier at the right, a line of details under it, and an accent rule. */
export function drawTitleBlock(
  flow: Flow,
  text: { title: string; idLabel: string; id: string; meta: string },
  s: Pick<SectionStyles, 'title' | 'small' | 'bold'>,
): void {
  const { page } = flow;
  const right = MARGIN.left + CONTENT_WIDTH;
  drawText(page, text.title, MARGIN.left, flow.y, s.title);
  drawText(page, text.idLabel, right - measure(s.small, text.idLabel), flow.y - 1, s.small);
  drawText(page, text.id, right - measure(s.bold, text.id), flow.y - 12, s.bold);
  flow.y -= s.title.size * 1.6;
  flow.lines(textLines(text.meta, CONTENT_WIDTH, s.small));
  flow.y -= 4;
  page.drawLine({
    start: { x: MARGIN.left, y: flow.y },
    end: { x: right, y: flow.y },
    thickness: 1.5,
    color: COLOR.accent,
  });
  flow.y -= 14;
}

/** A section heading kept together with at least `keep` points of what follows it. */
export function drawHeading(flow: Flow, text: string, s: Pick<SectionStyles, 'heading'>, keep = 60): void {
  const height = s.heading.size * 1.5 + 4;
  flow.ensure(height + keep);
  drawText(flow.page, text, MARGIN.left, flow.y, s.heading);
  flow.y -= height;
}

const KV_COLUMNS: Column[] = [
  { title: '', width: 138, fill: COLOR.fill },
  { title: '', width: CONTENT_WIDTH - 138 },
];

export function drawOrderBlock(flow: Flow, input: SowInput, s: SectionStyles): void {
  const { order } = input;
  const rows: Array<[string, string]> = [
    ['Seller / 卖方', order.sellerName],
    ['Customer / 客户', order.customerName],
    ['Order No. / 订单号', order.orderId],
    ['Order line No. / 订单行号', order.orderLineId],
    ['Product / 产品', order.productName],
    ['Amount / 金额', formatMoney(order.amountMinor, order.currency)],
    ['Placed / 下单时间', formatMarketDateTime(order.placedAt)],
    ['Service period / 服务有效期', validityText(input.validity)],
    ['Enabling time / 开通时间', enablingTimeText(input.draft.enablingTime)],
  ];
  const w = (i: number) => KV_COLUMNS[i].width - 10;
  drawTable(
    flow,
    KV_COLUMNS,
    rows.map(([k, v]) => [textLines(k, w(0), s.label), textLines(v, w(1), s.body)]),
    { padX: 5, padY: 4 },
  );
}

const ATTACHMENT_COLUMNS: Column[] = [
  { title: 'No.', width: 30 },
  { title: 'File name / 文件名', width: 148 },
  { title: 'Category / 类别', width: 96 },
  { title: 'Size / 大小', width: 52 },
  { title: 'SHA-256', width: CONTENT_WIDTH - 326 },
];

export function drawAttachmentIndex(flow: Flow, input: SowInput, s: SectionStyles): void {
  if (input.attachments.length === 0) {
    flow.lines(textLines('No attachments. / 无附件。', CONTENT_WIDTH, s.muted));
    return;
  }
  const w = (i: number) => ATTACHMENT_COLUMNS[i].width - 10;
  const rows = input.attachments.map((a, n) => [
    textLines(String(n + 1), w(0), { ...s.muted, size: s.body.size }),
    textLines(a.fileName, w(1), s.body),
    textLines(CATEGORY_LABELS[a.category].replace(' / ', '\n'), w(2), s.body),
    textLines(formatBytes(a.size), w(3), s.body, 'right'),
    // 64 hex digits as two rows of 32: easy to compare by eye.
    [a.sha256.slice(0, 32), a.sha256.slice(32)].flatMap((half) => textLines(half, w(4), s.mono)),
  ]);
  drawTable(flow, ATTACHMENT_COLUMNS, rows, { header: s.header, padX: 5, padY: 4 });
}

const SIGN_BOX_HEIGHT = 138;
const SEAL = 76;

function signBox(
  page: Canvas,
  x: number,
  top: number,
  width: number,
  party: string,
  name: string,
  s: SectionStyles,
): void {
  const pad = 10;
  page.drawRectangle({
    x,
    y: top - SIGN_BOX_HEIGHT,
    width,
    height: SIGN_BOX_HEIGHT,
    borderWidth: 0.6,
    borderColor: COLOR.rule,
  });
  drawText(page, party, x + pad, top - pad, s.bold);
  const textWidth = width - 2 * pad - SEAL - 8;
  let y = top - pad - s.bold.size * 1.5;
  for (const line of textLines(name, textWidth, s.body).slice(0, 2)) {
    line.draw(page, x + pad, y);
    y -= line.height;
  }
  for (const [label, lineTop] of [
    ['Signature / 签字', top - 84],
    ['Date / 日期', top - 116],
  ] as const) {
    drawText(page, label, x + pad, lineTop, s.small);
    page.drawLine({
      start: { x: x + pad, y: lineTop - 16 },
      end: { x: x + pad + textWidth, y: lineTop - 16 },
      thickness: 0.6,
      color: COLOR.muted,
    });
  }
  const sealX = x + width - pad - SEAL;
  const sealY = top - SIGN_BOX_HEIGHT + pad;
  page.drawRectangle({
    x: sealX,
    y: sealY,
    width: SEAL,
    height: SEAL,
    borderWidth: 0.6,
    borderColor: COLOR.muted,
    borderDashArray: [3, 2],
  });
  const seal = 'Seal / 盖章';
  drawText(page, seal, sealX + (SEAL - measure(s.small, seal)) / 2, sealY + SEAL / 2 + 5, s.small);
}

export function drawSignOff(flow: Flow, input: SowInput, s: SectionStyles): void {
  const statement = textLines(
    'The customer confirms that the services described in this statement of work have been delivered as listed above.\n客户确认本工作说明书所列服务已按上述内容交付。',
    CONTENT_WIDTH,
    s.body,
  );
  const intro: Line[] = [...statement, spacer(8)];
  const height = intro.reduce((h, l) => h + l.height, 0) + SIGN_BOX_HEIGHT;
  drawHeading(flow, 'Sign-off / 签字确认', s, height);
  flow.lines(intro);
  const gap = 14;
  const width = (CONTENT_WIDTH - gap) / 2;
  signBox(flow.page, MARGIN.left, flow.y, width, 'Seller / 卖方', input.order.sellerName, s);
  signBox(flow.page, MARGIN.left + width + gap, flow.y, width, 'Customer / 客户', input.order.customerName, s);
  flow.y -= SIGN_BOX_HEIGHT;
}

/** Pages after the first: a small header line; returns the height it takes. */
export function drawRunningHeader(page: Canvas, input: SowInput, s: SectionStyles): number {
  return drawRunningLine(page, DOC_TITLE, `Order No. / 订单号 ${input.order.orderId}`, s);
}

/** A running header: `left` and `right` in small type over a thin rule; returns the height it takes. */
export function drawRunningLine(page: Canvas, left: string, right: string, s: Pick<SectionStyles, 'small'>): number {
  const top = A4.height - MARGIN.top + 18;
  drawText(page, left, MARGIN.left, top, s.small);
  drawText(page, right, MARGIN.left + CONTENT_WIDTH - measure(s.small, right), top, s.small);
  const y = top - s.small.size * 1.6;
  page.drawLine({
    start: { x: MARGIN.left, y },
    end: { x: MARGIN.left + CONTENT_WIDTH, y },
    thickness: 0.5,
    color: COLOR.rule,
  });
  return 6;
}

/** Every page: document id, generation time, "Page X of Y". Drawn once the page count is known. */
export function drawFooters(pages: readonly Canvas[], input: SowInput, s: SectionStyles): void {
  const left = `Document ID ${input.documentId}  ·  Generated ${formatMarketDateTime(input.generatedAt)}`;
  pages.forEach((page, i) => drawFooterLine(page, left, pageOf(i, pages.length), s));
}

export const pageOf = (i: number, pages: number) => `Page ${i + 1} of ${pages} / 第 ${i + 1} 页，共 ${pages} 页`;

/** A footer: a thin rule with `left` and `right` in small type under it. */
export function drawFooterLine(page: Canvas, left: string, right: string, s: Pick<SectionStyles, 'small'>): void {
  const ruleY = MARGIN.bottom - 22;
  page.drawLine({
    start: { x: MARGIN.left, y: ruleY },
    end: { x: MARGIN.left + CONTENT_WIDTH, y: ruleY },
    thickness: 0.5,
    color: COLOR.rule,
  });
  drawText(page, left, MARGIN.left, ruleY - 4, s.small);
  drawText(page, right, MARGIN.left + CONTENT_WIDTH - measure(s.small, right), ruleY - 4, s.small);
}
