// Pay-per-use consumption (B1: pay-per-use is billed by the actual consumption time). The simulator keeps one record
// per consumption; a pay-per-use line's `amount` is what has been consumed so far (the sum of its records). A line
// without records counts as one consumption of its whole amount at its creation time.
import { z } from 'zod';
import { moneyToWire, parseMoney } from '../common/domain/money';
import { isoFromMs } from '../common/domain/time';
import { wireMoney } from '../common/marketplace/wire';
import type { SimContext } from './context';
import { notFound, ok, validation } from './responses';
import { jsonBody, type Route } from './router';
import type { SimStore } from './store';
import { conflict, type OrderLine } from './transitions';

export interface UsageRecord {
  orderLineId: string;
  at: number;
  amountMinor: number;
}

export const isPayPerUse = (l: Pick<OrderLine, 'chargingMode'>): boolean =>
  l.chargingMode === 'ON_DEMAND' || l.chargingMode === 'ON_DEMAND_PKG';

export function insertUsage(store: SimStore, sellerId: string, records: Iterable<UsageRecord>): void {
  const stmt = store.db.prepare(
    'INSERT INTO usage_records (order_line_id, seller_id, at, amount_minor) VALUES (?, ?, ?, ?)',
  );
  for (const r of records) stmt.run(r.orderLineId, sellerId, r.at, r.amountMinor);
}

/** Every consumption record of one seller, by order line, in time order. */
export function usageBySeller(store: SimStore, sellerId: string): Map<string, UsageRecord[]> {
  const rows = store.db
    .prepare(
      'SELECT order_line_id AS orderLineId, at, amount_minor AS amountMinor FROM usage_records WHERE seller_id = ? ORDER BY at, id',
    )
    .all(sellerId) as UsageRecord[];
  const out = new Map<string, UsageRecord[]>();
  for (const r of rows) {
    const list = out.get(r.orderLineId);
    if (list) list.push(r);
    else out.set(r.orderLineId, [r]);
  }
  return out;
}

export function usageOf(store: SimStore, orderLineId: string): UsageRecord[] {
  return store.db
    .prepare(
      'SELECT order_line_id AS orderLineId, at, amount_minor AS amountMinor FROM usage_records WHERE order_line_id = ? ORDER BY at, id',
    )
    .all(orderLineId) as UsageRecord[];
}

/** The consumptions a line is billed by: its records, or its whole amount at its creation time. */
export function consumptionsOf(line: OrderLine, records: readonly UsageRecord[] | undefined): UsageRecord[] {
  if (records && records.length > 0) return [...records];
  const amount = parseMoney(line.amount);
  return amount === 0 ? [] : [{ orderLineId: line.orderLineId, at: Date.parse(line.createTime), amountMinor: amount }];
}

const usageBody = z.object({
  amount: wireMoney.refine((m) => parseMoney(m) > 0, 'a consumption is more than 0'),
  at: z.union([z.number().int(), z.string()]).optional(),
});

/**
 * `POST /sim/v1/order-lines/{id}/usage { amount, at? }`: the customer consumed `amount` at `at` (default now) on a
 * pay-per-use line. The line's amount grows by it (version + 1, back into the feed).
 */
export function usageRoute(ctx: SimContext): Route {
  return {
    method: 'POST',
    path: '/sim/v1/order-lines/:orderLineId/usage',
    handler: (req) => {
      const body = jsonBody(req, usageBody);
      const at = body.at === undefined ? req.now : typeof body.at === 'string' ? Date.parse(body.at) : body.at;
      if (!Number.isFinite(at)) throw validation([{ field: 'at', message: 'not an instant (UTC ms or RFC 3339)' }]);
      const result = ctx.store.transaction(() => {
        const stored = ctx.store.getLine(req.params.orderLineId);
        if (!stored) throw notFound(`no such order line: ${req.params.orderLineId}`);
        const line = stored.line;
        if (!isPayPerUse(line)) throw conflict(line, `order line ${line.orderLineId} is not pay-per-use (B1)`);
        if (at < Date.parse(line.createTime))
          throw validation([{ field: 'at', message: `before the line was created (${line.createTime})` }]);
        const amount = parseMoney(body.amount);
        const records = usageOf(ctx.store, line.orderLineId);
        // The implicit consumption (the whole amount at creation) becomes a record before the first explicit one.
        const added = records.length === 0 ? consumptionsOf(line, []) : [];
        added.push({ orderLineId: line.orderLineId, at, amountMinor: amount });
        insertUsage(ctx.store, stored.sellerId, added);
        line.amount = moneyToWire(parseMoney(line.amount) + amount);
        ctx.store.saveLine(line, req.now);
        ctx.store.logAction({
          at: req.now,
          actor: 'customer',
          kind: 'usage',
          orderLineId: line.orderLineId,
          sellerId: stored.sellerId,
          detail: { amount: body.amount, at: isoFromMs(at) },
        });
        return {
          orderLine: line,
          usage: usageOf(ctx.store, line.orderLineId).map((r) => ({
            at: isoFromMs(r.at),
            amount: moneyToWire(r.amountMinor),
          })),
        };
      });
      return ok(result);
    },
  };
}
