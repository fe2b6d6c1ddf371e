// What a first sync stages of each line (order-incoming.ts). Made where the page is read — off the main thread, in the
// page reader's worker (main/sync/page-reader.ts) — so only text and numbers cross to the main thread, which then only
// stores them. Pure: no database.
import type { ReceivedOrderLine } from './order-lines';
import { lineToColumns } from './order-line-row';

export interface StagedLine {
  orderLineId: string;
  version: number;
  placedAt: number;
  /** JSON of the line's order_lines columns but raw_json, as finishStagedSync moves them in. */
  colsJson: string;
  /** The item's JSON as received. */
  rawJson: string;
  /** What noteTemplateRefs needs of the line. */
  productId: string;
  templateVersion: number | null;
}

export function stagedLineOf(received: ReceivedOrderLine): StagedLine {
  const { raw_json: rawJson, ...cols } = lineToColumns(received.line, false, received.rawJson);
  return {
    orderLineId: cols.order_line_id,
    version: cols.version,
    placedAt: cols.placed_at,
    colsJson: JSON.stringify(cols),
    rawJson,
    productId: cols.product_id,
    templateVersion: cols.template_version,
  };
}
