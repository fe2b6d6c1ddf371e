// The demo's settlement history (B1–B5): bills for the twelve months before the data's base instant, produced the way
// the back office would have produced them, each on the 7th of the following month (B2). Besides the seeded orders'
// own lines (supervised purchases in the month their supervision completed, renewals when the renewed period took
// effect, B1) it adds what the order seed does not have:
//  - pay-per-use consumption records, several months per line (B1: billed by consumption time);
//  - refunds after unsubscription (UNSUBSCRIBE order lines of orders settled in an earlier month, B3): one month
//    where they exceed the settlement and reach into the deposit, another where they exceed what is left and leave an
//    amount owed by the seller (when the data has orders enough to refund);
//  - a bill corrected by a second revision (B5): a consumption recorded after the first revision was produced;
//  - one deliberately wrong line (B2a) on the newest bill.
// Deterministic per (seed, base).
import { moneyToWire, parseMoney } from '../common/domain/money';
import {
  billDueAt,
  billingPeriodOf,
  billingPeriodStart,
  isPaymentCompleted,
  nextBillingPeriod,
} from '../common/domain/settlement';
import { DAY_MS, isoFromMs } from '../common/domain/time';
import { orderLine as orderLineSchema, type WireOrderLine } from '../common/marketplace/wire';
import { getAccount } from './account';
import { billLineFor, collectEntries, entriesOfLine, runBills, type BillEntry, type BillStatus } from './bills';
import { createPrng, hashSeed, type Prng } from './prng';
import type { SampleFiles } from './sample-files';
import { orderIdFor } from './seed-ids';
import { generateInto } from './seeding';
import type { SimStore } from './store';
import { insertUsage, usageOf, type UsageRecord } from './usage';

const HOUR = 3_600_000;

/** Above this many start-up lines no bills are seeded (bills of thousands of lines help no one; run them instead). */
export const MAX_BILLED_SEED_LINES = 20_000;

/**
 * How many of the start-up `orders` are refund (UNSUBSCRIBE) lines made by the bill seed, so the count stays `orders`.
 */
export function refundReserve(orders: number): number {
  return orders > MAX_BILLED_SEED_LINES ? 0 : Math.min(6, Math.floor(orders / 20));
}

export function previousPeriod(period: string): string {
  return billingPeriodOf(billingPeriodStart(period) - 1);
}

/** B2: the `months` newest periods whose bill is due by `baseMs`, oldest first. */
export function billedPeriods(baseMs: number, months: number): string[] {
  let p = billingPeriodOf(baseMs);
  while (billDueAt(p) > baseMs) p = previousPeriod(p);
  const out: string[] = [];
  for (let i = 0; i < months; i++, p = previousPeriod(p)) out.unshift(p);
  return out;
}

const roundSec = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** A pay-per-use line's consumption: its amount spread over the months from its creation to the base (at most 12). */
export function consumptionFor(prng: Prng, line: WireOrderLine, baseMs: number): UsageRecord[] {
  const total = parseMoney(line.amount);
  const start = Date.parse(line.createTime);
  if (total <= 0 || start >= baseMs) return [];
  const spans: Array<[number, number]> = [];
  for (let p = billingPeriodOf(start); spans.length < 12; p = nextBillingPeriod(p)) {
    const lo = Math.max(start, billingPeriodStart(p));
    if (lo >= baseMs) break;
    const hi = Math.min(billingPeriodStart(nextBillingPeriod(p)), baseMs) - 60_000;
    if (hi > lo) spans.push([lo, hi]);
  }
  if (spans.length === 0) return [{ orderLineId: line.orderLineId, at: start, amountMinor: total }];
  const used = spans.slice(0, Math.min(spans.length, total));
  const weights = used.map(() => 0.5 + prng.next());
  const weightSum = weights.reduce((s, x) => s + x, 0);
  let left = total;
  return used.map(([lo, hi], i) => {
    const rest = used.length - 1 - i;
    const amountMinor =
      rest === 0 ? left : Math.max(1, Math.min(left - rest, Math.floor((total * weights[i]) / weightSum)));
    left -= amountMinor;
    return { orderLineId: line.orderLineId, at: Math.max(lo, roundSec(lo + prng.next() * (hi - lo))), amountMinor };
  });
}

export interface SeedBillsOptions {
  seed: number;
  baseMs: number;
  sellerId: string;
  months: number;
  /**
   * Refund lines to add; when the data cannot give that many, the rest is made up with generated lines (if `files`).
   */
  refunds: number;
  files?: SampleFiles;
}

export interface SeedBillsResult {
  bills: number;
  refundLines: number;
  ms: number;
}

interface RefundPlan {
  entry: BillEntry;
  amountMinor: number;
  period: string;
}

/**
 * The refund's settlement share (positive) when `amountMinor` of this entry's order is refunded (B2a on the refund
 * line).
 */
const shareOf = (e: BillEntry, amountMinor: number): number =>
  -parseMoney(billLineFor(e.source, 'refund', 0, -amountMinor).settlementAmount);

export function seedBills(store: SimStore, opts: SeedBillsOptions): SeedBillsResult {
  const started = performance.now();
  const periods = billedPeriods(opts.baseMs, opts.months);
  const n = periods.length;
  if (n === 0) return { bills: 0, refundLines: 0, ms: 0 };
  const { sellerId, seed, baseMs } = opts;
  const prng = createPrng(hashSeed('bills', seed, baseMs));
  return store.transaction(() => {
    // 1. B1: pay-per-use consumption, and the one recorded late (after its month's first revision, B5).
    const ppu = (
      store.db
        .prepare(
          "SELECT json FROM order_lines WHERE seller_id = ? AND json_extract(json, '$.chargingMode') IN ('ON_DEMAND', 'ON_DEMAND_PKG') ORDER BY seq",
        )
        .pluck()
        .all(sellerId) as string[]
    )
      .map((j) => JSON.parse(j) as WireOrderLine)
      .filter((l) => usageOf(store, l.orderLineId).length === 0);
    const records = ppu.flatMap((l) => consumptionFor(createPrng(hashSeed('usage', seed, l.orderLineId)), l, baseMs));
    insertUsage(store, sellerId, records);
    let entries = collectEntries(store, sellerId);
    const paid = new Set(ppu.filter(isPaymentCompleted).map((l) => l.orderLineId));
    const currencyOf = new Map(ppu.map((l) => [l.orderLineId, l.currency]));
    // Preferred months for the corrected bill: the third newest, then older ones, then the second newest.
    const revisionOrder: string[] = [];
    for (let i = n - 3; i >= 0; i--) revisionOrder.push(periods[i]);
    if (n >= 2) revisionOrder.push(periods[n - 2]);
    const count = <K>(m: Map<K, number>, k: K): void => void m.set(k, (m.get(k) ?? 0) + 1);
    const perLine = new Map<string, number>();
    const perLineMonth = new Map<string, number>();
    for (const r of records) {
      count(perLine, r.orderLineId);
      count(perLineMonth, `${r.orderLineId}|${billingPeriodOf(r.at)}`);
    }
    const linesIn = new Map<string, Set<string>>();
    for (const e of entries) {
      const k = `${e.period}|${e.currency}`;
      const set = linesIn.get(k) ?? new Set<string>();
      linesIn.set(k, set.add(e.source.orderLineId));
    }
    // The late record: of a line with other records too (with none left it would count as one consumption at its
    // creation), in a month whose bill in that currency exists without it — so it changes that bill, not starts one.
    const lateFits = (r: UsageRecord, p: string): boolean => {
      if (!paid.has(r.orderLineId) || (perLine.get(r.orderLineId) ?? 0) < 2) return false;
      if ((perLineMonth.get(`${r.orderLineId}|${p}`) ?? 0) > 1) return true;
      const others = linesIn.get(`${p}|${currencyOf.get(r.orderLineId)}`);
      return others !== undefined && others.size > (others.has(r.orderLineId) ? 1 : 0);
    };
    let revised: string | null = null;
    let late: UsageRecord | null = null;
    const newestFirst = [...records].sort((a, b) => b.at - a.at || a.orderLineId.localeCompare(b.orderLineId));
    for (const p of revisionOrder) {
      late = newestFirst.find((r) => billingPeriodOf(r.at) === p && lateFits(r, p)) ?? null;
      if (late) {
        revised = p;
        break;
      }
    }
    if (late) {
      // Not recorded yet when the month's first revision is produced (step 5 records it).
      const l = late;
      store.db
        .prepare(
          'DELETE FROM usage_records WHERE id = (SELECT id FROM usage_records WHERE order_line_id = ? AND at = ? AND amount_minor = ? LIMIT 1)',
        )
        .run(l.orderLineId, l.at, l.amountMinor);
      const line = store.getLine(l.orderLineId)?.line;
      entries = entries
        .filter((e) => e.source.orderLineId !== l.orderLineId)
        .concat(line ? entriesOfLine(line, usageOf(store, l.orderLineId)) : []);
    }

    // 2. What each month settles before refunds.
    const settledBy = new Map<string, number>();
    for (const e of entries) {
      if (e.line.kind === 'refund' || e.effectiveFrom > billDueAt(e.period)) continue;
      const k = `${e.period}|${e.currency}`;
      settledBy.set(k, (settledBy.get(k) ?? 0) + parseMoney(e.line.settlementAmount));
    }
    const settled = (p: string, c: string): number => settledBy.get(`${p}|${c}`) ?? 0;
    const hasLines = (p: string): boolean => settled(p, 'CNY') > 0 || settled(p, 'USD') > 0;
    const wrongPeriod = [...periods].reverse().find((p) => p !== revised && hasLines(p)) ?? null;
    if (revised === null) revised = revisionOrder.find((p) => p !== wrongPeriod && hasLines(p)) ?? null; // corrected by a reissue instead

    // 3. B3: refunds after unsubscription.
    const account = getAccount(store, sellerId);
    const special = new Set([revised, wrongPeriod]);
    const used = new Set<string>();
    const plans: RefundPlan[] = [];
    const candidates = entries
      .filter((e) => e.line.kind === 'purchase' || e.line.kind === 'renewal')
      .sort(
        (a, b) =>
          parseMoney(b.line.settlementAmount) - parseMoney(a.line.settlementAmount) ||
          a.line.orderLineId.localeCompare(b.line.orderLineId),
      );
    const fullShares = new Map<BillEntry, number>();
    const fullShareOf = (e: BillEntry): number => {
      let v = fullShares.get(e);
      if (v === undefined) fullShares.set(e, (v = shareOf(e, parseMoney(e.source.amount))));
      return v;
    };
    /** Refunds of orders settled before `period` whose shares add up to at least `need` (the last one partial). */
    const pick = (currency: string, period: string, need: number, maxLines: number): RefundPlan[] | null => {
      const out: RefundPlan[] = [];
      let left = need;
      for (const e of candidates) {
        if (left <= 0 || out.length >= maxLines) break;
        if (e.currency !== currency || used.has(e.line.orderLineId) || e.period >= period) continue;
        const full = parseMoney(e.source.amount);
        const fullShare = fullShareOf(e);
        if (fullShare <= 0) continue;
        let a = full;
        if (fullShare > left) {
          a = Math.min(full, Math.max(1, Math.ceil((left / fullShare) * full)));
          while (a < full && shareOf(e, a) < left) a++;
          while (a > 1 && shareOf(e, a - 1) >= left) a--;
        }
        out.push({ entry: e, amountMinor: a, period });
        left -= shareOf(e, a);
      }
      return left <= 0 ? out : null;
    };
    const commit = (ps: RefundPlan[]): void => {
      for (const pl of ps) used.add(pl.entry.line.orderLineId);
      plans.push(...ps);
    };
    const budget = (): number => Math.max(0, opts.refunds - plans.length);
    const byLeastSettled = (c: string, ok: (i: number) => boolean): string[] =>
      periods
        .map((p, i) => [p, i] as const)
        .filter(([p, i]) => i > 0 && !special.has(p) && ok(i))
        .sort((a, b) => settled(a[0], c) - settled(b[0], c) || b[1] - a[1])
        .map(([p]) => p);

    // 3a. One month whose refunds exceed its settlement: the deposit pays 1000.00–2500.00 of them.
    let depositMonth: string | null = null;
    let depositLeft = account.depositMinor;
    if (account.depositMinor > 1) {
      const target = Math.min(account.depositMinor - 1, 100_000 + prng.int(0, 150_000));
      for (const p of byLeastSettled(account.depositCurrency, () => true)) {
        const s = settled(p, account.depositCurrency);
        const plan = budget() > 0 ? pick(account.depositCurrency, p, s + target, Math.min(3, budget())) : null;
        if (!plan) continue;
        commit(plan);
        depositMonth = p;
        depositLeft -= plan.reduce((t, pl) => t + shareOf(pl.entry, pl.amountMinor), 0) - s;
        break;
      }
    }
    // 3b. Another month whose refunds exceed its settlement and the deposit: the rest is owed by the seller. A currency
    // without a deposit first (the deposit is not touched again), else the deposit's currency after the month above.
    const owedTarget = 30_000 + prng.int(0, 50_000);
    let owedMonth: string | null = null;
    const depositIdx = depositMonth === null ? -1 : periods.indexOf(depositMonth);
    for (const c of ['CNY', 'USD'].sort(
      (a, b) => Number(a === account.depositCurrency) - Number(b === account.depositCurrency),
    )) {
      const withDeposit = c === account.depositCurrency;
      for (const p of byLeastSettled(c, (i) => !withDeposit || i > depositIdx)) {
        if (p === depositMonth || budget() === 0) continue;
        const plan = pick(
          c,
          p,
          settled(p, c) + (withDeposit ? Math.max(0, depositLeft) : 0) + owedTarget,
          Math.min(3, budget()),
        );
        if (!plan) continue;
        commit(plan);
        owedMonth = p;
        break;
      }
      if (owedMonth) break;
    }
    // 3c. The rest of the refunds: a part of an order, covered by a later month's settlement.
    const plannedIn = (p: string, c: string): number =>
      plans
        .filter((pl) => pl.period === p && pl.entry.currency === c)
        .reduce((t, pl) => t + shareOf(pl.entry, pl.amountMinor), 0);
    for (const e of [...candidates].reverse()) {
      if (budget() === 0) break;
      if (used.has(e.line.orderLineId)) continue;
      const amount = Math.min(
        parseMoney(e.source.amount),
        Math.max(1, Math.round((parseMoney(e.source.amount) * 0.3) / 100) * 100),
      );
      const share = shareOf(e, amount);
      const fits = periods.filter(
        (p) =>
          p > e.period &&
          !special.has(p) &&
          p !== depositMonth &&
          p !== owedMonth &&
          settled(p, e.currency) - plannedIn(p, e.currency) >= share,
      );
      if (fits.length === 0) continue;
      commit([{ entry: e, amountMinor: amount, period: prng.pick(fits) }]);
    }

    // 4. The refunds as UNSUBSCRIBE order lines, made on a day inside their month.
    let orderIndex = Number(store.meta('next_order_index') ?? '0');
    const timed = plans.map((pl) => {
      const start = billingPeriodStart(pl.period);
      const end = billingPeriodStart(nextBillingPeriod(pl.period));
      const lo = Math.max(start + DAY_MS, pl.entry.at + HOUR);
      const hi = Math.min(end - DAY_MS, baseMs - HOUR);
      const at =
        hi > lo
          ? roundSec(lo + prng.next() * (hi - lo))
          : Math.max(start, Math.min(end - 60_000, pl.entry.at + 60_000));
      return { pl, at };
    });
    timed.sort((a, b) => a.at - b.at || a.pl.entry.line.orderLineId.localeCompare(b.pl.entry.line.orderLineId));
    const refundLines = timed.map(({ pl, at }) => {
      const src = pl.entry.source;
      const orderId = orderIdFor(at, orderIndex++, seed);
      return orderLineSchema.parse({
        orderId,
        orderLineId: `${orderId}-000001`,
        orderType: 'UNSUBSCRIBE',
        status: 'COMPLETED',
        createTime: isoFromMs(at),
        productId: src.productId,
        productName: src.productName,
        skuCode: src.skuCode,
        chargingMode: src.chargingMode,
        periodType: src.periodType,
        periodNumber: src.periodNumber,
        amount: moneyToWire(pl.amountMinor),
        currency: src.currency,
        renewsOrderLineId: null,
        customer: src.customer,
        templateVersion: null,
        supervision: null,
        validity: null,
        version: 1,
        updateTime: isoFromMs(at),
      } satisfies WireOrderLine);
    });
    store.insertLines(refundLines, sellerId);
    store.setMeta('next_order_index', String(orderIndex));
    entries.push(...refundLines.flatMap((l) => entriesOfLine(l, undefined)));
    if (refundLines.length < opts.refunds && opts.files) {
      // Too few orders to refund: the start-up count is made up with more generated lines (before any bill exists).
      generateInto(store, opts.files, { seed, count: opts.refunds - refundLines.length, baseMs, sellerId });
      entries = collectEntries(store, sellerId);
    }

    // 5. The bills, month by month, as produced on the 7th of the following month (B2).
    const finalStatus = (i: number): BillStatus =>
      i === n - 1 ? 'PENDING_APPROVAL' : i === n - 2 ? 'APPROVED' : 'PAID';
    const delta = prng.pick([1, 2, 5, 10, 100]) * (prng.chance(0.5) ? 1 : -1);
    let bills = 0;
    periods.forEach((p, i) => {
      const due = billDueAt(p);
      const isRevised = p === revised;
      const wrongLine =
        p === wrongPeriod ? { deltaMinor: delta } : isRevised && late === null ? { deltaMinor: -delta } : undefined;
      const first = { sellerId, billingPeriod: p, now: due, entries, emptyBillCurrency: account.depositCurrency };
      bills += runBills(store, { ...first, status: isRevised ? 'PENDING_APPROVAL' : finalStatus(i), wrongLine }).bills
        .length;
      if (!isRevised) return;
      if (late) {
        // B5: the late consumption changes this month's bill; the rerun adds revision 2 with the changed line.
        const lateRecord = late;
        insertUsage(store, sellerId, [lateRecord]);
        const line = store.getLine(lateRecord.orderLineId)?.line;
        if (line)
          entries = entries
            .filter((e) => e.source.orderLineId !== lateRecord.orderLineId)
            .concat(entriesOfLine(line, usageOf(store, lateRecord.orderLineId)));
        bills += runBills(store, { sellerId, billingPeriod: p, now: due + 5 * DAY_MS, entries, status: finalStatus(i) })
          .bills.length;
      } else {
        bills += runBills(store, {
          sellerId,
          billingPeriod: p,
          now: due + 5 * DAY_MS,
          entries,
          status: finalStatus(i),
          correct: true,
        }).bills.length;
      }
    });
    return { bills, refundLines: refundLines.length, ms: performance.now() - started };
  });
}
