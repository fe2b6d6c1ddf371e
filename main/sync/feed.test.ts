// The cursor-feed loop fetches the next page while the current one is stored (feed.ts): pages are still stored in
// feed order, each with its own cursor, and a failure anywhere leaves the cursor at the last page stored.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedPage } from '../../common/marketplace/wire';
import { pullCursorFeed, readFeedPage, THIN_PAGE_ITEMS, type CursorFeed, type FeedRunner } from './feed';
import { MarketplaceError } from './errors';
import { PULL_POLICY, withRetry } from './retry';
import { getCursor } from './sync-state';
import { settableClock, tempDb, type TempDb } from './testing/helpers';

const FEED = 'test-feed';
const PAGE = 20;
let tmp: TempDb;

afterEach(() => tmp?.cleanup());

/** A promise settled from outside: a page request that answers when the test says so. */
function deferred<T>() {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Page n (from 0) of a feed of `pages` full pages: items `p<n>-<i>`, cursor `c<n+1>` after it. */
function page(n: number, pages: number, items = PAGE): FeedPage {
  return {
    resultCode: 'MKT.0000',
    resultMsg: 'success',
    items: Array.from({ length: items }, (_, i) => `p${n}-${i}`),
    nextCursor: `c${n + 1}`,
    hasMore: n + 1 < pages,
  };
}
const pageOf = (cursor: string | null): number => (cursor === null ? 0 : Number(cursor.slice(1)));

/**
 * A feed over `answer` (what each request gets) that logs every event in order: `fetch <cursor>` when a request
 * starts, `store <page>` and the cursor stored so far when a page is stored, `committed <page>` after.
 */
function recordingFeed(answer: (cursor: string | null) => Promise<FeedPage>, failStore?: (page: number) => boolean) {
  const events: string[] = [];
  const db = tmp.db;
  db.exec('CREATE TABLE IF NOT EXISTS test_items (item TEXT PRIMARY KEY)');
  const insert = db.prepare('INSERT INTO test_items (item) VALUES (?)');
  const feed: CursorFeed<string> = {
    name: FEED,
    fetchPage: async (cursor) => {
      events.push(`fetch ${cursor ?? 'start'}`);
      return readFeedPage(await answer(cursor), (item) => ({ ok: true, value: String(item) }));
    },
    store: (good) => {
      const n = Number(good[0]?.slice(1, good[0].indexOf('-')));
      events.push(`store ${n} (cursor before: ${getCursor(db, FEED) ?? 'none'})`);
      if (failStore?.(n)) throw new Error(`store of page ${n} failed`);
      for (const item of good) insert.run(item);
    },
    committed: (good) => events.push(`committed ${good[0]?.slice(0, good[0].indexOf('-'))}`),
  };
  return { feed, events };
}

function runner(overrides: Partial<FeedRunner> = {}): FeedRunner {
  return {
    db: tmp.db,
    clock: settableClock(Date.UTC(2025, 3, 1)),
    pageSize: PAGE,
    retrying: (fn) => fn(),
    sleep: () => Promise.resolve(),
    ...overrides,
  };
}

const storedItems = (): number => tmp.db.prepare('SELECT count(*) FROM test_items').pluck().get() as number;

describe('cursor feed — the next page is fetched while the current one is stored', () => {
  it('asks for page n+1 before storing page n, yet stores the pages in feed order, each with the cursor after it', async () => {
    tmp = tempDb();
    const { feed, events } = recordingFeed((c) => Promise.resolve(page(pageOf(c), 3)));
    const r = await pullCursorFeed(runner(), feed);
    expect(r).toEqual({ pages: 3, lines: 3 * PAGE, skipped: 0, restarted: false });
    expect(events).toEqual([
      'fetch start',
      'fetch c1', // fetched ahead: before page 0 is stored
      'store 0 (cursor before: none)',
      'committed p0',
      'fetch c2',
      'store 1 (cursor before: c1)',
      'committed p1',
      'store 2 (cursor before: c2)', // the last page says hasMore false: nothing fetched after it
      'committed p2',
    ]);
    expect(getCursor(tmp.db, FEED)).toBe('c3');
    expect(storedItems()).toBe(3 * PAGE);
  });

  it('a late page holds back everything after it: nothing past it is fetched or stored until it arrives', async () => {
    tmp = tempDb();
    const slow = deferred<FeedPage>();
    const { feed, events } = recordingFeed((c) =>
      pageOf(c) === 1 ? slow.promise : Promise.resolve(page(pageOf(c), 3)),
    );
    const run = pullCursorFeed(runner(), feed);
    // Page 1 is late: the loop waits for it; page 2 is neither fetched nor stored before it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['fetch start', 'fetch c1', 'store 0 (cursor before: none)', 'committed p0']);
    expect(getCursor(tmp.db, FEED)).toBe('c1');
    slow.resolve(page(1, 3));
    await run;
    expect(events.filter((e) => e.startsWith('store'))).toEqual([
      'store 0 (cursor before: none)',
      'store 1 (cursor before: c1)',
      'store 2 (cursor before: c2)',
    ]);
  });

  it('a failure of the page fetched ahead leaves the cursor at the last page stored; the next run asks from there', async () => {
    tmp = tempDb();
    const failing = recordingFeed((c) =>
      pageOf(c) === 2 ? Promise.reject(new Error('page 2 failed')) : Promise.resolve(page(pageOf(c), 4)),
    );
    await expect(pullCursorFeed(runner(), failing.feed)).rejects.toThrow('page 2 failed');
    // Page 1 was stored (with its cursor) although page 2 had already failed while it was being stored.
    expect(failing.events).toContain('committed p1');
    expect(getCursor(tmp.db, FEED)).toBe('c2');
    expect(storedItems()).toBe(2 * PAGE);

    const again = recordingFeed((c) => Promise.resolve(page(pageOf(c), 4)));
    const r = await pullCursorFeed(runner(), again.feed);
    expect(again.events[0]).toBe('fetch c2');
    expect(r.pages).toBe(2);
    expect(storedItems()).toBe(4 * PAGE); // no page lost, none stored twice (the primary key would refuse it)
  });

  it('a failed store keeps the cursor before that page (the page fetched ahead is dropped); a new run resumes there', async () => {
    tmp = tempDb();
    const { feed, events } = recordingFeed(
      (c) => (pageOf(c) === 2 ? Promise.reject(new Error('page 2 failed too')) : Promise.resolve(page(pageOf(c), 4))),
      (n) => n === 1,
    );
    await expect(pullCursorFeed(runner(), feed)).rejects.toThrow('store of page 1 failed');
    expect(events).toContain('fetch c2'); // fetched ahead, then abandoned (its failure is not an unhandled rejection)
    expect(getCursor(tmp.db, FEED)).toBe('c1');
    expect(storedItems()).toBe(PAGE);

    const again = recordingFeed((c) => Promise.resolve(page(pageOf(c), 4)));
    await pullCursorFeed(runner(), again.feed);
    expect(again.events[0]).toBe('fetch c1');
    expect(storedItems()).toBe(4 * PAGE);
  });

  it('a page fetched ahead is not asked for again once the run has ended (its store failed): no retry goes out', async () => {
    tmp = tempDb();
    const { feed, events } = recordingFeed(
      (c) =>
        pageOf(c) === 2
          ? Promise.reject(new MarketplaceError({ kind: 'network', message: 'connection reset' }))
          : Promise.resolve(page(pageOf(c), 4)),
      (n) => n === 1,
    );
    const backoff = deferred<void>();
    const clock = settableClock(Date.UTC(2025, 3, 1));
    const retrying = <R>(fn: () => Promise<R>): Promise<R> =>
      withRetry(fn, { policy: PULL_POLICY, clock, sleep: () => backoff.promise, random: () => 0 });
    await expect(pullCursorFeed(runner({ retrying }), feed)).rejects.toThrow('store of page 1 failed');
    // Page 2's request failed with a retried kind of error and waits out its backoff; the run is over meanwhile.
    backoff.resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.filter((e) => e === 'fetch c2')).toEqual(['fetch c2']);
  });

  it('a thin page is not followed by a fetch ahead: the next request waits for the pacing interval', async () => {
    tmp = tempDb();
    const thin = THIN_PAGE_ITEMS - 1;
    const { feed, events } = recordingFeed((c) => Promise.resolve(page(pageOf(c), 2, thin)));
    const waits: number[] = [];
    await pullCursorFeed(
      runner({
        sleep: (ms) => {
          waits.push(ms);
          events.push('sleep');
          return Promise.resolve();
        },
      }),
      feed,
    );
    expect(events.slice(0, 5)).toEqual([
      'fetch start',
      'store 0 (cursor before: none)',
      'committed p0',
      'sleep',
      'fetch c1',
    ]);
    expect(waits).toHaveLength(1);
  });

  it('never fetches ahead past the pages allowed per run', async () => {
    tmp = tempDb();
    const { feed, events } = recordingFeed((c) => Promise.resolve(page(pageOf(c), 10)));
    await expect(pullCursorFeed(runner({ maxPages: 3 }), feed)).rejects.toThrow(/after 3 pages/);
    expect(events.filter((e) => e.startsWith('fetch'))).toEqual(['fetch start', 'fetch c1', 'fetch c2']);
    expect(getCursor(tmp.db, FEED)).toBe('c3');
  });

  it("with each page's cursor told before its items are read, asks up to two pages ahead; stores in order, each once", async () => {
    tmp = tempDb();
    const { feed, events } = recordingFeed((c) => Promise.resolve(page(pageOf(c), 6)));
    const told: CursorFeed<string> = {
      ...feed,
      // As the page reader's worker does: the head first, the read page a moment later.
      fetchPage: async (cursor, limit, onHead) => {
        const read = await feed.fetchPage(cursor, limit);
        onHead?.({ nextCursor: read.nextCursor, hasMore: read.hasMore, items: read.items });
        await new Promise((resolve) => setTimeout(resolve, 1));
        return read;
      },
    };
    const r = await pullCursorFeed(runner(), told);
    expect(r.pages).toBe(6);
    const fetches = events.filter((e) => e.startsWith('fetch'));
    expect(fetches).toEqual(['fetch start', 'fetch c1', 'fetch c2', 'fetch c3', 'fetch c4', 'fetch c5']);
    // Before page 0 was stored, pages 1 and 2 were asked for (two ahead), not page 3.
    expect(events.slice(0, events.indexOf('store 0 (cursor before: none)'))).toEqual([
      'fetch start',
      'fetch c1',
      'fetch c2',
    ]);
    expect(events.filter((e) => e.startsWith('store'))).toEqual(
      Array.from({ length: 6 }, (_, n) => `store ${n} (cursor before: ${n === 0 ? 'none' : `c${n}`})`),
    );
    expect(storedItems()).toBe(6 * PAGE);
  });

  it('a head that says the page is the last, or thin, or points back at its own cursor, asks for nothing', async () => {
    tmp = tempDb();
    const heads = [
      { nextCursor: 'c9', hasMore: false, items: PAGE },
      { nextCursor: 'c9', hasMore: true, items: THIN_PAGE_ITEMS - 1 },
      { nextCursor: 'c1', hasMore: true, items: PAGE }, // the cursor this page was asked with
    ];
    for (const head of heads) {
      const asked: Array<string | null> = [];
      const feed: CursorFeed<string> = {
        name: FEED,
        fetchPage: async (cursor, _limit, onHead) => {
          asked.push(cursor);
          if (cursor === 'c1') onHead?.(head);
          return readFeedPage(page(pageOf(cursor), 2), (item) => ({ ok: true, value: String(item) }));
        },
        store: () => undefined,
      };
      tmp.db.prepare('DELETE FROM sync_cursors').run();
      await pullCursorFeed(runner(), feed);
      expect(asked).toEqual([null, 'c1']);
    }
  });
});
