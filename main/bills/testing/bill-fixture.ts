// Test data: valid WireBill objects (checked with the wire schema) whose line amounts follow B2a and whose totals
// follow B3 (common/domain/settlement.ts), overridable field by field.
import { moneyToWire } from '../../../common/domain/money';
import {
  BILL_TOTAL_FIELDS,
  billDueAt,
  explainBill,
  expectedSettlementMinor,
  type WireBillLine,
} from '../../../common/domain/settlement';
import { bill as billSchema, type WireBill } from '../../../common/marketplace/wire';

export interface BillLineSpec extends Partial<WireBillLine> {
  /** Distinct ids: line n of order CS25BILL<n>. */
  n?: number;
}

export function makeBillLine(spec: BillLineSpec = {}): WireBillLine {
  const n = spec.n ?? 1;
  const orderId = `CS25BILL${String(n).padStart(5, '0')}`;
  const { n: _n, ...over } = spec;
  void _n;
  const line: WireBillLine = {
    orderId,
    orderLineId: `${orderId}-000001`,
    kind: 'purchase',
    attributedAt: '2025-04-10T04:00:00.000Z',
    salesAmount: '1000.00',
    customerWithholdingTax: '0.00',
    platformFeeRatio: '0.20',
    sellerTaxes: '0.00',
    settlementAmount: '0.00',
    ...over,
  };
  return over.settlementAmount ? line : { ...line, settlementAmount: moneyToWire(expectedSettlementMinor(line)) };
}

export interface BillSpec {
  billId?: string;
  billingPeriod?: string;
  revision?: number;
  status?: WireBill['status'];
  currency?: WireBill['currency'];
  lines?: WireBillLine[];
  /** The deposit the totals' B3 split starts from. */
  depositMinor?: number;
  totals?: Partial<WireBill['totals']>;
}

export function makeBill(spec: BillSpec = {}): WireBill {
  const period = spec.billingPeriod ?? '202504';
  const draft: WireBill = {
    billId: spec.billId ?? `B${period}-0001`,
    billingPeriod: period,
    revision: spec.revision ?? 1,
    status: spec.status ?? 'PENDING_APPROVAL',
    currency: spec.currency ?? 'CNY',
    generatedAt: new Date(billDueAt(period)).toISOString(),
    lines: spec.lines ?? [makeBillLine()],
    totals: {
      settlementAmount: '0.00',
      refundDeductions: '0.00',
      depositDeductions: '0.00',
      owedBySeller: '0.00',
      netPayable: '0.00',
    },
  };
  const e = explainBill(draft, spec.depositMinor ?? 0);
  const totals = { ...draft.totals };
  for (const f of BILL_TOTAL_FIELDS) totals[f] = moneyToWire(e.totals.find((t) => t.field === f)?.expectedMinor ?? 0);
  return billSchema.parse({ ...draft, totals: { ...totals, ...spec.totals } });
}
