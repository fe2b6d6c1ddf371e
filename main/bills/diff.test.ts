import { describe, expect, it } from 'vitest';
import { diffBills, revisionChange } from './diff';
import { makeBill, makeBillLine } from './testing/bill-fixture';

describe('revision diff (B5)', () => {
  it('B5: lines added, removed and changed between revision N−1 and N; totals and status that moved', () => {
    const r1 = makeBill({
      revision: 1,
      lines: [makeBillLine({ n: 1 }), makeBillLine({ n: 2 }), makeBillLine({ n: 3 })],
    });
    const r2 = makeBill({
      revision: 2,
      status: 'APPROVED',
      lines: [
        makeBillLine({ n: 1 }),
        makeBillLine({ n: 3, salesAmount: '1200.00' }),
        makeBillLine({ n: 4, kind: 'refund', salesAmount: '-100.00' }),
      ],
    });
    const d = diffBills(r1, r2);
    expect(d.added.map((l) => [l.orderLineId, l.kind, l.lineNo, l.settlementAmountMinor])).toEqual([
      [makeBillLine({ n: 4 }).orderLineId, 'refund', 3, -8_000],
    ]);
    expect(d.removed.map((l) => [l.orderLineId, l.lineNo])).toEqual([[makeBillLine({ n: 2 }).orderLineId, 2]]);
    expect(d.changed).toEqual([
      {
        orderId: 'CS25BILL00003',
        orderLineId: makeBillLine({ n: 3 }).orderLineId,
        kind: 'purchase',
        lineNoBefore: 3,
        lineNoAfter: 2,
        fields: [
          { field: 'salesAmount', before: '1000.00', after: '1200.00' },
          { field: 'settlementAmount', before: '800.00', after: '960.00' },
        ],
        settlementDeltaMinor: 16_000,
      },
    ]);
    expect(d.totals.map((t) => t.field)).toEqual(['settlementAmount', 'refundDeductions', 'netPayable']);
    expect(d.status).toEqual({ from: 'PENDING_APPROVAL', to: 'APPROVED' });
    expect(revisionChange(2, d).summary).toBe(
      'revision 2 — 1 line added, 1 line removed, 1 line changed; settlement 2400.00 → 1760.00; refund deductions 0.00 → 80.00; net payable 2400.00 → 1680.00; status PENDING_APPROVAL → APPROVED',
    );
  });

  it('B5: the first revision and an unchanged reissue say so; a gap names the revision compared against', () => {
    const r1 = makeBill({ revision: 1 });
    expect(revisionChange(1, null).summary).toBe('revision 1 — first received');
    const same = diffBills(r1, makeBill({ revision: 3 }));
    expect(revisionChange(3, same)).toMatchObject({
      previousRevision: 1,
      linesAdded: 0,
      summary: 'revision 3 (against revision 1) — no line or total changed',
    });
  });

  it('B5: two lines of one order line and kind pair in order', () => {
    const a = makeBillLine({ n: 1, salesAmount: '10.00' });
    const b = makeBillLine({ n: 1, salesAmount: '20.00' });
    const d = diffBills(makeBill({ lines: [a, b] }), makeBill({ revision: 2, lines: [a, b, a] }));
    expect(d.added).toHaveLength(1);
    expect(d.changed).toHaveLength(0);
  });
});
