// The bills archive (docs/rules.md B5): append-only revisions as received, the latest never replaced by a lower
// revision, the account snapshots; the migration on a populated database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { countOrderLines } from '../orders/order-lines';
import { makeLine } from '../orders/testing/order-line-fixture';
import { insertLinesBefore0100 } from '../orders/testing/old-order-line';
import { tempDb, type TempDb } from '../sync/testing/helpers';
import {
  billedLinesOf,
  countBillRevisions,
  depositBefore,
  getBillRevision,
  latestAccount,
  listBillRevisions,
  listLatestBills,
  producedPeriods,
  saveAccount,
  storeBillRevision,
} from './repo';
import { makeBill, makeBillLine } from './testing/bill-fixture';

const tmps: TempDb[] = [];
afterEach(() => {
  for (const t of tmps.splice(0)) t.cleanup();
});

function db() {
  const t = tempDb();
  tmps.push(t);
  return t.db;
}

const store = (d: ReturnType<typeof db>, b: ReturnType<typeof makeBill>, at = 1_000) =>
  storeBillRevision(d, { bill: b, rawJson: JSON.stringify(b), receivedAt: at });
const account = (amount: string, certified = true) => ({
  resultCode: 'MKT.0000',
  resultMsg: 'success',
  sellerId: 'S1',
  sellerName: 'Seller',
  businessInfoCertified: certified,
  deposit: { amount, currency: 'CNY' as const },
});

describe('bills archive (B5)', () => {
  it('B5: a revision is stored with its raw JSON exactly as received, parsed totals in minor units and its lines', () => {
    const d = db();
    const b = makeBill({
      lines: [makeBillLine({ n: 1 }), makeBillLine({ n: 2, kind: 'renewal', salesAmount: '300.00' })],
    });
    const raw = JSON.stringify({ ...b, futureField: { x: 1 } });
    expect(storeBillRevision(d, { bill: b, rawJson: raw, receivedAt: 42 })).toBe('stored');
    const r = getBillRevision(d, b.billId);
    expect(r).toMatchObject({
      billId: 'B202504-0001',
      revision: 1,
      billingPeriod: '202504',
      currency: 'CNY',
      lineCount: 2,
      receivedAt: 42,
    });
    expect(r?.totals).toEqual({
      settlementAmount: 104_000,
      refundDeductions: 0,
      depositDeductions: 0,
      owedBySeller: 0,
      netPayable: 104_000,
    });
    expect(r?.generatedAt).toBe(Date.parse('2025-05-06T16:00:00.000Z'));
    expect(r?.rawJson).toBe(raw);
    expect(billedLinesOf(d, b.lines[1].orderLineId)).toEqual([
      expect.objectContaining({
        billId: b.billId,
        revision: 1,
        lineNo: 2,
        kind: 'renewal',
        settlementMinor: 24_000,
        attributedAt: Date.parse(b.lines[1].attributedAt),
      }),
    ]);
  });

  it('B5: UPDATE and DELETE of a stored revision or of its lines fail; the row is unchanged', () => {
    const d = db();
    const b = makeBill();
    store(d, b);
    expect(() => d.prepare("UPDATE bill_revisions SET status = 'PAID' WHERE bill_id = ?").run(b.billId)).toThrow(
      /B5: a stored bill revision is never changed/,
    );
    expect(() => d.prepare("UPDATE bill_revisions SET raw_json = '{}' WHERE bill_id = ?").run(b.billId)).toThrow(
      /never changed/,
    );
    expect(() => d.prepare('DELETE FROM bill_revisions WHERE bill_id = ?').run(b.billId)).toThrow(
      /B5: a stored bill revision is never deleted/,
    );
    expect(() => d.prepare('UPDATE bill_lines SET settlement_minor = 0').run()).toThrow(
      /B5: a stored bill line is never changed/,
    );
    expect(() => d.prepare('DELETE FROM bill_lines').run()).toThrow(/B5: a stored bill line is never deleted/);
    expect(getBillRevision(d, b.billId)?.rawJson).toBe(JSON.stringify(b));
    expect(countBillRevisions(d)).toBe(1);
  });

  it('B5: the same revision received again is ignored (not duplicated); different content for it is a conflict, the first kept', () => {
    const d = db();
    const b = makeBill();
    expect(store(d, b)).toBe('stored');
    expect(store(d, b, 2_000)).toBe('duplicate');
    expect(store(d, { ...b, status: 'PAID' }, 3_000)).toBe('conflict');
    expect(listBillRevisions(d, b.billId)).toHaveLength(1);
    expect(getBillRevision(d, b.billId)).toMatchObject({ status: 'PENDING_APPROVAL', receivedAt: 1_000 });
    expect(d.prepare('SELECT count(*) FROM bill_lines').pluck().get()).toBe(1);
  });

  it('B5: a new revision is stored beside the old ones; a lower revision arriving later never replaces the latest', () => {
    const d = db();
    const r1 = makeBill({ revision: 1 });
    const r3 = makeBill({ revision: 3, lines: [makeBillLine({ n: 1 }), makeBillLine({ n: 2 })] });
    const r2 = makeBill({ revision: 2, status: 'APPROVED' });
    store(d, r1);
    store(d, r3);
    store(d, r2); // late
    expect(listBillRevisions(d, r1.billId).map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(listLatestBills(d)).toEqual([
      expect.objectContaining({ billId: r1.billId, revision: 3, revisionCount: 3, lineCount: 2 }),
    ]);
    expect(getBillRevision(d, r1.billId)?.revision).toBe(3);
    expect(getBillRevision(d, r1.billId, 2)?.status).toBe('APPROVED');
    // Only the latest revision's lines count as billed.
    expect(billedLinesOf(d, makeBillLine({ n: 2 }).orderLineId).map((l) => l.revision)).toEqual([3]);
  });

  it('lists by period and currency, newest period first; produced periods per currency', () => {
    const d = db();
    store(d, makeBill({ billingPeriod: '202503' }));
    store(d, makeBill({ billingPeriod: '202504' }));
    store(d, makeBill({ billId: 'B202504-0002', billingPeriod: '202504', currency: 'USD' }));
    expect(listLatestBills(d).map((b) => b.billId)).toEqual(['B202504-0001', 'B202504-0002', 'B202503-0001']);
    expect(listLatestBills(d, { period: '202504', currency: 'USD' }).map((b) => b.billId)).toEqual(['B202504-0002']);
    expect([...producedPeriods(d, 'USD')]).toEqual(['202504']);
    expect([...producedPeriods(d)].sort()).toEqual(['202503', '202504']);
  });
});

describe('account snapshots (docs/marketplace-api.md "Reference data")', () => {
  it('a new snapshot only when something changed; the latest is the account', () => {
    const d = db();
    expect(latestAccount(d)).toBeNull();
    saveAccount(d, { account: account('5000.00'), rawJson: '{}', fetchedAt: 100 });
    saveAccount(d, { account: account('5000.00'), rawJson: '{}', fetchedAt: 200 }); // unchanged: checked, not stored again
    saveAccount(d, { account: account('4000.00', false), rawJson: '{}', fetchedAt: 300 });
    expect(d.prepare('SELECT count(*) FROM account_snapshots').pluck().get()).toBe(2);
    expect(d.prepare('SELECT checked_at FROM account_snapshots ORDER BY id').pluck().all()).toEqual([200, 300]);
    expect(latestAccount(d)).toMatchObject({
      businessInfoCertified: false,
      depositMinor: 400_000,
      depositCurrency: 'CNY',
      fetchedAt: 300,
    });
  });

  it('B3: the deposit before a bill = the latest snapshot plus what the bills generated since deducted (minus those in between)', () => {
    const d = db();
    const refund = (n: number, sales: string) => makeBillLine({ n, kind: 'refund', salesAmount: sales });
    // April: 1000.00 settled, a 2000.00 sale refunded (1600.00): 600.00 from the deposit. May: 100.00 from the deposit.
    const april = makeBill({
      billingPeriod: '202504',
      lines: [makeBillLine({ n: 1, salesAmount: '1250.00' }), refund(2, '-2000.00')],
      depositMinor: 500_000,
    });
    const may = makeBill({ billingPeriod: '202505', lines: [refund(3, '-125.00')], depositMinor: 440_000 });
    expect([april.totals.depositDeductions, may.totals.depositDeductions]).toEqual(['600.00', '100.00']);
    store(d, april);
    store(d, may);
    const aprilAt = Date.parse(april.generatedAt);
    const mayAt = Date.parse(may.generatedAt);
    expect(depositBefore(d, 'CNY', aprilAt)).toBeNull();
    // Fetched after both bills: 5000.00 − 600.00 − 100.00 remain.
    saveAccount(d, { account: account('4300.00'), rawJson: '{}', fetchedAt: mayAt + 1_000 });
    expect(depositBefore(d, 'CNY', aprilAt)?.depositMinor).toBe(500_000);
    expect(depositBefore(d, 'CNY', mayAt)?.depositMinor).toBe(440_000);
    expect(depositBefore(d, 'USD', mayAt)).toBeNull();
    // A snapshot fetched between the two bills: May's deposit is that one, April's gets April's deduction back.
    const d2 = db();
    store(d2, april);
    store(d2, may);
    saveAccount(d2, { account: account('4400.00'), rawJson: '{}', fetchedAt: aprilAt + 1_000 });
    expect(depositBefore(d2, 'CNY', aprilAt)?.depositMinor).toBe(500_000);
    expect(depositBefore(d2, 'CNY', mayAt)?.depositMinor).toBe(440_000);
    // A bill newer than the snapshot loses what the bills generated in between deducted.
    const june = makeBill({ billingPeriod: '202506', lines: [makeBillLine({ n: 4 })] });
    store(d2, june);
    expect(depositBefore(d2, 'CNY', Date.parse(june.generatedAt))?.depositMinor).toBe(430_000);
  });
});

describe('migration 0070-bills', () => {
  it('a populated database at 0060 migrates to 0070 keeping its order lines; bills start empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-bills-migrate-'));
    try {
      const file = join(dir, 'a.db');
      // A database as an app at 0060 left it, with order lines in it.
      const old = new Database(file);
      expect(
        migrate(
          old,
          MIGRATIONS.filter((m) => m.version <= 60),
        ),
      ).toEqual({ from: 0, to: 60 });
      insertLinesBefore0100(old, [makeLine({ orderId: 'CS1' }), makeLine({ orderId: 'CS2' })]);
      old.close();
      const raw = new Database(file);
      expect(
        migrate(
          raw,
          MIGRATIONS.filter((m) => m.version <= 70),
        ),
      ).toEqual({ from: 60, to: 70 });
      raw.close();
      const again = openDatabase(file);
      expect(countOrderLines(again)).toBe(2);
      expect(countBillRevisions(again)).toBe(0);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 0090-bill-checks', () => {
  it("bills archived in 0070's layout keep every revision, its JSON and its lines; the rules and the latest-revision bookkeeping still hold", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-bills-0090-'));
    try {
      const file = join(dir, 'a.db');
      const old = new Database(file);
      old.pragma('foreign_keys = ON');
      expect(
        migrate(
          old,
          MIGRATIONS.filter((m) => m.version <= 80),
        ),
      ).toEqual({ from: 0, to: 80 });
      const r1 = makeBill({
        lines: [makeBillLine({ n: 1 }), makeBillLine({ n: 2, salesAmount: '300.00', settlementAmount: '239.99' })],
      });
      const r2 = makeBill({ revision: 2, lines: [makeBillLine({ n: 1 })] });
      const insertRevision = old.prepare(
        `INSERT INTO bill_revisions (bill_id, revision, billing_period, currency, status, generated_at, settlement_minor, refund_deductions_minor,
           deposit_deductions_minor, owed_by_seller_minor, net_payable_minor, line_count, raw_json, received_at) VALUES (?, ?, ?, ?, ?, ?, 1, 2, 3, 4, 5, ?, ?, ?)`,
      );
      const insertLine = old.prepare('INSERT INTO bill_lines VALUES (?, ?, ?, ?, ?, ?, 0, 100000, 0, ?, 0, ?)');
      for (const b of [r1, r2]) {
        insertRevision.run(
          b.billId,
          b.revision,
          b.billingPeriod,
          b.currency,
          b.status,
          Date.parse(b.generatedAt),
          b.lines.length,
          JSON.stringify(b),
          500 + b.revision,
        );
        b.lines.forEach((l, i) =>
          insertLine.run(
            b.billId,
            b.revision,
            i + 1,
            l.orderId,
            l.orderLineId,
            l.kind,
            l.platformFeeRatio,
            Math.round(Number(l.settlementAmount) * 100),
          ),
        );
      }
      old.close();

      const d = openDatabase(file);
      try {
        expect(d.pragma('foreign_key_check')).toEqual([]);
        expect(d.prepare("SELECT sql FROM sqlite_schema WHERE name = 'bill_lines'").pluck().get()).toMatch(
          /REFERENCES "?bill_revisions"? \(bill_id, revision\)/,
        );
        expect(
          listBillRevisions(d, r1.billId).map((r) => [r.revision, r.rawJson, r.receivedAt, r.totals.netPayable]),
        ).toEqual([
          [1, JSON.stringify(r1), 501, 5],
          [2, JSON.stringify(r2), 502, 5],
        ]);
        expect(d.prepare('SELECT count(*) FROM bill_lines').pluck().get()).toBe(3);
        expect(() => d.prepare('UPDATE bill_revisions SET status = ? WHERE revision = 1').run('PAID')).toThrow(/B5/);
        expect(() => d.prepare('DELETE FROM bill_lines').run()).toThrow(/B5/);
        // The bookkeeping trigger is back: a third revision is the latest.
        expect(store(d, makeBill({ revision: 3, lines: [makeBillLine({ n: 3 })] }))).toBe('stored');
        expect(listLatestBills(d)).toMatchObject([{ billId: r1.billId, revision: 3, revisionCount: 3 }]);
      } finally {
        d.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
