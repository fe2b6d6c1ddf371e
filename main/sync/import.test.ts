// "Import order by id" against a signed HTTP marketplace on port 0; against the simulator's mock ids: sim.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { getOrderLine } from '../orders/order-lines';
import { MarketplaceClient } from './client';
import { makeLine, startFakeMarketplace, type FakeMarketplace } from './testing/fake-marketplace';
import { importOrder } from './import';
import { SyncEngine } from './pull';
import { recordingSleep, settableClock, tempDb, type TempDb } from './testing/helpers';

const T0 = Date.UTC(2025, 3, 1, 4, 0, 0);
let fake: FakeMarketplace;
let tmp: TempDb;
afterEach(async () => {
  await fake?.close();
  tmp?.cleanup();
});

const orderInfo = (orderId: string) => ({
  orderId,
  orderType: 'NEW',
  createTime: '20250401040000',
  buyerInfo: {
    customerId: 'C9',
    customerName: '张三科技 / Zhang San Tech',
    email: 'z@example.com',
    mobilePhone: '138',
  },
  orderLine: [
    {
      orderLineId: `${orderId}-000001`,
      chargingMode: 'PERIOD',
      periodType: 'month',
      periodNumber: 1,
      expireTime: '20250501155959',
      currency: 'CNY',
      currencyAfterDiscount: '1200.00',
      productInfo: [
        {
          productId: 'OFFI7',
          skuCode: 'SKU7',
          productName: '数据迁移专业服务 / Data Migration Service',
          linearValue: 1,
        },
      ],
    },
    {
      orderLineId: `${orderId}-000002`,
      chargingMode: 'ONE_TIME',
      currency: 'CNY',
      currencyAfterDiscount: '99.50',
      productInfo: [{ productId: 'OFFI8', productName: 'Audit' }],
    },
  ],
});

async function setup() {
  fake = await startFakeMarketplace({ now: () => T0 });
  tmp = tempDb();
  const clock = settableClock(T0 + 5_000);
  const creds = fake.credentials;
  const client = new MarketplaceClient({ baseUrl: fake.url, credentials: () => creds, clock });
  return { fake, db: tmp.db, client, clock };
}

describe('importOrder — Open API order query → the same cache, marked imported', () => {
  it('maps each orderLine: PROCESSING, not supervised, version 0, createTime from yyyyMMddHHmmss UTC (O4), amount from currencyAfterDiscount (O3), no validity (V1)', async () => {
    const { fake, db, client, clock } = await setup();
    fake.orders.set('CS2504011200IMPRT', orderInfo('CS2504011200IMPRT'));
    const r = await importOrder(db, client, 'CS2504011200IMPRT', clock);
    expect(r.orderLineIds).toEqual(['CS2504011200IMPRT-000001', 'CS2504011200IMPRT-000002']);
    const a = getOrderLine(db, 'CS2504011200IMPRT-000001');
    expect(a).toMatchObject({
      imported: true,
      status: 'PROCESSING',
      stage: null,
      version: 0,
      amountMinor: 120_000,
      currency: 'CNY',
      placedAt: T0,
    });
    expect(a?.customer.customerName).toBe('张三科技 / Zhang San Tech');
    expect(a?.line).toMatchObject({
      supervision: null,
      validity: null,
      productId: 'OFFI7',
      periodType: 'month',
      periodNumber: 1,
      createTime: '2025-04-01T04:00:00.000Z',
    });
    expect(getOrderLine(db, 'CS2504011200IMPRT-000002')).toMatchObject({
      amountMinor: 9_950,
      chargingMode: 'ONE_TIME',
      imported: true,
    });
    const q = fake.requests.at(-1);
    expect(q?.path).toBe('/api/mkp-openapi-public/global/v1/order/query');
    expect(q?.query.get('orderId')).toBe('CS2504011200IMPRT');
  });

  it('an order the feed already holds is not overwritten by its import; the feed later replaces an imported line', async () => {
    const { fake, db, client, clock } = await setup();
    const synced = makeLine(1, { version: 4, status: 'COMPLETED' });
    fake.feed.push(synced);
    await new SyncEngine({ db, client, clock, sleep: recordingSleep().sleep }).pullOrderLines();
    fake.orders.set(synced.orderId, {
      ...orderInfo(synced.orderId),
      orderLine: [{ ...orderInfo(synced.orderId).orderLine[0], orderLineId: synced.orderLineId }],
    });
    await importOrder(db, client, synced.orderId, clock);
    expect(getOrderLine(db, synced.orderLineId)).toMatchObject({ version: 4, status: 'COMPLETED', imported: false });

    fake.orders.set('CS2504011200LATER', orderInfo('CS2504011200LATER'));
    await importOrder(db, client, 'CS2504011200LATER', clock);
    fake.feed.push(
      makeLine(99, {
        orderId: 'CS2504011200LATER',
        orderLineId: 'CS2504011200LATER-000001',
        version: 1,
        status: 'COMPLETED',
      }),
    );
    await new SyncEngine({ db, client, clock, sleep: recordingSleep().sleep }).pullOrderLines();
    expect(getOrderLine(db, 'CS2504011200LATER-000001')).toMatchObject({
      imported: false,
      status: 'COMPLETED',
      version: 1,
    });
  });

  it('unknown order (HTTP 200, MKT.2404) → AppError not_found, nothing stored', async () => {
    const { db, client, clock } = await setup();
    const err = await importOrder(db, client, 'NO-SUCH-ORDER', clock).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('not_found');
    expect(db.prepare('SELECT count(*) FROM order_lines').pluck().get()).toBe(0);
  });

  it("marketplace unreachable → AppError offline (after the import policy's retries)", async () => {
    const { fake, db, client, clock } = await setup();
    await fake.close();
    const { waits, sleep } = recordingSleep();
    const err = await importOrder(db, client, 'X', clock, { sleep, random: () => 0.5 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('offline');
    expect(waits).toHaveLength(2);
  });
});
