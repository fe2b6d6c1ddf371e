// Reading one page of the order-lines feed (docs/marketplace-api.md "Feeds"): the page's JSON, then each item checked
// on its own. Pure (no database, no network), so it runs the same on the main thread and in the page reader's worker
// (page-reader.ts).
import { feedPage, orderLine, type FeedPage } from '../../common/marketplace/wire';
import type { ReceivedOrderLine } from '../orders/order-lines';
import { stagedLineOf, type StagedLine } from '../orders/staged-line';
import { issuesText, readFeedPage, type ItemParse, type PageHead, type ReadFeedPage } from './feed-items';
import { cleanSuccessJson } from './json-answer';

/** Each item is parsed on its own: a malformed one is reported and skipped, never fatal to the page. */
export function parseOrderLineItem(item: unknown): ItemParse<ReceivedOrderLine> {
  const r = orderLine.safeParse(item);
  // The raw JSON keeps fields this version does not know (the schema drops them) — docs/architecture.md "Data".
  return r.success
    ? { ok: true, value: { line: r.data, rawJson: JSON.stringify(item) } }
    : { ok: false, error: issuesText(r.error.issues) };
}

/** How a page's lines are read: as received lines, or already as what a first sync stages (staged-line.ts). */
export interface LineReading<T> {
  name: 'received' | 'staged';
  parseItem(item: unknown): ItemParse<T>;
}

export const RECEIVED_LINES: LineReading<ReceivedOrderLine> = { name: 'received', parseItem: parseOrderLineItem };

export const STAGED_LINES: LineReading<StagedLine> = {
  name: 'staged',
  parseItem: (item) => {
    const r = parseOrderLineItem(item);
    return r.ok ? { ok: true, value: stagedLineOf(r.value) } : r;
  },
};

/** The reading by its name (what the main thread tells the worker). */
export function lineReadingNamed(
  name: 'received' | 'staged',
): LineReading<ReceivedOrderLine> | LineReading<StagedLine> {
  return name === 'staged' ? STAGED_LINES : RECEIVED_LINES;
}

/**
 * A success answer's bytes as a feed page whose items are still to be checked, when they are a clean page
 * (cleanSuccessJson, then the page's shape); null for anything else, which the client then reads itself and reports
 * (MarketplaceClient.getOrderLinesPage).
 */
export function orderLinesPageOf(bytes: Uint8Array): FeedPage | null {
  const json = cleanSuccessJson(bytes);
  if (json === undefined) return null;
  const page = feedPage.safeParse(json);
  return page.success ? page.data : null;
}

/** orderLinesPageOf, then each item checked as `reading` reads it. */
export function readOrderLinesPage<T>(bytes: Uint8Array, reading: LineReading<T>): ReadFeedPage<T> | null {
  const page = orderLinesPageOf(bytes);
  return page ? readFeedPage(page, reading.parseItem) : null;
}

/** What a page says of the next one (PageHead). */
export function headOf(page: FeedPage): PageHead {
  return { nextCursor: page.nextCursor, hasMore: page.hasMore, items: page.items.length };
}
