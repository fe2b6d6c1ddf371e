// `bills:reconciliation` (docs/rules.md B1, B4): every cached order line as billed (on the latest revision of a
// bill), unbilled (with every B4 reason that holds) or not billable, with filters, totals of what is filtered, paged.
// Today the B1/B4 judgement runs over the SQL-filtered lines in this process (it needs each line's raw JSON); the
// page is cut after it.
import type {
  NotBillableCode,
  ReconciliationPage,
  ReconciliationQueryParsed,
  ReconciliationRow,
  ReconciliationState,
  ReconciliationTotals,
} from '../../common/api/contract-bills';
import { attributionOf, billingPeriodOf, unbilledReasons } from '../../common/domain/settlement';
import {
  ORDER_STATUSES,
  orderLine,
  STAGES,
  type OrderStatus,
  type Stage,
  type WireOrderLine,
} from '../../common/marketplace/wire';
import type { ReadDb } from '../db/connection';
import { billedLinesByOrderLine, iterateReconLines, latestAccount, producedPeriods, type ReconLineRowDb } from './repo';

const NOT_BILLABLE_MESSAGE: Record<NotBillableCode, string> = {
  canceled: 'The order was canceled; nothing is settled.',
  free: "The order line's amount is 0.00; nothing is settled.",
  closed_before_completion: 'Supervision ended closed (unsubscribed) before it completed; nothing was settled.',
};

/**
 * Lines that never reach a bill — decided here: a canceled order, a zero amount (e.g. a free trial), and a supervised
 * line closed before its supervision completed (S5c: its money goes back to the customer; B3 applies only to a line
 * already settled).
 */
export function notBillable(line: WireOrderLine): NotBillableCode | null {
  if (line.status === 'CANCELED') return 'canceled';
  if (/^-?0+\.00$/.test(line.amount)) return 'free';
  if (line.supervision?.stage === 'closed' && line.supervision.acceptedAt === null) return 'closed_before_completion';
  return null;
}

const toStage = (s: string | null): Stage | null => STAGES.find((x) => x === s) ?? null;
const toStatus = (s: string): OrderStatus => ORDER_STATUSES.find((x) => x === s) ?? 'PROCESSING';

function emptyTotals(): ReconciliationTotals {
  return { lines: 0, byState: { billed: 0, unbilled: 0, not_billable: 0 }, byCurrency: [] };
}

export function reconcile(db: ReadDb, q: ReconciliationQueryParsed, now: number): ReconciliationPage {
  const billed = billedLinesByOrderLine(db);
  const certified = latestAccount(db)?.businessInfoCertified ?? null;
  const produced = new Map<string, ReadonlySet<string>>();
  const producedFor = (currency: string) => {
    let set = produced.get(currency);
    if (!set) produced.set(currency, (set = producedPeriods(db, currency)));
    return set;
  };
  const states = q.states ? new Set<ReconciliationState>(q.states) : null;
  const stages = q.stages ? new Set<string>(q.stages) : null;
  const totals = emptyTotals();
  const rows: ReconciliationRow[] = [];
  let matched = 0;

  const rowOf = (r: ReconLineRowDb): ReconciliationRow | null => {
    const parsed = orderLine.safeParse(JSON.parse(r.raw_json));
    const line = parsed.success ? parsed.data : null;
    const base = {
      orderLineId: r.order_line_id,
      orderId: r.order_id,
      productName: r.product_name,
      customerName: r.customer_name,
      amountMinor: r.amount_minor,
      currency: r.currency,
      status: toStatus(r.status),
      stage: toStage(r.stage),
      placedAt: r.placed_at,
    };
    const b = billed.get(r.order_line_id);
    if (b) {
      return {
        ...base,
        state: 'billed',
        kind: b.kind,
        billingPeriod: b.billingPeriod,
        billId: b.billId,
        revision: b.revision,
        settlementAmountMinor: b.settlementMinor,
        reasons: [],
        reason: null,
      };
    }
    if (!line) return null; // a cached line the schema no longer reads: nothing to judge it by
    const attribution = attributionOf(line);
    const nb = notBillable(line);
    if (nb) {
      // No period: it never reaches one.
      return {
        ...base,
        state: 'not_billable',
        kind: attribution.kind,
        billingPeriod: null,
        billId: null,
        revision: null,
        settlementAmountMinor: null,
        reasons: [nb],
        reason: NOT_BILLABLE_MESSAGE[nb],
      };
    }
    const reasons = unbilledReasons({
      line,
      businessInfoCertified: certified,
      now,
      producedPeriods: producedFor(line.currency),
    });
    const period = attribution.at === null ? null : billingPeriodOf(attribution.at);
    return {
      ...base,
      state: 'unbilled',
      kind: attribution.kind,
      billingPeriod: period,
      billId: null,
      revision: null,
      settlementAmountMinor: null,
      reasons: reasons.map((x) => x.code),
      reason: reasons[0]?.message ?? null,
    };
  };

  const filter = { currency: q.currency ?? null, orderNo: q.orderNo || null, customer: q.customer || null };
  for (const r of iterateReconLines(db, filter)) {
    if (stages && !stages.has(r.stage ?? 'none')) continue;
    const row = rowOf(r);
    if (!row) continue;
    if (states && !states.has(row.state)) continue;
    if (q.period && row.billingPeriod !== q.period) continue;
    if (matched >= q.offset && rows.length < q.limit) rows.push(row);
    matched++;
    totals.lines++;
    totals.byState[row.state]++;
    let c = totals.byCurrency.find((x) => x.currency === row.currency);
    if (!c)
      totals.byCurrency.push((c = { currency: row.currency, lines: 0, amountMinor: 0, settlementAmountMinor: 0 }));
    c.lines++;
    c.amountMinor += row.amountMinor;
    c.settlementAmountMinor += row.settlementAmountMinor ?? 0;
  }
  totals.byCurrency.sort((a, b) => a.currency.localeCompare(b.currency));
  return { rows, total: matched, totals };
}
