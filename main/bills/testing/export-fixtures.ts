// Hand-made bills for the export tests (and the timing script): every line kind, a refund larger than the
// month's settlement (B3 takes the rest from the deposit, then the seller owes the remainder) and one line
// whose settlement amount does not match B2a.
import { moneyToWire } from '../../../common/domain/money';
import { bill as billSchema, type WireBill } from '../../../common/marketplace/wire';
import type { BillForExport } from '../export-common';

type Line = WireBill['lines'][number];

/**
 * Lines: purchase 1000.00 → 800.00; renewal 300.00 → 240.00; pay-per-use 12.34 → 9.87 (9.872); a purchase with
 * withholding 10.00 and taxes 3.00: (100.00 − 10.00) × 0.8 − 3.00 = 69.00, billed as 70.00 (the mismatch);
 * a refund −2000.00 → −1600.00. Settlement 1119.87; with a 300.00 deposit the 1600.00 refund takes 1119.87 from the
 * settlement, 300.00 from the deposit, and 180.13 is owed by the seller.
 */
export function sampleBill(): BillForExport {
  const bill: WireBill = {
    billId: 'B202509-0001',
    billingPeriod: '202509',
    revision: 2,
    status: 'PENDING_APPROVAL',
    currency: 'CNY',
    generatedAt: '2025-10-06T16:00:00.000Z',
    lines: [
      line('CS2509011200AAAAA', 1, 'purchase', '2025-09-01T04:00:00.000Z', '1000.00', '0.00', '0.20', '0.00', '800.00'),
      line('CS2509021200BBBBB', 1, 'renewal', '2025-09-02T16:30:00.000Z', '300.00', '0.00', '0.20', '0.00', '240.00'),
      line('CS2509031200CCCCC', 1, 'payPerUse', '2025-09-03T08:15:30.000Z', '12.34', '0.00', '0.20', '0.00', '9.87'),
      line('CS2509041200DDDDD', 2, 'purchase', '2025-09-04T23:59:59.000Z', '100.00', '10.00', '0.20', '3.00', '70.00'),
      line(
        'CS2509251200EEEEE',
        1,
        'refund',
        '2025-09-25T00:00:00.000Z',
        '-2000.00',
        '0.00',
        '0.20',
        '0.00',
        '-1600.00',
      ),
    ],
    totals: {
      settlementAmount: '1119.87',
      refundDeductions: '1119.87',
      depositDeductions: '300.00',
      owedBySeller: '180.13',
      netPayable: '0.00',
    },
  };
  return { bill: billSchema.parse(bill), depositBeforeMinor: 30_000 };
}

function line(
  orderId: string,
  n: number,
  kind: Line['kind'],
  attributedAt: string,
  sales: string,
  wh: string,
  fee: string,
  taxes: string,
  settlement: string,
): Line {
  return {
    orderId,
    orderLineId: `${orderId}-${String(n).padStart(6, '0')}`,
    kind,
    attributedAt,
    salesAmount: sales,
    customerWithholdingTax: wh,
    platformFeeRatio: fee,
    sellerTaxes: taxes,
    settlementAmount: settlement,
  };
}

/**
 * A large bill with `n` lines (every 50th a refund, every 1000th off by one fen), its totals as the marketplace
 * computes them (B2a per line; B3 against `depositMinor`).
 */
export function largeBill(n: number, depositMinor = 5_000_000): BillForExport {
  const lines: Line[] = [];
  let settlement = 0;
  let refunds = 0;
  const start = Date.UTC(2025, 8, 1) - 8 * 3_600_000;
  for (let i = 0; i < n; i++) {
    const refund = i % 50 === 49;
    const salesMinor = (10_000 + ((i * 7919) % 990_000)) * (refund ? -1 : 1);
    const fee = i % 3 === 0 ? 10 : 20;
    // (sales) × (1 − fee), half away from zero, in integers.
    const scaled = salesMinor * (100 - fee);
    let settle = Math.sign(scaled) * Math.floor((Math.abs(scaled) + 50) / 100);
    if (i % 1000 === 999) settle += 1;
    if (refund) refunds -= settle;
    else settlement += settle;
    const orderId = `CS2509${String(i).padStart(11, '0')}`;
    lines.push({
      orderId,
      orderLineId: `${orderId}-000001`,
      kind: refund ? 'refund' : (['purchase', 'renewal', 'payPerUse'] as const)[i % 3],
      attributedAt: new Date(start + Math.floor((i * 29 * 86_400_000) / Math.max(1, n))).toISOString(),
      salesAmount: moneyToWire(salesMinor),
      customerWithholdingTax: '0.00',
      platformFeeRatio: (fee / 100).toFixed(2),
      sellerTaxes: '0.00',
      settlementAmount: moneyToWire(settle),
    });
  }
  const fromSettlement = Math.min(refunds, settlement);
  const fromDeposit = Math.min(refunds - fromSettlement, depositMinor);
  return {
    bill: {
      billId: 'B202509-0099',
      billingPeriod: '202509',
      revision: 1,
      status: 'APPROVED',
      currency: 'CNY',
      generatedAt: '2025-10-06T16:00:00.000Z',
      lines,
      totals: {
        settlementAmount: moneyToWire(settlement),
        refundDeductions: moneyToWire(fromSettlement),
        depositDeductions: moneyToWire(fromDeposit),
        owedBySeller: moneyToWire(refunds - fromSettlement - fromDeposit),
        netPayable: moneyToWire(settlement - fromSettlement),
      },
    },
    depositBeforeMinor: depositMinor,
  };
}
