// The supervision list as CSV (O1): every line the filters match, in the list's sort, written with the bills'
// CSV writer (main/bills/export-csv.ts: UTF-8 with a byte-order mark so Excel reads Chinese right, RFC 4180,
// formula guard). Rows are read page by page from SQLite and written as they come, so a million lines never sit
// in memory at once. Times are marketplace times (UTC+8, O4), as the headers say; amounts two-place decimals (O3).
import type { OrderQueryParsed } from '../../common/api/contract';
import type { OrderRow } from '../../common/api/types';
import { OPEN_STAGES } from '../../common/domain/supervision';
import { marketDaysBetween } from '../../common/domain/urgency';
import type { ReadDb } from '../db/connection';
import { exportCsvTable, type CsvColumn, type CsvOptions, type FileExport } from '../bills/export-csv';
import type { ListContext } from './order-filters';
import { listOrderLines } from './order-lines';

/** Lines read per query while exporting: large pages keep the number of OFFSET walks small. */
export const EXPORT_PAGE = 10_000;

/** The list's filters and sort, without its window. */
export type ExportQuery = Omit<OrderQueryParsed, 'offset' | 'limit'>;

/** S5: whole UTC+8 days in the current stage of an open supervised line; empty otherwise. */
function daysWaiting(row: OrderRow, now: number): number | null {
  if (row.stage === null || row.stageSince === null || !OPEN_STAGES.includes(row.stage)) return null;
  return marketDaysBetween(row.stageSince, now);
}

export function orderCsvColumns(now: number): CsvColumn<OrderRow>[] {
  return [
    { header: 'Order No. / 订单号', value: (r) => r.orderId },
    { header: 'Order line ID / 订单行号', value: (r) => r.orderLineId },
    { header: 'Product / 商品', value: (r) => r.productName },
    { header: 'Customer / 客户', value: (r) => r.customerName },
    { header: 'Amount / 金额', kind: 'money', value: (r) => r.amountMinor },
    { header: 'Currency / 币种', value: (r) => r.currency },
    { header: 'Order status / 订单状态', value: (r) => r.status },
    { header: 'Stage / 阶段', value: (r) => r.stage ?? '' },
    { header: 'Appeal open / 申诉中', kind: 'boolean', value: (r) => r.appealOpen },
    { header: 'Placed at (UTC+8) / 下单时间（UTC+8）', kind: 'dateTime', value: (r) => r.placedAt },
    { header: 'Stage since (UTC+8) / 阶段开始（UTC+8）', kind: 'dateTime', value: (r) => r.stageSince },
    { header: 'Days waiting / 等待天数', kind: 'number', value: (r) => daysWaiting(r, now) },
    { header: 'Imported / 手动导入', kind: 'boolean', value: (r) => r.imported },
  ];
}

/** Every matching line, page by page, yielding to the event loop between pages (the app stays responsive). */
export async function* matchingLines(
  db: ReadDb,
  query: ExportQuery,
  ctx: ListContext,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<OrderRow> {
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = listOrderLines(db, { ...query, offset, limit: pageSize }, ctx);
    for (const row of rows) yield row;
    if (rows.length < pageSize) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export async function exportOrdersCsv(
  file: string,
  db: ReadDb,
  query: ExportQuery,
  ctx: ListContext,
  options: CsvOptions = {},
): Promise<FileExport> {
  return exportCsvTable(file, orderCsvColumns(ctx.now), matchingLines(db, query, ctx), options);
}
