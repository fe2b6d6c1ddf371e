// Settlement bills read side (docs/rules.md B1–B5): the list, one bill with its explanation and revisions, its lines a
// page at a time, why an order line is (not) billed, reconciliation of every cached order line, and the monthly
// totals the chart draws. Opening a bill reads what was derived when it was archived (repo.ts), never all its lines;
// the CLI's `bills show` still explains the bill as received, whole.
import {
  BILL_DIFF_LIMIT,
  BILL_FLAGGED_LIMIT,
  BILL_REFUNDS_LIMIT,
  type BillCheck,
  type BillDetail,
  type BillDiff,
  type BillExplanation,
  type BillLinesPage,
  type BillRevisionInfo,
  type BillsMonthly,
  type BillSummary,
  type BillWhy,
  type BillWhyEntry,
  type MonthlySeries,
  type RevisionChange,
} from '../../common/api/contract-bills';
import { AppError } from '../../common/api/result';
import {
  attributionOf,
  billingPeriodOf,
  explainBill,
  explainTotals,
  formatBillingPeriod,
  MAX_SUM_TERMS,
  splitRefunds,
  unbilledReasons,
  type BillLineKind,
} from '../../common/domain/settlement';
import { marketDate } from '../../common/domain/time';
import { orderLine, type WireBill, type WireOrderLine } from '../../common/marketplace/wire';
import type { ReadDb } from '../db/connection';
import { getOrderLineRawJson } from '../orders/order-lines';
import { lineRow, sumsOf, type StoredBillLine } from './checks';
import { diffBills, revisionChange } from './diff';
import {
  billedLinesOf,
  billLinesByNo,
  billLinesRange,
  changeOf,
  depositBefore,
  earningAmounts,
  getBillRevision,
  latestAccount,
  latestRevisionOf,
  listBillRevisions,
  listLatestBills,
  listRevisionHeads,
  mismatchedLinesPage,
  monthlyTotals,
  producedPeriods,
  refundLines,
  revisionChanges,
  revisionChecks,
  revisionDiff,
  storedLineCount,
} from './repo';
import { parseStoredBill, toKind, type StoredRevision, type StoredRevisionHead } from './rows';

function summaryOf(rev: StoredRevisionHead, change: RevisionChange, revisionCount: number): BillSummary {
  return {
    billId: rev.billId,
    billingPeriod: rev.billingPeriod,
    currency: rev.currency,
    status: rev.status,
    revision: rev.revision,
    revisionCount,
    generatedAt: rev.generatedAt,
    receivedAt: rev.receivedAt,
    lineCount: rev.lineCount,
    totals: rev.totals,
    change,
  };
}

const infoOf = (r: StoredRevisionHead, change: RevisionChange): BillRevisionInfo => ({
  revision: r.revision,
  status: r.status,
  generatedAt: r.generatedAt,
  receivedAt: r.receivedAt,
  lineCount: r.lineCount,
  totals: r.totals,
  change,
});

/** `bills:list`: the latest revision of each bill, newest period first, with "revision N — what changed". */
export function listBills(db: ReadDb, filter: { period?: string; currency?: string } = {}): BillSummary[] {
  return listLatestBills(db, filter).map((row) => ({
    ...row,
    change: row.revisionCount === 1 ? revisionChange(row.revision, null) : changeOf(db, row.billId, row.revision),
  }));
}

function noRevision(billId: string, revision: number | undefined, stored: readonly number[]): AppError {
  return new AppError('not_found', `bill ${billId} has no revision ${revision ?? '?'} (stored: ${stored.join(', ')})`);
}

const lineRowOf = (l: StoredBillLine) => lineRow(l, toKind);

/** The lines a revision's checks flagged (they are few), `offset` … `offset + limit` of them in line order. */
function flaggedLines(
  db: ReadDb,
  billId: string,
  revision: number,
  mismatches: Array<[number, number]> | null,
  offset: number,
  limit: number,
): StoredBillLine[] {
  return mismatches
    ? billLinesByNo(
        db,
        billId,
        revision,
        mismatches.slice(offset, offset + limit).map(([lineNo]) => lineNo),
      )
    : mismatchedLinesPage(db, billId, revision, offset, limit);
}

/** B2a/B3 of one revision from its derived checks: the totals, the first refunds split, the first flagged lines. */
function checkOf(db: ReadDb, rev: StoredRevisionHead, depositBeforeMinor: number): BillCheck {
  const { billId, revision } = rev;
  const c = revisionChecks(db, billId, revision);
  const sums = sumsOf(c, () => earningAmounts(db, billId, revision, MAX_SUM_TERMS));
  const totals = explainTotals(rev.totals, sums, depositBeforeMinor);
  // The first N splits depend only on the refunds before them (B3 takes them in line order).
  const refunds = splitRefunds(
    refundLines(db, billId, revision, BILL_REFUNDS_LIMIT).map((r) => ({
      orderLineId: r.order_line_id,
      refundMinor: Math.abs(r.settlement_minor),
    })),
    sums.earningMinor,
    depositBeforeMinor,
  );
  const flagged = flaggedLines(db, billId, revision, c.mismatches, 0, BILL_FLAGGED_LIMIT).map(lineRowOf);
  return {
    allMatch: c.mismatchedLines === 0 && totals.every((t) => t.matches),
    totals,
    sums,
    mismatchedLines: c.mismatchedLines,
    flagged,
    refunds,
  };
}

/** At most BILL_DIFF_LIMIT lines of each kind: the counts are in the revision's change. */
function capDiff(d: BillDiff): BillDiff {
  return {
    ...d,
    added: d.added.slice(0, BILL_DIFF_LIMIT),
    removed: d.removed.slice(0, BILL_DIFF_LIMIT),
    changed: d.changed.slice(0, BILL_DIFF_LIMIT),
  };
}

/**
 * `bills:get`: one revision (the latest by default) explained (B2a, B3) without its lines — the totals' checks, the
 * first refunds split and the first flagged lines — with every revision and the diff. `bills:lines` pages the lines.
 */
export function getBill(db: ReadDb, billId: string, revision?: number): BillDetail {
  const heads = listRevisionHeads(db, billId);
  if (heads.length === 0) throw new AppError('not_found', `no bill ${billId} in the local archive`);
  const want = revision ?? latestRevisionOf(db, billId);
  const index = heads.findIndex((r) => r.revision === want);
  if (index < 0)
    throw noRevision(
      billId,
      revision,
      heads.map((r) => r.revision),
    );
  const rev = heads[index];
  const changes = revisionChanges(
    db,
    billId,
    heads.map((r) => r.revision),
  );
  const deposit = depositBefore(db, rev.currency, rev.generatedAt);
  const depositBeforeMinor = deposit?.depositMinor ?? 0;
  return {
    summary: summaryOf(rev, changes[index], heads.length),
    explanation: checkOf(db, rev, depositBeforeMinor),
    depositBeforeMinor,
    depositFetchedAt: deposit?.fetchedAt ?? null,
    revisions: heads.map((r, i) => infoOf(r, changes[i])),
    diff: index === 0 ? null : capDiff(revisionDiff(db, billId, rev.revision, heads[index - 1].revision)),
  };
}

/** `bills:lines`: lines `offset + 1 …` of a revision (the latest by default) in line order, each with its B2a check. */
export function billLines(
  db: ReadDb,
  q: { billId: string; revision?: number; offset: number; limit: number; onlyMismatched?: boolean },
): BillLinesPage {
  const revision = q.revision ?? latestRevisionOf(db, q.billId);
  if (revision === undefined) throw new AppError('not_found', `no bill ${q.billId} in the local archive`);
  const lineCount = storedLineCount(db, q.billId, revision);
  if (lineCount === undefined)
    throw noRevision(
      q.billId,
      revision,
      listRevisionHeads(db, q.billId).map((r) => r.revision),
    );
  if (q.onlyMismatched) {
    const c = revisionChecks(db, q.billId, revision);
    return {
      revision,
      total: c.mismatchedLines,
      rows: flaggedLines(db, q.billId, revision, c.mismatches, q.offset, q.limit).map(lineRowOf),
    };
  }
  return { revision, total: lineCount, rows: billLinesRange(db, q.billId, revision, q.offset, q.limit).map(lineRowOf) };
}

/** One bill revision as received and explained whole (every line's B2a check): what `bills show` prints. */
export interface BillAsReceived {
  summary: BillSummary;
  /** The revision asked for, exactly as received (the stored JSON, parsed). */
  raw: unknown;
  /** The same, checked against the wire schema (marketplace field names). */
  bill: WireBill;
  explanation: BillExplanation;
  depositBeforeMinor: number;
  depositFetchedAt: number | null;
  revisions: BillRevisionInfo[];
  diff: BillDiff | null;
}

/** Revision i of a bill's stored revisions (oldest first) with "what changed" against revision i−1. */
function revisionInfos(revs: readonly StoredRevision[]): BillRevisionInfo[] {
  const bills = revs.map((r) => parseStoredBill(r.rawJson));
  return revs.map((r, i) => infoOf(r, revisionChange(r.revision, i === 0 ? null : diffBills(bills[i - 1], bills[i]))));
}

/**
 * The CLI's `bills show`: one revision (the latest by default) as received, explained whole (B2a, B3), with every
 * revision and the diff.
 */
export function getBillAsReceived(db: ReadDb, billId: string, revision?: number): BillAsReceived {
  const revs = listBillRevisions(db, billId);
  if (revs.length === 0) throw new AppError('not_found', `no bill ${billId} in the local archive`);
  const latest = getBillRevision(db, billId);
  const index = revs.findIndex((r) => r.revision === (revision ?? latest?.revision));
  if (index < 0)
    throw noRevision(
      billId,
      revision,
      revs.map((r) => r.revision),
    );
  const rev = revs[index];
  const infos = revisionInfos(revs);
  const bill = parseStoredBill(rev.rawJson);
  const deposit = depositBefore(db, rev.currency, rev.generatedAt);
  const depositBeforeMinor = deposit?.depositMinor ?? 0;
  return {
    summary: summaryOf(rev, infos[index].change, revs.length),
    raw: JSON.parse(rev.rawJson) as unknown,
    bill,
    explanation: explainBill(bill, depositBeforeMinor),
    depositBeforeMinor,
    depositFetchedAt: deposit?.fetchedAt ?? null,
    revisions: infos,
    diff: index === 0 ? null : diffBills(parseStoredBill(revs[index - 1].rawJson), bill),
  };
}

const KIND_WHY: Record<BillLineKind, string> = {
  purchase:
    'B1: a purchase is attributed to when it is enabled (a supervised new order: to when its supervision completes)',
  renewal: 'B1: a renewal is attributed to when the renewed product or service is enabled',
  payPerUse: 'B1: pay-per-use is attributed by the actual consumption time',
  refund: 'B3: a refund is deducted from the settlement of the month it is made',
};

/** The cached order line as received, checked with the wire schema; null when not cached (or not readable). */
export function cachedWireLine(db: ReadDb, orderLineId: string): WireOrderLine | null {
  const raw = getOrderLineRawJson(db, orderLineId);
  if (raw === null) return null;
  const r = orderLine.safeParse(JSON.parse(raw));
  return r.success ? r.data : null;
}

/** `bills:why`: the bills (latest revisions) that carry an order line and why then (B1); if none, every B4 reason. */
export function whyBilled(db: ReadDb, orderLineId: string, now: number): BillWhy {
  const line = cachedWireLine(db, orderLineId);
  const billed = billedLinesOf(db, orderLineId);
  if (!line && billed.length === 0)
    throw new AppError('not_found', `no order line ${orderLineId} in the local cache or on any stored bill`);
  const attribution = line ? attributionOf(line) : null;
  const bills: BillWhyEntry[] = billed.map((b) => {
    const base = attribution && attribution.kind === b.kind ? attribution.why : KIND_WHY[b.kind];
    return {
      billId: b.billId,
      revision: b.revision,
      billingPeriod: b.billingPeriod,
      currency: b.currency,
      kind: b.kind,
      attributedAt: b.attributedAt,
      settlementAmountMinor: b.settlementMinor,
      why: `${base}; the marketplace attributed it to ${marketDate(b.attributedAt)} (UTC+8), so it is on the bill for ${formatBillingPeriod(b.billingPeriod)}`,
    };
  });
  const reasons =
    line && bills.length === 0
      ? unbilledReasons({
          line,
          businessInfoCertified: latestAccount(db)?.businessInfoCertified ?? null,
          now,
          producedPeriods: producedPeriods(db, line.currency),
        })
      : [];
  return { orderLineId, billed: bills.length > 0, bills, reasons, attribution, cached: line !== null };
}

/** The `count` periods ending with the one `now` falls in (UTC+8), oldest first. */
export function lastPeriods(now: number, count: number): string[] {
  const out: string[] = [];
  let period = billingPeriodOf(now);
  for (let i = 0; i < count; i++) {
    out.unshift(period);
    const y = Number(period.slice(0, 4));
    const m = Number(period.slice(4, 6));
    period = m === 1 ? `${y - 1}12` : `${y}${String(m - 1).padStart(2, '0')}`;
  }
  return out;
}

/** `bills:monthly`: per currency and month (latest revisions), refunds and deposit deductions as negatives. */
export function monthly(db: ReadDb, months: number, now: number): BillsMonthly {
  const periods = lastPeriods(now, months);
  const rows = monthlyTotals(db, periods[0], periods[periods.length - 1]);
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const series: MonthlySeries[] = currencies.map((currency) => ({
    currency,
    points: periods.map((billingPeriod) => {
      const r = rows.find((x) => x.currency === currency && x.billing_period === billingPeriod);
      return {
        billingPeriod,
        settlementMinor: r?.settlement_minor ?? 0,
        refundDeductionsMinor: 0 - (r?.refund_deductions_minor ?? 0), // 0 − x: never −0
        depositDeductionsMinor: 0 - (r?.deposit_deductions_minor ?? 0),
        netPayableMinor: r?.net_payable_minor ?? 0,
        bills: r?.bills ?? 0,
      };
    }),
  }));
  return { periods, series };
}
