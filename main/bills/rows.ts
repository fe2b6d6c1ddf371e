// Row types and explicit mappers for the bills archive (docs/architecture.md "The database"): wire → columns,
// rows → API shapes. Money columns are integer minor units (O3), instants UTC ms (O4).
import type { AccountSnapshot, BillStatus, BillTotalsMinor } from '../../common/api/contract-bills';
import { parseMoney } from '../../common/domain/money';
import type { BillLineKind } from '../../common/domain/settlement';
import { bill as billSchema, type WireAccount, type WireBill } from '../../common/marketplace/wire';

export interface BillRevisionColumns {
  bill_id: string;
  revision: number;
  billing_period: string;
  currency: string;
  status: string;
  generated_at: number;
  settlement_minor: number;
  refund_deductions_minor: number;
  deposit_deductions_minor: number;
  owed_by_seller_minor: number;
  net_payable_minor: number;
  line_count: number;
  raw_json: string;
  received_at: number;
}

export type BillRevisionRowDb = BillRevisionColumns;

/** A revision row plus its bill's bookkeeping (latest revision, count). */
export interface BillListRowDb extends Omit<BillRevisionColumns, 'raw_json'> {
  revision_count: number;
}

export interface AccountRowDb {
  id: number;
  seller_id: string;
  seller_name: string;
  business_info_certified: number;
  deposit_minor: number;
  deposit_currency: string;
  fetched_at: number;
  checked_at: number;
}

/** A stored revision as the service uses it. */
export interface StoredRevision {
  billId: string;
  revision: number;
  billingPeriod: string;
  currency: string;
  status: BillStatus;
  generatedAt: number;
  receivedAt: number;
  lineCount: number;
  totals: BillTotalsMinor;
  /** Exactly as received. */
  rawJson: string;
}

/** A stored revision without its JSON. */
export type StoredRevisionHead = Omit<StoredRevision, 'rawJson'>;

export interface StoredBillListRow extends StoredRevisionHead {
  revisionCount: number;
}

/** A bill line joined to its (latest) revision, for "why is this line billed" and reconciliation. */
export interface BilledLine {
  billId: string;
  revision: number;
  billingPeriod: string;
  currency: string;
  lineNo: number;
  orderId: string;
  orderLineId: string;
  kind: BillLineKind;
  attributedAt: number;
  settlementMinor: number;
}

export interface BilledLineRowDb {
  bill_id: string;
  revision: number;
  billing_period: string;
  currency: string;
  line_no: number;
  order_id: string;
  order_line_id: string;
  kind: string;
  attributed_at: number;
  settlement_minor: number;
}

const STATUSES: readonly BillStatus[] = billSchema.shape.status.options;
const KINDS: readonly BillLineKind[] = billSchema.shape.lines.element.shape.kind.options;

function toStatus(s: string): BillStatus {
  const found = STATUSES.find((x) => x === s);
  if (!found) throw new Error(`unknown bill status in the archive: ${s}`);
  return found;
}

export function toKind(s: string): BillLineKind {
  const found = KINDS.find((x) => x === s);
  if (!found) throw new Error(`unknown bill line kind in the archive: ${s}`);
  return found;
}

export function billToColumns(b: WireBill, rawJson: string, receivedAt: number): BillRevisionColumns {
  return {
    bill_id: b.billId,
    revision: b.revision,
    billing_period: b.billingPeriod,
    currency: b.currency,
    status: b.status,
    generated_at: Date.parse(b.generatedAt),
    settlement_minor: parseMoney(b.totals.settlementAmount),
    refund_deductions_minor: parseMoney(b.totals.refundDeductions),
    deposit_deductions_minor: parseMoney(b.totals.depositDeductions),
    owed_by_seller_minor: parseMoney(b.totals.owedBySeller),
    net_payable_minor: parseMoney(b.totals.netPayable),
    line_count: b.lines.length,
    raw_json: rawJson,
    received_at: receivedAt,
  };
}

function totalsOf(r: Omit<BillRevisionColumns, 'raw_json'>): BillTotalsMinor {
  return {
    settlementAmount: r.settlement_minor,
    refundDeductions: r.refund_deductions_minor,
    depositDeductions: r.deposit_deductions_minor,
    owedBySeller: r.owed_by_seller_minor,
    netPayable: r.net_payable_minor,
  };
}

export function rowToRevisionHead(r: Omit<BillRevisionRowDb, 'raw_json'>): StoredRevisionHead {
  return {
    billId: r.bill_id,
    revision: r.revision,
    billingPeriod: r.billing_period,
    currency: r.currency,
    status: toStatus(r.status),
    generatedAt: r.generated_at,
    receivedAt: r.received_at,
    lineCount: r.line_count,
    totals: totalsOf(r),
  };
}

export function rowToRevision(r: BillRevisionRowDb): StoredRevision {
  return { ...rowToRevisionHead(r), rawJson: r.raw_json };
}

export function rowToListRow(r: BillListRowDb): StoredBillListRow {
  return { ...rowToRevisionHead(r), revisionCount: r.revision_count };
}

export function rowToBilledLine(r: BilledLineRowDb): BilledLine {
  return {
    billId: r.bill_id,
    revision: r.revision,
    billingPeriod: r.billing_period,
    currency: r.currency,
    lineNo: r.line_no,
    orderId: r.order_id,
    orderLineId: r.order_line_id,
    kind: toKind(r.kind),
    attributedAt: r.attributed_at,
    settlementMinor: r.settlement_minor,
  };
}

/** The stored JSON of a revision, checked against the wire schema again (it was when received). */
export function parseStoredBill(rawJson: string): WireBill {
  return billSchema.parse(JSON.parse(rawJson));
}

export function accountToColumns(a: WireAccount): Omit<AccountRowDb, 'id' | 'fetched_at' | 'checked_at'> {
  return {
    seller_id: a.sellerId,
    seller_name: a.sellerName,
    business_info_certified: a.businessInfoCertified ? 1 : 0,
    deposit_minor: parseMoney(a.deposit.amount),
    deposit_currency: a.deposit.currency,
  };
}

export function rowToAccount(r: AccountRowDb): AccountSnapshot {
  return {
    sellerId: r.seller_id,
    sellerName: r.seller_name,
    businessInfoCertified: r.business_info_certified === 1,
    depositMinor: r.deposit_minor,
    depositCurrency: r.deposit_currency,
    fetchedAt: r.fetched_at,
  };
}
