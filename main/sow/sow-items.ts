// The "Delivery items" table: every template item (P1) with what was delivered for it, by kind.
import type { WireTemplateItem } from '../../common/marketplace/wire';
import { CATEGORY_LABELS, type SowAttachment } from './sow-types';
import {
  CONTENT_WIDTH,
  COLOR,
  checkboxLines,
  spacer,
  textLines,
  type Face,
  type Flow,
  type Line,
  type TextStyle,
} from './page-flow';
import { drawTable, type Column } from './table';

export interface ItemStyles {
  body: TextStyle;
  bold: TextStyle;
  small: TextStyle;
  muted: TextStyle;
  header: TextStyle;
  regular: Face;
}

const PAD = 5;
const COLUMNS: Column[] = [
  { title: 'No.', width: 30 },
  { title: 'Acceptance item / 验收项', width: 172 },
  { title: 'Delivered / 交付内容', width: CONTENT_WIDTH - 202 },
];

function notProvided(width: number, s: ItemStyles): Line[] {
  return textLines('— Not provided / 未填写', width, s.muted);
}

function checklistLines(item: WireTemplateItem, value: unknown, width: number, s: ItemStyles): Line[] {
  const options = item.options ?? [];
  const ticked = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const lines: Line[] = [];
  for (const option of options) lines.push(...checkboxLines(option, ticked.includes(option), width, s.body, s.body));
  // A ticked option the template no longer lists (the draft predates a template change) stays visible.
  for (const extra of ticked.filter((t) => !options.includes(t))) {
    lines.push(...checkboxLines(`${extra} (not in the template / 模板中无此项)`, true, width, s.body, s.body));
  }
  const done = ticked.filter((t) => options.includes(t)).length;
  lines.push(
    spacer(2),
    ...textLines(`${done} of ${options.length} checked / 已勾选 ${done} 项，共 ${options.length} 项`, width, s.muted),
  );
  return lines;
}

function attachmentLines(
  item: WireTemplateItem,
  attachments: readonly SowAttachment[],
  width: number,
  s: ItemStyles,
): Line[] {
  const category = item.attachmentCategory ?? null;
  // P3: the statement of work's own item is this document, which never indexes itself — not a missing attachment.
  if (category === 'sow') return textLines('This statement of work / 本工作说明书', width, s.body);
  const files = category ? attachments.filter((a) => a.category === category) : attachments;
  const label = category ? CATEGORY_LABELS[category] : 'Any category / 任意类别';
  if (files.length === 0) return textLines(`— No attachment (${label}) / 未上传附件`, width, s.muted);
  const lines: Line[] = [];
  for (const file of files) lines.push(...textLines(file.fileName, width, s.body));
  lines.push(
    ...textLines(
      `${label} · ${files.length} file${files.length === 1 ? '' : 's'} / ${files.length} 个文件`,
      width,
      s.muted,
    ),
  );
  return lines;
}

/** The delivered content of one item, as lines `width` wide. */
export function deliveredLines(
  item: WireTemplateItem,
  value: unknown,
  attachments: readonly SowAttachment[],
  width: number,
  s: ItemStyles,
): Line[] {
  switch (item.kind) {
    case 'attachment':
      return attachmentLines(item, attachments, width, s);
    case 'checklist':
      return checklistLines(item, value, width, s);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? textLines(String(value), width, s.body)
        : notProvided(width, s);
    case 'text':
    case 'longtext':
    case 'date':
      return typeof value === 'string' && value.trim() !== '' ? textLines(value, width, s.body) : notProvided(width, s);
  }
}

function itemLines(item: WireTemplateItem, width: number, s: ItemStyles): Line[] {
  const lines = textLines(item.title, width, s.bold);
  lines.push(
    ...textLines(item.required ? 'Required / 必填' : 'Optional / 选填', width, {
      ...s.small,
      color: item.required ? COLOR.accent : COLOR.muted,
    }),
  );
  if (item.description) lines.push(spacer(1), ...textLines(item.description, width, s.small));
  return lines;
}

export function drawItemsTable(
  flow: Flow,
  items: readonly WireTemplateItem[],
  content: Readonly<Record<string, unknown>>,
  attachments: readonly SowAttachment[],
  s: ItemStyles,
): void {
  const inner = (i: number) => COLUMNS[i].width - 2 * PAD;
  const rows = items.map((item, n) => [
    textLines(String(n + 1), inner(0), { ...s.muted, size: s.body.size }),
    itemLines(item, inner(1), s),
    deliveredLines(item, content[item.key], attachments, inner(2), s),
  ]);
  if (rows.length === 0) {
    flow.lines(textLines('The template has no items. / 模板无验收项。', CONTENT_WIDTH, s.muted));
    return;
  }
  drawTable(flow, COLUMNS, rows, {
    header: s.header,
    padX: PAD,
    padY: 5,
    continued: (r, c) => (c === 1 ? textLines(`${items[r].title} (continued / 续)`, inner(1), s.small) : null),
  });
}
