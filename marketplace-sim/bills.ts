// `POST /sim/v1/bills/run` `{ billingPeriod }`: the back office produces a month's settlement bills (docs/rules.md B1–B5),
// one per currency, into the bills feed. Running a month again with changed facts adds a new revision (B5).
import { z } from 'zod';
import { DateTime } from 'luxon';
import { moneyToWire, parseMoney } from '../common/domain/money';
import { MARKET_ZONE, isoFromMs } from '../common/domain/time';
import { bill as billSchema, type WireBill, type WireOrderLine } from '../common/marketplace/wire';
import { firstSeller, sellerById, type SimContext } from './context';
import { ok, validation } from './responses';
import { jsonBody, type Route } from './router';

const runBody = z.object({ billingPeriod: z.string().regex(/^\d{4}(0[1-9]|1[0-2])$/, 'expected YYYYMM'), sellerId: z.string().optional() });

/** The demo marketplace's platform fee: 20% (licenses 10%). */
const feePercent = (line: WireOrderLine): number => (/license|许可证/i.test(line.productName) ? 10 : 20);

/** B2a: (sales − withholding) × (1 − fee) − seller taxes, rounded half-up (away from zero) to the minor unit once. */
export function settlementMinor(salesMinor: number, withholdingMinor: number, feePct: number, taxesMinor: number): number {
  const scaled = (salesMinor - withholdingMinor) * (100 - feePct); // in 1/100 of a minor unit
  const rounded = Math.sign(scaled) * Math.floor((Math.abs(scaled) + 50) / 100);
  return rounded - taxesMinor;
}

const periodOf = (ms: number): string => DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('yyyyLL');

type BillLine = WireBill['lines'][number];

/** B1/B4: which lines a month bills, by kind, with the instant each is attributed to. */
function billLine(l: WireOrderLine, period: string): BillLine | null {
  let kind: BillLine['kind'];
  let at: number;
  const sup = l.supervision;
  if (l.orderType === 'UNSUBSCRIBE') [kind, at] = ['refund', Date.parse(l.createTime)];
  else if (l.chargingMode === 'ON_DEMAND' || l.chargingMode === 'ON_DEMAND_PKG') [kind, at] = ['payPerUse', Date.parse(l.createTime)];
  else if (l.orderType === 'RENEW') [kind, at] = ['renewal', Date.parse(l.validity?.start ?? l.createTime)];
  else if (sup) {
    // B1: a supervised new order is attributed to the month its supervision completes; B4: completed and paid.
    if (sup.stage !== 'completed' || !sup.acceptedAt || l.status !== 'COMPLETED') return null;
    [kind, at] = ['purchase', Date.parse(sup.acceptedAt)];
  } else if (l.status === 'COMPLETED' && parseMoney(l.amount) > 0) [kind, at] = ['purchase', Date.parse(l.validity?.start ?? l.createTime)];
  else return null;
  if (periodOf(at) !== period) return null;
  const sales = Math.abs(parseMoney(l.amount)) * (kind === 'refund' ? -1 : 1);
  if (sales === 0) return null;
  const fee = feePercent(l);
  return {
    orderId: l.orderId,
    orderLineId: l.orderLineId,
    kind,
    attributedAt: isoFromMs(at),
    salesAmount: moneyToWire(sales),
    customerWithholdingTax: '0.00',
    platformFeeRatio: (fee / 100).toFixed(2),
    sellerTaxes: '0.00',
    settlementAmount: moneyToWire(settlementMinor(sales, 0, fee, 0)),
  };
}

/** B3: refunds come off this bill's settlement first, then the deposit, and the rest is owed by the seller. */
function totals(lines: BillLine[], depositMinor: number): WireBill['totals'] {
  const settlement = lines.filter((x) => x.kind !== 'refund').reduce((s, x) => s + parseMoney(x.settlementAmount), 0);
  const refunds = -lines.filter((x) => x.kind === 'refund').reduce((s, x) => s + parseMoney(x.settlementAmount), 0);
  const fromSettlement = Math.min(refunds, settlement);
  const fromDeposit = Math.min(refunds - fromSettlement, depositMinor);
  return {
    settlementAmount: moneyToWire(settlement),
    refundDeductions: moneyToWire(fromSettlement),
    depositDeductions: moneyToWire(fromDeposit),
    owedBySeller: moneyToWire(refunds - fromSettlement - fromDeposit),
    netPayable: moneyToWire(settlement - fromSettlement),
  };
}

export function billsRunRoute(ctx: SimContext): Route {
  return {
    method: 'POST',
    path: '/sim/v1/bills/run',
    handler: (req) => {
      const body = jsonBody(req, runBody);
      const seller = body.sellerId ? sellerById(ctx, body.sellerId) : firstSeller(ctx);
      if (!seller) throw validation([{ field: 'sellerId', message: `no such seller: ${body.sellerId}` }]);
      const db = ctx.store.db;
      const byCurrency = new Map<string, BillLine[]>();
      const rows = db.prepare('SELECT json FROM order_lines WHERE seller_id = ? ORDER BY seq').pluck().iterate(seller.sellerId) as Iterable<string>;
      for (const json of rows) {
        const l = JSON.parse(json) as WireOrderLine;
        const bl = billLine(l, body.billingPeriod);
        if (bl) byCurrency.set(l.currency, [...(byCurrency.get(l.currency) ?? []), bl]);
      }
      const produced: WireBill[] = [];
      ctx.store.transaction(() => {
        [...byCurrency.keys()].sort().forEach((currency, i) => {
          const lines = (byCurrency.get(currency) ?? []).sort((a, b) => a.attributedAt.localeCompare(b.attributedAt) || a.orderLineId.localeCompare(b.orderLineId));
          const billId = `B${body.billingPeriod}-${String(i + 1).padStart(4, '0')}`;
          const last = db.prepare('SELECT revision, json FROM bills WHERE bill_id = ? AND seller_id = ? ORDER BY revision DESC LIMIT 1').get(billId, seller.sellerId) as { revision: number; json: string } | undefined;
          const draft = { lines, totals: totals(lines, currency === 'CNY' ? 500_000 : 0) };
          if (last) {
            const prev = JSON.parse(last.json) as WireBill;
            if (JSON.stringify({ lines: prev.lines, totals: prev.totals }) === JSON.stringify(draft)) return; // unchanged: no new revision
          }
          const b = billSchema.parse({ billId, billingPeriod: body.billingPeriod, revision: (last?.revision ?? 0) + 1, status: 'PENDING_APPROVAL', currency, generatedAt: isoFromMs(req.now), ...draft });
          const seq = ((db.prepare('SELECT coalesce(max(seq), 0) FROM bills').pluck().get() as number) ?? 0) + 1;
          db.prepare('INSERT INTO bills (seq, bill_id, revision, seller_id, billing_period, json) VALUES (?, ?, ?, ?, ?, ?)').run(seq, billId, b.revision, seller.sellerId, b.billingPeriod, JSON.stringify(b));
          produced.push(b);
        });
      });
      ctx.store.logAction({ at: req.now, actor: 'marketplace', kind: 'bills_run', sellerId: seller.sellerId, detail: { billingPeriod: body.billingPeriod, bills: produced.map((b) => `${b.billId}#${b.revision}`) } });
      return ok({ bills: produced });
    },
  };
}
