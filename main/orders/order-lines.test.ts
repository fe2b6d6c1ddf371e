import { beforeEach, describe, expect, it } from 'vitest';
import { orderQuery, type OrderQuery } from '../../common/api/contract';
import { openDatabase, type Db } from '../db/connection';
import { countOrderLines, getOrderLine, getOrderLineRawJson, listOrderLines, upsertOrderLines } from './order-lines';
import { makeLine } from './testing/order-line-fixture';

const ctx = { now: Date.parse('2025-05-01T00:00:00.000Z'), waitingThresholdDays: 5 };
let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
const list = (q: OrderQuery) => listOrderLines(db, orderQuery.parse(q), ctx);

describe('upsertOrderLines: the highest version wins (docs/marketplace-api.md feeds)', () => {
  it('inserts, replaces with a newer version, skips an equal or older one', () => {
    expect(upsertOrderLines(db, [makeLine({ version: 2, stage: 'request_pending' })])).toEqual({
      inserted: 1,
      updated: 0,
      skippedOlder: 0,
    });
    expect(upsertOrderLines(db, [makeLine({ version: 1, stage: 'awaiting_request' })])).toEqual({
      inserted: 0,
      updated: 0,
      skippedOlder: 1,
    });
    expect(upsertOrderLines(db, [makeLine({ version: 2, stage: 'awaiting_request' })])).toEqual({
      inserted: 0,
      updated: 0,
      skippedOlder: 1,
    });
    expect(getOrderLine(db, 'CS2504011200ABCDE-000001')?.stage).toBe('request_pending');
    expect(upsertOrderLines(db, [makeLine({ version: 3, stage: 'awaiting_delivery' })])).toEqual({
      inserted: 0,
      updated: 1,
      skippedOlder: 0,
    });
    const d = getOrderLine(db, 'CS2504011200ABCDE-000001');
    expect(d?.stage).toBe('awaiting_delivery');
    expect(d?.version).toBe(3);
    expect(countOrderLines(db)).toBe(1);
  });

  it('within one batch a re-appearing item keeps the highest version', () => {
    const r = upsertOrderLines(db, [
      makeLine({ version: 5, amount: '5.00' }),
      makeLine({ version: 4, amount: '4.00' }),
      makeLine({ version: 6, amount: '6.00' }),
    ]);
    expect(r).toEqual({ inserted: 1, updated: 1, skippedOlder: 1 });
    expect(getOrderLine(db, 'CS2504011200ABCDE-000001')?.amountMinor).toBe(600);
  });

  it('an imported line never overwrites a feed line; a feed line replaces an imported one and clears imported', () => {
    upsertOrderLines(db, [makeLine({ version: 1, amount: '1.00' })]);
    expect(upsertOrderLines(db, [makeLine({ version: 9, amount: '9.00' })], { imported: true }).skippedOlder).toBe(1);
    expect(getOrderLine(db, 'CS2504011200ABCDE-000001')?.imported).toBe(false);

    upsertOrderLines(db, [makeLine({ orderId: 'CS2504011200IMPRT', version: 0, amount: '2.00' })], { imported: true });
    expect(getOrderLine(db, 'CS2504011200IMPRT-000001')?.imported).toBe(true);
    // A re-import of the same version refreshes it.
    expect(
      upsertOrderLines(db, [makeLine({ orderId: 'CS2504011200IMPRT', version: 0, amount: '3.00' })], { imported: true })
        .updated,
    ).toBe(1);
    // The feed's line replaces the import even at a lower version.
    expect(upsertOrderLines(db, [makeLine({ orderId: 'CS2504011200IMPRT', version: 0, amount: '4.00' })]).updated).toBe(
      1,
    );
    const d = getOrderLine(db, 'CS2504011200IMPRT-000001');
    expect(d?.imported).toBe(false);
    expect(d?.amountMinor).toBe(400);
    expect(list({ orderNo: 'IMPRT' }).rows[0].imported).toBe(false);
  });

  it('joins an open transaction: a failure later in it rolls the lines back too', () => {
    expect(() =>
      db.transaction(() => {
        upsertOrderLines(db, [makeLine()]);
        throw new Error('cursor write failed');
      })(),
    ).toThrow('cursor write failed');
    expect(countOrderLines(db)).toBe(0);
    expect(list({ text: 'ABCDE' }).total).toBe(0);
  });

  it('keeps the raw JSON as received, and the detail carries the line (docs/architecture.md "Data")', () => {
    const line = makeLine();
    const raw = JSON.stringify({ ...line, futureField: { x: 1 } });
    upsertOrderLines(db, [{ line, rawJson: raw }]);
    expect(getOrderLineRawJson(db, line.orderLineId)).toBe(raw);
    const d = getOrderLine(db, line.orderLineId);
    expect(d?.line.customer.email).toBe('c@example.com');
    expect(d?.periodType).toBe('month');
    expect(d?.process).toBe('REQUEST_FIRST');
    expect(getOrderLine(db, 'nope')).toBeNull();
  });

  it('O3/O4: money in minor units, times in UTC ms; stage_since = latest supervision event, else request, else placement (S5)', () => {
    upsertOrderLines(db, [
      makeLine({
        orderId: 'A0000000001',
        amount: '1234.56',
        eventTimes: ['2025-04-02T00:00:00.000Z', '2025-04-05T00:00:00.000Z'],
      }),
      makeLine({ orderId: 'A0000000002', requestSubmittedAt: '2025-04-03T00:00:00.000Z' }),
      makeLine({ orderId: 'A0000000003' }),
      makeLine({ orderId: 'A0000000004', stage: null }),
    ]);
    const r = (id: string) => getOrderLine(db, `${id}-000001`);
    expect(r('A0000000001')?.amountMinor).toBe(123456);
    expect(r('A0000000001')?.placedAt).toBe(Date.parse('2025-04-01T04:00:00.000Z'));
    expect(r('A0000000001')?.stageSince).toBe(Date.parse('2025-04-05T00:00:00.000Z'));
    expect(r('A0000000002')?.stageSince).toBe(Date.parse('2025-04-03T00:00:00.000Z'));
    expect(r('A0000000003')?.stageSince).toBe(Date.parse('2025-04-01T04:00:00.000Z'));
    expect(r('A0000000004')?.stageSince).toBeNull();
    expect(r('A0000000004')?.stage).toBeNull();
  });

  it('the line count and per-name tables follow updates and changes of name', () => {
    upsertOrderLines(db, [
      makeLine({ orderId: 'N1', productName: '旧名称 Old' }),
      makeLine({ orderId: 'N2', productName: '旧名称 Old' }),
    ]);
    upsertOrderLines(db, [makeLine({ orderId: 'N1', productName: '新名称 New', version: 2 })]);
    expect(countOrderLines(db)).toBe(2);
    expect(db.prepare('SELECT name, lines FROM order_product_names ORDER BY name').all()).toEqual([
      { name: '新名称 New', lines: 1 },
      { name: '旧名称 Old', lines: 1 },
    ]);
    expect(list({ text: '新名' }).rows.map((r) => r.orderId)).toEqual(['N1']);
    expect(list({ text: 'New' }).rows.map((r) => r.orderId)).toEqual(['N1']);
    expect(list({ text: 'Old' }).rows.map((r) => r.orderId)).toEqual(['N2']);
  });
});
