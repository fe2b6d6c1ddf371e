// `POST /sim/v1/bills/run`: the back office produces a month's settlement bills (docs/rules.md B1–B5), one per
// currency,
// into the bills feed. The rules themselves (B1 attribution, B2a settlement, B3 refund split, B4 conditions) are
// common/domain/settlement.ts — the same code the app checks bills with; this file only decides which facts a month
// holds and stores revisions. Running a month again after its facts changed adds a revision (B5); `correct: true`
// reissues it deliberately; `wrongLine` makes one line's settlement amount miss B2a on purpose.
import { z } from 'zod';
import { moneyToWire, parseMoney } from '../common/domain/money';
import { isoFromMs } from '../common/domain/time';
import {
  BILL_TOTAL_FIELDS,
  attributionOf,
  billingPeriodOf,
  effectiveFrom,
  expectedSettlementMinor,
  explainBill,
  isPaymentCompleted,
  nextBillingPeriod,
  type BillLineKind,
  type WireBillLine,
} from '../common/domain/settlement';
import { bill as billSchema, type WireBill, type WireOrderLine } from '../common/marketplace/wire';
import { getAccount, sellerOrFirst, setAccount } from './account';
import type { SimContext } from './context';
import { ok, validation } from './responses';
import { jsonBody, type Route } from './router';
import type { SimStore } from './store';
import { consumptionsOf, usageBySeller, type UsageRecord } from './usage';

export type BillLine = WireBillLine;
export const BILL_STATUSES = ['PENDING_APPROVAL', 'APPROVED', 'PAID'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
type Currency = WireOrderLine['currency'];

/** The demo marketplace's platform fee: 20% (licenses 10%). */
export const feeRatioOf = (productName: string): string => (/license|许可证/i.test(productName) ? '0.10' : '0.20');
/** Cross-border (USD) sales: the customer withholds 10% of the sales amount (the demo marketplace's choice). */
export const USD_WITHHOLDING_PERCENT = 10;

/** `minor × percent / 100`, rounded half away from zero (a refund mirrors its purchase). */
function percentOf(minor: number, percent: number): number {
  const scaled = minor * percent;
  return Math.sign(scaled) * Math.floor((Math.abs(scaled) + 50) / 100);
}

/** One bill line, its settlement amount by B2a. Refund lines are negative (B2). */
export function billLineFor(
  l: Pick<WireOrderLine, 'orderId' | 'orderLineId' | 'productName' | 'currency'>,
  kind: BillLineKind,
  at: number,
  salesMinor: number,
): BillLine {
  const line: BillLine = {
    orderId: l.orderId,
    orderLineId: l.orderLineId,
    kind,
    attributedAt: isoFromMs(at),
    salesAmount: moneyToWire(salesMinor),
    customerWithholdingTax: moneyToWire(l.currency === 'USD' ? percentOf(salesMinor, USD_WITHHOLDING_PERCENT) : 0),
    platformFeeRatio: feeRatioOf(l.productName),
    sellerTaxes: '0.00',
    settlementAmount: '0.00',
  };
  line.settlementAmount = moneyToWire(expectedSettlementMinor(line));
  return line;
}

/** A line some month's bill may carry: what it says, and when it can be billed. */
export interface BillEntry {
  line: BillLine;
  currency: Currency;
  /** The period of the B1 instant (a refund: the month it was made, B3). */
  period: string;
  at: number;
  /** B4: the order has taken effect from here on. */
  effectiveFrom: number;
  source: WireOrderLine;
}

/**
 * B1/B4: the bill lines one order line makes — none unless the payment is completed, supervision is not involved or
 * completed and the order has taken effect; pay-per-use one per month of consumption, attributed to that month's
 * last consumption; an unsubscription (UNSUBSCRIBE, COMPLETED) a negative refund line when it was made (B3).
 */
export function entriesOfLine(l: WireOrderLine, usage: readonly UsageRecord[] | undefined): BillEntry[] {
  if (!isPaymentCompleted(l)) return [];
  const a = attributionOf(l);
  const amount = parseMoney(l.amount);
  const entry = (kind: BillLineKind, at: number, salesMinor: number, from: number): BillEntry => ({
    line: billLineFor(l, kind, at, salesMinor),
    currency: l.currency,
    period: billingPeriodOf(at),
    at,
    effectiveFrom: from,
    source: l,
  });
  if (a.kind === 'refund') {
    if (l.status !== 'COMPLETED' || amount === 0 || a.at === null) return [];
    return [entry('refund', a.at, -Math.abs(amount), a.at)];
  }
  if (l.supervision && l.supervision.stage !== 'completed') return [];
  const from = effectiveFrom(l);
  if (from === null) return [];
  if (a.kind === 'payPerUse') {
    const months = new Map<string, { at: number; sales: number }>();
    for (const r of consumptionsOf(l, usage)) {
      const p = billingPeriodOf(r.at);
      const m = months.get(p);
      if (m) {
        m.at = Math.max(m.at, r.at);
        m.sales += r.amountMinor;
      } else months.set(p, { at: r.at, sales: r.amountMinor });
    }
    return [...months.values()].filter((m) => m.sales !== 0).map((m) => entry('payPerUse', m.at, m.sales, from));
  }
  if (a.at === null || amount === 0) return [];
  return [entry(a.kind, a.at, amount, from)];
}

/** Every entry of one seller's order lines (one pass; lines that cannot be billed are skipped in SQL). */
export function collectEntries(store: SimStore, sellerId: string): BillEntry[] {
  const usage = usageBySeller(store, sellerId);
  const rows = store.db
    .prepare(
      `SELECT json FROM order_lines WHERE seller_id = ? AND json_extract(json, '$.status') IN ('PROCESSING', 'COMPLETED')
         AND coalesce(json_extract(json, '$.supervision.stage'), 'completed') = 'completed' ORDER BY seq`,
    )
    .pluck()
    .all(sellerId) as string[];
  const out: BillEntry[] = [];
  for (const json of rows) {
    const l = JSON.parse(json) as WireOrderLine;
    out.push(...entriesOfLine(l, usage.get(l.orderLineId)));
  }
  return out;
}

interface StoredBill {
  seq: number;
  bill: WireBill;
}

/** Stored revisions, parsed once per store: a stored revision never changes (B5), new ones only add rows. */
const parsed = new WeakMap<SimStore, { lastSeq: number; rows: Array<StoredBill & { sellerId: string }> }>();

function storedBills(store: SimStore): Array<StoredBill & { sellerId: string }> {
  let cache = parsed.get(store);
  if (!cache) parsed.set(store, (cache = { lastSeq: 0, rows: [] }));
  const fresh = store.db
    .prepare('SELECT seq, seller_id, json FROM bills WHERE seq > ? ORDER BY seq')
    .all(cache.lastSeq) as Array<{ seq: number; seller_id: string; json: string }>;
  for (const r of fresh) {
    cache.rows.push({ seq: r.seq, sellerId: r.seller_id, bill: JSON.parse(r.json) as WireBill });
    cache.lastSeq = r.seq;
  }
  return cache.rows;
}

/** The latest revision of each of a seller's bills, by `period|currency`. */
function latestBills(store: SimStore, sellerId: string): Map<string, StoredBill> {
  const out = new Map<string, StoredBill>();
  for (const r of storedBills(store)) {
    if (r.sellerId !== sellerId) continue;
    const bill = r.bill;
    const k = `${bill.billingPeriod}|${bill.currency}`;
    const prev = out.get(k);
    if (!prev || prev.bill.revision < bill.revision) out.set(k, { seq: r.seq, bill });
  }
  return out;
}

function newBillId(store: SimStore, period: string): string {
  let n =
    (store.db
      .prepare('SELECT count(DISTINCT bill_id) FROM bills WHERE billing_period = ?')
      .pluck()
      .get(period) as number) + 1;
  const taken = store.db.prepare('SELECT 1 FROM bills WHERE bill_id = ? LIMIT 1').pluck();
  while (taken.get(`B${period}-${String(n).padStart(4, '0')}`) !== undefined) n++;
  return `B${period}-${String(n).padStart(4, '0')}`;
}

/** B3 totals of these lines, as common/domain/settlement.ts explainBill computes them from the line amounts. */
function totalsOf(lines: BillLine[], currency: Currency, depositBeforeMinor: number): WireBill['totals'] {
  const zero = Object.fromEntries(BILL_TOTAL_FIELDS.map((f) => [f, '0.00'])) as WireBill['totals'];
  const draft: WireBill = {
    billId: 'draft',
    billingPeriod: '000001',
    revision: 1,
    status: 'PENDING_APPROVAL',
    currency,
    generatedAt: isoFromMs(0),
    lines,
    totals: zero,
  };
  const e = explainBill(draft, depositBeforeMinor);
  return Object.fromEntries(e.totals.map((t) => [t.field, moneyToWire(t.expectedMinor)])) as WireBill['totals'];
}

export interface WrongLine {
  /** Default: the first non-refund line of the period's first bill (CNY before USD). */
  orderLineId?: string;
  /** Added to the line's B2a settlement amount (minor units, not 0). */
  deltaMinor: number;
}

export interface RunOptions {
  sellerId: string;
  billingPeriod: string;
  /** The back office's clock: the bill's generatedAt, and B4 "has taken effect" is judged at it. */
  now: number;
  /** B5: reissue the period's bills as a new revision even when no fact changed; deliberate wrong lines are dropped. */
  correct?: boolean;
  wrongLine?: WrongLine;
  status?: BillStatus;
  /** Entries computed beforehand (the start-up seed collects them once for twelve months). */
  entries?: readonly BillEntry[];
  /**
   * A month with no lines and no bill yet still gets an (empty) bill in this currency — the seed's monthly statements.
   */
  emptyBillCurrency?: Currency;
}

export interface RunResult {
  bills: WireBill[];
  /** Why nothing was billed (B4), when that is the reason. */
  withheld: string | null;
}

/**
 * Produces (or revises) the period's bills. A refund is deducted in the month it was made unless that month's bill is
 * already closed (APPROVED or PAID), then in the first month after it whose bill is not (B3); once on a bill it stays
 * there. The seller's deposit in the bill's currency pays what the settlement cannot (B3) and goes down by it.
 */
export function runBills(store: SimStore, o: RunOptions): RunResult {
  return store.transaction((): RunResult => {
    const account = getAccount(store, o.sellerId);
    if (!account.businessInfoCertified)
      return { bills: [], withheld: "B4: the seller's business information is not certified; nothing is billed" };
    const period = o.billingPeriod;
    const entries = o.entries ?? collectEntries(store, o.sellerId);
    const latest = latestBills(store, o.sellerId);
    const refundHome = new Map<string, string>();
    for (const { bill } of latest.values())
      for (const l of bill.lines) if (l.kind === 'refund') refundHome.set(l.orderLineId, bill.billingPeriod);
    const closed = (p: string, c: Currency): boolean => {
      const b = latest.get(`${p}|${c}`);
      return b !== undefined && b.bill.status !== 'PENDING_APPROVAL';
    };
    const refundPeriod = (e: BillEntry): string => {
      const home = refundHome.get(e.line.orderLineId);
      if (home) return home;
      let p = e.period;
      while (closed(p, e.currency)) p = nextBillingPeriod(p);
      return p;
    };

    const byCurrency = new Map<Currency, BillLine[]>();
    for (const { bill } of latest.values()) if (bill.billingPeriod === period) byCurrency.set(bill.currency, []);
    for (const e of entries) {
      if (e.effectiveFrom > o.now || e.at > o.now) continue; // B4: not in effect yet
      if ((e.line.kind === 'refund' ? refundPeriod(e) : e.period) !== period) continue;
      const list = byCurrency.get(e.currency);
      if (list) list.push(e.line);
      else byCurrency.set(e.currency, [e.line]);
    }
    if (byCurrency.size === 0 && o.emptyBillCurrency) byCurrency.set(o.emptyBillCurrency, []);
    const currencies = [...byCurrency.keys()].sort();
    for (const c of currencies)
      byCurrency
        .get(c)
        ?.sort((a, b) => a.attributedAt.localeCompare(b.attributedAt) || a.orderLineId.localeCompare(b.orderLineId));

    if (o.correct)
      store.db.prepare('DELETE FROM bill_faults WHERE seller_id = ? AND billing_period = ?').run(o.sellerId, period);
    if (o.wrongLine) {
      const all = currencies.flatMap((c) => byCurrency.get(c) ?? []);
      const target = o.wrongLine.orderLineId
        ? all.find((l) => l.orderLineId === o.wrongLine?.orderLineId)
        : (all.find((l) => l.kind !== 'refund') ?? all[0]);
      if (!target) {
        throw validation([
          {
            field: 'wrongLine.orderLineId',
            message: o.wrongLine.orderLineId
              ? `${o.wrongLine.orderLineId} is on no bill of ${period}`
              : `${period} has no bill lines`,
          },
        ]);
      }
      store.db
        .prepare(
          'INSERT INTO bill_faults (seller_id, billing_period, order_line_id, delta_minor) VALUES (?, ?, ?, ?) ON CONFLICT (seller_id, billing_period, order_line_id) DO UPDATE SET delta_minor = excluded.delta_minor',
        )
        .run(o.sellerId, period, target.orderLineId, o.wrongLine.deltaMinor);
    }
    const faults = new Map(
      (
        store.db
          .prepare('SELECT order_line_id, delta_minor FROM bill_faults WHERE seller_id = ? AND billing_period = ?')
          .raw()
          .all(o.sellerId, period) as Array<[string, number]>
      ).map(([id, d]) => [id, d]),
    );

    const produced: WireBill[] = [];
    const insertBill = store.db.prepare(
      'INSERT INTO bills (seq, bill_id, revision, seller_id, billing_period, json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertLedger = store.db.prepare(
      'INSERT INTO bill_ledger (seq, deposit_before, deposit_after, wrong_lines) VALUES (?, ?, ?, ?)',
    );
    for (const currency of currencies) {
      const wrong: Array<{ orderLineId: string; deltaMinor: number }> = [];
      const lines = (byCurrency.get(currency) ?? []).map((l) => {
        const delta = faults.get(l.orderLineId);
        if (delta === undefined) return l;
        wrong.push({ orderLineId: l.orderLineId, deltaMinor: delta });
        return { ...l, settlementAmount: moneyToWire(parseMoney(l.settlementAmount) + delta) }; // B2a missed on purpose
      });
      const prev = latest.get(`${period}|${currency}`);
      const hasDeposit = account.depositCurrency === currency;
      // This bill's earlier revision already took its part of the deposit: give it back before taking again.
      const depositBefore = hasDeposit
        ? account.depositMinor + (prev ? parseMoney(prev.bill.totals.depositDeductions) : 0)
        : 0;
      const totals = totalsOf(lines, currency, depositBefore);
      if (prev && !o.correct && JSON.stringify([prev.bill.lines, prev.bill.totals]) === JSON.stringify([lines, totals]))
        continue; // B5: unchanged
      const b = billSchema.parse({
        billId: prev?.bill.billId ?? newBillId(store, period),
        billingPeriod: period,
        revision: (prev?.bill.revision ?? 0) + 1,
        status: o.status ?? 'PENDING_APPROVAL',
        currency,
        generatedAt: isoFromMs(o.now),
        lines,
        totals,
      });
      const depositAfter = depositBefore - parseMoney(b.totals.depositDeductions);
      if (hasDeposit) account.depositMinor = depositAfter;
      const seq = ((store.db.prepare('SELECT coalesce(max(seq), 0) FROM bills').pluck().get() as number) ?? 0) + 1;
      insertBill.run(seq, b.billId, b.revision, o.sellerId, period, JSON.stringify(b));
      insertLedger.run(seq, depositBefore, hasDeposit ? depositAfter : 0, JSON.stringify(wrong));
      produced.push(b);
    }
    setAccount(store, o.sellerId, account);
    return { bills: produced, withheld: null };
  });
}

/** Every stored bill revision in feed order, with what the simulator knows beside it (for /sim/v1/state). */
export function billsState(store: SimStore): unknown[] {
  const rows = store.db
    .prepare(
      'SELECT b.seq, b.seller_id, b.json, l.deposit_before, l.deposit_after, l.wrong_lines FROM bills b LEFT JOIN bill_ledger l ON l.seq = b.seq ORDER BY b.seq',
    )
    .all() as Array<{
    seq: number;
    seller_id: string;
    json: string;
    deposit_before: number | null;
    deposit_after: number | null;
    wrong_lines: string | null;
  }>;
  return rows.map((r) => {
    const b = JSON.parse(r.json) as WireBill;
    return {
      sellerId: r.seller_id,
      billId: b.billId,
      revision: b.revision,
      billingPeriod: b.billingPeriod,
      currency: b.currency,
      status: b.status,
      generatedAt: b.generatedAt,
      lines: b.lines.length,
      totals: b.totals,
      depositBefore: r.deposit_before === null ? null : moneyToWire(r.deposit_before),
      depositAfter: r.deposit_after === null ? null : moneyToWire(r.deposit_after),
      wrongLines: r.wrong_lines === null ? [] : (JSON.parse(r.wrong_lines) as unknown[]),
    };
  });
}

const runBody = z.object({
  billingPeriod: z.string().regex(/^\d{4}(0[1-9]|1[0-2])$/, 'expected YYYYMM'),
  sellerId: z.string().optional(),
  correct: z.boolean().optional(),
  status: z.enum(BILL_STATUSES).optional(),
  wrongLine: z
    .object({
      orderLineId: z.string().min(1).optional(),
      deltaMinor: z
        .number()
        .int()
        .refine((d) => d !== 0 && Math.abs(d) <= 1e12, 'a non-zero number of minor units'),
    })
    .optional(),
});

export function billsRunRoute(ctx: SimContext): Route {
  return {
    method: 'POST',
    path: '/sim/v1/bills/run',
    handler: (req) => {
      const body = jsonBody(req, runBody);
      const seller = sellerOrFirst(ctx, body.sellerId);
      const r = runBills(ctx.store, {
        sellerId: seller.sellerId,
        billingPeriod: body.billingPeriod,
        now: req.now,
        correct: body.correct,
        wrongLine: body.wrongLine,
        status: body.status,
      });
      ctx.store.logAction({
        at: req.now,
        actor: 'marketplace',
        kind: 'bills_run',
        sellerId: seller.sellerId,
        detail: { ...body, bills: r.bills.map((b) => `${b.billId}#${b.revision}`), withheld: r.withheld },
      });
      return ok(r.withheld ? { bills: r.bills, withheld: r.withheld } : { bills: r.bills });
    },
  };
}
