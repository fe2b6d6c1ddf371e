// The bills channels through dispatch (validate → handler → result) on a real temp SQLite: bills:list, bills:get,
// bills:lines,
// bills:why, bills:reconciliation, bills:monthly (docs/rules.md B1–B5).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import type { Handlers } from '../api/dispatch';
import type { Db } from '../db/connection';
import { upsertOrderLines } from '../orders/order-lines';
import { makeLine } from '../orders/testing/order-line-fixture';
import { settableClock, tempDb, type TempDb } from '../sync/testing/helpers';
import type { WireOrderLine } from '../../common/marketplace/wire';
import type { BillDetail, BillLinesPage } from '../../common/api/contract-bills';
import { moneyToWire, parseMoney } from '../../common/domain/money';
import { explainBill } from '../../common/domain/settlement';
import { createBillsReadHandlers } from './handlers';
import { saveAccount, storeBillRevision } from './repo';
import { makeBill, makeBillLine } from './testing/bill-fixture';

const NOW = Date.parse('2025-06-15T04:00:00.000Z');
let tmp: TempDb;
let db: Db;
let handlers: Handlers;

beforeEach(() => {
  tmp = tempDb();
  db = tmp.db;
  // Only the bills channels are called here.
  handlers = createBillsReadHandlers({ db, clock: settableClock(NOW) }) as Handlers;
});
afterEach(() => tmp.cleanup());

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const store = (b: ReturnType<typeof makeBill>, at = NOW) =>
  storeBillRevision(db, { bill: b, rawJson: JSON.stringify(b), receivedAt: at });
const account = (amount: string, certified = true) => ({
  resultCode: 'MKT.0000',
  resultMsg: 'success',
  sellerId: 'S1',
  sellerName: 'Seller',
  businessInfoCertified: certified,
  deposit: { amount, currency: 'CNY' as const },
});

/** An order line the way a bill line refers to it (makeBillLine's ids). */
function orderLineFor(n: number, over: Partial<WireOrderLine> = {}): WireOrderLine {
  const orderId = `CS25BILL${String(n).padStart(5, '0')}`;
  return {
    ...makeLine({ orderId, stage: null, status: 'COMPLETED', amount: '1000.00', customerName: `Customer ${n}` }),
    ...over,
  };
}

describe('bills:list and bills:get', () => {
  it('B5: the latest revision of each bill with "revision N — what changed"; get explains it with the deposit before (B2a, B3) and diffs it', async () => {
    const r1 = makeBill({ lines: [makeBillLine({ n: 1, salesAmount: '1250.00' })] });
    const r2 = makeBill({
      revision: 2,
      lines: [
        makeBillLine({ n: 1, salesAmount: '1250.00' }),
        makeBillLine({ n: 2, kind: 'refund', salesAmount: '-2000.00' }),
      ],
      depositMinor: 500_000,
    });
    store(r1);
    store(r2);
    store(makeBill({ billId: 'B202503-0001', billingPeriod: '202503', currency: 'USD' }));
    saveAccount(db, { account: account('4400.00'), rawJson: '{}', fetchedAt: NOW });

    const list = await call<
      Array<{
        billId: string;
        revision: number;
        revisionCount: number;
        change: { summary: string };
        totals: { netPayable: number };
      }>
    >('bills:list', {});
    expect(list.map((b) => [b.billId, b.revision, b.revisionCount])).toEqual([
      ['B202504-0001', 2, 2],
      ['B202503-0001', 1, 1],
    ]);
    expect(list[0].change.summary).toBe(
      'revision 2 — 1 line added; refund deductions 0.00 → 1000.00; deposit deductions 0.00 → 600.00; net payable 1000.00 → 0.00',
    );
    expect(list[0].totals.netPayable).toBe(0);
    expect(await call('bills:list', { currency: 'USD' })).toHaveLength(1);
    expect(await call('bills:list', { period: '202504', currency: 'USD' })).toEqual([]);

    const detail = await call<BillDetail>('bills:get', { billId: 'B202504-0001' });
    expect(detail.summary).toMatchObject({ revision: 2, revisionCount: 2, lineCount: 2 });
    // Opening a bill carries neither the bill as received nor its lines: bills:lines pages them.
    expect(Object.keys(detail).sort()).toEqual([
      'depositBeforeMinor',
      'depositFetchedAt',
      'diff',
      'explanation',
      'revisions',
      'summary',
    ]);
    // The account now shows 4400.00; this bill took 600.00 from the deposit, so 5000.00 were held before it.
    expect(detail.depositBeforeMinor).toBe(500_000);
    expect(detail.explanation.allMatch).toBe(true);
    expect(detail.explanation.refunds).toEqual([
      {
        orderLineId: makeBillLine({ n: 2 }).orderLineId,
        refundMinor: 160_000,
        fromSettlementMinor: 100_000,
        fromDepositMinor: 60_000,
        owedBySellerMinor: 0,
        depositBeforeMinor: 500_000,
        depositAfterMinor: 440_000,
      },
    ]);
    expect(detail.explanation).toMatchObject({
      mismatchedLines: 0,
      flagged: [],
      sums: {
        earningLines: 1,
        earningMinor: 100_000,
        earningTermsMinor: [100_000],
        refundLines: 1,
        refundMinor: 160_000,
      },
    });
    expect(detail.revisions).toHaveLength(2);
    expect(detail.revisions[1].change.summary).toBe(list[0].change.summary);
    expect(detail.diff?.added).toHaveLength(1);
    const first = await call<BillDetail>('bills:get', { billId: 'B202504-0001', revision: 1 });
    expect(first).toMatchObject({ summary: { revision: 1 }, diff: null });
  });

  it('B2a: bills:get flags the lines that miss B2a (counted, the first few shown) and explains the totals as the whole bill does', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => makeBillLine({ n: i + 1, salesAmount: `${100 + i}.00` }));
    // Lines 3 and 41 are off by a cent; the totals still follow the lines (B2a recomputes them from the bill's own
    // amounts).
    for (const i of [2, 40])
      lines[i] = { ...lines[i], settlementAmount: moneyToWire(parseMoney(lines[i].settlementAmount) + 1) };
    const b = makeBill({ lines });
    store(b);
    const detail = await call<BillDetail>('bills:get', { billId: b.billId });
    const whole = explainBill(b, 0);
    expect(detail.explanation.allMatch).toBe(false);
    expect(detail.explanation.mismatchedLines).toBe(2);
    expect(detail.explanation.totals).toEqual(whole.totals);
    expect(detail.explanation.sums).toMatchObject({ earningLines: 60, earningTermsMinor: null });
    expect(
      detail.explanation.flagged.map((l) => [
        l.lineNo,
        l.orderLineId,
        l.settlementAmountMinor - l.expectedSettlementMinor,
        l.matches,
        l.formula,
      ]),
    ).toEqual([
      [3, lines[2].orderLineId, 1, false, whole.lines[2].formula],
      [41, lines[40].orderLineId, 1, false, whole.lines[40].formula],
    ]);
  });

  it('unknown bills and revisions are not_found; bad input is a validation error', async () => {
    store(makeBill());
    expect(await dispatch(handlers, 'bills:get', { billId: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch(handlers, 'bills:get', { billId: 'B202504-0001', revision: 9 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'bill B202504-0001 has no revision 9 (stored: 1)' },
    });
    expect(await dispatch(handlers, 'bills:list', { period: '2025-04' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(handlers, 'bills:list', { currency: 'EUR' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(handlers, 'bills:reconciliation', { limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });
});

describe('bills:lines', () => {
  const bigBill = () => {
    const lines = Array.from({ length: 1_234 }, (_, i) =>
      makeBillLine({
        n: i + 1,
        kind: i % 100 === 99 ? 'refund' : 'purchase',
        salesAmount: i % 100 === 99 ? '-50.00' : `${(i % 7) + 1}0.05`,
        platformFeeRatio: i % 3 ? '0.20' : '0.125',
      }),
    );
    for (const i of [0, 499, 500, 1_233])
      lines[i] = { ...lines[i], settlementAmount: moneyToWire(parseMoney(lines[i].settlementAmount) - 7) };
    return makeBill({ lines, depositMinor: 10_000 });
  };

  it("pages a revision's lines in line order with their B2a check, up to 500 a call; the total says how many", async () => {
    const b = bigBill();
    store(b);
    const whole = explainBill(b, 0);
    const seen: BillLinesPage['rows'] = [];
    for (let offset = 0; offset < 1_234; offset += 500) {
      const page = await call<BillLinesPage>('bills:lines', { billId: b.billId, offset, limit: 500 });
      expect(page.revision).toBe(1);
      expect(page.total).toBe(1_234);
      expect(page.rows).toHaveLength(Math.min(500, 1_234 - offset));
      seen.push(...page.rows);
    }
    expect(seen.map((r) => r.lineNo)).toEqual(Array.from({ length: 1_234 }, (_, i) => i + 1));
    seen.forEach((r, i) => {
      const l = b.lines[i];
      expect(r).toEqual({
        lineNo: i + 1,
        orderId: l.orderId,
        orderLineId: l.orderLineId,
        kind: l.kind,
        attributedAt: Date.parse(l.attributedAt),
        salesAmountMinor: parseMoney(l.salesAmount),
        customerWithholdingTaxMinor: parseMoney(l.customerWithholdingTax),
        platformFeeRatio: l.platformFeeRatio,
        sellerTaxesMinor: parseMoney(l.sellerTaxes),
        settlementAmountMinor: parseMoney(l.settlementAmount),
        expectedSettlementMinor: whole.lines[i].expectedMinor,
        matches: whole.lines[i].matches,
        formula: whole.lines[i].formula,
      });
    });
    // A page in the middle, and past the end.
    const mid = await call<BillLinesPage>('bills:lines', { billId: b.billId, revision: 1, offset: 777, limit: 3 });
    expect(mid.rows.map((r) => r.lineNo)).toEqual([778, 779, 780]);
    expect(await call<BillLinesPage>('bills:lines', { billId: b.billId, offset: 1_234, limit: 50 })).toEqual({
      revision: 1,
      rows: [],
      total: 1_234,
    });
  });

  it('onlyMismatched pages just the lines that miss B2a; a revision asked for by number; bad paging is a validation error', async () => {
    const b = bigBill();
    store(b);
    store(makeBill({ revision: 2, lines: b.lines.slice(0, 10) }));
    const only = await call<BillLinesPage>('bills:lines', {
      billId: b.billId,
      revision: 1,
      offset: 0,
      limit: 3,
      onlyMismatched: true,
    });
    expect(only).toMatchObject({ revision: 1, total: 4 });
    expect(only.rows.map((r) => [r.lineNo, r.matches, r.settlementAmountMinor - r.expectedSettlementMinor])).toEqual([
      [1, false, -7],
      [500, false, -7],
      [501, false, -7],
    ]);
    expect(
      (
        await call<BillLinesPage>('bills:lines', {
          billId: b.billId,
          revision: 1,
          offset: 3,
          limit: 3,
          onlyMismatched: true,
        })
      ).rows.map((r) => r.lineNo),
    ).toEqual([1_234]);
    // The latest revision by default: revision 2 keeps the first ten lines, line 1 still wrong.
    expect(await call<BillLinesPage>('bills:lines', { billId: b.billId, offset: 0, limit: 500 })).toMatchObject({
      revision: 2,
      total: 10,
    });
    expect(
      (
        await call<BillLinesPage>('bills:lines', { billId: b.billId, offset: 0, limit: 500, onlyMismatched: true })
      ).rows.map((r) => r.lineNo),
    ).toEqual([1]);
    expect(await dispatch(handlers, 'bills:lines', { billId: b.billId, offset: 0, limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(handlers, 'bills:lines', { billId: b.billId, offset: -1, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(handlers, 'bills:lines', { billId: b.billId, offset: 0 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(handlers, 'bills:lines', { billId: 'NOPE', offset: 0, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await dispatch(handlers, 'bills:lines', { billId: b.billId, revision: 3, offset: 0, limit: 10 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `bill ${b.billId} has no revision 3 (stored: 1, 2)` },
    });
  });

  it('a revision archived before its checks were kept (or recovered without them) is checked again from its lines', async () => {
    const b = bigBill();
    store(b);
    const before = await call<BillDetail>('bills:get', { billId: b.billId });
    db.exec('DELETE FROM bill_checks; DELETE FROM bill_line_mismatches; DELETE FROM bill_changes;');
    expect(await call<BillDetail>('bills:get', { billId: b.billId })).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM bill_line_mismatches').pluck().get()).toBe(4);
    expect(
      (await call<BillLinesPage>('bills:lines', { billId: b.billId, offset: 0, limit: 10, onlyMismatched: true }))
        .total,
    ).toBe(4);
  });
});

describe('bills:why (B1, B4)', () => {
  it('B1: a billed line names its bills (latest revisions) and why then', async () => {
    upsertOrderLines(db, [
      orderLineFor(1, { validity: { start: '2025-04-10T04:00:00.000Z', end: '2025-05-10T04:00:00.000Z' } }),
    ]);
    store(makeBill({ lines: [makeBillLine({ n: 1 })] }));
    const why = await call<{
      billed: boolean;
      bills: Array<{ billId: string; why: string }>;
      reasons: unknown[];
      cached: boolean;
    }>('bills:why', { orderLineId: makeBillLine({ n: 1 }).orderLineId });
    expect(why).toMatchObject({ billed: true, reasons: [], cached: true });
    expect(why.bills).toEqual([
      expect.objectContaining({
        billId: 'B202504-0001',
        revision: 1,
        billingPeriod: '202504',
        kind: 'purchase',
        settlementAmountMinor: 80_000,
      }),
    ]);
    expect(why.bills[0].why).toBe(
      'B1: a purchase is attributed to when its instance or service is enabled (its validity start); the marketplace attributed it to 2025-04-10 (UTC+8), so it is on the bill for 2025-04',
    );
  });

  it('B5: a line removed by a later revision is no longer billed; B4 then says why from what the app knows (account not certified, period produced)', async () => {
    upsertOrderLines(db, [
      orderLineFor(1, { validity: { start: '2025-04-10T04:00:00.000Z', end: '2025-05-10T04:00:00.000Z' } }),
    ]);
    store(makeBill({ lines: [makeBillLine({ n: 1 }), makeBillLine({ n: 2 })] }));
    store(makeBill({ revision: 2, lines: [makeBillLine({ n: 2 })] }));
    saveAccount(db, { account: account('0.00', false), rawJson: '{}', fetchedAt: NOW });
    const why = await call<{ billed: boolean; bills: unknown[]; reasons: Array<{ code: string }> }>('bills:why', {
      orderLineId: makeBillLine({ n: 1 }).orderLineId,
    });
    expect(why.billed).toBe(false);
    expect(why.reasons.map((r) => r.code)).toEqual(['business_info_not_certified']);
  });

  it('B4: a supervised line not completed; a line on no bill and not cached is not_found', async () => {
    upsertOrderLines(db, [makeLine({ orderId: 'CS9', stage: 'awaiting_acceptance' })]);
    const why = await call<{
      billed: boolean;
      attribution: { at: number | null };
      reasons: Array<{ code: string; message: string }>;
    }>('bills:why', { orderLineId: 'CS9-000001' });
    expect(why.billed).toBe(false);
    expect(why.attribution.at).toBeNull();
    expect(why.reasons.map((r) => r.code)).toEqual(['supervision_not_completed', 'not_in_effect']);
    expect(await dispatch(handlers, 'bills:why', { orderLineId: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('bills:reconciliation (B1, B4)', () => {
  beforeEach(() => {
    const validity = { start: '2025-04-10T04:00:00.000Z', end: '2025-05-10T04:00:00.000Z' };
    upsertOrderLines(db, [
      orderLineFor(1, { validity }), // billed
      orderLineFor(2, { validity: { start: '2025-05-10T04:00:00.000Z', end: '2025-06-10T04:00:00.000Z' } }), // May: bill not produced yet
      { ...makeLine({ orderId: 'CS25BILL00003', stage: 'request_pending', customerName: 'Zhang Wei' }) }, // supervised, open
      { ...orderLineFor(4, { status: 'CANCELED' }) }, // not billable
      { ...orderLineFor(5, { amount: '0.00', currency: 'USD' }) }, // free: not billable
    ]);
    store(makeBill({ lines: [makeBillLine({ n: 1 })] }));
    saveAccount(db, { account: account('0.00'), rawJson: '{}', fetchedAt: NOW });
  });

  type Page = {
    rows: Array<{
      orderLineId: string;
      state: string;
      billingPeriod: string | null;
      billId: string | null;
      reasons: string[];
      reason: string | null;
    }>;
    total: number;
    totals: {
      lines: number;
      byState: Record<string, number>;
      byCurrency: Array<{ currency: string; lines: number; amountMinor: number; settlementAmountMinor: number }>;
    };
  };
  const id = (n: number) => makeBillLine({ n }).orderLineId;

  it('B4: every cached line billed / unbilled with its reasons / not billable; totals of what is filtered', async () => {
    const page = await call<Page>('bills:reconciliation', {});
    const byId = new Map(page.rows.map((r) => [r.orderLineId, r]));
    expect(byId.get(id(1))).toMatchObject({
      state: 'billed',
      billId: 'B202504-0001',
      billingPeriod: '202504',
      reasons: [],
      reason: null,
    });
    expect(byId.get(id(2))).toMatchObject({
      state: 'unbilled',
      billingPeriod: '202505',
      reasons: ['bill_not_produced_yet'],
      reason: 'The bill for 2025-05 was due on 2025-06-07 (UTC+8) and has not been received yet.',
    });
    expect(byId.get(id(3))).toMatchObject({
      state: 'unbilled',
      billingPeriod: null,
      reasons: ['supervision_not_completed', 'not_in_effect'],
    });
    expect(byId.get(id(4))).toMatchObject({
      state: 'not_billable',
      billingPeriod: null,
      reasons: ['canceled'],
      reason: 'The order was canceled; nothing is settled.',
    });
    expect(byId.get(id(5))).toMatchObject({ state: 'not_billable', reasons: ['free'] });
    expect(page.total).toBe(5);
    expect(page.totals.byState).toEqual({ billed: 1, unbilled: 2, not_billable: 2 });
    expect(page.totals.byCurrency).toEqual([
      { currency: 'CNY', lines: 4, amountMinor: 4 * 100_000 - 100_000 + 120_000, settlementAmountMinor: 80_000 },
      { currency: 'USD', lines: 1, amountMinor: 0, settlementAmountMinor: 0 },
    ]);
  });

  it('filters by state, supervision stage, period, order No. and customer; pages after filtering', async () => {
    const ids = async (q: object) =>
      (await call<Page>('bills:reconciliation', q)).rows.map((r) => r.orderLineId).sort();
    expect(await ids({ states: ['unbilled'] })).toEqual([id(2), id(3)]);
    expect(await ids({ stages: ['request_pending'] })).toEqual([id(3)]);
    expect(await ids({ stages: ['none'], states: ['billed', 'unbilled'] })).toEqual([id(1), id(2)]);
    expect(await ids({ period: '202504' })).toEqual([id(1)]);
    expect(await ids({ orderNo: 'bill00002' })).toEqual([id(2)]);
    expect(await ids({ customer: 'zhang' })).toEqual([id(3)]);
    expect(await ids({ currency: 'USD' })).toEqual([id(5)]);
    const p1 = await call<Page>('bills:reconciliation', { limit: 2 });
    const p2 = await call<Page>('bills:reconciliation', { limit: 2, offset: 2 });
    const p3 = await call<Page>('bills:reconciliation', { limit: 2, offset: 4 });
    expect([p1.rows.length, p2.rows.length, p3.rows.length]).toEqual([2, 2, 1]);
    expect(new Set([...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.orderLineId)).size).toBe(5);
    expect(p3.total).toBe(5);
  });
});

describe('bills:monthly', () => {
  it('net payable per month per currency for the last 24 months, refunds and deposit deductions as negatives, zeros where no bill', async () => {
    store(
      makeBill({
        billingPeriod: '202504',
        lines: [
          makeBillLine({ n: 1, salesAmount: '1250.00' }),
          makeBillLine({ n: 2, kind: 'refund', salesAmount: '-2000.00' }),
        ],
        depositMinor: 500_000,
      }),
    );
    store(makeBill({ billingPeriod: '202505' }));
    store(makeBill({ billId: 'B202505-0002', billingPeriod: '202505', currency: 'USD' }));
    store(makeBill({ billingPeriod: '202304' })); // older than 24 months
    const m = await call<{
      periods: string[];
      series: Array<{ currency: string; points: Array<Record<string, number | string>> }>;
    }>('bills:monthly', {});
    expect(m.periods).toHaveLength(24);
    expect([m.periods[0], m.periods[23]]).toEqual(['202307', '202506']);
    expect(m.series.map((s) => s.currency)).toEqual(['CNY', 'USD']);
    const cny = m.series[0].points;
    expect(cny.find((p) => p.billingPeriod === '202504')).toEqual({
      billingPeriod: '202504',
      settlementMinor: 100_000,
      refundDeductionsMinor: -100_000,
      depositDeductionsMinor: -60_000,
      netPayableMinor: 0,
      bills: 1,
    });
    expect(cny.find((p) => p.billingPeriod === '202505')).toMatchObject({
      netPayableMinor: 80_000,
      refundDeductionsMinor: 0,
    });
    expect(Object.is(cny[0].refundDeductionsMinor, 0)).toBe(true); // never −0
    expect((await call<{ periods: string[] }>('bills:monthly', { months: 3 })).periods).toEqual([
      '202504',
      '202505',
      '202506',
    ]);
  });
});
