// "Import order by id": the Open API order query, mapped into the same cache as the feed,
// marked as imported. The Open API knows less than the feed; what it lacks is filled conservatively.
import { AppError, externalDetails } from '../../common/api/result';
import { isoFromMs, parseOpenApiTime } from '../../common/domain/time';
import { orderLine, RESULT, type WireOpenApiOrder, type WireOrderLine } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { upsertOrderLines } from '../orders/order-lines';
import type { Clock, MarketplaceClient } from './client';
import { MarketplaceError } from './errors';
import { classify, realSleep, withRetry, type RetryPolicy } from './retry';

/** A user is waiting: two quick retries on a 5xx or a reset, then tell them. */
const IMPORT_POLICY: RetryPolicy = { baseMs: 300, capMs: 2_000, maxAttempts: 3 };

export interface ImportOptions {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export async function importOrder(
  db: Db,
  client: MarketplaceClient,
  orderId: string,
  clock: Clock,
  opts: ImportOptions = {},
): Promise<{ orderLineIds: string[] }> {
  let answer: WireOpenApiOrder;
  try {
    answer = await withRetry(() => client.queryOrder(orderId), {
      policy: IMPORT_POLICY,
      clock,
      sleep: opts.sleep ?? realSleep,
      random: opts.random ?? Math.random,
    });
  } catch (err) {
    throw toAppError(err, orderId);
  }
  if (!answer.orderInfo) throw new AppError('not_found', `the marketplace has no order ${orderId}`);
  const lines = mapOpenApiOrder(answer.orderInfo, clock.now());
  upsertOrderLines(db, lines, { imported: true });
  return { orderLineIds: lines.map((l) => l.orderLineId) };
}

/**
 * Open API order → feed-shaped order lines. The Open API carries no status, supervision, template or version:
 * status PROCESSING (a paid order, O2a), supervision null, version 0 so any feed state wins over it, and no
 * validity — its expireTime is approximate and must never be used as the validity period (docs/rules.md V1).
 */
export function mapOpenApiOrder(info: NonNullable<WireOpenApiOrder['orderInfo']>, nowMs: number): WireOrderLine[] {
  const createTime = isoFromMs(parseOpenApiTime(info.createTime)); // Open API times are yyyyMMddHHmmss UTC (O4)
  const buyer = info.buyerInfo ?? {};
  return info.orderLine.map((l) => {
    const product = l.productInfo[0];
    const candidate: WireOrderLine = {
      orderId: info.orderId,
      orderLineId: l.orderLineId,
      orderType: info.orderType,
      status: 'PROCESSING',
      createTime,
      productId: product.productId,
      productName: product.productName,
      skuCode: product.skuCode ?? null,
      chargingMode: l.chargingMode,
      periodType: l.periodType ?? null,
      periodNumber: l.periodNumber && l.periodNumber > 0 ? l.periodNumber : null,
      amount: l.currencyAfterDiscount,
      currency: l.currency,
      renewsOrderLineId: null,
      customer: {
        customerId: buyer.customerId ?? '',
        customerName: buyer.customerName ?? '',
        email: buyer.email ?? null,
        mobilePhone: buyer.mobilePhone ?? null,
      },
      templateVersion: null,
      supervision: null,
      validity: null,
      version: 0,
      updateTime: isoFromMs(nowMs),
    };
    const checked = orderLine.safeParse(candidate);
    if (!checked.success) {
      throw new AppError(
        'internal',
        `order ${info.orderId} line ${l.orderLineId} could not be mapped: ${checked.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    return checked.data;
  });
}

function toAppError(err: unknown, orderId: string): unknown {
  if (err instanceof AppError) return err;
  if (!(err instanceof MarketplaceError)) return err;
  if (err.resultCode === RESULT.notFound || err.status === 404)
    return new AppError('not_found', `the marketplace has no order ${orderId}`);
  if (err.resultCode === RESULT.forbidden || err.status === 403)
    return new AppError('forbidden', `order ${orderId} is not this seller's order`);
  if (err.resultCode === RESULT.validation || err.resultCode === RESULT.badParam)
    return new AppError('validation', err.message, externalDetails(err.body));
  const kind = classify(err);
  if (kind === 'auth')
    return new AppError('unauthorized', 'the marketplace refused the credentials (AK/SK) or the clock');
  if (kind === 'retry' || kind === 'wait')
    return new AppError('offline', `the marketplace could not be reached: ${err.message}`);
  return new AppError('internal', err.message, { status: err.status, resultCode: err.resultCode });
}
