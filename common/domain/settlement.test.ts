import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bill as billSchema, orderLine, type Stage, type WireBill, type WireOrderLine } from '../marketplace/wire';
import {
  attributionOf,
  billDueAt,
  billingPeriodOf,
  explainBill,
  expectedSettlementMinor,
  expectedSettlementOf,
  nextBillingPeriod,
  parseRatio,
  settlementFormula,
  splitRefunds,
  unbilledReasons,
  type UnbilledReasonCode,
  type WireBillLine,
} from './settlement';

function billLine(p: Partial<WireBillLine> = {}): WireBillLine {
  return {
    orderId: 'CS1',
    orderLineId: p.orderLineId ?? 'CS1-000001',
    kind: 'purchase',
    attributedAt: '2025-04-10T00:00:00.000Z',
    salesAmount: '1000.00',
    customerWithholdingTax: '0.00',
    platformFeeRatio: '0.20',
    sellerTaxes: '0.00',
    settlementAmount: '800.00',
    ...p,
  };
}

function makeBill(lines: WireBillLine[], totals: Partial<WireBill['totals']> = {}): WireBill {
  return billSchema.parse({
    billId: 'B202504-0001',
    billingPeriod: '202504',
    revision: 1,
    status: 'PENDING_APPROVAL',
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
  });
}

describe('B2a: settlement of a line, rounded half-up once per line', () => {
  const cases: Array<[string, Partial<WireBillLine>, number, string]> = [
    ["the page's example", {}, 80_000, '(1000.00 − 0.00) × (1 − 0.20) − 0.00 = 800.00'],
    [
      'withholding and seller taxes',
      { salesAmount: '100.00', customerWithholdingTax: '10.00', sellerTaxes: '3.00' },
      6_900,
      '(100.00 − 10.00) × (1 − 0.20) − 3.00 = 69.00',
    ],
    // 0.05 × 0.9 = 0.045 → 0.05 (half-up), never 0.04
    [
      'a .5 edge rounds up',
      { salesAmount: '0.05', platformFeeRatio: '0.10' },
      5,
      '(0.05 − 0.00) × (1 − 0.10) − 0.00 = 0.05',
    ],
    // 0.15 × 0.7 = 0.105 → 0.11
    ['0.105 → 0.11', { salesAmount: '0.15', platformFeeRatio: '0.30' }, 11, '(0.15 − 0.00) × (1 − 0.30) − 0.00 = 0.11'],
    // 0.01 × 0.8 = 0.008 → 0.01; 0.01 × 0.6 = 0.006 → 0.01; 0.01 × 0.4 = 0.004 → 0.00
    [
      'below half rounds down',
      { salesAmount: '0.01', platformFeeRatio: '0.60' },
      0,
      '(0.01 − 0.00) × (1 − 0.60) − 0.00 = 0.00',
    ],
    // 123.45 × 0.875 = 108.016875 → 108.02 (a three-decimal ratio is exact, not a float)
    [
      'a three-decimal ratio',
      { salesAmount: '123.45', platformFeeRatio: '0.125' },
      10_802,
      '(123.45 − 0.00) × (1 − 0.125) − 0.00 = 108.02',
    ],
    // 333.33 × 0.85 = 283.3305 → 283.33 (a float product 283.33049999… must not decide it)
    [
      'exact decimal arithmetic',
      { salesAmount: '333.33', platformFeeRatio: '0.15' },
      28_333,
      '(333.33 − 0.00) × (1 − 0.15) − 0.00 = 283.33',
    ],
    // 1.01 × 0.5 = 0.505 → 0.51 (0.505 is 0.50499999… as a float)
    [
      '1.01 × 0.5 = 0.505 → 0.51',
      { salesAmount: '1.01', platformFeeRatio: '0.5' },
      51,
      '(1.01 − 0.00) × (1 − 0.5) − 0.00 = 0.51',
    ],
    ['fee ratio 0 and 1', { salesAmount: '12.34', platformFeeRatio: '1' }, 0, '(12.34 − 0.00) × (1 − 1) − 0.00 = 0.00'],
    // Rounding happens once, after the taxes: (10.01 − 0.00) × 0.95 − 0.50 = 9.0095 → 9.01
    [
      'rounded once, on the whole line',
      { salesAmount: '10.01', platformFeeRatio: '0.05', sellerTaxes: '0.50' },
      901,
      '(10.01 − 0.00) × (1 − 0.05) − 0.50 = 9.01',
    ],
  ];
  for (const [name, line, minor, formula] of cases) {
    it(`B2a: ${name}`, () => {
      const l = billLine(line);
      expect(expectedSettlementMinor(l)).toBe(minor);
      expect(settlementFormula(l)).toBe(formula);
    });
  }

  it('B2a: negative refund lines round half away from zero (−0.045 → −0.05), mirroring the purchase', () => {
    expect(expectedSettlementMinor(billLine({ kind: 'refund', salesAmount: '-0.05', platformFeeRatio: '0.10' }))).toBe(
      -5,
    );
    expect(expectedSettlementMinor(billLine({ kind: 'refund', salesAmount: '-0.15', platformFeeRatio: '0.30' }))).toBe(
      -11,
    ); // −0.105
    expect(expectedSettlementMinor(billLine({ kind: 'refund', salesAmount: '-2000.00' }))).toBe(-160_000);
    expect(expectedSettlementMinor(billLine({ kind: 'refund', salesAmount: '-0.01', platformFeeRatio: '0.60' }))).toBe(
      0,
    ); // −0.004
    expect(settlementFormula(billLine({ kind: 'refund', salesAmount: '-2000.00' }))).toBe(
      '(-2000.00 − 0.00) × (1 − 0.20) − 0.00 = -1600.00',
    );
  });

  it("B2a: the simulator's worked bill (1000.00 + 300.00 renewal + 12.34 pay-per-use at 20%) → 800.00, 240.00, 9.87", () => {
    expect(expectedSettlementMinor(billLine({ salesAmount: '300.00' }))).toBe(24_000);
    expect(expectedSettlementMinor(billLine({ salesAmount: '12.34' }))).toBe(987); // 9.872
  });

  it("B2a from minor units (the archive's path) equals the exact bigint arithmetic, small amounts and huge ones alike", () => {
    const exact = (sales: bigint, withholding: bigint, ratio: string, taxes: bigint): bigint => {
      const { num, den } = parseRatio(ratio);
      const scaled = (sales - withholding) * (den - num) - taxes * den;
      const abs = scaled < 0n ? -scaled : scaled;
      const q = (2n * abs + den) / (2n * den);
      return scaled < 0n ? -q : q;
    };
    const ratio = fc.oneof(
      fc.constantFrom('0.20', '0.10', '0.125', '1', '0', '0.3333333', '1.5'),
      fc.integer({ min: 0, max: 1e6 }).map((n) => `0.${String(n).padStart(6, '0')}`),
    );
    const amount = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(amount, amount, ratio, amount, (sales, withholding, r, taxes) => {
        expect(expectedSettlementOf(sales, withholding, r, taxes)).toBe(
          Number(exact(BigInt(sales), BigInt(withholding), r, BigInt(taxes))),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('parseRatio is exact', () => {
    expect(parseRatio('0.20')).toEqual({ num: 20n, den: 100n });
    expect(parseRatio('1')).toEqual({ num: 1n, den: 1n });
    expect(() => parseRatio('-0.1')).toThrow();
  });
});

describe('B3: refund split — settlement first, then the deposit, then owed by the seller', () => {
  it('B3: refund equal to the settlement → all from the settlement, deposit untouched', () => {
    expect(splitRefunds([{ orderLineId: 'r', refundMinor: 80_000 }], 80_000, 500_000)).toEqual([
      {
        orderLineId: 'r',
        refundMinor: 80_000,
        fromSettlementMinor: 80_000,
        fromDepositMinor: 0,
        owedBySellerMinor: 0,
        depositBeforeMinor: 500_000,
        depositAfterMinor: 500_000,
      },
    ]);
  });

  it('B3: refund greater than settlement + deposit → the rest is owed by the seller, deposit ends at 0', () => {
    expect(splitRefunds([{ orderLineId: 'r', refundMinor: 700_000 }], 100_000, 500_000)).toEqual([
      {
        orderLineId: 'r',
        refundMinor: 700_000,
        fromSettlementMinor: 100_000,
        fromDepositMinor: 500_000,
        owedBySellerMinor: 100_000,
        depositBeforeMinor: 500_000,
        depositAfterMinor: 0,
      },
    ]);
  });

  it('B3: no deposit → what the settlement cannot cover is owed', () => {
    expect(splitRefunds([{ orderLineId: 'r', refundMinor: 30_000 }], 10_000, 0)[0]).toMatchObject({
      fromSettlementMinor: 10_000,
      fromDepositMinor: 0,
      owedBySellerMinor: 20_000,
    });
  });

  it('B3: several refunds are split in line order; each sees what the previous ones left', () => {
    const s = splitRefunds(
      [
        { orderLineId: 'a', refundMinor: 600 },
        { orderLineId: 'b', refundMinor: 600 },
        { orderLineId: 'c', refundMinor: 600 },
      ],
      1_000,
      500,
    );
    expect(
      s.map((x) => [
        x.fromSettlementMinor,
        x.fromDepositMinor,
        x.owedBySellerMinor,
        x.depositBeforeMinor,
        x.depositAfterMinor,
      ]),
    ).toEqual([
      [600, 0, 0, 500, 500],
      [400, 200, 0, 500, 300],
      [0, 300, 300, 300, 0],
    ]);
  });

  it("B3: explainBill reproduces the simulator's refund bill (1049.87 settled, 1600.00 refunded, 5000.00 deposit)", () => {
    const b = makeBill(
      [
        billLine({ orderLineId: 'p1', settlementAmount: '800.00' }),
        billLine({ orderLineId: 'p2', kind: 'renewal', salesAmount: '300.00', settlementAmount: '240.00' }),
        billLine({ orderLineId: 'p3', kind: 'payPerUse', salesAmount: '12.34', settlementAmount: '9.87' }),
        billLine({ orderLineId: 'r1', kind: 'refund', salesAmount: '-2000.00', settlementAmount: '-1600.00' }),
      ],
      {
        settlementAmount: '1049.87',
        refundDeductions: '1049.87',
        depositDeductions: '550.13',
        owedBySeller: '0.00',
        netPayable: '0.00',
      },
    );
    const e = explainBill(b, 500_000);
    expect(e.allMatch).toBe(true);
    expect(e.refunds).toEqual([
      {
        orderLineId: 'r1',
        refundMinor: 160_000,
        fromSettlementMinor: 104_987,
        fromDepositMinor: 55_013,
        owedBySellerMinor: 0,
        depositBeforeMinor: 500_000,
        depositAfterMinor: 444_987,
      },
    ]);
    expect(Object.fromEntries(e.totals.map((t) => [t.field, t.formula]))).toEqual({
      settlementAmount: '800.00 + 240.00 + 9.87 = 1049.87',
      refundDeductions: 'min(refunds 1600.00, settlement 1049.87) = 1049.87',
      depositDeductions: 'min(1600.00 − 1049.87, deposit 5000.00) = 550.13',
      owedBySeller: '1600.00 − 1049.87 − 550.13 = 0.00',
      netPayable: '1049.87 − 1049.87 = 0.00',
    });
  });

  it('B2a/B3: a wrong line and a wrong total are each flagged on their own; allMatch is false', () => {
    const b = makeBill([billLine({ settlementAmount: '800.01' })], {
      settlementAmount: '800.00',
      netPayable: '800.00',
    });
    const e = explainBill(b, 0);
    expect(e.lines[0]).toMatchObject({ actualMinor: 80_001, expectedMinor: 80_000, matches: false });
    // Totals are recomputed from the bill's own line amounts: 800.01 expected, the bill says 800.00.
    expect(e.totals.filter((t) => !t.matches).map((t) => t.field)).toEqual(['settlementAmount', 'netPayable']);
    expect(e.allMatch).toBe(false);
  });

  it('B3: a bill with no lines explains to zeros', () => {
    const e = explainBill(makeBill([]), 0);
    expect(e.allMatch).toBe(true);
    expect(e.totals[0].formula).toBe('no purchase, renewal and pay-per-use lines = 0.00');
  });
});

describe('B2: bill due date', () => {
  it('B2: the bill for YYYYMM is produced on the 7th of the next month, 00:00 UTC+8', () => {
    expect(new Date(billDueAt('202504')).toISOString()).toBe('2025-05-06T16:00:00.000Z');
    expect(new Date(billDueAt('202512')).toISOString()).toBe('2026-01-06T16:00:00.000Z');
    expect(() => billDueAt('202513')).toThrow();
    expect(nextBillingPeriod('202512')).toBe('202601');
  });

  it('O4: periods are UTC+8 months', () => {
    expect(billingPeriodOf(Date.parse('2025-04-30T16:00:00.000Z'))).toBe('202505'); // May 1 00:00 UTC+8
    expect(billingPeriodOf(Date.parse('2025-04-30T15:59:59.999Z'))).toBe('202504');
  });
});

// ----------------------------------------------------------------------------------------- order lines

function line(
  p: {
    orderType?: WireOrderLine['orderType'];
    chargingMode?: WireOrderLine['chargingMode'];
    status?: WireOrderLine['status'];
    stage?: Stage | null;
    acceptedAt?: string | null;
    validityStart?: string | null;
    createTime?: string;
  } = {},
): WireOrderLine {
  const stage = p.stage === undefined ? null : p.stage;
  const createTime = p.createTime ?? '2025-04-01T04:00:00.000Z';
  return orderLine.parse({
    orderId: 'CS1',
    orderLineId: 'CS1-000001',
    orderType: p.orderType ?? 'NEW',
    status: p.status ?? 'COMPLETED',
    createTime,
    productId: 'P',
    productName: 'Consulting',
    chargingMode: p.chargingMode ?? 'PERIOD',
    periodType: p.chargingMode === 'ON_DEMAND' ? null : 'month',
    periodNumber: p.chargingMode === 'ON_DEMAND' ? null : 1,
    amount: '1000.00',
    currency: 'CNY',
    customer: { customerId: 'c', customerName: 'C' },
    supervision:
      stage === null
        ? null
        : {
            process: 'REQUEST_FIRST',
            stage,
            appealOpen: false,
            requestRejections: 0,
            deliveryRejections: 0,
            request: null,
            delivery: null,
            acceptedAt: p.acceptedAt ?? null,
            unsubscription: null,
            events: [],
          },
    validity: p.validityStart ? { start: p.validityStart, end: '2026-01-01T00:00:00.000Z' } : null,
    version: 1,
    updateTime: createTime,
  });
}

describe('B1: attribution of an order line', () => {
  it('B1: a purchase is attributed to its enabling time (validity start)', () => {
    expect(attributionOf(line({ validityStart: '2025-04-03T00:00:00.000Z' }))).toMatchObject({
      kind: 'purchase',
      at: Date.parse('2025-04-03T00:00:00.000Z'),
    });
    const fallback = attributionOf(line());
    expect(fallback).toMatchObject({ kind: 'purchase', at: Date.parse('2025-04-01T04:00:00.000Z') });
    expect(fallback.why).toMatch(/creation time stands in/);
  });

  it('B1: a renewal is attributed to when the renewed service is enabled', () => {
    expect(attributionOf(line({ orderType: 'RENEW', validityStart: '2025-05-01T00:00:00.000Z' }))).toMatchObject({
      kind: 'renewal',
      at: Date.parse('2025-05-01T00:00:00.000Z'),
    });
  });

  it('B1: pay-per-use is attributed by consumption time (creation time stands in)', () => {
    const a = attributionOf(line({ chargingMode: 'ON_DEMAND' }));
    expect(a).toMatchObject({ kind: 'payPerUse', at: Date.parse('2025-04-01T04:00:00.000Z') });
    expect(a.why).toMatch(/consumption/);
  });

  it('B1: a supervised new order is attributed to the month its supervision completes; not before', () => {
    const done = attributionOf(
      line({ stage: 'completed', acceptedAt: '2025-06-30T17:00:00.000Z', validityStart: '2025-04-02T00:00:00.000Z' }),
    );
    expect(done).toMatchObject({ kind: 'purchase', at: Date.parse('2025-06-30T17:00:00.000Z') });
    expect(billingPeriodOf(done.at ?? 0)).toBe('202507'); // July 1 01:00 UTC+8
    const open = attributionOf(line({ stage: 'awaiting_acceptance' }));
    expect(open).toMatchObject({ kind: 'purchase', at: null });
    expect(open.why).toMatch(/awaiting_acceptance/);
  });

  it('B3: an unsubscription is a refund in the month it is made', () => {
    expect(attributionOf(line({ orderType: 'UNSUBSCRIBE' }))).toMatchObject({
      kind: 'refund',
      at: Date.parse('2025-04-01T04:00:00.000Z'),
    });
  });
});

describe('B4: why an order line is not billed', () => {
  const NOW = Date.parse('2025-06-15T00:00:00.000Z');
  const ATTRIBUTED = '2025-04-10T00:00:00.000Z'; // period 202504
  const combos: Array<[boolean, boolean, boolean, boolean, boolean]> = [];
  for (let i = 0; i < 32; i++) combos.push([!!(i & 1), !!(i & 2), !!(i & 4), !!(i & 8), !!(i & 16)]);

  for (const [certified, paid, supDone, inEffect, produced] of combos) {
    const name = `B4: certified=${certified} paid=${paid} supervisionCompleted=${supDone} inEffect=${inEffect} produced=${produced}`;
    it(name, () => {
      const l = line({
        status: paid ? 'COMPLETED' : 'PENDING_PAYMENT',
        stage: supDone ? 'completed' : 'awaiting_acceptance',
        acceptedAt: supDone ? ATTRIBUTED : null,
        validityStart: inEffect ? '2025-04-10T00:00:00.000Z' : '2025-07-01T00:00:00.000Z',
      });
      const reasons = unbilledReasons({
        line: l,
        businessInfoCertified: certified,
        now: NOW,
        producedPeriods: new Set(produced ? ['202504'] : []),
      });
      const want: UnbilledReasonCode[] = [];
      if (!certified) want.push('business_info_not_certified');
      if (!paid) want.push('payment_not_completed');
      if (!supDone) want.push('supervision_not_completed');
      if (!inEffect) want.push('not_in_effect');
      // Only a completed supervision has a B1 instant, hence a period whose bill can be missing.
      if (supDone && !produced) want.push('bill_not_produced_yet');
      expect(reasons.map((r) => r.code)).toEqual(want);
      const sup = reasons.find((r) => r.code === 'supervision_not_completed');
      if (sup)
        expect(sup).toMatchObject({
          stage: 'awaiting_acceptance',
          message: 'Supervision is not completed (stage awaiting_acceptance).',
        });
      const eff = reasons.find((r) => r.code === 'not_in_effect');
      if (eff) expect(eff.message).toBe('The order has not taken effect yet (it takes effect on 2025-07-01, UTC+8).');
      const bill = reasons.find((r) => r.code === 'bill_not_produced_yet');
      if (bill) {
        expect(bill).toMatchObject({ dueAt: billDueAt('202504'), billingPeriod: '202504' });
        expect(bill.message).toBe('The bill for 2025-04 was due on 2025-05-07 (UTC+8) and has not been received yet.');
      }
    });
  }

  it('B4: an unsupervised line: supervision is not involved; the bill is not due yet → its due date', () => {
    const l = line({ validityStart: '2025-06-10T00:00:00.000Z' });
    expect(unbilledReasons({ line: l, businessInfoCertified: true, now: NOW, producedPeriods: new Set() })).toEqual([
      {
        code: 'bill_not_produced_yet',
        message: 'The bill for 2025-06 is produced on 2025-07-07 (UTC+8); it has not been produced yet.',
        dueAt: billDueAt('202506'),
        billingPeriod: '202506',
      },
    ]);
  });

  it('B4: business information unknown (null) is not claimed; a supervised line without validity is not in effect', () => {
    const r = unbilledReasons({
      line: line({ stage: 'request_pending', status: 'PROCESSING' }),
      businessInfoCertified: null,
      now: NOW,
      producedPeriods: new Set(),
    });
    expect(r.map((x) => x.code)).toEqual(['supervision_not_completed', 'not_in_effect']);
    expect(r[1].message).toBe('The order has not taken effect yet (it has no validity period yet).');
  });

  it('B4 / O2a: PROCESSING counts as paid; CANCELED does not', () => {
    const base = { businessInfoCertified: true, now: NOW, producedPeriods: new Set(['202504']) };
    expect(unbilledReasons({ ...base, line: line({ status: 'PROCESSING' }) })).toEqual([]);
    expect(unbilledReasons({ ...base, line: line({ status: 'CANCELED' }) })[0]).toMatchObject({
      code: 'payment_not_completed',
      message: 'The payment is not completed (order status CANCELED).',
    });
  });
});
