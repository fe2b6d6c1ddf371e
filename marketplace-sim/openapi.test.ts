import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiOrder, type WireOrderLine } from '../common/marketplace/wire';
import { startSimulator, type Simulator } from './index';
import { approximateExpire, MOCK_ORDERS } from './openapi';
import { control, pullAll, signedFetch } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const QUERY = '/api/mkp-openapi-public/global/v1/order/query';

describe('Open API order query (docs/marketplace-api.md)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, orders: 60, quiet: true });
  });
  afterAll(() => sim.close());

  it("expireTime is the end of the UTC+8 day one period after createTime (the page's example)", () => {
    expect(approximateExpire(Date.UTC(2025, 3, 1, 4, 0, 0), 'month', 1)).toBe('20250501155959');
    expect(approximateExpire(Date.UTC(2025, 0, 31, 4, 0, 0), 'month', 1)).toBe('20250228155959'); // V2 clamp
    expect(approximateExpire(Date.UTC(2025, 3, 1, 4, 0, 0), null, null)).toBeNull();
  });

  it('answers every documented mock id with data matching its name, with line <id>-000001', async () => {
    const expected: Record<string, [string, string, string | null]> = {
      MOCKPERIODYEARNEW: ['NEW', 'PERIOD', 'year'],
      MOCKONETIMENEW: ['NEW', 'ONE_TIME', null],
      MOCKONDEMAND: ['NEW', 'ON_DEMAND', null],
      MOCKPERIODDAYTRIAL: ['TRIAL', 'PERIOD', 'day'],
      MOCKMONTYTRIALTOFORMAL: ['TRIAL_TO_FORMAL', 'PERIOD', 'month'],
      MOCKMONTYUNSUBSCRIBE: ['UNSUBSCRIBE', 'PERIOD', 'month'],
      MOCKMONTYRENEW: ['RENEW', 'PERIOD', 'month'],
      MOCKMONTYCHANGE: ['CHANGE', 'PERIOD', 'month'],
    };
    expect(Object.keys(MOCK_ORDERS).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, [orderType, chargingMode, periodType]] of Object.entries(expected)) {
      const a = await signedFetch(sim, QUERY, {
        query: [
          ['orderId', id],
          ['orderLineId', `${id}-000001`],
        ],
      });
      expect(a.status).toBe(200);
      const o = openApiOrder.parse(a.json);
      expect(o.resultCode).toBe('MKT.0000');
      expect(o.orderInfo).toMatchObject({ orderId: id, orderType });
      const line = o.orderInfo?.orderLine[0];
      expect(line).toMatchObject({ orderLineId: `${id}-000001`, chargingMode, periodType });
      if (chargingMode === 'PERIOD') expect(line?.expireTime).toMatch(/^\d{14}$/);
      else expect(line?.expireTime ?? null).toBeNull();
      expect(o.orderInfo?.createTime).toMatch(/^\d{14}$/);
    }
    const trial = openApiOrder.parse(
      (await signedFetch(sim, QUERY, { query: [['orderId', 'MOCKPERIODDAYTRIAL']] })).json,
    );
    expect(trial.orderInfo?.orderLine[0].currencyAfterDiscount).toBe('0.00');
  });

  it('unknown order → HTTP 200, MKT.2404 and no orderInfo; missing orderId → 400 MKT.0101', async () => {
    const a = await signedFetch(sim, QUERY, { query: [['orderId', 'CS0000000000NOPE']] });
    expect(a.status).toBe(200);
    expect(a.json?.resultCode).toBe('MKT.2404');
    expect(a.json).not.toHaveProperty('orderInfo');
    const wrongLine = await signedFetch(sim, QUERY, {
      query: [
        ['orderId', 'MOCKONDEMAND'],
        ['orderLineId', 'MOCKONDEMAND-000002'],
      ],
    });
    expect(wrongLine.json?.resultCode).toBe('MKT.2404');
    const missing = await signedFetch(sim, QUERY);
    expect(missing.status).toBe(400);
    expect(missing.json?.resultCode).toBe('MKT.0101');
  });

  it("a seeded order answers in the page's shape, the same facts as its feed item", async () => {
    const { items } = await pullAll(sim, 500);
    const line = items[3] as unknown as WireOrderLine;
    const o = openApiOrder.parse((await signedFetch(sim, QUERY, { query: [['orderId', line.orderId]] })).json);
    expect(o.orderInfo?.orderId).toBe(line.orderId);
    expect(o.orderInfo?.buyerInfo?.customerName).toBe(line.customer.customerName);
    expect(o.orderInfo?.createTime).toBe(line.createTime.replace(/[-:T]/g, '').slice(0, 14));
    const l = o.orderInfo?.orderLine.find((x) => x.orderLineId === line.orderLineId);
    expect(l).toMatchObject({
      chargingMode: line.chargingMode,
      currency: line.currency,
      currencyAfterDiscount: line.amount,
    });
    expect(l?.productInfo[0]).toMatchObject({ productId: line.productId, productName: line.productName });
  });

  it('orderLineId narrows a two-line order to that line', async () => {
    const created = await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [{ orderId: 'CS2510151200TWOLN' }, { orderId: 'CS2510151200TWOLN' }],
    });
    expect(created.json?.orderLineIds).toEqual(['CS2510151200TWOLN-000001', 'CS2510151200TWOLN-000002']);
    const both = openApiOrder.parse(
      (await signedFetch(sim, QUERY, { query: [['orderId', 'CS2510151200TWOLN']] })).json,
    );
    expect(both.orderInfo?.orderLine).toHaveLength(2);
    const one = openApiOrder.parse(
      (
        await signedFetch(sim, QUERY, {
          query: [
            ['orderId', 'CS2510151200TWOLN'],
            ['orderLineId', 'CS2510151200TWOLN-000002'],
          ],
        })
      ).json,
    );
    expect(one.orderInfo?.orderLine.map((l) => l.orderLineId)).toEqual(['CS2510151200TWOLN-000002']);
  });
});
