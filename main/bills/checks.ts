// B2a/B3 of an archived revision without holding its lines (docs/rules.md B2a, B3): what the totals are recomputed
// from and which lines miss B2a, gathered line by line as the archive stores them (or reads them back), and one
// stored line as the API shows it with its check.
import type { BillLineRow } from '../../common/api/contract-bills';
import { moneyToWire } from '../../common/domain/money';
import { expectedSettlementOf, MAX_SUM_TERMS, type BillLineKind, type BillSums } from '../../common/domain/settlement';

export interface RevisionChecks {
  earningLines: number;
  earningMinor: number;
  refundLines: number;
  refundMinor: number;
  /** [line_no, what B2a gives] of each line whose settlement amount is something else, in line order. */
  mismatches: Array<[number, number]>;
}

/** Feeds one line at a time (in line order); `done()` gives the checks. */
export class ChecksAccumulator {
  private readonly c: RevisionChecks = {
    earningLines: 0,
    earningMinor: 0,
    refundLines: 0,
    refundMinor: 0,
    mismatches: [],
  };

  /** Returns what B2a gives for the line. */
  add(
    lineNo: number,
    kind: string,
    salesMinor: number,
    withholdingMinor: number,
    feeRatio: string,
    sellerTaxesMinor: number,
    settlementMinor: number,
  ): number {
    const expected = expectedSettlementOf(salesMinor, withholdingMinor, feeRatio, sellerTaxesMinor);
    if (expected !== settlementMinor) this.c.mismatches.push([lineNo, expected]);
    if (kind === 'refund') {
      this.c.refundLines++;
      this.c.refundMinor += Math.abs(settlementMinor);
    } else {
      this.c.earningLines++;
      this.c.earningMinor += settlementMinor;
    }
    return expected;
  }

  done(): RevisionChecks {
    return this.c;
  }
}

/** The sums explainTotals needs; the terms are read only when there are few enough to write out. */
export function sumsOf(c: Omit<RevisionChecks, 'mismatches'>, earningTerms: () => number[]): BillSums {
  return {
    earningLines: c.earningLines,
    earningMinor: c.earningMinor,
    earningTermsMinor: c.earningLines <= MAX_SUM_TERMS ? earningTerms() : null,
    refundLines: c.refundLines,
    refundMinor: c.refundMinor,
  };
}

/** A bill_lines row as the repository reads it. */
export interface StoredBillLine {
  line_no: number;
  order_id: string;
  order_line_id: string;
  kind: string;
  attributed_at: number;
  sales_minor: number;
  withholding_minor: number;
  fee_ratio: string;
  seller_taxes_minor: number;
  settlement_minor: number;
}

/** A stored line with its B2a check (common/domain/settlement.ts, the same arithmetic the archive flagged it with). */
export function lineRow(l: StoredBillLine, toKind: (s: string) => BillLineKind): BillLineRow {
  const expected = expectedSettlementOf(l.sales_minor, l.withholding_minor, l.fee_ratio, l.seller_taxes_minor);
  return {
    lineNo: l.line_no,
    orderId: l.order_id,
    orderLineId: l.order_line_id,
    kind: toKind(l.kind),
    attributedAt: l.attributed_at,
    salesAmountMinor: l.sales_minor,
    customerWithholdingTaxMinor: l.withholding_minor,
    platformFeeRatio: l.fee_ratio,
    sellerTaxesMinor: l.seller_taxes_minor,
    settlementAmountMinor: l.settlement_minor,
    expectedSettlementMinor: expected,
    matches: expected === l.settlement_minor,
    formula: `(${moneyToWire(l.sales_minor)} − ${moneyToWire(l.withholding_minor)}) × (1 − ${l.fee_ratio}) − ${moneyToWire(l.seller_taxes_minor)} = ${moneyToWire(expected)}`,
  };
}
