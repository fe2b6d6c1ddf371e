// Plain-text rendering of order lines for a terminal: money with currency and two decimals (O3), times in
// UTC+8 (O4, the marketplace's zone, so every user of a seller sees the same dates).
import { DateTime } from 'luxon';
import { formatMoney } from '../../common/domain/money';
import { daysBetween, MARKET_ZONE } from '../../common/domain/time';
import { OPEN_STAGES } from '../../common/domain/supervision';
import type { OrderDetail, OrderRow } from '../../common/api/types';
import { displayText } from '../sync/display-text';

export const marketTime = (ms: number | null): string =>
  ms === null ? '—' : `${DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('yyyy-LL-dd HH:mm')} (UTC+8)`;

/**
 * Marketplace text (names, descriptions, notes) without control characters or ANSI escapes (docs/architecture.md
 * "Security").
 */
const shown = (text: string): string => displayText(text, 4_000);

const cut = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}
const pad = (text: string, w: number): string => text + ' '.repeat(Math.max(0, w - width(text)));

export function ordersTable(rows: OrderRow[], now: number): string {
  const header = ['ORDER LINE ID', 'PRODUCT', 'AMOUNT', 'STATUS', 'STAGE', 'PLACED (UTC+8)', 'DAYS'];
  const body = rows.map((r) => [
    shown(r.orderLineId),
    cut(shown(r.productName), 40),
    formatMoney(r.amountMinor, r.currency),
    r.status,
    r.stage ?? '—',
    DateTime.fromMillis(r.placedAt, { zone: MARKET_ZONE }).toFormat('yyyy-LL-dd HH:mm'),
    // Days waiting only means something while the flow is open (S5); completed/closed lines show none.
    r.stageSince === null || r.stage === null || !OPEN_STAGES.includes(r.stage)
      ? ''
      : String(daysBetween(r.stageSince, now)),
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]))));
  return [header, ...body]
    .map((row) =>
      row
        .map((cell, i) => pad(cell, widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function orderDetailText(d: OrderDetail, now: number): string {
  const sup = d.line.supervision;
  const lines: Array<[string, string]> = [
    ['Order line', d.orderLineId],
    ['Order', d.orderId],
    ['Product', `${d.productName} (${d.productId}${d.skuCode ? `, SKU ${d.skuCode}` : ''})`],
    ['Order type', d.orderType],
    ['Charging', `${d.chargingMode}${d.periodType ? `, ${d.periodNumber ?? ''} ${d.periodType}` : ''}`],
    ['Amount', formatMoney(d.amountMinor, d.currency)],
    ['Status', d.status],
    ['Stage', d.stage ? `${d.stage}${d.appealOpen ? ' (appeal open — flow frozen)' : ''}` : 'not supervised'],
    ['Process', d.process ?? '—'],
    ['Placed', marketTime(d.placedAt)],
    [
      'In stage since',
      d.stageSince === null ? '—' : `${marketTime(d.stageSince)}, ${daysBetween(d.stageSince, now)} days`,
    ],
    ['Customer', [d.customer.customerName, d.customer.email, d.customer.mobilePhone].filter(Boolean).join(', ')],
    [
      'Validity',
      d.line.validity
        ? `${marketTime(Date.parse(d.line.validity.start))} → ${marketTime(Date.parse(d.line.validity.end))}`
        : 'not yet known',
    ],
    ['Version', String(d.version)],
    ['Imported', d.imported ? 'yes (Open API order query)' : 'no'],
  ];
  if (sup) {
    lines.push(['Rejections', `requests ${sup.requestRejections}, deliveries ${sup.deliveryRejections}`]);
    if (sup.request)
      lines.push(['Request', `${sup.request.description} (${sup.request.attachments.length} attachment(s))`]);
  }
  const labelWidth = Math.max(...lines.map(([l]) => l.length));
  const out = lines.map(([l, v]) => `${l.padEnd(labelWidth)}  ${shown(v)}`);
  if (sup && sup.events.length) {
    out.push('', 'Timeline:');
    for (const e of sup.events)
      out.push(
        `  ${marketTime(Date.parse(e.at))}  ${shown(e.actor)}  ${shown(e.type)}${e.note ? ` — ${shown(e.note)}` : ''}`,
      );
  }
  return out.join('\n');
}
