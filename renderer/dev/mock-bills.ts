// Dev only: the bills channels in memory for `vite dev` — two CNY months (the later one with a second revision that
// adds a refund) and one USD month, explained with the real B2a/B3 rules. Never in a production build.
import type { SellerDeskApi } from '../../common/api/bridge';
import {
  BILL_FLAGGED_LIMIT,
  BILL_REFUNDS_LIMIT,
  type BillCheck,
  type BillLineRow,
  type BillsChannel,
  type BillSummary,
  type BillTotalsMinor,
  type RevisionChange,
} from '../../common/api/contract-bills';
import { fail, ok } from '../../common/api/result';
import { moneyToWire, parseMoney } from '../../common/domain/money';
import {
  billDueAt,
  billingPeriodOf,
  checkLine,
  explainBill,
  expectedSettlementMinor,
  type WireBillLine,
} from '../../common/domain/settlement';
import type { WireBill } from '../../common/marketplace/wire';

type BillsApi = Pick<SellerDeskApi, BillsChannel>;

const DEPOSIT = 500_000;

function line(n: number, kind: WireBillLine['kind'], sales: string, at: number): WireBillLine {
  const l: WireBillLine = {
    orderId: `CS25MOCK${String(n).padStart(5, '0')}`,
    orderLineId: `CS25MOCK${String(n).padStart(5, '0')}-000001`,
    kind,
    attributedAt: new Date(at).toISOString(),
    salesAmount: sales,
    customerWithholdingTax: '0.00',
    platformFeeRatio: '0.20',
    sellerTaxes: '0.00',
    settlementAmount: '0.00',
  };
  return { ...l, settlementAmount: moneyToWire(expectedSettlementMinor(l)) };
}

function makeBill(
  billId: string,
  period: string,
  revision: number,
  currency: 'CNY' | 'USD',
  lines: WireBillLine[],
): WireBill {
  const draft: WireBill = {
    billId,
    billingPeriod: period,
    revision,
    status: revision > 1 ? 'PENDING_APPROVAL' : 'APPROVED',
    currency,
    generatedAt: new Date(billDueAt(period)).toISOString(),
    lines,
    totals: {
      settlementAmount: '0.00',
      refundDeductions: '0.00',
      depositDeductions: '0.00',
      owedBySeller: '0.00',
      netPayable: '0.00',
    },
  };
  const e = explainBill(draft, currency === 'CNY' ? DEPOSIT : 0);
  const t = (f: keyof WireBill['totals']) => moneyToWire(e.totals.find((x) => x.field === f)?.expectedMinor ?? 0);
  const totals = {
    settlementAmount: t('settlementAmount'),
    refundDeductions: t('refundDeductions'),
    depositDeductions: t('depositDeductions'),
    owedBySeller: t('owedBySeller'),
    netPayable: t('netPayable'),
  };
  return { ...draft, totals };
}

const minorTotals = (b: WireBill): BillTotalsMinor => ({
  settlementAmount: parseMoney(b.totals.settlementAmount),
  refundDeductions: parseMoney(b.totals.refundDeductions),
  depositDeductions: parseMoney(b.totals.depositDeductions),
  owedBySeller: parseMoney(b.totals.owedBySeller),
  netPayable: parseMoney(b.totals.netPayable),
});

function lineRow(l: WireBillLine, i: number): BillLineRow {
  const c = checkLine(l);
  return {
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
    expectedSettlementMinor: c.expectedMinor,
    matches: c.matches,
    formula: c.formula,
  };
}

function checkOf(b: WireBill, depositMinor: number): BillCheck {
  const e = explainBill(b, depositMinor);
  const bad = b.lines.map(lineRow).filter((r) => !r.matches);
  return {
    allMatch: e.allMatch,
    totals: e.totals,
    sums: e.sums,
    mismatchedLines: bad.length,
    flagged: bad.slice(0, BILL_FLAGGED_LIMIT),
    refunds: e.refunds.slice(0, BILL_REFUNDS_LIMIT),
  };
}

export function createMockBills(now = Date.now()): BillsApi {
  const m0 = billingPeriodOf(now - 40 * 86_400_000);
  const m1 = billingPeriodOf(now - 70 * 86_400_000);
  const at = (p: string) => billDueAt(p) - 20 * 86_400_000;
  const a = makeBill(`B${m1}-0001`, m1, 1, 'CNY', [
    line(1, 'purchase', '1200.00', at(m1)),
    line(2, 'renewal', '300.00', at(m1)),
  ]);
  const b1 = makeBill(`B${m0}-0001`, m0, 1, 'CNY', [
    line(3, 'purchase', '800.00', at(m0)),
    line(4, 'payPerUse', '12.34', at(m0)),
  ]);
  const b2 = makeBill(`B${m0}-0001`, m0, 2, 'CNY', [...b1.lines, line(5, 'refund', '-2000.00', at(m0))]);
  const u = makeBill(`B${m0}-0002`, m0, 1, 'USD', [line(6, 'purchase', '99.00', at(m0))]);
  const revisions = new Map<string, WireBill[]>([
    [a.billId, [a]],
    [b1.billId, [b1, b2]],
    [u.billId, [u]],
  ]);
  const change = (r: number): RevisionChange => ({
    revision: r,
    previousRevision: r > 1 ? r - 1 : null,
    linesAdded: r > 1 ? 1 : 0,
    linesRemoved: 0,
    linesChanged: 0,
    totalsChanged: [],
    status: null,
    summary: r > 1 ? `revision ${r} — 1 line added` : `revision ${r} — first received`,
  });
  const summary = (b: WireBill, count: number): BillSummary => ({
    billId: b.billId,
    billingPeriod: b.billingPeriod,
    currency: b.currency,
    status: b.status,
    revision: b.revision,
    revisionCount: count,
    generatedAt: Date.parse(b.generatedAt),
    receivedAt: Date.parse(b.generatedAt) + 3_600_000,
    lineCount: b.lines.length,
    totals: minorTotals(b),
    change: change(b.revision),
  });
  const delay = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 40));
  return {
    'bills:list': (f) =>
      delay(
        ok(
          [...revisions.values()]
            .map((rs) => summary(rs[rs.length - 1], rs.length))
            .filter((s) => (!f.period || s.billingPeriod === f.period) && (!f.currency || s.currency === f.currency)),
        ),
      ),
    'bills:get': ({ billId, revision }) => {
      const rs = revisions.get(billId);
      const b = rs?.find((x) => x.revision === (revision ?? rs[rs.length - 1].revision));
      if (!rs || !b) return delay(fail('not_found', `no bill ${billId}`));
      const deposit = b.currency === 'CNY' ? DEPOSIT : 0;
      return delay(
        ok({
          summary: summary(b, rs.length),
          explanation: checkOf(b, deposit),
          depositBeforeMinor: deposit,
          depositFetchedAt: now,
          revisions: rs.map((x) => ({
            revision: x.revision,
            status: x.status,
            generatedAt: Date.parse(x.generatedAt),
            receivedAt: Date.parse(x.generatedAt),
            lineCount: x.lines.length,
            totals: minorTotals(x),
            change: change(x.revision),
          })),
          diff: null,
        }),
      );
    },
    'bills:lines': ({ billId, revision, offset, limit, onlyMismatched }) => {
      const rs = revisions.get(billId);
      const b = rs?.find((x) => x.revision === (revision ?? rs[rs.length - 1].revision));
      if (!rs || !b) return delay(fail('not_found', `no bill ${billId}`));
      const rows = b.lines.map(lineRow).filter((r) => !onlyMismatched || !r.matches);
      return delay(ok({ revision: b.revision, total: rows.length, rows: rows.slice(offset, offset + limit) }));
    },
    'bills:why': ({ orderLineId }) =>
      delay(ok({ orderLineId, billed: false, bills: [], reasons: [], attribution: null, cached: false })),
    'bills:reconciliation': () =>
      delay(
        ok({
          rows: [],
          total: 0,
          totals: { lines: 0, byState: { billed: 0, unbilled: 0, not_billable: 0 }, byCurrency: [] },
        }),
      ),
    'bills:monthly': () => delay(ok({ periods: [m1, m0], series: [] })),
    'bills:export': () => delay(fail('conflict', 'exports are not available in the dev mock')),
    'bills:export-reconciliation': () => delay(fail('conflict', 'exports are not available in the dev mock')),
  };
}
