// The Bills page's view logic (docs/rules.md B1–B5): "revision N — what changed" in both languages, the totals'
// B2a/B3 formulas with their numbers, B4 reasons in words, the monthly chart's data and option, the reconciliation
// filters as a query, and how a bills:changed event is announced.
import { describe, expect, it } from 'vitest';
import type { BillsMonthly, RevisionChange } from '../../common/api/contract-bills';
import { moneyToWire } from '../../common/domain/money';
import { explainBill, expectedSettlementMinor, type WireBillLine } from '../../common/domain/settlement';
import type { WireBill } from '../../common/marketplace/wire';
import { makeTranslate } from '../i18n/translate';
import {
  attributionWhy,
  billChangeText,
  EMPTY_RECON_FILTERS,
  hasReconFilters,
  mismatchedTotals,
  monthlyChartData,
  periodFromMonthInput,
  plainAmount,
  reasonText,
  reconKey,
  reconQuery,
  revisionSummary,
  rowReasons,
  signedAmount,
  totalFormula,
} from './bill-view';
import { chartHeight, compactAxis, monthlyChartOption, parseSeriesId, seriesId, tooltipHtml } from './bill-chart';

const en = makeTranslate('en');
const zh = makeTranslate('zh-CN');

function line(n: number, kind: WireBillLine['kind'], sales: string, settlement?: string): WireBillLine {
  const l: WireBillLine = {
    orderId: `CS${n}`,
    orderLineId: `CS${n}-000001`,
    kind,
    attributedAt: '2025-04-10T04:00:00.000Z',
    salesAmount: sales,
    customerWithholdingTax: '0.00',
    platformFeeRatio: '0.20',
    sellerTaxes: '0.00',
    settlementAmount: '0.00',
  };
  return { ...l, settlementAmount: settlement ?? moneyToWire(expectedSettlementMinor(l)) };
}

function bill(lines: WireBillLine[], totals: Partial<WireBill['totals']> = {}): WireBill {
  return {
    billId: 'B202504-0001',
    billingPeriod: '202504',
    revision: 1,
    status: 'APPROVED',
    currency: 'CNY',
    generatedAt: '2025-05-06T16:00:00.000Z',
    lines,
    totals: {
      settlementAmount: '0.00',
      refundDeductions: '0.00',
      depositDeductions: '0.00',
      owedBySeller: '0.00',
      netPayable: '0.00',
      ...totals,
    },
  };
}

const change = (over: Partial<RevisionChange>): RevisionChange => ({
  revision: 2,
  previousRevision: 1,
  linesAdded: 0,
  linesRemoved: 0,
  linesChanged: 0,
  totalsChanged: [],
  status: null,
  summary: '',
  ...over,
});

describe('revision N — what changed (B5)', () => {
  it('in words, in English and Chinese, from the change main computed', () => {
    const c = change({
      linesAdded: 1,
      linesChanged: 2,
      totalsChanged: ['settlementAmount', 'netPayable'],
      status: { from: 'PENDING_APPROVAL', to: 'PAID' },
    });
    expect(revisionSummary(c, en)).toBe(
      'revision 2 — 1 line added; 2 lines changed; totals moved: Settlement amount, Net payable; status Pending approval → Paid',
    );
    expect(revisionSummary(c, zh)).toBe(
      '版本 2——新增 1 行；变更 2 行；合计变动：结算金额、应付净额；状态 待审批 → 已支付',
    );
    expect(revisionSummary(change({ revision: 1, previousRevision: null }), en)).toBe('revision 1 — first received');
    expect(revisionSummary(change({}), zh)).toBe('版本 2——行与合计均无变化');
  });
});

describe('B2a/B3 checks', () => {
  // 1000 + 300 → settlements 800 + 240; a refund of 2000 → −1600, of which 1040 from the settlement, 500 from the
  // deposit, 60 owed.
  const lines = [line(1, 'purchase', '1000.00'), line(2, 'renewal', '300.00', '239.00'), line(3, 'refund', '-2000.00')];
  const b = bill(lines, {
    settlementAmount: '1039.00',
    refundDeductions: '1039.00',
    depositDeductions: '500.00',
    owedBySeller: '61.00',
    netPayable: '0.00',
  });
  const e = explainBill(b, 50_000);

  it("B2a: the line that does not match is found; the totals recomputed from the bill's own lines match", () => {
    expect(e.lines.flatMap((l, i) => (l.matches ? [] : [i]))).toEqual([1]);
    expect(e.lines[1]).toMatchObject({
      actualMinor: 23_900,
      expectedMinor: 24_000,
      formula: '(300.00 − 0.00) × (1 − 0.20) − 0.00 = 240.00',
    });
    expect(mismatchedTotals(e)).toEqual([]);
  });

  it("B2a/B3: each total's formula with the bill's numbers filled in, in both languages", () => {
    expect(totalFormula('settlementAmount', e, 50_000, en)).toBe('800.00 + 239.00 = 1039.00');
    expect(totalFormula('refundDeductions', e, 50_000, en)).toBe('min(refunds 1600.00, settlement 1039.00) = 1039.00');
    expect(totalFormula('refundDeductions', e, 50_000, zh)).toBe('min(退款 1600.00, 结算 1039.00) = 1039.00');
    expect(totalFormula('depositDeductions', e, 50_000, en)).toBe('min(1600.00 − 1039.00, deposit 500.00) = 500.00');
    expect(totalFormula('owedBySeller', e, 50_000, en)).toBe('1600.00 − 1039.00 − 500.00 = 61.00');
    expect(totalFormula('netPayable', e, 50_000, en)).toBe('1039.00 − 1039.00 = 0.00');
    const many = explainBill(bill(Array.from({ length: 7 }, (_, i) => line(i + 1, 'purchase', '100.00'))), 0);
    expect(totalFormula('settlementAmount', many, 0, en)).toBe(
      'sum of 7 purchase, renewal and pay-per-use lines = 560.00',
    );
    expect(totalFormula('settlementAmount', explainBill(bill([]), 0), 0, zh)).toBe('无购买、续费或按需行 = 0.00');
  });

  it('amounts: signed differences and plain grouped amounts (O3)', () => {
    expect(signedAmount(-100)).toBe('-1.00');
    expect(signedAmount(419)).toBe('+4.19');
    expect(signedAmount(0)).toBe('0.00');
    expect(plainAmount(123_456_789, 'en-US')).toBe('1,234,567.89');
    expect(plainAmount(-5, 'zh-CN')).toBe('-0.05');
  });
});

describe('B4 in words', () => {
  const now = Date.parse('2025-06-15T04:00:00.000Z');
  it('each reason with what the row knows, in both languages', () => {
    expect(reasonText('supervision_not_completed', { stage: 'awaiting_acceptance' }, en, now)).toBe(
      'Supervision is not completed (stage: Awaiting acceptance).',
    );
    expect(reasonText('supervision_not_completed', { stage: 'awaiting_acceptance' }, zh, now)).toMatch(
      /^服务监管尚未完成（阶段：.+）。$/,
    );
    expect(reasonText('payment_not_completed', { status: 'PENDING_PAYMENT' }, en, now)).toBe(
      'The payment is not completed (order status: Pending payment).',
    );
    expect(reasonText('not_in_effect', { dueAt: Date.parse('2025-07-01T00:00:00Z') }, en, now)).toBe(
      'The order has not taken effect yet (it takes effect on 2025-07-01, UTC+8).',
    );
    expect(reasonText('canceled', {}, zh, now)).toBe('订单已取消：不结算。');
  });

  it('B2: a period\'s bill is produced on the 7th of the next month (UTC+8): "not yet" before, "not received" after', () => {
    expect(reasonText('bill_not_produced_yet', { billingPeriod: '202506' }, en, now)).toBe(
      'The bill for 2025-06 is produced on 2025-07-07 (UTC+8); not yet.',
    );
    expect(reasonText('bill_not_produced_yet', { billingPeriod: '202505' }, en, now)).toBe(
      'The bill for 2025-05 was due on 2025-06-07 (UTC+8) and has not been received yet.',
    );
    expect(reasonText('bill_not_produced_yet', { billingPeriod: '202505' }, zh, now)).toBe(
      '2025-05 的账单应于 2025-06-07（UTC+8）生成，尚未收到。',
    );
    expect(reasonText('bill_not_produced_yet', {}, en, now)).toBe('Its period’s bill has not been produced yet.');
  });

  it('a reconciliation row: every reason, in order', () => {
    const row = {
      reasons: ['supervision_not_completed', 'not_in_effect'] as const,
      status: 'PROCESSING' as const,
      stage: 'request_pending' as const,
      billingPeriod: null,
    };
    expect(rowReasons({ ...row, reasons: [...row.reasons] }, en, now)).toEqual([
      'Supervision is not completed (stage: Request to review).',
      'The order has not taken effect yet.',
    ]);
  });

  it('B1: why a line is attributed when it is', () => {
    expect(attributionWhy('purchase', true, en)).toBe(
      'a supervised new order is attributed to the month its supervision completes',
    );
    expect(attributionWhy('purchase', false, en)).toBe(
      'a purchase is attributed to when its instance or service is enabled',
    );
    expect(attributionWhy('refund', false, zh)).toBe('退款从退款当月的结算中扣减');
  });
});

describe('the monthly chart (B2, B3)', () => {
  const monthly: BillsMonthly = {
    periods: ['202503', '202504', '202505'],
    series: [
      {
        currency: 'CNY',
        points: [
          {
            billingPeriod: '202503',
            settlementMinor: 0,
            refundDeductionsMinor: 0,
            depositDeductionsMinor: 0,
            netPayableMinor: 0,
            bills: 0,
          },
          {
            billingPeriod: '202504',
            settlementMinor: 100_000,
            refundDeductionsMinor: -100_000,
            depositDeductionsMinor: -60_000,
            netPayableMinor: 0,
            bills: 1,
          },
          {
            billingPeriod: '202505',
            settlementMinor: 80_000,
            refundDeductionsMinor: 0,
            depositDeductionsMinor: 0,
            netPayableMinor: 80_000,
            bills: 1,
          },
        ],
      },
      {
        currency: 'USD',
        points: [
          {
            billingPeriod: '202505',
            settlementMinor: 9_900,
            refundDeductionsMinor: 0,
            depositDeductionsMinor: 0,
            netPayableMinor: 9_900,
            bills: 1,
          },
        ],
      },
    ],
  };

  it('one series set per currency on the same months; deductions below zero; missing months are zero', () => {
    const data = monthlyChartData(monthly);
    expect(data.hasBills).toBe(true);
    expect(data.series.map((s) => s.currency)).toEqual(['CNY', 'USD']);
    expect(data.series[0]).toMatchObject({ net: [0, 0, 80_000], refunds: [0, -100_000, 0], deposit: [0, -60_000, 0] });
    expect(data.series[1]).toMatchObject({ net: [0, 0, 9_900], refunds: [0, 0, 0], deposit: [0, 0, 0] });
    expect(monthlyChartData({ periods: ['202505'], series: [] }).hasBills).toBe(false);
  });

  it('the ECharts option: a panel per currency, three stacked bar series each, in major units, labelled months', () => {
    const option = monthlyChartOption(monthlyChartData(monthly), en, 'en-US') as {
      grid: unknown[];
      xAxis: Array<{ data: string[]; gridIndex: number }>;
      series: Array<{ id: string; name: string; stack: string; xAxisIndex: number; data: number[] }>;
      title: Array<{ text: string }>;
    };
    expect(option.grid).toHaveLength(2);
    expect(option.title.map((x) => x.text)).toEqual(['CNY', 'USD']);
    expect(option.xAxis[1]).toMatchObject({ gridIndex: 1, data: ['2025-03', '2025-04', '2025-05'] });
    expect(option.series.map((s) => s.id)).toEqual([
      'CNY:net',
      'CNY:refunds',
      'CNY:deposit',
      'USD:net',
      'USD:refunds',
      'USD:deposit',
    ]);
    expect(option.series[1]).toMatchObject({
      name: 'Refund deductions',
      stack: 'CNY',
      xAxisIndex: 0,
      data: [0, -1000, 0],
    });
    expect(option.series[3]).toMatchObject({ stack: 'USD', xAxisIndex: 1, data: [0, 0, 99] });
    expect(parseSeriesId(seriesId('USD', 'deposit'))).toEqual({ currency: 'USD', part: 'deposit' });
    expect(parseSeriesId('nonsense')).toBeNull();
    expect(chartHeight(2)).toBeGreaterThan(chartHeight(1));
    expect(compactAxis(150_000, 'en-US')).toBe('150K');
  });

  it('the tooltip writes the exact amounts with their currency (O3)', () => {
    const html = tooltipHtml(monthlyChartData(monthly), 0, 1, zh, 'zh-CN');
    expect(html).toContain('2025-04');
    expect(html).toContain('退款扣减: <b>CNY -1,000.00</b>');
    expect(html).toContain('保证金扣减: <b>CNY -600.00</b>');
  });
});

describe('reconciliation filters (B4)', () => {
  it('become a query without the empty ones; a month that is not one is an error', () => {
    expect(reconQuery(EMPTY_RECON_FILTERS)).toEqual({ query: {}, monthInvalid: false });
    expect(hasReconFilters(EMPTY_RECON_FILTERS)).toBe(false);
    const f = {
      ...EMPTY_RECON_FILTERS,
      states: ['unbilled', 'billed'] as const,
      stages: ['none', 'completed'] as const,
      month: '2025-04',
      currency: 'CNY' as const,
      orderNo: ' CS25 ',
      customer: 'Contoso',
    };
    const q = reconQuery({ ...f, states: [...f.states], stages: [...f.stages] });
    expect(q).toEqual({
      query: {
        states: ['billed', 'unbilled'],
        stages: ['completed', 'none'],
        period: '202504',
        currency: 'CNY',
        orderNo: 'CS25',
        customer: 'Contoso',
      },
      monthInvalid: false,
    });
    expect(reconQuery({ ...EMPTY_RECON_FILTERS, month: '2025-13' }).monthInvalid).toBe(true);
    expect(periodFromMonthInput('2025-12')).toBe('202512');
    expect(reconKey({ states: ['billed'] })).not.toBe(reconKey({ states: ['unbilled'] }));
  });
});

describe('announcing new bills and revisions (B5)', () => {
  it('one bill by id; several by count', () => {
    const one = billChangeText(
      [{ billId: 'B202504-0001', revision: 2, billingPeriod: '202504', currency: 'CNY', isNew: false }],
      en,
    );
    expect(one).toEqual({ title: 'Bill revised', text: 'B202504-0001 · 2025-04 · CNY · revision 2' });
    const many = billChangeText(
      [
        { billId: 'B1', revision: 1, billingPeriod: '202504', currency: 'CNY', isNew: true },
        { billId: 'B2', revision: 1, billingPeriod: '202504', currency: 'USD', isNew: true },
        { billId: 'B3', revision: 2, billingPeriod: '202503', currency: 'CNY', isNew: false },
      ],
      zh,
    );
    expect(many).toEqual({ title: '新账单', text: '2 张新账单、1 张账单已修订' });
  });
});
