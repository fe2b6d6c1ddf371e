import { describe, expect, it } from 'vitest';
import { explainBill } from '../common/domain/settlement';
import { bill as billSchema, orderLine } from '../common/marketplace/wire';
import { benchBill } from './bills-bench';
import { openDatabase } from '../main/db/connection';
import { bulkLoadOrderLines } from '../main/orders/order-bulk';
import { countOrderLines, listOrderLines } from '../main/orders/order-lines';
import { generateLines } from './gen-lines';
import { listMix, searchMix } from './query-mix';
import { formatTable, percentile } from './table';

describe('bench pieces', () => {
  it('the generator makes valid, deterministic order lines with unique ids', () => {
    const a = [...generateLines(2_000, 1)];
    const b = [...generateLines(2_000, 1)];
    expect(a).toEqual(b);
    expect(new Set(a.map((l) => l.orderLineId)).size).toBe(2_000);
    for (const l of a.filter((_, i) => i % 97 === 0)) expect(() => orderLine.parse(l)).not.toThrow();
    expect(a.some((l) => l.supervision === null)).toBe(true); // S6: renewals are not supervised
    expect(new Set(a.map((l) => l.currency))).toEqual(new Set(['CNY', 'USD']));
  });

  it('the query mixes are 200 valid queries each, and every search runs on a small cache', () => {
    const db = openDatabase(':memory:');
    bulkLoadOrderLines(db, generateLines(3_000, 1));
    expect(countOrderLines(db)).toBe(3_000);
    const searches = searchMix(db);
    expect(searches).toHaveLength(200);
    expect(new Set(searches.map((s) => s.kind)).size).toBeGreaterThanOrEqual(12);
    const ctx = { now: Date.UTC(2025, 6, 1), waitingThresholdDays: 5 };
    const found = searches.filter((s) => listOrderLines(db, s.query, ctx).total > 0).length;
    expect(found).toBeGreaterThan(150);
    expect(listMix()).toHaveLength(200);
  });

  it('the bills made for the bills bench are valid and deterministic; their totals follow B2a/B3; a few lines miss B2a on purpose', () => {
    const b = benchBill('B202509-0001', '202509', 'USD', 3_000, 7);
    expect(benchBill('B202509-0001', '202509', 'USD', 3_000, 7)).toEqual(b);
    expect(billSchema.parse(b)).toEqual(b);
    const e = explainBill(b, 0);
    expect(e.totals.every((t) => t.matches)).toBe(true);
    expect(e.lines.filter((l) => !l.matches).length).toBe(3);
    expect(e.sums.refundLines).toBe(60);
  });

  it('percentiles are nearest-rank and the table lines up', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 200 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(190);
    const t = formatTable([
      { name: 'x', value: 1.234, unit: 'ms', baseline: 0.5, ratio: 2.468, target: '< 30 ms' },
    ]).split('\n');
    expect(t).toHaveLength(3);
    expect(new Set(t.map((l) => l.length)).size).toBe(1);
  });
});
