// What the Bills page shows, as pure functions (docs/rules.md B1–B5): "revision N — what changed" in words, the
// totals' B2a/B3 formulas with their numbers, the B4 reasons in words, why a line was attributed (B1), the monthly
// chart's numbers, and the announcement of new bills. Money stays in minor units until it is written (O3); periods
// and marketplace dates are UTC+8 (O4).
import type {
  BillChange,
  BillCheck,
  BillLineKind,
  BillsMonthly,
  BillTotalField,
  NotBillableCode,
  ReconciliationQuery,
  ReconciliationRow,
  ReconciliationState,
  RevisionChange,
  UnbilledReason,
  UnbilledReasonCode,
} from '../../common/api/contract-bills';
import type { RECONCILIATION_STAGES } from '../../common/api/contract-bills';
import { formatMoney, moneyToWire } from '../../common/domain/money';
import { billDueAt, formatBillingPeriod, type TotalCheck } from '../../common/domain/settlement';
import { marketDate } from '../../common/domain/time';
import type { Stage } from '../../common/marketplace/wire';
import type { Translate } from '../i18n/translate';

export type ReasonCode = UnbilledReasonCode | NotBillableCode;

/** "202504" → "2025-04" (a UTC+8 month, B2). */
export const periodLabel = formatBillingPeriod;

/** A month input's "2025-04" → "202504"; null for anything else (empty = no filter). */
export function periodFromMonthInput(value: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value.trim());
  return m ? `${m[1]}${m[2]}` : null;
}

/** "202504" → "2025-04" for a month input. */
export function monthInputFromPeriod(period: string | null | undefined): string {
  return period ? formatBillingPeriod(period) : '';
}

/** B5: "revision 2 — 1 line added; totals moved: Settlement amount, Net payable; status Pending approval → Paid". */
export function revisionSummary(change: RevisionChange, t: Translate): string {
  const revision = t('bills.revisionN', { n: change.revision });
  if (change.previousRevision === null) return t('bills.change.summary', { revision, what: t('bills.change.first') });
  const parts: string[] = [];
  if (change.linesAdded > 0) parts.push(t('bills.change.added', { n: change.linesAdded }));
  if (change.linesRemoved > 0) parts.push(t('bills.change.removed', { n: change.linesRemoved }));
  if (change.linesChanged > 0) parts.push(t('bills.change.changed', { n: change.linesChanged }));
  if (change.totalsChanged.length > 0) {
    parts.push(
      t('bills.change.totals', {
        fields: change.totalsChanged.map((f) => t(`bills.total.${f}`)).join(t('bills.listSep')),
      }),
    );
  }
  if (change.status)
    parts.push(
      t('bills.change.status', {
        from: t(`bills.status.${change.status.from}`),
        to: t(`bills.status.${change.status.to}`),
      }),
    );
  const what = parts.length > 0 ? parts.join(t('bills.change.sep')) : t('bills.change.none');
  return t('bills.change.summary', { revision, what });
}

const w = moneyToWire;
/** Up to this many terms a sum is written out term by term (as main's explanation does). */
export const MAX_SUM_TERMS = 6;

/**
 * B2a/B3: how each total is computed, with the bill's own numbers filled in and the result B2a/B3 give — the same
 * arithmetic as the explanation main sent (common/domain/settlement.ts explainTotals), in the UI's language.
 */
export function totalFormula(
  field: BillTotalField,
  explanation: Pick<BillCheck, 'totals' | 'sums'>,
  depositBeforeMinor: number,
  t: Translate,
): string {
  const expected = (f: BillTotalField): number => explanation.totals.find((x) => x.field === f)?.expectedMinor ?? 0;
  const result = w(expected(field));
  const { sums } = explanation;
  const settlement = sums.earningMinor;
  const refunds = sums.refundMinor;
  // What B3 took from the settlement and from the deposit: the expected refund and deposit deductions.
  const fromSettlement = expected('refundDeductions');
  const fromDeposit = expected('depositDeductions');
  switch (field) {
    case 'settlementAmount':
      if (sums.earningLines === 0) return t('bills.formula.noLines');
      if (sums.earningTermsMinor === null || sums.earningLines > MAX_SUM_TERMS)
        return t('bills.formula.sumOf', { n: sums.earningLines, total: result });
      return `${sums.earningTermsMinor.map((a) => (a < 0 ? `(${w(a)})` : w(a))).join(' + ')} = ${result}`;
    case 'refundDeductions':
      return t('bills.formula.refundDeductions', {
        refunds: w(refunds),
        settlement: w(Math.max(0, settlement)),
        result,
      });
    case 'depositDeductions':
      return t('bills.formula.depositDeductions', {
        refunds: w(refunds),
        fromSettlement: w(fromSettlement),
        deposit: w(Math.max(0, depositBeforeMinor)),
        result,
      });
    case 'owedBySeller':
      return `${w(refunds)} − ${w(fromSettlement)} − ${w(fromDeposit)} = ${result}`;
    case 'netPayable':
      return `${w(settlement)} − ${w(fromSettlement)} = ${result}`;
  }
}

export function mismatchedTotals(explanation: Pick<BillCheck, 'totals'>): TotalCheck[] {
  return explanation.totals.filter((x) => !x.matches);
}

/** Minor units with a sign always shown: "+4.19", "-1.00", "0.00". */
export function signedAmount(minor: number): string {
  return minor > 0 ? `+${w(minor)}` : w(minor);
}

// ---------------------------------------------------------------------------------------------- B4 in words

export interface ReasonContext {
  status?: string;
  stage?: Stage | string | null;
  /** The period the line is attributed to (B1), when known. */
  billingPeriod?: string | null;
  /** not_in_effect: when it takes effect; bill_not_produced_yet: when the bill is due (B2). */
  dueAt?: number;
}

/** One B4 reason (or why a line is never billed) in the UI's language, with what is known filled in. */
export function reasonText(code: ReasonCode, ctx: ReasonContext, t: Translate, now: number): string {
  switch (code) {
    case 'payment_not_completed':
      return t('bills.reason.payment_not_completed', {
        status: ctx.status ? t(`orderStatus.${ctx.status as 'PROCESSING'}`) : '—',
      });
    case 'supervision_not_completed':
      return t('bills.reason.supervision_not_completed', { stage: ctx.stage ? t(`stage.${ctx.stage as Stage}`) : '—' });
    case 'not_in_effect':
      return ctx.dueAt !== undefined
        ? t('bills.reason.not_in_effect_on', { date: marketDate(ctx.dueAt) })
        : t('bills.reason.not_in_effect');
    case 'bill_not_produced_yet': {
      if (!ctx.billingPeriod) return t('bills.reason.bill_not_produced_yet');
      const due = ctx.dueAt ?? billDueAt(ctx.billingPeriod);
      const params = { period: periodLabel(ctx.billingPeriod), date: marketDate(due) };
      return due > now ? t('bills.reason.bill_due', params) : t('bills.reason.bill_not_received', params);
    }
    default:
      return t(`bills.reason.${code}`);
  }
}

/** Every reason of a reconciliation row, in words (the row's stage, status and period fill them in). */
export function rowReasons(
  row: Pick<ReconciliationRow, 'reasons' | 'status' | 'stage' | 'billingPeriod'>,
  t: Translate,
  now: number,
): string[] {
  return row.reasons.map((code) =>
    reasonText(code, { status: row.status, stage: row.stage, billingPeriod: row.billingPeriod }, t, now),
  );
}

/** A reason from `bills:why` (it carries its own stage, period and dates). */
export function unbilledReasonText(reason: UnbilledReason, status: string, t: Translate, now: number): string {
  return reasonText(
    reason.code,
    { status, stage: reason.stage ?? null, billingPeriod: reason.billingPeriod ?? null, dueAt: reason.dueAt },
    t,
    now,
  );
}

/** B1 (B3 for refunds): why a line of this kind is attributed when it is, in words. */
export function attributionWhy(kind: BillLineKind, supervised: boolean, t: Translate): string {
  if (kind === 'purchase' && supervised) return t('bills.why.purchaseSupervised');
  return t(`bills.why.${kind}`);
}

// ---------------------------------------------------------------------------------------------- the chart

export interface ChartSeries {
  currency: string;
  /** One value per period, in minor units: what is paid (≥ 0). */
  net: number[];
  /** ≤ 0: refunds deducted from the settlement (B3). */
  refunds: number[];
  /** ≤ 0: refunds deducted from the deposit (B3). */
  deposit: number[];
}

export interface ChartData {
  periods: string[];
  series: ChartSeries[];
  /** Some month of some currency has a bill. */
  hasBills: boolean;
}

/** `bills:monthly` → per currency, net payable above zero and the two deductions below it, aligned on `periods`. */
export function monthlyChartData(monthly: BillsMonthly): ChartData {
  let hasBills = false;
  const series = monthly.series.map((s): ChartSeries => {
    const byPeriod = new Map(s.points.map((p) => [p.billingPeriod, p]));
    const at = (period: string) => byPeriod.get(period);
    for (const p of s.points) if (p.bills > 0) hasBills = true;
    return {
      currency: s.currency,
      net: monthly.periods.map((p) => at(p)?.netPayableMinor ?? 0),
      // 0 − x: a month without deductions is 0, never −0.
      refunds: monthly.periods.map((p) => 0 - Math.abs(at(p)?.refundDeductionsMinor ?? 0)),
      deposit: monthly.periods.map((p) => 0 - Math.abs(at(p)?.depositDeductionsMinor ?? 0)),
    };
  });
  return { periods: monthly.periods, series, hasBills };
}

// ---------------------------------------------------------------------------------------------- announcements

/** A `bills:changed` event in words: one bill or revision by id, or how many of each. */
export function billChangeText(changes: readonly BillChange[], t: Translate): { title: string; text: string } {
  const fresh = changes.filter((c) => c.isNew);
  const revised = changes.filter((c) => !c.isNew);
  if (changes.length === 1) {
    const c = changes[0];
    return {
      title: c.isNew ? t('bills.toast.new') : t('bills.toast.revised'),
      text: t('bills.toast.one', {
        id: c.billId,
        period: periodLabel(c.billingPeriod),
        currency: c.currency,
        revision: c.revision,
      }),
    };
  }
  const parts = [
    fresh.length > 0 ? t('bills.toast.newCount', { n: fresh.length }) : null,
    revised.length > 0 ? t('bills.toast.revisedCount', { n: revised.length }) : null,
  ];
  return {
    title: fresh.length > 0 ? t('bills.toast.new') : t('bills.toast.revised'),
    text: parts.filter(Boolean).join(t('bills.listSep')),
  };
}

// ---------------------------------------------------------------------------------------------- reconciliation filters

export type ReconStage = (typeof RECONCILIATION_STAGES)[number];

/** What the reconciliation's filter bar holds (B4): as typed, before it becomes a query. */
export interface ReconFilters {
  states: ReconciliationState[];
  stages: ReconStage[];
  /** A month input's value, "YYYY-MM" (UTC+8), or "" for every period. */
  month: string;
  currency: '' | 'CNY' | 'USD';
  orderNo: string;
  customer: string;
}

export const EMPTY_RECON_FILTERS: ReconFilters = {
  states: [],
  stages: [],
  month: '',
  currency: '',
  orderNo: '',
  customer: '',
};

export type ReconFilterQuery = Omit<ReconciliationQuery, 'offset' | 'limit'>;

/** The filters as a `bills:reconciliation` query (empty ones left out); `month` that is not a month is an error. */
export function reconQuery(f: ReconFilters): { query: ReconFilterQuery; monthInvalid: boolean } {
  const period = f.month.trim() === '' ? null : periodFromMonthInput(f.month);
  const query: ReconFilterQuery = {};
  if (f.states.length > 0) query.states = [...f.states].sort();
  if (f.stages.length > 0) query.stages = [...f.stages].sort();
  if (period) query.period = period;
  if (f.currency) query.currency = f.currency;
  if (f.orderNo.trim()) query.orderNo = f.orderNo.trim();
  if (f.customer.trim()) query.customer = f.customer.trim();
  return { query, monthInvalid: f.month.trim() !== '' && period === null };
}

/** One key per distinct query (what the table shows is refetched when it changes). */
export const reconKey = (q: ReconFilterQuery): string => JSON.stringify(q);

export function hasReconFilters(f: ReconFilters): boolean {
  return reconKey(reconQuery(f).query) !== '{}';
}

// ---------------------------------------------------------------------------------------------- display

/** O4: the marketplace's zone (UTC+8, no daylight saving) for instants the bills show with a "UTC+8" label. */
export const MARKET_TIME_ZONE = 'Asia/Shanghai';

/** Minor units as "1,234.56" / "-0.05" (O3) — for columns whose header names the currency. */
export function plainAmount(minor: number, locale: string): string {
  return formatMoney(minor, '', locale).trim();
}
