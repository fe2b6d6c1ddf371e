// Open API order query (docs/marketplace-api.md "Open API: order query"): one order by id, times yyyyMMddHHmmss UTC,
// unknown order → HTTP 200 with MKT.2404 and no orderInfo; the marketplace's documented mock ids answer too.
import { DateTime } from 'luxon';
import { MARKET_ZONE, DAY_MS, formatOpenApiTime } from '../common/domain/time';
import {
  RESULT,
  type ChargingMode,
  type OrderType,
  type PeriodType,
  type WireOrderLine,
} from '../common/marketplace/wire';
import { CUSTOMERS, PRODUCTS } from './catalog';
import type { SimContext } from './context';
import { badParam, ok, SimError } from './responses';
import type { Route } from './router';
import { addPeriods } from './validity';

export const OPEN_API = '/api/mkp-openapi-public/global/v1';

interface MockSpec {
  orderType: OrderType;
  chargingMode: ChargingMode;
  periodType: PeriodType | null;
  periodNumber: number | null;
  amount: string;
}

/** The documented mock ids, answered with data matching their names. */
export const MOCK_ORDERS: Record<string, MockSpec> = {
  MOCKPERIODYEARNEW: {
    orderType: 'NEW',
    chargingMode: 'PERIOD',
    periodType: 'year',
    periodNumber: 1,
    amount: '98000.00',
  },
  MOCKONETIMENEW: {
    orderType: 'NEW',
    chargingMode: 'ONE_TIME',
    periodType: null,
    periodNumber: null,
    amount: '36000.00',
  },
  MOCKONDEMAND: { orderType: 'NEW', chargingMode: 'ON_DEMAND', periodType: null, periodNumber: null, amount: '128.40' },
  MOCKPERIODDAYTRIAL: {
    orderType: 'TRIAL',
    chargingMode: 'PERIOD',
    periodType: 'day',
    periodNumber: 7,
    amount: '0.00',
  },
  MOCKMONTYTRIALTOFORMAL: {
    orderType: 'TRIAL_TO_FORMAL',
    chargingMode: 'PERIOD',
    periodType: 'month',
    periodNumber: 1,
    amount: '1200.00',
  },
  MOCKMONTYUNSUBSCRIBE: {
    orderType: 'UNSUBSCRIBE',
    chargingMode: 'PERIOD',
    periodType: 'month',
    periodNumber: 1,
    amount: '1200.00',
  },
  MOCKMONTYRENEW: {
    orderType: 'RENEW',
    chargingMode: 'PERIOD',
    periodType: 'month',
    periodNumber: 1,
    amount: '1200.00',
  },
  MOCKMONTYCHANGE: {
    orderType: 'CHANGE',
    chargingMode: 'PERIOD',
    periodType: 'month',
    periodNumber: 1,
    amount: '2400.00',
  },
};

/**
 * Approximate expiry from createTime: the end of the UTC+8 day one period later (20250401040000 + 1 month →
 * 20250501155959).
 */
export function approximateExpire(
  createMs: number,
  periodType: PeriodType | null | undefined,
  periodNumber: number | null | undefined,
): string | null {
  if (!periodType || !periodNumber) return null;
  const end = DateTime.fromMillis(addPeriods(createMs, periodType, periodNumber), { zone: MARKET_ZONE }).endOf('day');
  return formatOpenApiTime(Math.floor(end.toMillis() / 1000) * 1000);
}

interface OpenApiLine {
  orderLineId: string;
  chargingMode: ChargingMode;
  periodType: PeriodType | null;
  periodNumber: number | null;
  expireTime: string | null;
  currency: string;
  currencyAfterDiscount: string;
  productInfo: Array<{ productId: string; skuCode: string | null; productName: string; linearValue: number }>;
}

function lineOf(l: WireOrderLine): OpenApiLine {
  return {
    orderLineId: l.orderLineId,
    chargingMode: l.chargingMode,
    periodType: l.periodType ?? null,
    periodNumber: l.periodNumber ?? null,
    expireTime: approximateExpire(Date.parse(l.createTime), l.periodType, l.periodNumber),
    currency: l.currency,
    currencyAfterDiscount: l.amount,
    productInfo: [{ productId: l.productId, skuCode: l.skuCode ?? null, productName: l.productName, linearValue: 1 }],
  };
}

function mockOrder(orderId: string, spec: MockSpec, nowMs: number): Record<string, unknown> {
  // Placed two days before the simulated "today", 12:00 UTC+8 — recent, and stable for a given day.
  const createMs = DateTime.fromMillis(nowMs - 2 * DAY_MS, { zone: MARKET_ZONE })
    .set({ hour: 12, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
  const product =
    spec.chargingMode === 'PERIOD'
      ? PRODUCTS.find(
          (p) => p.chargingMode === 'PERIOD' && p.periodTypes.includes(spec.periodType === 'year' ? 'year' : 'month'),
        )
      : PRODUCTS.find((p) => p.chargingMode === spec.chargingMode);
  const p = product ?? PRODUCTS[0];
  const buyer = CUSTOMERS[0];
  return {
    orderId,
    orderType: spec.orderType,
    createTime: formatOpenApiTime(createMs),
    buyerInfo: {
      customerId: buyer.customerId,
      customerName: buyer.customerName,
      email: buyer.email,
      mobilePhone: buyer.mobilePhone,
    },
    orderLine: [
      {
        orderLineId: `${orderId}-000001`,
        chargingMode: spec.chargingMode,
        periodType: spec.periodType,
        periodNumber: spec.periodNumber,
        expireTime: approximateExpire(createMs, spec.periodType, spec.periodNumber),
        currency: 'CNY',
        currencyAfterDiscount: spec.amount,
        productInfo: [{ productId: p.productId, skuCode: p.skuCode, productName: p.productName, linearValue: 1 }],
      },
    ],
  };
}

const unknownOrder = (orderId: string) => ok({ resultCode: RESULT.notFound, resultMsg: `order ${orderId} not found` });

export function openApiRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET',
      path: `${OPEN_API}/order/query`,
      handler: (req) => {
        for (const key of req.query.keys())
          if (key !== 'orderId' && key !== 'orderLineId') throw badParam(`unknown parameter: ${key}`);
        const orderId = req.query.get('orderId');
        if (!orderId) throw badParam('orderId is required');
        const lineId = req.query.get('orderLineId');
        const mock = MOCK_ORDERS[orderId];
        if (mock) {
          if (lineId && lineId !== `${orderId}-000001`) return unknownOrder(orderId);
          return ok({ orderInfo: mockOrder(orderId, mock, req.now) });
        }
        const stored = ctx.store.linesOfOrder(orderId);
        if (stored.length === 0) return unknownOrder(orderId);
        if (stored.some((s) => s.sellerId !== req.seller?.sellerId))
          throw new SimError(403, RESULT.forbidden, `order ${orderId} belongs to another seller`);
        const lines = stored.map((s) => s.line).filter((l) => !lineId || l.orderLineId === lineId);
        if (lines.length === 0) return unknownOrder(orderId);
        const first = stored[0].line;
        return ok({
          orderInfo: {
            orderId,
            orderType: first.orderType,
            createTime: formatOpenApiTime(Date.parse(first.createTime)),
            buyerInfo: { ...first.customer },
            orderLine: lines.map(lineOf),
          },
        });
      },
    },
  ];
}
