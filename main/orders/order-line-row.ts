// Row types and explicit mappers for order_lines (docs/architecture.md "The database"): wire → columns, row → API
// shapes.
import type { OrderDetail, OrderRow } from '../../common/api/types';
import type { OrderStatus, Stage, SupervisionProcess, WireOrderLine } from '../../common/marketplace/wire';
import { parseMoney } from '../../common/domain/money';
import { storedJson } from '../db/row-problems';

/** The columns written for one line, in the named-parameter form the statements use. */
export interface OrderLineColumns {
  order_line_id: string;
  order_id: string;
  order_type: string;
  status: string;
  charging_mode: string;
  stage: string | null;
  process: string | null;
  appeal_open: 0 | 1;
  unsub_pending: 0 | 1;
  product_id: string;
  product_name: string;
  customer_id: string;
  customer_name: string;
  amount_minor: number;
  currency: string;
  placed_at: number;
  stage_since: number | null;
  template_version: number | null;
  version: number;
  updated_at: number;
  imported: 0 | 1;
  request_rejections: number;
  delivery_rejections: number;
  raw_json: string;
}

/** The columns a list row reads (no raw JSON: the list never parses it). */
export interface OrderListRowDb {
  order_id: string;
  order_line_id: string;
  product_name: string;
  customer_name: string;
  amount_minor: number;
  currency: string;
  status: string;
  stage: string | null;
  appeal_open: number;
  placed_at: number;
  stage_since: number | null;
  imported: number;
  unsub_pending: number;
  request_rejections: number;
  delivery_rejections: number;
}

export interface OrderLineRowDb extends OrderListRowDb {
  order_type: string;
  charging_mode: string;
  process: string | null;
  product_id: string;
  customer_id: string;
  version: number;
  updated_at: number;
  raw_json: string;
}

export const LIST_COLUMNS =
  'order_id, order_line_id, product_name, customer_name, amount_minor, currency, status, stage, appeal_open, placed_at, stage_since, imported, ' +
  'unsub_pending, request_rejections, delivery_rejections';

function ms(instant: string): number {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new Error(`not an instant: ${JSON.stringify(instant)}`);
  return t;
}

/**
 * When the current supervision stage began: the latest supervision event, else the latest of the
 * request/delivery submission, else the placement time. Drives "days waiting" (S5). null when the
 * line is not supervised (S6).
 */
export function stageSince(line: WireOrderLine): number | null {
  const sup = line.supervision;
  if (!sup) return null;
  let latest = -Infinity;
  for (const e of sup.events) latest = Math.max(latest, ms(e.at));
  if (latest === -Infinity) {
    if (sup.request) latest = Math.max(latest, ms(sup.request.submittedAt));
    if (sup.delivery) latest = Math.max(latest, ms(sup.delivery.submittedAt));
  }
  return latest === -Infinity ? ms(line.createTime) : latest;
}

/** A validated wire order line → the columns stored. `rawJson` is the item exactly as received when known. */
export function lineToColumns(line: WireOrderLine, imported: boolean, rawJson?: string): OrderLineColumns {
  const sup = line.supervision;
  return {
    order_line_id: line.orderLineId,
    order_id: line.orderId,
    order_type: line.orderType,
    status: line.status,
    charging_mode: line.chargingMode,
    stage: sup ? sup.stage : null,
    process: sup ? sup.process : null,
    appeal_open: sup?.appealOpen ? 1 : 0,
    unsub_pending: sup?.unsubscription?.status === 'pending' ? 1 : 0,
    product_id: line.productId,
    product_name: line.productName,
    customer_id: line.customer.customerId,
    customer_name: line.customer.customerName,
    amount_minor: parseMoney(line.amount),
    currency: line.currency,
    placed_at: ms(line.createTime),
    stage_since: stageSince(line),
    template_version: line.templateVersion ?? null,
    version: line.version,
    updated_at: ms(line.updateTime),
    imported: imported ? 1 : 0,
    request_rejections: sup?.requestRejections ?? 0,
    delivery_rejections: sup?.deliveryRejections ?? 0,
    raw_json: rawJson ?? JSON.stringify(line),
  };
}

export function rowToOrderRow(r: OrderListRowDb): OrderRow {
  return {
    orderId: r.order_id,
    orderLineId: r.order_line_id,
    productName: r.product_name,
    customerName: r.customer_name,
    amountMinor: r.amount_minor,
    currency: r.currency,
    status: r.status as OrderStatus,
    stage: r.stage as Stage | null,
    appealOpen: r.appeal_open === 1,
    placedAt: r.placed_at,
    stageSince: r.stage_since,
    imported: r.imported === 1,
    unsubPending: r.unsub_pending === 1,
    requestRejections: r.request_rejections,
    deliveryRejections: r.delivery_rejections,
  };
}

/** raw_json is parsed here and nowhere else; it was validated against the wire schema when stored. */
export function parseRawLine(rawJson: string): WireOrderLine {
  return JSON.parse(rawJson) as WireOrderLine;
}

export function rowToOrderDetail(r: OrderLineRowDb): OrderDetail {
  // A damaged raw_json (bytes changed inside the row pass SQLite's checks) names the line instead of a bare
  // SyntaxError.
  const line = storedJson<WireOrderLine>(r.raw_json, 'order_line_raw', r.order_line_id, 'raw_json');
  return {
    ...rowToOrderRow(r),
    orderType: r.order_type as OrderDetail['orderType'],
    chargingMode: r.charging_mode as OrderDetail['chargingMode'],
    periodType: line.periodType ?? null,
    periodNumber: line.periodNumber ?? null,
    productId: r.product_id,
    skuCode: line.skuCode ?? null,
    customer: line.customer,
    process: r.process as SupervisionProcess | null,
    version: r.version,
    updatedAt: r.updated_at,
    line,
  };
}
