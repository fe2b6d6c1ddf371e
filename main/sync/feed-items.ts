// A feed page's items, each checked on its own (docs/marketplace-api.md "Feeds"). Pure: the page reader's worker
// (page-reader.ts) uses it without the database side of feed.ts.
import type { FeedPage } from '../../common/marketplace/wire';

export type ItemParse<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a page says of the next one, known before its items are checked. */
export interface PageHead {
  nextCursor: string | null;
  hasMore: boolean;
  /** Items on the page, good and bad. */
  items: number;
}

/** A feed page with each item schema-checked on its own (readFeedPage, or off the main thread: page-reader.ts). */
export interface ReadFeedPage<T> extends PageHead {
  good: T[];
  bad: Array<{ item: unknown; error: string }>;
}

/** Checks each item of a page on its own: a malformed one is kept aside with the reason, never fatal to the page. */
export function readFeedPage<T>(page: FeedPage, parseItem: (item: unknown) => ItemParse<T>): ReadFeedPage<T> {
  const good: T[] = [];
  const bad: Array<{ item: unknown; error: string }> = [];
  for (const item of page.items) {
    const r = parseItem(item);
    if (r.ok) good.push(r.value);
    else bad.push({ item, error: r.error });
  }
  return { nextCursor: page.nextCursor, hasMore: page.hasMore, items: page.items.length, good, bad };
}

/** Zod issues as one line: "amount: expected a decimal …; customer.customerName: …". */
export function issuesText(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(item)'}: ${i.message}`).join('; ');
}
