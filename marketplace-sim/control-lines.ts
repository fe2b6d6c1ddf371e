// `POST /sim/v1/order-lines`: create order lines from partial ones (defaults filled the marketplace's way, S1/S6)
// or generate them with the demo generator.
import { z } from 'zod';
import { initialStage } from '../common/domain/supervision';
import { isoFromMs } from '../common/domain/time';
import { moneyToWire } from '../common/domain/money';
import { orderLine as orderLineSchema, type Supervision } from '../common/marketplace/wire';
import { CUSTOMERS, PRODUCTS, priceIn, type Product } from './catalog';
import { firstSeller, sellerById, type SimContext } from './context';
import { ok, SimError, validation } from './responses';
import { jsonBody, type Route } from './router';
import { emptyLine, orderIdFor } from './seed-ids';
import { generateInto } from './seeding';
import type { OrderLine } from './transitions';

const createBody = z
  .object({
    lines: z.array(z.record(z.string(), z.unknown())).min(1).max(100_000).optional(),
    generate: z.number().int().min(1).max(2_000_000).optional(),
    seed: z.number().int().optional(),
    sellerId: z.string().min(1).optional(),
  })
  .refine((b) => (b.lines ? 1 : 0) + (b.generate ? 1 : 0) === 1, { message: 'give either lines or generate' });

const REQUEST_STAGES = new Set(['awaiting_request', 'request_pending', 'request_returned']);

function productFor(partial: Record<string, unknown>): Product {
  const id = typeof partial.productId === 'string' ? partial.productId : null;
  const known = PRODUCTS.find((p) => p.productId === id);
  if (known || id === null) return known ?? PRODUCTS[0];
  return {
    ...PRODUCTS[0],
    productId: id,
    productName: typeof partial.productName === 'string' ? partial.productName : 'Custom product',
    chargingMode: 'ONE_TIME',
    periodTypes: [],
  };
}

/** A whole order line from a partial one: given fields win; the rest as a fresh, paid NEW line would have them. */
export function lineFromPartial(
  partial: Record<string, unknown>,
  ids: { orderId(placedMs: number): string; lineNumber(orderId: string): number },
  nowMs: number,
): OrderLine {
  const product = productFor(partial);
  const placedMs = typeof partial.createTime === 'string' ? Date.parse(partial.createTime) : nowMs;
  if (Number.isNaN(placedMs)) throw validation([{ field: 'createTime', message: 'not an RFC 3339 instant' }]);
  const customer = CUSTOMERS.find((c) => c.currency === partial.currency) ?? CUSTOMERS[0];
  const orderId = typeof partial.orderId === 'string' ? partial.orderId : ids.orderId(placedMs);
  const orderLineId =
    typeof partial.orderLineId === 'string'
      ? partial.orderLineId
      : `${orderId}-${String(ids.lineNumber(orderId)).padStart(6, '0')}`;
  const line = emptyLine({ orderId, orderLineId, product, customer, placedMs });
  if (product.chargingMode === 'PERIOD') {
    line.periodType = product.periodTypes[0] ?? 'month';
    line.periodNumber = 1;
  }
  line.amount = moneyToWire(priceIn(customer.currency, product.priceCnyMinor) * (line.periodType === 'year' ? 10 : 1));
  line.updateTime = isoFromMs(nowMs);
  // emptyLine already chose the process by placement (S1) and its first stage (S2).
  const defaultSupervision = line.supervision as Supervision;
  for (const [key, value] of Object.entries(partial)) {
    if (key !== 'supervision') (line as Record<string, unknown>)[key] = value;
  }
  if ('supervision' in partial) {
    const given = partial.supervision;
    line.supervision = given === null ? null : ({ ...defaultSupervision, ...(given as object) } as Supervision);
    const sup = line.supervision;
    if (sup && given && typeof given === 'object' && !('stage' in given) && 'process' in given)
      sup.stage = initialStage(sup.process);
  } else if (
    line.orderType === 'RENEW' ||
    line.orderType === 'TRIAL' ||
    line.orderType === 'UNSUBSCRIBE' ||
    line.chargingMode === 'ON_DEMAND' ||
    line.chargingMode === 'ON_DEMAND_PKG'
  ) {
    line.supervision = null; // S6: renewals (and pay-per-use, trials, and unsubscriptions — refunds, B3) are not supervised
    line.templateVersion = null;
  }
  if (line.supervision && line.supervision.process === 'LEGACY' && REQUEST_STAGES.has(line.supervision.stage)) {
    throw validation([{ field: 'supervision.stage', message: 'legacy lines never have request stages (S1)' }]);
  }
  return line;
}

export function createLinesRoute(ctx: SimContext): Route {
  return {
    method: 'POST',
    path: '/sim/v1/order-lines',
    handler: (req) => {
      const body = jsonBody(req, createBody);
      const seller = body.sellerId ? sellerById(ctx, body.sellerId) : firstSeller(ctx);
      if (!seller) throw validation([{ field: 'sellerId', message: `no such seller: ${body.sellerId}` }]);
      if (body.generate) {
        const r = generateInto(ctx.store, ctx.files, {
          seed: body.seed ?? ctx.seed,
          count: body.generate,
          baseMs: req.now,
          sellerId: seller.sellerId,
          collectIds: true,
        });
        return ok({ count: r.count, orderLineIds: r.ids });
      }
      const partials = body.lines ?? [];
      const created = ctx.store.transaction(() => {
        let nextIndex = Number(ctx.store.meta('next_order_index') ?? '0');
        const perOrder = new Map<string, number>();
        const created = new Set<string>();
        const lines = partials.map((p, i) => {
          try {
            const line = lineFromPartial(
              p,
              {
                orderId: (placedMs) => orderIdFor(placedMs, nextIndex++, ctx.seed),
                lineNumber: (orderId) => {
                  const n = (perOrder.get(orderId) ?? ctx.store.linesOfOrder(orderId).length) + 1;
                  perOrder.set(orderId, n);
                  return n;
                },
              },
              req.now,
            );
            const parsed = orderLineSchema.safeParse(line);
            if (!parsed.success)
              throw validation(parsed.error.issues.map((x) => ({ field: x.path.join('.'), message: x.message })));
            if (ctx.store.getLine(line.orderLineId))
              throw validation([{ field: 'orderLineId', message: `${line.orderLineId} already exists` }]);
            if (created.has(line.orderLineId))
              throw validation([{ field: 'orderLineId', message: `${line.orderLineId} is given twice` }]);
            created.add(line.orderLineId);
            return parsed.data; // unknown fields dropped: the feed serves the wire shape only
          } catch (err) {
            if (err instanceof SimError && Array.isArray(err.extra.errors)) {
              throw validation(
                (err.extra.errors as Array<{ field: string; message: string }>).map((e) => ({
                  field: `lines.${i}.${e.field}`,
                  message: e.message,
                })),
              );
            }
            throw err;
          }
        });
        ctx.store.insertLines(lines, seller.sellerId);
        ctx.store.setMeta('next_order_index', String(nextIndex));
        return lines;
      });
      for (const l of created)
        ctx.store.logAction({
          at: req.now,
          actor: 'marketplace',
          kind: 'line_created',
          orderLineId: l.orderLineId,
          sellerId: seller.sellerId,
        });
      return ok({ count: created.length, orderLineIds: created.map((l) => l.orderLineId), orderLines: created });
    },
  };
}
