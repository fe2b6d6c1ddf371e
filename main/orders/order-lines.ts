// Order-line repository (docs/architecture.md "The database"): plain synchronous functions over the local cache.
import type { OrderDetail } from '../../common/api/types';
import type { OrderPage, OrderQueryParsed } from '../../common/api/contract';
import type { WireOrderLine } from '../../common/marketplace/wire';
import type { Db, ReadDb } from '../db/connection';
import { lineToColumns, rowToOrderDetail, type OrderLineRowDb } from './order-line-row';
import { FtsBatch, writeLine } from './order-line-write';
import { runOrderQuery, type ListContext } from './order-query';
import { inTransaction, perDb } from '../db/statement-cache';

/**
 * An order line with the item's JSON text exactly as received (kept in raw_json; the schema may drop unknown fields).
 */
export interface ReceivedOrderLine {
  line: WireOrderLine;
  rawJson: string;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  skippedOlder: number;
}

const statements = perDb((db) => ({
  get: db.prepare<[string], OrderLineRowDb>(
    `SELECT order_id, order_line_id, product_name, customer_name, amount_minor, currency, status, stage, appeal_open,
            placed_at, stage_since, imported, unsub_pending, request_rejections, delivery_rejections, order_type,
            charging_mode, process, product_id, customer_id, version, updated_at, r.raw_json
       FROM order_lines l JOIN order_line_raw r ON r.id = l.id WHERE l.order_line_id = ?`,
  ),
  count: db.prepare<[], number>('SELECT coalesce(sum(lines), 0) FROM order_line_counts').pluck(),
  rawJson: db
    .prepare<[string], string>(
      'SELECT r.raw_json FROM order_lines l JOIN order_line_raw r ON r.id = l.id WHERE l.order_line_id = ?',
    )
    .pluck(),
}));

function isReceived(x: WireOrderLine | ReceivedOrderLine): x is ReceivedOrderLine {
  return 'rawJson' in x && 'line' in x;
}

/**
 * Stores lines; the highest `version` wins (docs/marketplace-api.md: feed items re-appear), so an item
 * with version <= the stored one is skipped. An imported line (Open API) never
 * overwrites a feed line; a feed line replaces an imported one whatever its version and clears
 * `imported`; a re-import refreshes an imported line of the same version. Joins the caller's
 * transaction when one is open (the sync stores a page and its cursor together).
 */
export function upsertOrderLines(
  db: Db,
  lines: Iterable<WireOrderLine | ReceivedOrderLine>,
  opts: { imported?: boolean } = {},
): UpsertResult {
  const imported = opts.imported === true;
  const result: UpsertResult = { inserted: 0, updated: 0, skippedOlder: 0 };
  inTransaction(db, () => {
    const fts = new FtsBatch();
    for (const item of lines) {
      const line = isReceived(item) ? item.line : item;
      result[writeLine(db, lineToColumns(line, imported, isReceived(item) ? item.rawJson : undefined), fts)]++;
    }
    fts.flush(db);
  });
  return result;
}

export function getOrderLine(db: ReadDb, orderLineId: string): OrderDetail | null {
  const row = statements(db).get.get(orderLineId);
  return row ? rowToOrderDetail(row) : null;
}

/** The stored JSON text of a line, exactly as received (CLI `--json`). */
export function getOrderLineRawJson(db: ReadDb, orderLineId: string): string | null {
  return statements(db).rawJson.get(orderLineId) ?? null;
}

/** Number of cached lines, from the maintained counters (O(1), docs/architecture.md). */
export function countOrderLines(db: ReadDb): number {
  return statements(db).count.get() ?? 0;
}

export function listOrderLines(db: ReadDb, query: OrderQueryParsed, ctx: ListContext): OrderPage {
  return runOrderQuery(db, query, ctx);
}
