// Pull sync against a tiny signed HTTP marketplace (real HTTP on port 0) — exact single faults.
// The same behaviours against the real simulator: sim.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../common/api/types';
import type { WireOrderLine } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { countOrderLines, getOrderLine, getOrderLineRawJson } from '../orders/order-lines';
import { getCursor } from './sync-state';
import { MarketplaceClient } from './client';
import { makeLine, startFakeMarketplace, type FakeMarketplace } from './testing/fake-marketplace';
import { ORDER_LINES_FEED, SyncEngine } from './pull';
import { inThreadPageReader, type PageReader } from './page-reader';
import { recordingSleep, settableClock, tempDb, type TempDb } from './testing/helpers';

const T0 = Date.UTC(2025, 3, 1, 4, 0, 0);
let fake: FakeMarketplace;
let tmp: TempDb;

afterEach(async () => {
  await fake?.close();
  tmp?.cleanup();
});

async function setup(lines: number) {
  fake = await startFakeMarketplace({ now: () => T0 });
  for (let i = 0; i < lines; i++) fake.feed.push(makeLine(i));
  tmp = tempDb();
  return { fake, db: tmp.db };
}

function engine(
  db: Db,
  opts: {
    pageSize?: number;
    sleep?: (ms: number) => Promise<void>;
    onProgress?: (p: SyncProgress) => void;
    onPage?: (lines: readonly WireOrderLine[]) => void;
    pageReader?: PageReader;
  } = {},
) {
  const clock = settableClock(T0);
  const creds = fake.credentials;
  const client = new MarketplaceClient({ baseUrl: fake.url, credentials: () => creds, clock, timeoutMs: 5_000 });
  return new SyncEngine({
    db,
    client,
    clock,
    sleep: opts.sleep ?? recordingSleep().sleep,
    random: () => 0.5,
    pageSize: opts.pageSize ?? 200,
    onProgress: opts.onProgress,
    onPage: opts.onPage,
    pageReader: opts.pageReader,
  });
}

const feedRequests = () => fake.requests.filter((r) => r.path.endsWith('/order-lines'));
const offsetOf = (cursor: string | null) => (cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0);

describe('pull sync — paging (docs/marketplace-api.md "Feeds")', () => {
  it('pages through the whole feed until hasMore is false; progress per page; the cursor is stored', async () => {
    const { db } = await setup(1_050);
    const progress: SyncProgress[] = [];
    const r = await engine(db, { onProgress: (p) => progress.push(p) }).pullOrderLines();
    expect(r).toEqual({ pages: 6, lines: 1_050, skipped: 0, restarted: false });
    expect(countOrderLines(db)).toBe(1_050);
    expect(offsetOf(getCursor(db, ORDER_LINES_FEED))).toBe(1_050);
    expect(progress.filter((p) => p.phase === 'orders').map((p) => p.lines)).toEqual([
      0, 200, 400, 600, 800, 1_000, 1_050,
    ]);
    expect(progress.at(-1)?.percent).toBe(100);
    // The next run asks from the stored cursor and gets nothing new.
    const again = await engine(db).pullOrderLines();
    expect(again).toEqual({ pages: 1, lines: 0, skipped: 0, restarted: false });
    expect(offsetOf(feedRequests().at(-1)?.query.get('cursor') ?? null)).toBe(1_050);
  });

  it('a crash between pages (4th page request fails fatally) → a new engine on a reopened db resumes from the stored cursor: no loss, no duplicates, no page fetched twice', async () => {
    const { db } = await setup(1_050);
    fake.setHook((r) =>
      r.path.endsWith('/order-lines') && offsetOf(r.query.get('cursor')) === 600
        ? { status: 400, body: { resultCode: 'MKT.0101', resultMsg: 'crash' } }
        : undefined,
    );
    await expect(engine(db).pullOrderLines()).rejects.toMatchObject({ status: 400 });
    expect(countOrderLines(db)).toBe(600);
    expect(offsetOf(getCursor(db, ORDER_LINES_FEED))).toBe(600);
    db.close(); // the app dies

    fake.setHook(undefined);
    const before = feedRequests().length;
    const db2 = tmp.reopen();
    const r = await engine(db2).pullOrderLines();
    expect(r.lines).toBe(450);
    expect(countOrderLines(db2)).toBe(1_050);
    expect((db2.prepare('SELECT count(DISTINCT order_line_id) AS n FROM order_lines').get() as { n: number }).n).toBe(
      1_050,
    );
    const offsets = feedRequests()
      .slice(before)
      .map((q) => offsetOf(q.query.get('cursor')));
    expect(offsets).toEqual([600, 800, 1_000]); // resumed exactly where it stopped
  });

  it("a failure inside a page's transaction stores neither its lines nor its cursor; the retry refetches that page", async () => {
    const { db } = await setup(500);
    const victim = makeLine(250).orderLineId; // on page 2 (200–399)
    db.exec(
      `CREATE TEMP TRIGGER crash_on_insert BEFORE INSERT ON order_lines WHEN NEW.order_line_id = '${victim}' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
    );
    // A first sync into an empty cache stores its pages in the staging table (order-incoming.ts): the same failure
    // there.
    db.exec(
      `CREATE TEMP TRIGGER crash_on_stage BEFORE INSERT ON order_lines_incoming WHEN NEW.order_line_id = '${victim}' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
    );
    await expect(engine(db).pullOrderLines()).rejects.toThrow(/simulated crash/);
    expect(countOrderLines(db)).toBe(200); // page 1 only: no half-written page 2
    expect(offsetOf(getCursor(db, ORDER_LINES_FEED))).toBe(200);
    // IF EXISTS: building the indexes after the first sync's move (ANALYZE) may already have discarded the TEMP
    // trigger.
    db.exec('DROP TRIGGER IF EXISTS crash_on_insert');
    db.exec('DROP TRIGGER IF EXISTS crash_on_stage');
    const r = await engine(db).pullOrderLines();
    expect(r.lines).toBe(300);
    expect(countOrderLines(db)).toBe(500);
  });
});

/** A page reader that reads on this thread and notes how each page was read. */
function recordingReader(read: string[]): PageReader {
  return {
    read: (bytes, reading, onHead) => {
      read.push(reading.name);
      return inThreadPageReader.read(bytes, reading, onHead);
    },
    close: () => Promise.resolve(),
  };
}

describe('pull sync — the page reader (a worker thread in the app) reads the pages of a long feed only', () => {
  it('a feed of one page is read on this thread; a long one by the page reader from the page after the first "more"', async () => {
    const { db } = await setup(50);
    const read: string[] = [];
    const pageReader = recordingReader(read);
    await engine(db, { pageSize: 100, pageReader }).pullOrderLines(); // one page: no worker started for it
    expect(read).toEqual([]);
    fake.feed.push(...Array.from({ length: 450 }, (_, i) => makeLine(1_000 + i)));
    await engine(db, { pageSize: 100, pageReader }).pullOrderLines(); // five pages, row by row (not a first sync)
    // Page 1 says "more"; page 2 was already asked for meanwhile (on this thread); pages 3 to 5 by the reader.
    expect(read).toEqual(['received', 'received', 'received']);
  });

  it('a first sync (staged) has its pages read as the rows it stages', async () => {
    const { db } = await setup(450);
    const read: string[] = [];
    const pageReader = recordingReader(read);
    await engine(db, { pageSize: 100, pageReader }).pullOrderLines();
    expect(read).toEqual(['staged', 'staged', 'staged']);
    expect(countOrderLines(db)).toBe(450);
  });
});

describe('pull sync — a first sync keeps a bounded WAL (fewer checkpoints while staging)', () => {
  it('raises wal_autocheckpoint while a first sync stages its pages and puts it back after, also after a failure', async () => {
    const { db } = await setup(500);
    const checkpoint = () => db.pragma('wal_autocheckpoint', { simple: true });
    const before = checkpoint();
    const during: unknown[] = [];
    fake.setHook((r) =>
      r.path.endsWith('/order-lines') && offsetOf(r.query.get('cursor')) === 400
        ? { status: 400, body: { resultCode: 'MKT.0101', resultMsg: 'crash' } }
        : undefined,
    );
    // Probed as each page is stored (its progress; the first report comes before the run looks at the cache).
    const probe = (p: SyncProgress) => {
      if (p.phase === 'orders' && p.pages > 0) during.push(checkpoint());
    };
    await expect(engine(db, { onProgress: probe }).pullOrderLines()).rejects.toMatchObject({ status: 400 });
    expect(during.length).toBeGreaterThan(0);
    for (const value of during) expect(value).toBeGreaterThan(Number(before));
    expect(checkpoint()).toBe(before);
    expect(countOrderLines(db)).toBe(400); // the pages received were moved in
    fake.setHook(undefined);
    during.length = 0;
    await engine(db, { onProgress: probe }).pullOrderLines(); // not a first sync: row by row
    expect(during).toEqual([before]);
    expect(countOrderLines(db)).toBe(500);
  });
});

describe('pull sync — version ordering (docs/marketplace-api.md "Feeds": keep the highest version)', () => {
  it('an older version arriving later does not overwrite; a newer one does', async () => {
    const { db } = await setup(0);
    const id = makeLine(1).orderLineId;
    fake.feed.push(
      makeLine(1, { version: 3, status: 'PROCESSING', productName: 'v3' }),
      makeLine(2),
      makeLine(1, { version: 2, productName: 'v2 (stale)' }),
    );
    await engine(db, { pageSize: 1 }).pullOrderLines();
    expect(getOrderLine(db, id)?.version).toBe(3);
    expect(getOrderLine(db, id)?.productName).toBe('v3');
    fake.feed.push(
      makeLine(1, { version: 5, status: 'COMPLETED', productName: 'v5' }),
      makeLine(1, { version: 4, productName: 'v4 (stale)' }),
    );
    await engine(db, { pageSize: 500 }).pullOrderLines(); // both in one page: order inside a page does not matter
    expect(getOrderLine(db, id)).toMatchObject({ version: 5, productName: 'v5', status: 'COMPLETED' });
    expect(countOrderLines(db)).toBe(2);
  });
});

describe('pull sync — 410 MKT.2410 (cursor expired → restart the feed from the beginning)', () => {
  it('restarts from no cursor, keeps every local line (even ones the compacted feed no longer carries) and applies the new versions', async () => {
    const { db } = await setup(300);
    await engine(db).pullOrderLines();
    expect(countOrderLines(db)).toBe(300);
    // The marketplace compacts its feed: only lines 0–99 remain, line 5 changed; the old cursor has expired.
    fake.feed.splice(
      0,
      fake.feed.length,
      ...Array.from({ length: 100 }, (_, i) => makeLine(i, i === 5 ? { version: 2, status: 'COMPLETED' } : {})),
    );
    fake.setHook((r) =>
      r.path.endsWith('/order-lines') && r.query.get('cursor') && offsetOf(r.query.get('cursor')) > 100
        ? { status: 410, body: { resultCode: 'MKT.2410', resultMsg: 'cursor expired' } }
        : undefined,
    );
    const before = feedRequests().length;
    const r = await engine(db).pullOrderLines();
    expect(r.restarted).toBe(true);
    expect(r.lines).toBe(100);
    const asked = feedRequests()
      .slice(before)
      .map((q) => q.query.get('cursor'));
    expect(asked[0]).not.toBeNull(); // the expired one
    expect(asked[1]).toBeNull(); // from the beginning
    expect(countOrderLines(db)).toBe(300); // nothing deleted
    expect(getOrderLine(db, makeLine(5).orderLineId)).toMatchObject({ version: 2, status: 'COMPLETED' });
    expect(offsetOf(getCursor(db, ORDER_LINES_FEED))).toBe(100);
  });
});

describe('pull sync — transient faults (docs/marketplace-api.md "Errors": retry with backoff; 429 waits Retry-After)', () => {
  it('503, a connection reset and a 429 (Retry-After: 3) on page requests → all lines stored; the sleep got exactly 3000 ms for the 429', async () => {
    const { db } = await setup(800);
    const faults = new Map<number, 'reset' | { status: number; body: unknown; headers?: Record<string, string> }>([
      [2, { status: 503, body: { resultCode: 'MKT.0999', resultMsg: 'internal' } }],
      [4, 'reset'],
      [
        6,
        { status: 429, body: { resultCode: 'MKT.0250', resultMsg: 'rate limited' }, headers: { 'Retry-After': '3' } },
      ],
    ]);
    fake.setHook((r) => faults.get(r.n));
    const { waits, sleep } = recordingSleep();
    const r = await engine(db, { sleep }).pullOrderLines();
    expect(r).toMatchObject({ pages: 4, lines: 800 });
    expect(countOrderLines(db)).toBe(800);
    expect(feedRequests()).toHaveLength(4 + 3);
    expect(waits).toHaveLength(3);
    expect(waits[2]).toBe(3_000);
    // Backoff with jitter (random 0.5, base 500): attempt 1 → 250 ms each time.
    expect(waits.slice(0, 2)).toEqual([250, 250]);
  });

  it('a marketplace down for longer than the policy → the run fails with the last network error, stored pages stay', async () => {
    const { db } = await setup(400);
    fake.setHook((r) => (offsetOf(r.query.get('cursor')) >= 200 ? 'reset' : undefined));
    const { waits, sleep } = recordingSleep();
    await expect(engine(db, { sleep }).pullOrderLines()).rejects.toMatchObject({ kind: 'network' });
    expect(countOrderLines(db)).toBe(200);
    expect(waits.length).toBe(5); // 6 attempts in all (PULL_POLICY)
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]); // exponential
  });
});

describe('pull sync — malformed items (reported and skipped, never a crash or a half-written page)', () => {
  it('bad items go to sync_rejects; the rest of the page and the cursor are stored', async () => {
    const { db } = await setup(0);
    fake.feed.push(
      makeLine(1),
      { ...makeLine(2), amount: '12.5' },
      makeLine(3),
      42,
      { ...makeLine(4), orderLineId: undefined },
      makeLine(5, { futureField: { x: 1 } } as never),
    );
    const r = await engine(db).pullOrderLines();
    expect(r).toMatchObject({ pages: 1, lines: 3, skipped: 3 });
    expect(countOrderLines(db)).toBe(3);
    const rejects = db.prepare('SELECT feed, item_json, error FROM sync_rejects ORDER BY id').all() as Array<{
      feed: string;
      item_json: string;
      error: string;
    }>;
    expect(rejects).toHaveLength(3);
    expect(rejects[0].feed).toBe(ORDER_LINES_FEED);
    expect(rejects[0].error).toContain('amount');
    expect(JSON.parse(rejects[1].item_json)).toBe(42);
    expect(rejects[2].error).toContain('orderLineId');
    expect(offsetOf(getCursor(db, ORDER_LINES_FEED))).toBe(6);
    // An unknown field survives in the raw JSON (docs/architecture.md "Data": keep what the marketplace said).
    expect(JSON.parse(getOrderLineRawJson(db, makeLine(5).orderLineId) ?? '{}').futureField).toEqual({ x: 1 });
  });

  it('onPage (what notifications compare) gets only the parsed lines of a page, before the page is stored', async () => {
    const { db } = await setup(0);
    fake.feed.push(makeLine(9));
    const seen: Array<{ ids: string[]; storedBefore: number }> = [];
    const onPage = (lines: readonly WireOrderLine[]) =>
      seen.push({ ids: lines.map((l) => l.orderLineId), storedBefore: countOrderLines(db) });
    // A first sync is staged: the cache notifications compare with is empty, so there is nothing to tell them.
    await engine(db, { onPage }).pullOrderLines();
    expect(seen).toEqual([]);
    expect(countOrderLines(db)).toBe(1);
    fake.feed.push(makeLine(1), 42, { ...makeLine(2), amount: '12.5' }, makeLine(3));
    await engine(db, { onPage }).pullOrderLines();
    expect(seen).toEqual([{ ids: [makeLine(1).orderLineId, makeLine(3).orderLineId], storedBefore: 1 }]);
  });
});
