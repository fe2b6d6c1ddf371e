// B5: what changed between two revisions of a bill — lines added, removed, amounts changed; totals and status.
import {
  BILL_LINE_FIELDS,
  type BillDiff,
  type BillLineChange,
  type BillLineRef,
  type RevisionChange,
} from '../../common/api/contract-bills';
import { moneyToWire, parseMoney } from '../../common/domain/money';
import { BILL_TOTAL_FIELDS, type BillTotalField, type WireBillLine } from '../../common/domain/settlement';
import type { WireBill } from '../../common/marketplace/wire';

const TOTAL_LABEL: Record<BillTotalField, string> = {
  settlementAmount: 'settlement',
  refundDeductions: 'refund deductions',
  depositDeductions: 'deposit deductions',
  owedBySeller: 'owed by seller',
  netPayable: 'net payable',
};

/**
 * Lines are matched by order line and kind; the n-th such line of one revision pairs with the n-th of the other (an
 * order line may carry two lines of one kind).
 */
function keyed(lines: readonly WireBillLine[]): Map<string, { line: WireBillLine; lineNo: number }> {
  const seen = new Map<string, number>();
  const out = new Map<string, { line: WireBillLine; lineNo: number }>();
  lines.forEach((line, i) => {
    const base = `${line.orderLineId}\u0000${line.kind}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}\u0000${n}`, { line, lineNo: i + 1 });
  });
  return out;
}

const ref = (x: { line: WireBillLine; lineNo: number }): BillLineRef => ({
  lineNo: x.lineNo,
  orderId: x.line.orderId,
  orderLineId: x.line.orderLineId,
  kind: x.line.kind,
  settlementAmountMinor: parseMoney(x.line.settlementAmount),
});

/** Revision `prev` → `next` of the same bill. */
export function diffBills(prev: WireBill, next: WireBill): BillDiff {
  const before = keyed(prev.lines);
  const after = keyed(next.lines);
  const added: BillLineRef[] = [];
  const removed: BillLineRef[] = [];
  const changed: BillLineChange[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b) {
      added.push(ref(a));
      continue;
    }
    const fields = BILL_LINE_FIELDS.filter((f) => b.line[f] !== a.line[f]).map((f) => ({
      field: f,
      before: b.line[f],
      after: a.line[f],
    }));
    // A change of orderId alone is not a change of amounts; it still shows as a field.
    if (fields.length > 0 || b.line.orderId !== a.line.orderId) {
      changed.push({
        orderId: a.line.orderId,
        orderLineId: a.line.orderLineId,
        kind: a.line.kind,
        lineNoBefore: b.lineNo,
        lineNoAfter: a.lineNo,
        fields,
        settlementDeltaMinor: parseMoney(a.line.settlementAmount) - parseMoney(b.line.settlementAmount),
      });
    }
  }
  for (const [key, b] of before) if (!after.has(key)) removed.push(ref(b));
  const totals = BILL_TOTAL_FIELDS.map((field) => ({
    field,
    beforeMinor: parseMoney(prev.totals[field]),
    afterMinor: parseMoney(next.totals[field]),
  })).filter((t) => t.beforeMinor !== t.afterMinor);
  return {
    billId: next.billId,
    fromRevision: prev.revision,
    toRevision: next.revision,
    added,
    removed,
    changed,
    totals,
    status: prev.status === next.status ? null : { from: prev.status, to: next.status },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "revision N — what changed", from the diff against the previous stored revision (null for the first). */
export function revisionChange(revision: number, diff: BillDiff | null): RevisionChange {
  if (!diff) {
    return {
      revision,
      previousRevision: null,
      linesAdded: 0,
      linesRemoved: 0,
      linesChanged: 0,
      totalsChanged: [],
      status: null,
      summary: `revision ${revision} — first received`,
    };
  }
  const parts: string[] = [];
  if (diff.added.length) parts.push(`${plural(diff.added.length, 'line')} added`);
  if (diff.removed.length) parts.push(`${plural(diff.removed.length, 'line')} removed`);
  if (diff.changed.length) parts.push(`${plural(diff.changed.length, 'line')} changed`);
  const lines = parts.join(', ');
  const totals = diff.totals.map(
    (t) => `${TOTAL_LABEL[t.field]} ${moneyToWire(t.beforeMinor)} → ${moneyToWire(t.afterMinor)}`,
  );
  const status = diff.status ? [`status ${diff.status.from} → ${diff.status.to}`] : [];
  const what = [lines, ...totals, ...status].filter((x) => x.length > 0).join('; ') || 'no line or total changed';
  const against = diff.fromRevision === revision - 1 ? '' : ` (against revision ${diff.fromRevision})`;
  return {
    revision,
    previousRevision: diff.fromRevision,
    linesAdded: diff.added.length,
    linesRemoved: diff.removed.length,
    linesChanged: diff.changed.length,
    totalsChanged: diff.totals.map((t) => t.field),
    status: diff.status,
    summary: `revision ${revision}${against} — ${what}`,
  };
}
