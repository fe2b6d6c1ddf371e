// The cursor-feed loop shared by the order-line and bill feeds (docs/marketplace-api.md "Feeds"): fetch pages until
// hasMore is false; each page's items, its rejects and the cursor after it are stored in one transaction, so a crash
// between pages loses nothing; 410 MKT.2410 restarts the feed from the beginning without deleting local data; each
// item is schema-checked on its own, a malformed one is reported (sync_rejects) and skipped.
// A broken or hostile feed is never followed for ever nor hammered (docs/architecture.md "Security"): a cursor seen
// twice in one run (A→B→A, or the same cursor back with items) ends the run with an error, so do too many pages or
// too many empty pages in a row that still say hasMore, and pages that bring (almost) nothing are fetched no faster
// than one per MIN_THIN_PAGE_INTERVAL_MS.
// The next page is fetched while the current one is parsed and stored (the marketplace prepares it meanwhile): pages
// are still stored one after the other in feed order, each with its own cursor, so a failure of the page fetched ahead
// leaves the cursor at the last page stored, exactly as if it had been fetched after it.
import type { Db } from '../db/connection';
import { getCursor, recordReject, setCursor } from './sync-state';
import type { Clock } from './client';
import { MarketplaceError } from './errors';
import { classify, realSleep } from './retry';
import type { PageHead, ReadFeedPage } from './feed-items';

export { issuesText, readFeedPage, type ItemParse, type PageHead, type ReadFeedPage } from './feed-items';

/** A feed that expires again while we restart it is broken; give up rather than loop. */
const MAX_RESTARTS = 2;
/** Pages per feed per run: 5,000 full pages are 2.5 million items; the next run goes on from the stored cursor. */
export const MAX_PAGES_PER_RUN = 5_000;
/** Empty pages in a row that still say hasMore: a feed that has nothing to give but will not say so. */
export const MAX_EMPTY_PAGES_IN_A_ROW = 10;
/** A page with fewer items than this (or than asked for) says hasMore: the next one waits this long after it. */
export const THIN_PAGE_ITEMS = 10;
export const MIN_THIN_PAGE_INTERVAL_MS = 500;
/**
 * Pages fetched ahead of the one being stored. With pages read off the main thread (page-reader.ts), one ahead left
 * the main thread waiting: the page after it was asked for only once that page was read. Two keep the marketplace,
 * the reader and the store busy at once; each waiting page holds ~1 MB.
 */
const MAX_AHEAD = 2;

export interface PullResult {
  pages: number;
  /** Items stored (order lines, or bill revisions received). */
  lines: number;
  skipped: number;
  restarted: boolean;
}

export interface CursorFeed<T> {
  /** The sync_cursors / sync_rejects key. */
  name: string;
  /**
   * One page, its items checked (readFeedPage). `onHead`, when the fetch can tell, hears the page's cursor before its
   * items are checked (the next page is then asked for meanwhile).
   */
  fetchPage(cursor: string | null, limit: number, onHead?: (head: PageHead) => void): Promise<ReadFeedPage<T>>;
  /** The parsed items of a page just before it is stored, outside the transaction (must not write). */
  observe?(good: readonly T[]): void;
  /** Stores a page's items inside its transaction (synchronous: never await inside one). */
  store(good: readonly T[], at: number): void;
  /** After a page committed. */
  committed?(good: readonly T[], result: Readonly<PullResult>, hasMore: boolean): void;
}

export interface FeedRunner {
  db: Db;
  clock: Clock;
  pageSize: number;
  retrying<R>(fn: () => Promise<R>): Promise<R>;
  /** Paces thin pages (MIN_THIN_PAGE_INTERVAL_MS); default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Pages per feed per run; default MAX_PAGES_PER_RUN. */
  maxPages?: number;
}

/** The feed itself is broken (not one request): the run ends with this, nothing more of the page is stored. */
function brokenFeed(feed: string, what: string, body?: unknown): MarketplaceError {
  return new MarketplaceError({ kind: 'parse', message: `the ${feed} feed ${what}`, body });
}

/** What an error keeps of a broken page (the items themselves are in sync_rejects or not needed). */
function pageSummary(page: ReadFeedPage<unknown>): { nextCursor: string | null; hasMore: boolean; items: number } {
  return { nextCursor: page.nextCursor, hasMore: page.hasMore, items: page.items };
}

export async function pullCursorFeed<T>(runner: FeedRunner, feed: CursorFeed<T>): Promise<PullResult> {
  // A page fetched ahead may still be waiting to be retried when the run ends (a failed store, a broken page): once the
  // run is over it asks for nothing more.
  const run = { ended: false };
  try {
    return await pullPages(runner, feed, run);
  } finally {
    run.ended = true;
  }
}

async function pullPages<T>(runner: FeedRunner, feed: CursorFeed<T>, run: { ended: boolean }): Promise<PullResult> {
  const { db, clock } = runner;
  const sleep = runner.sleep ?? realSleep;
  const maxPages = runner.maxPages ?? MAX_PAGES_PER_RUN;
  const result: PullResult = { pages: 0, lines: 0, skipped: 0, restarted: false };
  let cursor = getCursor(db, feed.name);
  let restarts = 0;
  // Every cursor whose page this run has taken (since the last restart): one coming back means the feed goes round in
  // circles.
  let asked = new Set<string>();
  let emptyInARow = 0;
  let fetches = 0;
  let paceFrom: number | null = null;
  /**
   * Pages asked for before their turn, by the cursor that asks for them: the one after the page being stored, and, as
   * soon as that one's cursor is known (its head, before its items are checked), at most one more (MAX_AHEAD).
   */
  let ahead = new Map<string, Promise<ReadFeedPage<T>>>();
  /** Counts restarts: a head heard from before the last restart asks for nothing. */
  let generation = 0;
  // Fetched ahead only when it would be fetched right after that page anyway: not paced, not past the page limit, not
  // a cursor already taken.
  const fetchesAhead = (head: PageHead): head is PageHead & { nextCursor: string } =>
    head.hasMore &&
    head.nextCursor !== null &&
    head.items >= Math.min(THIN_PAGE_ITEMS, runner.pageSize) &&
    fetches < maxPages &&
    !asked.has(head.nextCursor) &&
    !ahead.has(head.nextCursor);
  const fetchFrom = (from: string | null): Promise<ReadFeedPage<T>> => {
    fetches++;
    const asOf = generation;
    const onHead = (head: PageHead): void => {
      if (run.ended || asOf !== generation || ahead.size >= MAX_AHEAD || head.nextCursor === from) return;
      if (fetchesAhead(head)) ahead.set(head.nextCursor, fetchFrom(head.nextCursor));
    };
    const pending = runner.retrying(() =>
      run.ended
        ? Promise.reject(new Error(`the ${feed.name} run ended before this page's turn`))
        : feed.fetchPage(from, runner.pageSize, onHead),
    );
    // Awaited below; until then (or if the run ends first, e.g. a failed store) its failure must not go unhandled.
    pending.catch(() => undefined);
    return pending;
  };
  for (;;) {
    const early = cursor === null ? undefined : ahead.get(cursor);
    if (!early) {
      if (fetches >= maxPages) {
        throw brokenFeed(
          feed.name,
          `still said hasMore after ${maxPages} pages in one run; stopped (the next run goes on from the stored cursor)`,
        );
      }
      if (paceFrom !== null) {
        const wait = paceFrom + MIN_THIN_PAGE_INTERVAL_MS - clock.now();
        if (wait > 0) await sleep(Math.min(wait, MIN_THIN_PAGE_INTERVAL_MS));
      }
    }
    let page: ReadFeedPage<T>;
    try {
      if (cursor !== null) {
        ahead.delete(cursor);
        asked.add(cursor);
      }
      page = await (early ?? fetchFrom(cursor));
    } catch (err) {
      // docs/marketplace-api.md: 410 MKT.2410 → restart that feed from the beginning. Local rows stay; versions dedupe.
      if (classify(err) === 'restart-feed' && cursor !== null && restarts < MAX_RESTARTS) {
        restarts++;
        result.restarted = true;
        setCursor(db, feed.name, null, clock.now());
        cursor = null;
        asked = new Set();
        ahead = new Map();
        generation++;
        continue;
      }
      throw err;
    }
    paceFrom = null;
    if (page.hasMore) {
      // A feed that says "more" but does not move would loop for ever; nothing of such a page is stored.
      if (!page.nextCursor)
        throw brokenFeed(
          feed.name,
          `said hasMore but gave no nextCursor (after ${result.pages} pages)`,
          pageSummary(page),
        );
      if (asked.has(page.nextCursor)) {
        const how =
          page.nextCursor === cursor
            ? `returned the cursor it was asked with${page.items > 0 ? ` together with ${page.items} item${page.items === 1 ? '' : 's'}` : ''}`
            : 'went back to a cursor it had already given in this run (a cycle)';
        throw brokenFeed(feed.name, `${how}; stopped after ${result.pages} pages`, pageSummary(page));
      }
      emptyInARow = page.items === 0 ? emptyInARow + 1 : 0;
      if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW)
        throw brokenFeed(feed.name, `sent ${emptyInARow} empty pages in a row while saying hasMore; stopped`);
      if (page.items < Math.min(THIN_PAGE_ITEMS, runner.pageSize)) paceFrom = clock.now();
      else if (fetchesAhead(page)) ahead.set(page.nextCursor, fetchFrom(page.nextCursor));
    }
    const { good, bad } = page;
    feed.observe?.(good);
    const at = clock.now();
    // One transaction per page: the items, their rejects and the cursor after them (never await inside).
    db.transaction(() => {
      feed.store(good, at);
      for (const b of bad) recordReject(db, feed.name, b.item, b.error, at);
      // The last page may carry no cursor; keep the one that fetched it so the next run asks from there.
      setCursor(db, feed.name, page.nextCursor ?? cursor, at);
    })();
    result.pages++;
    result.lines += good.length;
    result.skipped += bad.length;
    feed.committed?.(good, result, page.hasMore);
    if (!page.hasMore) return result;
    cursor = page.nextCursor;
  }
}
