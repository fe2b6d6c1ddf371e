// The bills feed (docs/marketplace-api.md "Feeds" → Bill) against a tiny signed HTTP marketplace on port 0: paging,
// 410, malformed items, revisions archived as received (B5), the account stored, events and progress per page.
import { afterEach, describe, expect, it } from 'vitest';
import type { BillChange } from '../../common/api/contract-bills';
import type { SyncProgress } from '../../common/api/types';
import type { Db } from '../db/connection';
import { getCursor } from '../sync/sync-state';
import { MarketplaceClient } from '../sync/client';
import { startFakeMarketplace, type FakeMarketplace } from '../sync/testing/fake-marketplace';
import { SyncEngine } from '../sync/pull';
import { recordingSleep, settableClock, tempDb, type TempDb } from '../sync/testing/helpers';
import { BILLS_FEED, pullBills } from './pull';
import { countBillRevisions, getBillRevision, latestAccount, listBillRevisions, listLatestBills } from './repo';
import { makeBill, makeBillLine } from './testing/bill-fixture';

const T0 = Date.UTC(2025, 5, 1, 4, 0, 0);
let fake: FakeMarketplace;
let tmp: TempDb;

afterEach(async () => {
  await fake?.close();
  tmp?.cleanup();
});

async function setup(bills: number) {
  fake = await startFakeMarketplace({ now: () => T0 });
  for (let i = 0; i < bills; i++)
    fake.bills.push(makeBill({ billId: `B202504-${String(i + 1).padStart(4, '0')}`, lines: [makeBillLine({ n: i })] }));
  tmp = tempDb();
  return tmp.db;
}

function engine(
  db: Db,
  opts: {
    pageSize?: number;
    onProgress?: (p: SyncProgress) => void;
    changes?: BillChange[][];
    sleep?: (ms: number) => Promise<void>;
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
    bills: (run) => pullBills(run, { db, client, onChanged: (c) => opts.changes?.push(c) }),
  });
}

const billRequests = () => fake.requests.filter((r) => r.path.endsWith('/bills'));
const offsetOf = (cursor: string | null) => (cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0);

describe('bills feed — paging in the same run as the order lines', () => {
  it('pages until hasMore is false after orders and templates; cursor stored; progress and bills:changed per page; the account stored', async () => {
    const db = await setup(5);
    fake.account = {
      sellerId: 'S1',
      sellerName: 'Fake Seller',
      businessInfoCertified: false,
      deposit: { amount: '5000.00', currency: 'CNY' },
    };
    const progress: SyncProgress[] = [];
    const changes: BillChange[][] = [];
    const r = await engine(db, { pageSize: 2, onProgress: (p) => progress.push(p), changes }).runOnce();
    expect(r.bills).toMatchObject({
      pages: 3,
      received: 5,
      duplicates: 0,
      skipped: 0,
      restarted: false,
      account: true,
    });
    expect(countBillRevisions(db)).toBe(5);
    expect(offsetOf(getCursor(db, BILLS_FEED))).toBe(5);
    expect(progress.filter((p) => p.phase === 'bills').map((p) => [p.bills, p.percent])).toEqual([
      [0, null],
      [2, null],
      [4, null],
      [5, 100],
    ]);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', bills: 5 });
    expect(changes.map((c) => c.map((x) => `${x.billId}#${x.revision}${x.isNew ? ' new' : ''}`))).toEqual([
      ['B202504-0001#1 new', 'B202504-0002#1 new'],
      ['B202504-0003#1 new', 'B202504-0004#1 new'],
      ['B202504-0005#1 new'],
    ]);
    expect(latestAccount(db)).toMatchObject({
      businessInfoCertified: false,
      depositMinor: 500_000,
      depositCurrency: 'CNY',
      fetchedAt: T0,
    });
    // The next run asks from the stored cursor and gets nothing new.
    const again = await engine(db, { changes }).runOnce();
    expect(again.bills).toMatchObject({ pages: 1, received: 0 });
    expect(changes).toHaveLength(3);
    // The order-line feed was pulled first in each run.
    const paths = fake.requests.map((q) => q.path.split('/').pop());
    expect(paths.indexOf('order-lines')).toBeLessThan(paths.indexOf('bills'));
  });

  it('B5: a corrected bill arrives as a new revision beside the old one; the same revision again is ignored; bills:changed says it is not new', async () => {
    const db = await setup(1);
    const changes: BillChange[][] = [];
    await engine(db, { changes }).runOnce();
    const r2 = makeBill({
      billId: 'B202504-0001',
      revision: 2,
      lines: [makeBillLine({ n: 0 }), makeBillLine({ n: 9, kind: 'refund', salesAmount: '-100.00' })],
    });
    fake.bills.push(r2, makeBill({ billId: 'B202504-0001', lines: [makeBillLine({ n: 0 })] })); // revision 2, then revision 1 again
    const r = await engine(db, { changes }).runOnce();
    expect(r.bills).toMatchObject({ received: 1, duplicates: 1 });
    expect(listBillRevisions(db, 'B202504-0001').map((x) => x.revision)).toEqual([1, 2]);
    expect(listLatestBills(db)[0]).toMatchObject({ revision: 2, revisionCount: 2 });
    expect(changes.at(-1)).toEqual([
      { billId: 'B202504-0001', revision: 2, billingPeriod: '202504', currency: 'CNY', isNew: false },
    ]);
  });
});

describe('bills feed — 410 MKT.2410 and faults', () => {
  it('410 restarts the bills feed from the beginning without losing stored revisions', async () => {
    const db = await setup(4);
    await engine(db).runOnce();
    expect(countBillRevisions(db)).toBe(4);
    // The marketplace compacts its feed to the first two bills, one of them corrected; the old cursor expired.
    fake.bills.splice(
      0,
      fake.bills.length,
      makeBill({ billId: 'B202504-0001', lines: [makeBillLine({ n: 0 })] }),
      makeBill({ billId: 'B202504-0002', revision: 2 }),
    );
    fake.setHook((q) =>
      q.path.endsWith('/bills') && q.query.get('cursor') && offsetOf(q.query.get('cursor')) > 2
        ? { status: 410, body: { resultCode: 'MKT.2410', resultMsg: 'cursor expired' } }
        : undefined,
    );
    const before = billRequests().length;
    const r = await engine(db).runOnce();
    expect(r.bills).toMatchObject({ restarted: true, received: 1, duplicates: 1 });
    expect(
      billRequests()
        .slice(before)
        .map((q) => q.query.get('cursor') === null),
    ).toEqual([false, true]);
    expect(countBillRevisions(db)).toBe(5); // nothing deleted, one revision added
    expect(getBillRevision(db, 'B202504-0004')).not.toBeNull();
    expect(offsetOf(getCursor(db, BILLS_FEED))).toBe(2);
  });

  it('a 503 on a bills page is retried; the run completes', async () => {
    const db = await setup(3);
    let failed = false;
    fake.setHook((q) => {
      if (q.path.endsWith('/bills') && !failed) {
        failed = true;
        return { status: 503, body: { resultCode: 'MKT.0999', resultMsg: 'internal' } };
      }
      return undefined;
    });
    const { waits, sleep } = recordingSleep();
    const r = await engine(db, { sleep }).runOnce();
    expect(r.bills?.received).toBe(3);
    expect(waits).toEqual([250]);
  });

  it('malformed bill items are reported (sync_rejects, feed "bills") and skipped; the rest of the page and the cursor are stored', async () => {
    const db = await setup(0);
    const good = makeBill();
    fake.bills.push({ ...good, billId: 'B202504-0009', totals: { ...good.totals, netPayable: '1.5' } }, good, 42, {
      ...makeBill({ billId: 'B202504-0003' }),
      revision: 0,
    });
    const r = await engine(db).runOnce();
    expect(r.bills).toMatchObject({ received: 1, skipped: 3 });
    const rejects = db
      .prepare<[], { feed: string; error: string }>('SELECT feed, error FROM sync_rejects ORDER BY id')
      .all();
    expect(rejects.map((x) => x.feed)).toEqual(['bills', 'bills', 'bills']);
    expect(rejects[0].error).toContain('totals.netPayable');
    expect(rejects[2].error).toContain('revision');
    expect(offsetOf(getCursor(db, BILLS_FEED))).toBe(4);
  });

  it('an account the marketplace refuses (404) does not stop the bills', async () => {
    const db = await setup(1);
    fake.setHook((q) =>
      q.path.endsWith('/account')
        ? { status: 404, body: { resultCode: 'MKT.2404', resultMsg: 'no account' } }
        : undefined,
    );
    const r = await engine(db).runOnce();
    expect(r.bills).toMatchObject({ received: 1, account: false });
    expect(latestAccount(db)).toBeNull();
  });
});

describe('bills feed — large bills', () => {
  it('B2: two 100,000-line bills in one page (about 60 MB of JSON) are archived whole: the bills feed has its own size bound', async () => {
    const db = await setup(0);
    for (let b = 1; b <= 2; b++) {
      const lines = Array.from({ length: 100_000 }, (_, i) => makeBillLine({ n: b * 100_000 + i }));
      fake.bills.push(makeBill({ billId: `B202504-000${b}`, lines }));
    }
    const r = await engine(db, { pageSize: 5 }).runOnce();
    expect(r.bills).toMatchObject({ received: 2, skipped: 0 });
    expect(getBillRevision(db, 'B202504-0002', 1)?.lineCount).toBe(100_000);
  }, 120_000);
});
