// Settlement bills' channels and events (docs/rules.md B1–B5), declared once like contract.ts, which spreads them in.
// Money is integer minor units (O3), instants UTC ms (O4); the bill as received keeps the marketplace's field names.
import { z } from 'zod';
import { currency, STAGES, type Stage, type WireBill, type WireOrderLine } from '../marketplace/wire';
import type {
  BillLineKind,
  BillSums,
  BillTotalField,
  RefundSplit,
  TotalCheck,
  UnbilledReason,
  UnbilledReasonCode,
} from '../domain/settlement';
import { channel, result } from './channel';

export type {
  BillExplanation,
  BillLineKind,
  BillSums,
  BillTotalField,
  RefundSplit,
  TotalCheck,
  UnbilledReason,
  UnbilledReasonCode,
} from '../domain/settlement';

export type BillStatus = WireBill['status'];
/** A bill's five totals (B2) in minor units, keyed like the wire's `totals`. */
export type BillTotalsMinor = Record<BillTotalField, number>;

/** "revision N — what changed" against revision N−1 (B5). */
export interface RevisionChange {
  revision: number;
  /** null for the first revision received. */
  previousRevision: number | null;
  linesAdded: number;
  linesRemoved: number;
  linesChanged: number;
  totalsChanged: BillTotalField[];
  status: { from: BillStatus; to: BillStatus } | null;
  /** English, e.g. "revision 2 — 1 line added; net payable 1049.87 → 0.00" or "revision 1 — first received". */
  summary: string;
}

/** One bill (its latest stored revision unless said otherwise) in a list. */
export interface BillSummary {
  billId: string;
  billingPeriod: string;
  currency: string;
  status: BillStatus;
  revision: number;
  /** Revisions stored for this bill. */
  revisionCount: number;
  generatedAt: number;
  /** When this revision was first received. */
  receivedAt: number;
  lineCount: number;
  totals: BillTotalsMinor;
  change: RevisionChange;
}

export interface BillRevisionInfo {
  revision: number;
  status: BillStatus;
  generatedAt: number;
  receivedAt: number;
  lineCount: number;
  totals: BillTotalsMinor;
  change: RevisionChange;
}

export const BILL_LINE_FIELDS = [
  'kind',
  'attributedAt',
  'salesAmount',
  'customerWithholdingTax',
  'platformFeeRatio',
  'sellerTaxes',
  'settlementAmount',
] as const;
export type BillLineField = (typeof BILL_LINE_FIELDS)[number];

export interface BillLineRef {
  /** 1-based position in its revision. */
  lineNo: number;
  orderId: string;
  orderLineId: string;
  kind: BillLineKind;
  settlementAmountMinor: number;
}

export interface BillLineChange {
  orderId: string;
  orderLineId: string;
  kind: BillLineKind;
  lineNoBefore: number;
  lineNoAfter: number;
  /** Wire values (decimal strings, ratios, RFC 3339 instants) before and after. */
  fields: Array<{ field: BillLineField; before: string; after: string }>;
  settlementDeltaMinor: number;
}

/** Revision N−1 → N of one bill (B5): lines added, removed, changed; totals and status that moved. */
export interface BillDiff {
  billId: string;
  fromRevision: number;
  toRevision: number;
  added: BillLineRef[];
  removed: BillLineRef[];
  changed: BillLineChange[];
  totals: Array<{ field: BillTotalField; beforeMinor: number; afterMinor: number }>;
  status: { from: BillStatus; to: BillStatus } | null;
}

/** The seller's account as last fetched (docs/marketplace-api.md "Reference data"). */
export interface AccountSnapshot {
  sellerId: string;
  sellerName: string;
  businessInfoCertified: boolean;
  depositMinor: number;
  depositCurrency: string;
  fetchedAt: number;
}

/** One line of a bill revision with its B2a check (`bills:lines`, and the flagged lines of `bills:get`). */
export interface BillLineRow {
  /** 1-based position in its revision. */
  lineNo: number;
  orderId: string;
  orderLineId: string;
  kind: BillLineKind;
  /** B1, UTC ms. */
  attributedAt: number;
  salesAmountMinor: number;
  customerWithholdingTaxMinor: number;
  /** As received: exact only as a decimal string. */
  platformFeeRatio: string;
  sellerTaxesMinor: number;
  settlementAmountMinor: number;
  /** B2a. */
  expectedSettlementMinor: number;
  matches: boolean;
  /** B2a with the line's numbers filled in, e.g. "(1000.00 − 0.00) × (1 − 0.20) − 0.00 = 800.00". */
  formula: string;
}

/**
 * At most this many flagged lines (not matching B2a) come with `bills:get`; `bills:lines` pages through all of them.
 */
export const BILL_FLAGGED_LIMIT = 50;
/** At most this many B3 refund splits come with `bills:get` (the totals cover every refund). */
export const BILL_REFUNDS_LIMIT = 200;
/** At most this many lines of each kind (added, removed, changed) of the diff come with `bills:get`. */
export const BILL_DIFF_LIMIT = 200;
/** `bills:lines` answers at most this many lines a call. */
export const BILL_LINES_MAX = 500;

/** B2a/B3 of one revision without its lines: what opening a bill needs (the lines are paged with `bills:lines`). */
export interface BillCheck {
  /** Every line matches B2a and every total matches B2a/B3. */
  allMatch: boolean;
  /** The five totals against what B2a/B3 give, with their formulas. */
  totals: TotalCheck[];
  /** What the totals were recomputed from. */
  sums: BillSums;
  /** Lines whose settlement amount is not what B2a gives. */
  mismatchedLines: number;
  /** The first BILL_FLAGGED_LIMIT of them, in line order. */
  flagged: BillLineRow[];
  /**
   * B3 per refund in line order against `depositBeforeMinor`: the first BILL_REFUNDS_LIMIT (sums.refundLines in all).
   */
  refunds: RefundSplit[];
}

export interface BillDetail {
  summary: BillSummary;
  /** B2a on the lines (counted, the first flagged), on the totals, B3 per refund, against `depositBeforeMinor`. */
  explanation: BillCheck;
  /** The deposit in the bill's currency the B3 split started from (the account snapshot; 0 when none is known). */
  depositBeforeMinor: number;
  /** When that deposit was fetched; null when no account snapshot in the bill's currency exists. */
  depositFetchedAt: number | null;
  /** Every stored revision, oldest first. */
  revisions: BillRevisionInfo[];
  /**
   * Against the previous stored revision; null for the first. Each list holds at most BILL_DIFF_LIMIT lines
   * (summary.change counts them all).
   */
  diff: BillDiff | null;
}

/** A page of a revision's lines in line order (only those not matching B2a when asked). */
export interface BillLinesPage {
  /** The revision the lines are of (the latest when none was asked for). */
  revision: number;
  rows: BillLineRow[];
  /** Lines in the revision (or mismatching lines, when only those were asked for). */
  total: number;
}

export interface BillWhyEntry {
  billId: string;
  revision: number;
  billingPeriod: string;
  currency: string;
  kind: BillLineKind;
  attributedAt: number;
  settlementAmountMinor: number;
  /** B1: why this instant (English). */
  why: string;
}

export interface BillWhy {
  orderLineId: string;
  /** On the latest revision of at least one bill. */
  billed: boolean;
  bills: BillWhyEntry[];
  /** B4, when not billed: every reason that holds from what the app knows (empty when billed). */
  reasons: UnbilledReason[];
  /** B1 from the cached order line; null when the line is not cached. */
  attribution: { kind: BillLineKind; at: number | null; why: string } | null;
  /** The order line is in the local cache. */
  cached: boolean;
}

export const RECONCILIATION_STATES = ['billed', 'unbilled', 'not_billable'] as const;
export type ReconciliationState = (typeof RECONCILIATION_STATES)[number];
/** 'none' = not supervised (S6). */
export const RECONCILIATION_STAGES = [...STAGES, 'none'] as const;

export interface ReconciliationRow {
  orderLineId: string;
  orderId: string;
  productName: string;
  customerName: string;
  amountMinor: number;
  currency: string;
  status: WireOrderLine['status'];
  stage: Stage | null;
  placedAt: number;
  state: ReconciliationState;
  kind: BillLineKind;
  /** The bill's period when billed, else the B1 period when known. */
  billingPeriod: string | null;
  billId: string | null;
  revision: number | null;
  settlementAmountMinor: number | null;
  /** B4 codes (unbilled), or the not-billable code. */
  reasons: Array<UnbilledReasonCode | NotBillableCode>;
  /** The first reason in English; null when billed. */
  reason: string | null;
}

export const NOT_BILLABLE_CODES = ['canceled', 'free', 'closed_before_completion'] as const;
export type NotBillableCode = (typeof NOT_BILLABLE_CODES)[number];

export interface ReconciliationTotals {
  lines: number;
  byState: Record<ReconciliationState, number>;
  byCurrency: Array<{ currency: string; lines: number; amountMinor: number; settlementAmountMinor: number }>;
}

export interface ReconciliationPage {
  rows: ReconciliationRow[];
  /** Lines matching the filters. */
  total: number;
  totals: ReconciliationTotals;
}

export interface MonthlyPoint {
  billingPeriod: string;
  settlementMinor: number;
  /** ≤ 0. */
  refundDeductionsMinor: number;
  /** ≤ 0. */
  depositDeductionsMinor: number;
  netPayableMinor: number;
  bills: number;
}

export interface MonthlySeries {
  currency: string;
  points: MonthlyPoint[];
}

export interface BillsMonthly {
  /** The months shown, oldest first (YYYYMM). */
  periods: string[];
  series: MonthlySeries[];
}

/** A bill or a revision stored by a pull. */
export interface BillChange {
  billId: string;
  revision: number;
  billingPeriod: string;
  currency: string;
  /** The first revision of this bill the app has. */
  isNew: boolean;
}

export interface BillsEvents {
  'bills:changed': { bills: BillChange[] };
  /** A running export (B5) wrote `done` of `total` rows; `exportId` is the one the request carried. */
  'bills:export-progress': BillExportProgress;
  /** A desktop notification about bills was clicked (Electron): show that bill (null: several — the Bills page). */
  'bills:open': { billId: string | null };
}

export const BILL_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type BillExportFormat = (typeof BILL_EXPORT_FORMATS)[number];

export interface BillExportProgress {
  exportId: string;
  done: number;
  /** 0 when not known. */
  total: number;
}

/**
 * Where an export went (B5). Electron asks for the place; the browser host writes under the profile's exports folder
 * and also hands the bytes over for a browser download (null when too large).
 */
export interface BillExportResult {
  canceled: boolean;
  /** The file written; null when canceled. */
  path: string | null;
  fileName: string;
  bytes: number;
  /** Data rows written (bill lines, or reconciliation rows). */
  rows: number;
  download: { fileName: string; contentType: string; dataBase64: string } | null;
  /** `bills:export`: the revision exported (the latest when none was asked for); absent for the reconciliation. */
  bill?: { billId: string; revision: number; billingPeriod: string };
}

const period = z.string().regex(/^\d{4}(0[1-9]|1[0-2])$/, 'expected a billing period YYYYMM');
const id = (what: string) => z.string().trim().min(1, `the ${what} is required`).max(100);

export const billsInputs = {
  list: z.object({ period: period.optional(), currency: currency.optional() }).strict(),
  get: z.object({ billId: id('bill id'), revision: z.number().int().positive().optional() }).strict(),
  lines: z
    .object({
      billId: id('bill id'),
      revision: z.number().int().positive().optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(BILL_LINES_MAX),
      /** Only the lines whose settlement amount is not what B2a gives. */
      onlyMismatched: z.boolean().optional(),
    })
    .strict(),
  why: z.object({ orderLineId: id('order line id') }).strict(),
  reconciliation: z
    .object({
      states: z.array(z.enum(RECONCILIATION_STATES)).max(RECONCILIATION_STATES.length).optional(),
      stages: z.array(z.enum(RECONCILIATION_STAGES)).max(RECONCILIATION_STAGES.length).optional(),
      period: period.optional(),
      currency: currency.optional(),
      /** Order No. (order id or order line id), partial. */
      orderNo: z.string().trim().max(100).optional(),
      /** Customer name or id, partial. */
      customer: z.string().trim().max(200).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  monthly: z.object({ months: z.number().int().min(1).max(60).default(24) }).strict(),
  export: z
    .object({
      billId: id('bill id'),
      revision: z.number().int().positive().optional(),
      format: z.enum(BILL_EXPORT_FORMATS),
      /** Echoed in `bills:export-progress` events. */
      exportId: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
};
/** The reconciliation's filters without paging, for its CSV export (every matching line). */
const reconciliationExport = billsInputs.reconciliation
  .omit({ offset: true, limit: true })
  .extend({ exportId: z.string().trim().min(1).max(100).optional() })
  .strict();
export type ReconciliationQuery = z.input<typeof billsInputs.reconciliation>;
export type ReconciliationQueryParsed = z.output<typeof billsInputs.reconciliation>;

/** The channel table part for bills. */
export const billsContract = {
  'bills:list': channel(billsInputs.list, result<BillSummary[]>()),
  'bills:get': channel(billsInputs.get, result<BillDetail>()),
  'bills:lines': channel(billsInputs.lines, result<BillLinesPage>()),
  'bills:why': channel(billsInputs.why, result<BillWhy>()),
  'bills:reconciliation': channel(billsInputs.reconciliation, result<ReconciliationPage>()),
  'bills:monthly': channel(billsInputs.monthly, result<BillsMonthly>()),
  'bills:export': channel(billsInputs.export, result<BillExportResult>()),
  'bills:export-reconciliation': channel(reconciliationExport, result<BillExportResult>()),
} as const;

export type BillsChannel = keyof typeof billsContract;
