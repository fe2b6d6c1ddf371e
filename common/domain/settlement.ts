// docs/rules.md B1–B4: settlement arithmetic and attribution, pure (no Node, no I/O) so the UI, the exports,
// the CLI and the simulator all compute the same numbers.
import { DateTime } from 'luxon';
import type { WireBill, WireOrderLine } from '../marketplace/wire';
import { moneyToWire, parseMoney } from './money';
import { MARKET_ZONE, marketDate } from './time';

export type WireBillLine = WireBill['lines'][number];
export type BillLineKind = WireBillLine['kind'];
export const BILL_LINE_KINDS: readonly BillLineKind[] = ['purchase', 'renewal', 'payPerUse', 'refund'];
export type BillTotalField = keyof WireBill['totals'];
export const BILL_TOTAL_FIELDS: readonly BillTotalField[] = [
  'settlementAmount',
  'refundDeductions',
  'depositDeductions',
  'owedBySeller',
  'netPayable',
];

export interface LineCheck {
  orderLineId: string;
  orderId: string;
  kind: BillLineKind;
  actualMinor: number;
  expectedMinor: number;
  matches: boolean;
  /** B2a with its numbers filled in, e.g. "(1000.00 − 0.00) × (1 − 0.20) − 0.00 = 800.00" */
  formula: string;
}
export interface TotalCheck {
  field: BillTotalField;
  actualMinor: number;
  expectedMinor: number;
  matches: boolean;
  formula: string;
}
export interface RefundSplit {
  orderLineId: string;
  /** Positive: the refunded settlement amount (the refund line's settlement amount without its sign). */
  refundMinor: number;
  fromSettlementMinor: number;
  fromDepositMinor: number;
  owedBySellerMinor: number;
  depositBeforeMinor: number;
  depositAfterMinor: number;
}
/** What the totals are recomputed from (B2a, B3): the bill's own line amounts, summed by kind. */
export interface BillSums {
  /** Purchase, renewal and pay-per-use lines. */
  earningLines: number;
  earningMinor: number;
  /** Their amounts in line order when there are at most MAX_SUM_TERMS (the formula writes them out), else null. */
  earningTermsMinor: number[] | null;
  refundLines: number;
  /** Positive: the refund lines' settlement amounts without their sign. */
  refundMinor: number;
}
export interface BillExplanation {
  lines: LineCheck[];
  totals: TotalCheck[];
  refunds: RefundSplit[];
  sums: BillSums;
  allMatch: boolean;
}

// ---------------------------------------------------------------------------------------------- B2a

/** A wire ratio ("0.20", "0.125", "1") as an exact fraction num/den with den a power of ten. */
export function parseRatio(text: string): { num: bigint; den: bigint } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal ratio: ${JSON.stringify(text)}`);
  const decimals = m[2] ?? '';
  return { num: BigInt(m[1] + decimals), den: 10n ** BigInt(decimals.length) };
}

/** n / d rounded to an integer, halves away from zero (d > 0). */
function divRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const abs = n < 0n ? -n : n;
  const q = (2n * abs + d) / (2n * d); // floor((abs + d/2) / d)
  return n < 0n ? -q : q;
}

/**
 * B2a: (sales excl. VAT − customer withholding tax) × (1 − platform-fee ratio) − seller taxes, computed exactly and
 * rounded half-up to the minor unit once, on the whole line. Refund lines are negative: their halves round away from
 * zero (−0.045 → −0.05), i.e. half-up on the magnitude, so a refund mirrors the purchase it reverses exactly.
 */
export function expectedSettlementMinor(line: WireBillLine): number {
  return expectedSettlementOf(
    parseMoney(line.salesAmount),
    parseMoney(line.customerWithholdingTax),
    line.platformFeeRatio,
    parseMoney(line.sellerTaxes),
  );
}

/** A bill carries a handful of distinct ratios; each is parsed once. */
const ratios = new Map<string, { num: bigint; den: bigint; numN: number; denN: number }>();
const MAX_RATIOS = 256;

function ratioOf(text: string): { num: bigint; den: bigint; numN: number; denN: number } {
  let r = ratios.get(text);
  if (!r) {
    const { num, den } = parseRatio(text);
    r = { num, den, numN: Number(num), denN: Number(den) };
    if (ratios.size >= MAX_RATIOS) ratios.clear();
    ratios.set(text, r);
  }
  return r;
}

/**
 * B2a from amounts already in minor units (what the archive stores), exactly as expectedSettlementMinor: in plain
 * numbers while every intermediate stays a safe integer (the usual case, and much cheaper per line of a big bill),
 * else in bigints.
 */
export function expectedSettlementOf(
  salesMinor: number,
  withholdingMinor: number,
  platformFeeRatio: string,
  sellerTaxesMinor: number,
): number {
  const r = ratioOf(platformFeeRatio);
  const base = salesMinor - withholdingMinor;
  const keep = r.denN - r.numN;
  const bound = 2 * (Math.abs(base) * Math.max(r.denN, Math.abs(keep)) + Math.abs(sellerTaxesMinor) * r.denN) + r.denN;
  if (Number.isSafeInteger(r.denN) && Number.isSafeInteger(r.numN) && bound <= Number.MAX_SAFE_INTEGER) {
    const scaled = base * keep - sellerTaxesMinor * r.denN;
    const abs = Math.abs(scaled);
    const n = 2 * abs + r.denN;
    const d = 2 * r.denN;
    const q = (n - (n % d)) / d; // floor((abs + den/2) / den), exact on safe integers
    return scaled < 0 && q !== 0 ? -q : q; // never −0
  }
  // In units of 1/den of a minor unit, so nothing is rounded before the end.
  const scaled = (BigInt(salesMinor) - BigInt(withholdingMinor)) * (r.den - r.num) - BigInt(sellerTaxesMinor) * r.den;
  return Number(divRoundHalfAwayFromZero(scaled, r.den));
}

/** B2a with the line's numbers filled in: "(1000.00 − 0.00) × (1 − 0.20) − 0.00 = 800.00". */
export function settlementFormula(line: WireBillLine, expectedMinor = expectedSettlementMinor(line)): string {
  return `(${line.salesAmount} − ${line.customerWithholdingTax}) × (1 − ${line.platformFeeRatio}) − ${line.sellerTaxes} = ${moneyToWire(expectedMinor)}`;
}

export function checkLine(line: WireBillLine): LineCheck {
  const expectedMinor = expectedSettlementMinor(line);
  const actualMinor = parseMoney(line.settlementAmount);
  return {
    orderLineId: line.orderLineId,
    orderId: line.orderId,
    kind: line.kind,
    actualMinor,
    expectedMinor,
    matches: actualMinor === expectedMinor,
    formula: settlementFormula(line, expectedMinor),
  };
}

// ---------------------------------------------------------------------------------------------- B3

export interface RefundInput {
  orderLineId: string;
  /** Positive. */
  refundMinor: number;
}

/**
 * B3: each refund, in line order, comes off the settlement still available in this bill, then off the deposit still
 * left, and whatever remains is owed by the seller. Neither the settlement nor the deposit goes below zero.
 */
export function splitRefunds(
  refunds: readonly RefundInput[],
  settlementMinor: number,
  depositBeforeMinor: number,
): RefundSplit[] {
  let settlementLeft = Math.max(0, settlementMinor);
  let deposit = Math.max(0, depositBeforeMinor);
  return refunds.map((r) => {
    const refund = Math.abs(r.refundMinor);
    const fromSettlement = Math.min(refund, settlementLeft);
    settlementLeft -= fromSettlement;
    const fromDeposit = Math.min(refund - fromSettlement, deposit);
    const depositBefore = deposit;
    deposit -= fromDeposit;
    return {
      orderLineId: r.orderLineId,
      refundMinor: refund,
      fromSettlementMinor: fromSettlement,
      fromDepositMinor: fromDeposit,
      owedBySellerMinor: refund - fromSettlement - fromDeposit,
      depositBeforeMinor: depositBefore,
      depositAfterMinor: deposit,
    };
  });
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
const w = moneyToWire;
/** Up to this many terms a sum is written out term by term; past it, "sum of N lines". */
export const MAX_SUM_TERMS = 6;

function sumFormula(amounts: readonly number[], what: string): string {
  const total = sum(amounts);
  if (amounts.length === 0) return `no ${what} lines = 0.00`;
  if (amounts.length > MAX_SUM_TERMS) return `sum of ${amounts.length} ${what} lines = ${w(total)}`;
  return `${amounts.map((a) => (a < 0 ? `(${w(a)})` : w(a))).join(' + ')} = ${w(total)}`;
}

/** The sums the totals are recomputed from, for lines given as (kind, settlement amount) in line order. */
export function sumLines(lines: Iterable<{ kind: BillLineKind; actualMinor: number }>): BillSums {
  const terms: number[] = [];
  let earningLines = 0;
  let earningMinor = 0;
  let refundLines = 0;
  let refundMinor = 0;
  for (const l of lines) {
    if (l.kind === 'refund') {
      refundLines++;
      refundMinor += Math.abs(l.actualMinor);
    } else {
      earningLines++;
      earningMinor += l.actualMinor;
      if (earningLines <= MAX_SUM_TERMS) terms.push(l.actualMinor);
    }
  }
  return {
    earningLines,
    earningMinor,
    earningTermsMinor: earningLines <= MAX_SUM_TERMS ? terms : null,
    refundLines,
    refundMinor,
  };
}

/**
 * B2a/B3 on the totals: each recomputed from the sums of the bill's own line amounts (so one wrong line shows on that
 * line, not on every total) against `depositBeforeMinor`, beside the amount the bill states.
 */
export function explainTotals(
  billTotals: Record<BillTotalField, number>,
  sums: BillSums,
  depositBeforeMinor: number,
): TotalCheck[] {
  const settlement = sums.earningMinor;
  const refundTotal = sums.refundMinor;
  // splitRefunds summed: refunds come off the settlement, then the deposit, the rest is owed.
  const fromSettlement = Math.min(refundTotal, Math.max(0, settlement));
  const deposit = Math.max(0, depositBeforeMinor);
  const fromDeposit = Math.min(refundTotal - fromSettlement, deposit);
  const owed = refundTotal - fromSettlement - fromDeposit;
  const earningWhat = 'purchase, renewal and pay-per-use';
  const settlementFormula =
    sums.earningLines === 0
      ? `no ${earningWhat} lines = 0.00`
      : sums.earningTermsMinor === null
        ? `sum of ${sums.earningLines} ${earningWhat} lines = ${w(settlement)}`
        : sumFormula(sums.earningTermsMinor, earningWhat);
  const expected: Record<BillTotalField, { minor: number; formula: string }> = {
    settlementAmount: { minor: settlement, formula: settlementFormula },
    refundDeductions: {
      minor: fromSettlement,
      formula: `min(refunds ${w(refundTotal)}, settlement ${w(Math.max(0, settlement))}) = ${w(fromSettlement)}`,
    },
    depositDeductions: {
      minor: fromDeposit,
      formula: `min(${w(refundTotal)} − ${w(fromSettlement)}, deposit ${w(deposit)}) = ${w(fromDeposit)}`,
    },
    owedBySeller: {
      minor: owed,
      formula: `${w(refundTotal)} − ${w(fromSettlement)} − ${w(fromDeposit)} = ${w(owed)}`,
    },
    netPayable: {
      minor: settlement - fromSettlement,
      formula: `${w(settlement)} − ${w(fromSettlement)} = ${w(settlement - fromSettlement)}`,
    },
  };
  return BILL_TOTAL_FIELDS.map((field): TotalCheck => {
    const actualMinor = billTotals[field];
    const e = expected[field];
    return { field, actualMinor, expectedMinor: e.minor, matches: actualMinor === e.minor, formula: e.formula };
  });
}

/** A bill's five totals as received, in minor units. */
export function billTotalsMinor(bill: WireBill): Record<BillTotalField, number> {
  return {
    settlementAmount: parseMoney(bill.totals.settlementAmount),
    refundDeductions: parseMoney(bill.totals.refundDeductions),
    depositDeductions: parseMoney(bill.totals.depositDeductions),
    owedBySeller: parseMoney(bill.totals.owedBySeller),
    netPayable: parseMoney(bill.totals.netPayable),
  };
}

/**
 * B2a per line; the totals recomputed the same way from the bill's own line amounts (explainTotals); B3 split per
 * refund in line order against `depositBeforeMinor` (the seller's deposit in the bill's currency before this bill, 0
 * when there is none).
 */
export function explainBill(bill: WireBill, depositBeforeMinor: number): BillExplanation {
  const lines = bill.lines.map(checkLine);
  const sums = sumLines(lines);
  const refunds = splitRefunds(
    lines
      .filter((l) => l.kind === 'refund')
      .map((l) => ({ orderLineId: l.orderLineId, refundMinor: Math.abs(l.actualMinor) })),
    sums.earningMinor,
    depositBeforeMinor,
  );
  const totals = explainTotals(billTotalsMinor(bill), sums, depositBeforeMinor);
  return { lines, totals, refunds, sums, allMatch: lines.every((l) => l.matches) && totals.every((t) => t.matches) };
}

// ---------------------------------------------------------------------------------------------- B2 / B1

const PERIOD_RE = /^(\d{4})(0[1-9]|1[0-2])$/;

/** UTC ms → the billing period `YYYYMM` it falls in (UTC+8 month, O4). */
export function billingPeriodOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('yyyyLL');
}

/** `YYYYMM` → the instant its month starts at UTC+8. */
export function billingPeriodStart(billingPeriod: string): number {
  const m = PERIOD_RE.exec(billingPeriod);
  if (!m) throw new Error(`not a billing period (YYYYMM): ${JSON.stringify(billingPeriod)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) - 8 * 3_600_000;
}

/** `YYYYMM` → the next period. */
export function nextBillingPeriod(billingPeriod: string): string {
  return billingPeriodOf(billDueAt(billingPeriod));
}

/** B2: the bill for `YYYYMM` is produced on the 7th of the following month, 00:00 UTC+8 (as UTC ms). */
export function billDueAt(billingPeriod: string): number {
  const m = PERIOD_RE.exec(billingPeriod);
  if (!m) throw new Error(`not a billing period (YYYYMM): ${JSON.stringify(billingPeriod)}`);
  // Date.UTC rolls month 12 into January of the next year.
  return Date.UTC(Number(m[1]), Number(m[2]), 7) - 8 * 3_600_000;
}

/** "202504" → "2025-04". */
export function formatBillingPeriod(billingPeriod: string): string {
  return `${billingPeriod.slice(0, 4)}-${billingPeriod.slice(4, 6)}`;
}

export interface Attribution {
  kind: BillLineKind;
  /** The instant the line is attributed by (B1), or null while it is not known yet. */
  at: number | null;
  /** Why that instant (English). */
  why: string;
}

const isPayPerUse = (l: WireOrderLine) => l.chargingMode === 'ON_DEMAND' || l.chargingMode === 'ON_DEMAND_PKG';

/**
 * B1: which kind of bill line an order line makes and the instant it is attributed by. Where the feed does not carry
 * the instant B1 names (pay-per-use consumption; the enabling time of an unsupervised order whose validity is not
 * known), the line's creation time stands in, and `why` says so.
 */
export function attributionOf(line: WireOrderLine): Attribution {
  const created = Date.parse(line.createTime);
  const start = line.validity ? Date.parse(line.validity.start) : null;
  if (line.orderType === 'UNSUBSCRIBE') {
    return {
      kind: 'refund',
      at: created,
      why: 'B3: a refund is deducted in the month it is made (the unsubscription order was created then)',
    };
  }
  if (line.orderType === 'RENEW') {
    return start !== null
      ? {
          kind: 'renewal',
          at: start,
          why: 'B1: a renewal is attributed to when the renewed product or service is enabled (its validity start)',
        }
      : {
          kind: 'renewal',
          at: created,
          why: 'B1: a renewal is attributed to when it is enabled; its validity start is not known yet, so its creation time stands in',
        };
  }
  const sup = line.supervision;
  if (sup) {
    if (sup.stage === 'completed' && sup.acceptedAt) {
      return {
        kind: 'purchase',
        at: Date.parse(sup.acceptedAt),
        why: 'B1: a supervised new order is attributed to the month its supervision completes (the customer accepted the delivery)',
      };
    }
    return {
      kind: 'purchase',
      at: null,
      why: `B1: a supervised new order is attributed to the month its supervision completes; it is at stage ${sup.stage}`,
    };
  }
  if (isPayPerUse(line)) {
    return {
      kind: 'payPerUse',
      at: created,
      why: "B1: pay-per-use is attributed by the actual consumption time; the feed carries none, so the order line's creation time stands in",
    };
  }
  return start !== null
    ? {
        kind: 'purchase',
        at: start,
        why: 'B1: a purchase is attributed to when its instance or service is enabled (its validity start)',
      }
    : {
        kind: 'purchase',
        at: created,
        why: 'B1: a purchase is attributed to when it is enabled; its validity start is not known, so its creation time stands in',
      };
}

// ---------------------------------------------------------------------------------------------- B4

export type UnbilledReasonCode =
  | 'business_info_not_certified'
  | 'payment_not_completed'
  | 'supervision_not_completed'
  | 'not_in_effect'
  | 'bill_not_produced_yet';
export const UNBILLED_REASON_CODES: readonly UnbilledReasonCode[] = [
  'business_info_not_certified',
  'payment_not_completed',
  'supervision_not_completed',
  'not_in_effect',
  'bill_not_produced_yet',
];

export interface UnbilledReason {
  code: UnbilledReasonCode;
  /** English, with the stage / date filled in. */
  message: string;
  /** supervision_not_completed: the stage the line is at. */
  stage?: string;
  /**
   * bill_not_produced_yet: when the period's bill is (or was) due (B2). not_in_effect: when the line takes effect, if
   * known.
   */
  dueAt?: number;
  /** bill_not_produced_yet: the period the line is attributed to. */
  billingPeriod?: string;
}

/** O2a: PROCESSING means paid, not yet delivered; COMPLETED paid and done. */
export const isPaymentCompleted = (line: WireOrderLine): boolean =>
  line.status === 'PROCESSING' || line.status === 'COMPLETED';

/**
 * B4 "has taken effect": its validity has started; a line without a known validity takes effect when created unless
 * it is supervised (a supervised line's validity starts at enabling or acceptance, V1, so it is not in effect before).
 * A supervised line without a period (ONE_TIME: no validity, V1/V2) takes effect once its supervision completes: at
 * the enabling time when the delivery gave one, else at acceptance (V1).
 */
export function effectiveFrom(line: WireOrderLine): number | null {
  if (line.validity) return Date.parse(line.validity.start);
  const sup = line.supervision;
  if (!sup) return Date.parse(line.createTime);
  if (sup.stage === 'completed' && sup.acceptedAt) return Date.parse(sup.delivery?.enablingTime ?? sup.acceptedAt);
  return null;
}

/**
 * B4: every reason, from what the app knows, that an order line is not (yet) on a bill: the four conditions (business
 * information certified — unknown when null, then not claimed; payment completed; supervision not involved or
 * completed; taken effect) and, when the B1 instant is known, that its period's bill has not been produced (received)
 * yet. An empty list means nothing the app knows stands in the way.
 */
export function unbilledReasons(input: {
  line: WireOrderLine;
  businessInfoCertified: boolean | null;
  now: number;
  producedPeriods: ReadonlySet<string>;
}): UnbilledReason[] {
  const { line, now } = input;
  const out: UnbilledReason[] = [];
  if (input.businessInfoCertified === false) {
    out.push({ code: 'business_info_not_certified', message: "The seller's business information is not certified." });
  }
  if (!isPaymentCompleted(line)) {
    out.push({ code: 'payment_not_completed', message: `The payment is not completed (order status ${line.status}).` });
  }
  const sup = line.supervision;
  if (sup && sup.stage !== 'completed') {
    out.push({
      code: 'supervision_not_completed',
      message: `Supervision is not completed (stage ${sup.stage}).`,
      stage: sup.stage,
    });
  }
  const from = effectiveFrom(line);
  if (from === null) {
    out.push({ code: 'not_in_effect', message: 'The order has not taken effect yet (it has no validity period yet).' });
  } else if (from > now) {
    out.push({
      code: 'not_in_effect',
      message: `The order has not taken effect yet (it takes effect on ${marketDate(from)}, UTC+8).`,
      dueAt: from,
    });
  }
  const at = attributionOf(line).at;
  if (at !== null) {
    const period = billingPeriodOf(at);
    if (!input.producedPeriods.has(period)) {
      const due = billDueAt(period);
      const when = marketDate(due);
      out.push({
        code: 'bill_not_produced_yet',
        message:
          due > now
            ? `The bill for ${formatBillingPeriod(period)} is produced on ${when} (UTC+8); it has not been produced yet.`
            : `The bill for ${formatBillingPeriod(period)} was due on ${when} (UTC+8) and has not been received yet.`,
        dueAt: due,
        billingPeriod: period,
      });
    }
  }
  return out;
}
