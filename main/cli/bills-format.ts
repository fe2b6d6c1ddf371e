// `seller-desk bills …` output: the --json shapes (README "--json shapes") and the plain-text views. Money in the
// JSON is the marketplace's decimal string (O3); in text it carries the currency and two decimals.
import type { BillSummary, BillWhy } from '../../common/api/contract-bills';
import type { BillAsReceived } from '../bills/service';
import { formatMoney, moneyToWire } from '../../common/domain/money';
import { formatBillingPeriod } from '../../common/domain/settlement';
import { isoFromMs } from '../../common/domain/time';
import { marketTime } from './format';

const w = moneyToWire;

/** `bills list --json`: one object per bill (its latest revision). */
export function billListJson(rows: readonly BillSummary[]): unknown[] {
  return rows.map((b) => ({
    billId: b.billId,
    billingPeriod: b.billingPeriod,
    currency: b.currency,
    status: b.status,
    revision: b.revision,
    revisionCount: b.revisionCount,
    generatedAt: isoFromMs(b.generatedAt),
    receivedAt: isoFromMs(b.receivedAt),
    lineCount: b.lineCount,
    totals: {
      settlementAmount: w(b.totals.settlementAmount),
      refundDeductions: w(b.totals.refundDeductions),
      depositDeductions: w(b.totals.depositDeductions),
      owedBySeller: w(b.totals.owedBySeller),
      netPayable: w(b.totals.netPayable),
    },
    change: b.change.summary,
  }));
}

/** `bills show --json`: the bill exactly as received (marketplace field names) plus a top-level `explanation`. */
export function billShowJson(d: BillAsReceived): unknown {
  const e = d.explanation;
  const raw = d.raw !== null && typeof d.raw === 'object' && !Array.isArray(d.raw) ? d.raw : { bill: d.raw };
  return {
    ...raw,
    explanation: {
      allMatch: e.allMatch,
      depositBefore: w(d.depositBeforeMinor),
      lines: e.lines.map((l) => ({
        orderLineId: l.orderLineId,
        kind: l.kind,
        settlementAmount: w(l.actualMinor),
        expectedSettlementAmount: w(l.expectedMinor),
        matches: l.matches,
        formula: l.formula,
      })),
      totals: e.totals.map((t) => ({
        field: t.field,
        amount: w(t.actualMinor),
        expected: w(t.expectedMinor),
        matches: t.matches,
        formula: t.formula,
      })),
      refunds: e.refunds.map((r) => ({
        orderLineId: r.orderLineId,
        refund: w(r.refundMinor),
        fromSettlement: w(r.fromSettlementMinor),
        fromDeposit: w(r.fromDepositMinor),
        owedBySeller: w(r.owedBySellerMinor),
        depositBefore: w(r.depositBeforeMinor),
        depositAfter: w(r.depositAfterMinor),
      })),
    },
  };
}

/** `bills why --json`. */
export function billWhyJson(why: BillWhy): unknown {
  return {
    orderLineId: why.orderLineId,
    billed: why.billed,
    bills: why.bills.map((b) => ({ billId: b.billId, revision: b.revision, billingPeriod: b.billingPeriod })),
    reasons: why.reasons.map((r) => ({ code: r.code, message: r.message })),
  };
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  return [header, ...body]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function billListText(rows: readonly BillSummary[]): string {
  return table(
    ['BILL ID', 'PERIOD', 'STATUS', 'REV', 'LINES', 'NET PAYABLE', 'CHANGE'],
    rows.map((b) => [
      b.billId,
      formatBillingPeriod(b.billingPeriod),
      b.status,
      b.revisionCount > 1 ? `${b.revision} of ${b.revisionCount}` : String(b.revision),
      String(b.lineCount),
      formatMoney(b.totals.netPayable, b.currency),
      b.change.summary,
    ]),
  );
}

export function billShowText(d: BillAsReceived): string {
  const b = d.bill;
  const e = d.explanation;
  const out = [
    `Bill ${b.billId}, revision ${b.revision} of ${d.revisions.length} — ${formatBillingPeriod(b.billingPeriod)}, ${b.currency}, ${b.status}`,
    `Generated ${marketTime(Date.parse(b.generatedAt))}; received ${marketTime(d.summary.receivedAt)}`,
    '',
    'Lines (B2a: (sales − withholding) × (1 − fee ratio) − seller taxes, rounded half-up once):',
    table(
      ['#', 'ORDER LINE ID', 'KIND', 'SETTLEMENT', 'CHECK'],
      e.lines.map((l, i) => [
        String(i + 1),
        l.orderLineId,
        l.kind,
        w(l.actualMinor),
        l.matches ? `ok  ${l.formula}` : `MISMATCH  ${l.formula}`,
      ]),
    ),
    '',
    'Totals:',
    table(
      ['FIELD', 'AMOUNT', 'CHECK'],
      e.totals.map((t) => [t.field, w(t.actualMinor), t.matches ? `ok  ${t.formula}` : `MISMATCH  ${t.formula}`]),
    ),
  ];
  if (e.refunds.length > 0) {
    out.push(
      '',
      `Refunds (B3: from this settlement, then the deposit ${formatMoney(d.depositBeforeMinor, b.currency)}, the rest owed by the seller):`,
    );
    out.push(
      table(
        ['ORDER LINE ID', 'REFUND', 'FROM SETTLEMENT', 'FROM DEPOSIT', 'OWED BY SELLER'],
        e.refunds.map((r) => [
          r.orderLineId,
          w(r.refundMinor),
          w(r.fromSettlementMinor),
          w(r.fromDepositMinor),
          w(r.owedBySellerMinor),
        ]),
      ),
    );
  }
  out.push(
    '',
    e.allMatch ? 'Every line and total matches B2a/B3.' : 'Some amounts do not match B2a/B3 (MISMATCH above).',
  );
  out.push('', 'Revisions:', ...d.revisions.map((r) => `  ${r.change.summary}`));
  return out.join('\n');
}

export function billWhyText(why: BillWhy): string {
  if (why.billed) {
    return [
      `${why.orderLineId} is billed:`,
      ...why.bills.map(
        (b) =>
          `  ${b.billId} revision ${b.revision} (${formatBillingPeriod(b.billingPeriod)}), ${b.kind}, settlement ${formatMoney(b.settlementAmountMinor, b.currency)} — ${b.why}`,
      ),
    ].join('\n');
  }
  const out = [`${why.orderLineId} is not on any bill yet.`];
  if (why.attribution) out.push(`  ${why.attribution.why}.`);
  out.push(
    ...(why.reasons.length
      ? why.reasons.map((r) => `  - ${r.message}`)
      : ['  Nothing the app knows stands in the way (B4); the bill may not have been synced yet.']),
  );
  return out.join('\n');
}
