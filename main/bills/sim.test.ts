// The bills feed against the real marketplace simulator over real HTTP (docs/marketplace-api.md "Feeds" → Bill):
// the seeded year of bills archived and explained, a 410 after 30 days, faults on the feed, a corrected bill arriving
// as a new revision (B5). Malformed items cannot be produced by the simulator: see pull.test.ts.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../marketplace-sim';
import { bill as billSchema, type WireBill } from '../../common/marketplace/wire';
import { BILL_REFUNDS_LIMIT, type BillChange } from '../../common/api/contract-bills';
import type { Db } from '../db/connection';
import { MarketplaceClient } from '../sync/client';
import { SyncEngine } from '../sync/pull';
import { recordingSleep, settableClock, simControl, simTestRun, tempDb } from '../sync/testing/helpers';
import { pullBills } from './pull';
import { countBillRevisions, latestAccount, listBillRevisions, listLatestBills } from './repo';
import { getBill, getBillAsReceived } from './service';

const T0 = Date.UTC(2025, 9, 15, 4, 0, 0);
const DAY = 86_400_000;
const live = simTestRun();

async function setup() {
  const s = (live.sim = await startSimulator({ port: 0, orders: 150, seed: 7, now: T0, quiet: true }));
  const tmp = (live.tmp = tempDb());
  const clock = settableClock(T0);
  const creds = s.credentials;
  const seen: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    seen.push(String(input));
    return fetch(input, init);
  };
  const client = new MarketplaceClient({
    baseUrl: s.url,
    credentials: () => creds,
    clock,
    fetchImpl,
    timeoutMs: 5_000,
  });
  const sleeper = recordingSleep();
  const changes: BillChange[] = [];
  const engineOn = (db: Db) =>
    new SyncEngine({
      db,
      client,
      clock,
      sleep: sleeper.sleep,
      random: () => 0.5,
      pageSize: 5,
      bills: (run) => pullBills(run, { db, client, onChanged: (c) => changes.push(...c) }),
    });
  return { ctl: simControl(s), db: tmp.db, engineOn, seen, waits: sleeper.waits, changes };
}

const billPages = (seen: string[]) => seen.filter((u) => u.includes('/seller-sync/v1/bills'));

describe('bills feed against the simulator', () => {
  it('B5: every seeded bill revision is archived as received, paged 5 at a time; each line is B2a-checked; the account is stored', async () => {
    const { db, engineOn, changes } = await setup();
    const r = await engineOn(db).runOnce();
    expect(r.bills?.received).toBeGreaterThan(5);
    expect(countBillRevisions(db)).toBe(r.bills?.received);
    expect(changes).toHaveLength(r.bills?.received ?? -1);
    expect(latestAccount(db)).toMatchObject({ sellerId: 'SELLER0001', depositCurrency: 'CNY' });
    const bills = listLatestBills(db);
    expect(bills.length).toBeGreaterThan(0);
    // The simulator bills with the same rules (common/domain/settlement.ts); it may put one wrong line on purpose.
    let mismatched = 0;
    for (const b of bills) {
      const d = getBill(db, b.billId);
      mismatched += d.explanation.mismatchedLines;
      expect(d.explanation.totals.every((t) => t.matches)).toBe(true);
      // What was derived when the bill was archived says what explaining it whole, as received, says.
      const whole = getBillAsReceived(db, b.billId).explanation;
      expect(d.explanation.totals).toEqual(whole.totals);
      expect(d.explanation.sums).toEqual(whole.sums);
      expect(d.explanation.refunds).toEqual(whole.refunds.slice(0, BILL_REFUNDS_LIMIT));
      expect(d.explanation.flagged.map((l) => [l.lineNo, l.orderLineId, l.expectedSettlementMinor, l.formula])).toEqual(
        whole.lines.flatMap((l, i) => (l.matches ? [] : [[i + 1, l.orderLineId, l.expectedMinor, l.formula]])),
      );
    }
    expect(mismatched).toBeLessThanOrEqual(1);
  });

  it('cursor older than 30 days → 410 → the bills feed restarts from the beginning; nothing lost or duplicated', async () => {
    const { ctl, db, engineOn, seen } = await setup();
    await engineOn(db).runOnce();
    const stored = countBillRevisions(db);
    await ctl.advanceClock(31 * DAY);
    const before = billPages(seen).length;
    const r = await engineOn(db).runOnce();
    expect(r.bills).toMatchObject({ restarted: true, received: 0 });
    expect(r.bills?.duplicates).toBe(stored);
    const asked = billPages(seen)
      .slice(before)
      .map((u) => new URL(u).searchParams.get('cursor'));
    expect(asked[0]).not.toBeNull();
    expect(asked.includes(null)).toBe(true);
    expect(countBillRevisions(db)).toBe(stored);
  });

  it('503 ×2 and a connection reset on the bills feed → retried with backoff; every revision stored', async () => {
    const { ctl, db, engineOn, waits } = await setup();
    const match = 'GET /api/seller-sync/v1/bills';
    await ctl.faults([
      { match, kind: 'status', status: 503, count: 2 },
      { match, kind: 'reset', count: 1 },
    ]);
    const r = await engineOn(db).runOnce();
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(countBillRevisions(db)).toBe(r.bills?.received);
    expect(r.bills?.received).toBeGreaterThan(0);
  });

  it('B5: a month the marketplace reissues arrives as a new revision beside the old one; bills:changed says it is not new', async () => {
    const { db, engineOn, changes } = await setup();
    await engineOn(db).runOnce();
    const [latest] = listLatestBills(db, { currency: 'CNY' });
    const ctlCall = async (path: string, body: unknown) => {
      const res = await fetch(`${live.sim?.url}/sim/v1${path}`, {
        method: 'POST',
        headers: { 'X-Sim-Token': live.sim?.token ?? '', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { bills?: WireBill[] };
    };
    const run = await ctlCall('/bills/run', { billingPeriod: latest.billingPeriod, correct: true });
    const reissued = (run.bills ?? []).map((b) => billSchema.parse(b)).find((b) => b.billId === latest.billId);
    if (!reissued) throw new Error('the simulator did not reissue the bill (POST /sim/v1/bills/run { correct: true })');
    changes.length = 0;
    await engineOn(db).runOnce();
    expect(listBillRevisions(db, latest.billId).map((x) => x.revision)).toEqual(
      expect.arrayContaining([latest.revision, reissued.revision]),
    );
    expect(changes).toContainEqual({
      billId: latest.billId,
      revision: reissued.revision,
      billingPeriod: latest.billingPeriod,
      currency: 'CNY',
      isNew: false,
    });
  });
});
