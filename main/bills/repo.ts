// Bills repository (docs/rules.md B5): all of the archive's SQL, typed cached statements. Revisions are only ever
// inserted; the schema's triggers refuse UPDATE and DELETE of a stored one.
import type { Db, ReadDb, WriteDb } from '../db/connection';
import { inTransaction, perDb } from '../db/statement-cache';
import type { AccountSnapshot, BillDiff, RevisionChange } from '../../common/api/contract-bills';
import { parseMoney } from '../../common/domain/money';
import type { WireAccount, WireBill } from '../../common/marketplace/wire';
import { ChecksAccumulator, type RevisionChecks, type StoredBillLine } from './checks';
import { diffBills, revisionChange } from './diff';
import {
  accountToColumns,
  billToColumns,
  parseStoredBill,
  rowToAccount,
  rowToBilledLine,
  rowToListRow,
  rowToRevision,
  rowToRevisionHead,
  type AccountRowDb,
  type BilledLine,
  type BilledLineRowDb,
  type BillListRowDb,
  type BillRevisionColumns,
  type BillRevisionRowDb,
  type StoredBillListRow,
  type StoredRevision,
  type StoredRevisionHead,
} from './rows';

/** `stored`: a new revision; `duplicate`: that revision was already stored as received; `conflict`: already stored with
 * different content — the first one received is kept (B5), the caller reports the other. */
export type StoreOutcome = 'stored' | 'duplicate' | 'conflict';

const REVISION_COLUMNS = `r.bill_id, r.revision, r.billing_period, r.currency, r.status, r.generated_at, r.settlement_minor,
  r.refund_deductions_minor, r.deposit_deductions_minor, r.owed_by_seller_minor, r.net_payable_minor, r.line_count, r.received_at`;
const LATEST = 'bills b JOIN bill_revisions r ON r.bill_id = b.bill_id AND r.revision = b.latest_revision';
const BILLED_LINE = `SELECT bl.bill_id, bl.revision, r.billing_period, r.currency, bl.line_no, bl.order_id, bl.order_line_id, bl.kind,
  bl.attributed_at, bl.settlement_minor
  FROM bill_lines bl JOIN bills b ON b.bill_id = bl.bill_id AND b.latest_revision = bl.revision
  JOIN bill_revisions r ON r.bill_id = bl.bill_id AND r.revision = bl.revision`;

const LINE_INSERT_COLUMNS =
  'bill_id, revision, line_no, order_id, order_line_id, kind, attributed_at, sales_minor, withholding_minor, fee_ratio, seller_taxes_minor, settlement_minor';
const LINE_VALUES = '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?';
const LINE_WIDTH = 12;
const LINES_PER_INSERT = 16;
const LINE_COLUMNS =
  'line_no, order_id, order_line_id, kind, attributed_at, sales_minor, withholding_minor, fee_ratio, seller_taxes_minor, settlement_minor';

interface BillChecksRowDb {
  earning_lines: number;
  earning_minor: number;
  refund_lines: number;
  refund_minor: number;
  mismatched_lines: number;
}

export interface MonthlyRowDb {
  billing_period: string;
  currency: string;
  bills: number;
  settlement_minor: number;
  refund_deductions_minor: number;
  deposit_deductions_minor: number;
  net_payable_minor: number;
}

/** What reconciliation reads of each cached order line (the raw JSON for B1/B4). */
export interface ReconLineRowDb {
  order_line_id: string;
  order_id: string;
  product_name: string;
  customer_name: string;
  amount_minor: number;
  currency: string;
  status: string;
  stage: string | null;
  placed_at: number;
  raw_json: string;
}

export interface ReconFilter {
  currency: string | null;
  orderNo: string | null;
  customer: string | null;
}

const statements = perDb((db) => ({
  insertRevision: db.prepare<[BillRevisionColumns]>(
    `INSERT INTO bill_revisions (bill_id, revision, billing_period, currency, status, generated_at, settlement_minor,
       refund_deductions_minor, deposit_deductions_minor, owed_by_seller_minor, net_payable_minor, line_count, raw_json, received_at)
     VALUES (@bill_id, @revision, @billing_period, @currency, @status, @generated_at, @settlement_minor, @refund_deductions_minor,
       @deposit_deductions_minor, @owed_by_seller_minor, @net_payable_minor, @line_count, @raw_json, @received_at)
     ON CONFLICT (bill_id, revision) DO NOTHING`,
  ),
  // Positional: binding twelve values by position is cheaper than by name, and a big bill has 100,000 lines.
  insertLine: db.prepare<unknown[]>(`INSERT INTO bill_lines (${LINE_INSERT_COLUMNS}) VALUES (${LINE_VALUES})`),
  // LINES_PER_INSERT lines a statement: far fewer calls into SQLite for the same rows (about 40% faster on a big bill).
  insertLines: db.prepare<unknown[]>(
    `INSERT INTO bill_lines (${LINE_INSERT_COLUMNS}) VALUES ${Array(LINES_PER_INSERT).fill(`(${LINE_VALUES})`).join(', ')}`,
  ),
  insertChecks: db.prepare<[string, number, number, number, number, number, number]>(
    `INSERT OR REPLACE INTO bill_checks (bill_id, revision, earning_lines, earning_minor, refund_lines, refund_minor, mismatched_lines)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  deleteMismatches: db.prepare<[string, number]>('DELETE FROM bill_line_mismatches WHERE bill_id = ? AND revision = ?'),
  insertMismatch: db.prepare<[string, number, number, number]>(
    'INSERT INTO bill_line_mismatches (bill_id, revision, line_no, expected_minor) VALUES (?, ?, ?, ?)',
  ),
  checks: db.prepare<[string, number], BillChecksRowDb>(
    'SELECT earning_lines, earning_minor, refund_lines, refund_minor, mismatched_lines FROM bill_checks WHERE bill_id = ? AND revision = ?',
  ),
  saveChange: db.prepare<[string, number, number, string, string]>(
    'INSERT OR REPLACE INTO bill_changes (bill_id, revision, from_revision, change_json, diff_json) VALUES (?, ?, ?, ?, ?)',
  ),
  changes: db.prepare<[string], { revision: number; from_revision: number; change_json: string }>(
    'SELECT revision, from_revision, change_json FROM bill_changes WHERE bill_id = ?',
  ),
  change: db.prepare<[string, number], { from_revision: number; change_json: string }>(
    'SELECT from_revision, change_json FROM bill_changes WHERE bill_id = ? AND revision = ?',
  ),
  lineCount: db
    .prepare<[string, number], number>('SELECT line_count FROM bill_revisions WHERE bill_id = ? AND revision = ?')
    .pluck(),
  diff: db.prepare<[string, number], { from_revision: number; diff_json: string }>(
    'SELECT from_revision, diff_json FROM bill_changes WHERE bill_id = ? AND revision = ?',
  ),
  previousRevision: db
    .prepare<[string, number], number | null>(
      'SELECT max(revision) FROM bill_revisions WHERE bill_id = ? AND revision < ?',
    )
    .pluck(),
  nextRevision: db
    .prepare<[string, number], number | null>(
      'SELECT min(revision) FROM bill_revisions WHERE bill_id = ? AND revision > ?',
    )
    .pluck(),
  lineRange: db.prepare<[string, number, number, number], StoredBillLine>(
    `SELECT ${LINE_COLUMNS} FROM bill_lines WHERE bill_id = ? AND revision = ? AND line_no BETWEEN ? AND ? ORDER BY line_no`,
  ),
  allLines: db.prepare<[string, number], StoredBillLine>(
    `SELECT ${LINE_COLUMNS} FROM bill_lines WHERE bill_id = ? AND revision = ? ORDER BY line_no`,
  ),
  mismatchedPage: db.prepare<[string, number, number, number], StoredBillLine>(
    `SELECT ${LINE_COLUMNS.replace(/(^|, )/g, '$1l.')} FROM bill_line_mismatches m
       JOIN bill_lines l ON l.bill_id = m.bill_id AND l.revision = m.revision AND l.line_no = m.line_no
      WHERE m.bill_id = ? AND m.revision = ? ORDER BY m.line_no LIMIT ? OFFSET ?`,
  ),
  refunds: db.prepare<[string, number, number], { order_line_id: string; settlement_minor: number }>(
    `SELECT order_line_id, settlement_minor FROM bill_lines INDEXED BY bill_lines_refunds
      WHERE bill_id = ? AND revision = ? AND kind = 'refund' ORDER BY line_no LIMIT ?`,
  ),
  earningTerms: db
    .prepare<[string, number, number], number>(
      "SELECT settlement_minor FROM bill_lines WHERE bill_id = ? AND revision = ? AND kind <> 'refund' ORDER BY line_no LIMIT ?",
    )
    .pluck(),
  revisionHeads: db.prepare<[string], Omit<BillRevisionRowDb, 'raw_json'>>(
    `SELECT ${REVISION_COLUMNS} FROM bill_revisions r WHERE r.bill_id = ? ORDER BY r.revision`,
  ),
  storedRaw: db
    .prepare<[string, number], string>('SELECT raw_json FROM bill_revisions WHERE bill_id = ? AND revision = ?')
    .pluck(),
  list: db.prepare<{ period: string | null; currency: string | null }, BillListRowDb>(
    `SELECT ${REVISION_COLUMNS}, b.revision_count FROM ${LATEST}
      WHERE (@period IS NULL OR b.billing_period = @period) AND (@currency IS NULL OR b.currency = @currency)
      ORDER BY b.billing_period DESC, b.bill_id`,
  ),
  revision: db.prepare<[string, number], BillRevisionRowDb>(
    `SELECT ${REVISION_COLUMNS}, r.raw_json FROM bill_revisions r WHERE r.bill_id = ? AND r.revision = ?`,
  ),
  latestRevision: db.prepare<[string], number>('SELECT latest_revision FROM bills WHERE bill_id = ?').pluck(),
  revisionCount: db.prepare<[string], number>('SELECT revision_count FROM bills WHERE bill_id = ?').pluck(),
  revisions: db.prepare<[string], BillRevisionRowDb>(
    `SELECT ${REVISION_COLUMNS}, r.raw_json FROM bill_revisions r WHERE r.bill_id = ? ORDER BY r.revision`,
  ),
  billedLinesOf: db.prepare<[string], BilledLineRowDb>(
    `${BILLED_LINE} WHERE bl.order_line_id = ? ORDER BY r.billing_period, bl.bill_id, bl.line_no`,
  ),
  allBilledLines: db.prepare<[], BilledLineRowDb>(`${BILLED_LINE} ORDER BY r.billing_period, bl.bill_id, bl.line_no`),
  producedPeriods: db
    .prepare<{ currency: string | null }, string>(
      'SELECT DISTINCT billing_period FROM bills WHERE @currency IS NULL OR currency = @currency',
    )
    .pluck(),
  monthly: db.prepare<[string, string], MonthlyRowDb>(
    `SELECT b.billing_period, b.currency, count(*) AS bills, sum(r.settlement_minor) AS settlement_minor,
            sum(r.refund_deductions_minor) AS refund_deductions_minor, sum(r.deposit_deductions_minor) AS deposit_deductions_minor,
            sum(r.net_payable_minor) AS net_payable_minor
       FROM ${LATEST} WHERE b.billing_period BETWEEN ? AND ? GROUP BY b.billing_period, b.currency ORDER BY b.billing_period, b.currency`,
  ),
  countRevisions: db.prepare<[], number>('SELECT count(*) FROM bill_revisions').pluck(),
  latestAccount: db.prepare<[], AccountRowDb>(
    `SELECT id, seller_id, seller_name, business_info_certified, deposit_minor, deposit_currency, fetched_at, checked_at
       FROM account_snapshots ORDER BY id DESC LIMIT 1`,
  ),
  latestAccountIn: db.prepare<[string], AccountRowDb>(
    `SELECT id, seller_id, seller_name, business_info_certified, deposit_minor, deposit_currency, fetched_at, checked_at
       FROM account_snapshots WHERE deposit_currency = ? ORDER BY id DESC LIMIT 1`,
  ),
  /** Deposit deductions of the bills (latest revisions) in a currency generated in [from, to]. */
  depositDeducted: db
    .prepare<[string, number, number], number>(
      `SELECT coalesce(sum(r.deposit_deductions_minor), 0) FROM ${LATEST} WHERE b.currency = ? AND r.generated_at BETWEEN ? AND ?`,
    )
    .pluck(),
  insertAccount: db.prepare<[Omit<AccountRowDb, 'id'> & { raw_json: string }], AccountRowDb>(
    `INSERT INTO account_snapshots (seller_id, seller_name, business_info_certified, deposit_minor, deposit_currency, raw_json, fetched_at, checked_at)
     VALUES (@seller_id, @seller_name, @business_info_certified, @deposit_minor, @deposit_currency, @raw_json, @fetched_at, @checked_at)
     RETURNING id, seller_id, seller_name, business_info_certified, deposit_minor, deposit_currency, fetched_at, checked_at`,
  ),
  touchAccount: db.prepare<[number, number]>('UPDATE account_snapshots SET checked_at = ? WHERE id = ?'),
  reconLines: db.prepare<ReconFilter, ReconLineRowDb>(
    `SELECT l.order_line_id, l.order_id, l.product_name, l.customer_name, l.amount_minor, l.currency, l.status, l.stage, l.placed_at, r.raw_json
       FROM order_lines l JOIN order_line_raw r ON r.id = l.id
      WHERE (@currency IS NULL OR l.currency = @currency)
        AND (@orderNo IS NULL OR instr(lower(l.order_line_id), lower(@orderNo)) > 0 OR instr(lower(l.order_id), lower(@orderNo)) > 0)
        AND (@customer IS NULL OR instr(lower(l.customer_name), lower(@customer)) > 0 OR l.customer_id = @customer)
      ORDER BY l.id DESC`,
  ),
}));

/**
 * B5: stores one revision as received (its lines too) unless that revision is already stored; never replaces one.
 * Its B2a checks are gathered as its lines are stored, and its diff against the revision stored before it (and the
 * next one's against it) derived, so opening it later reads neither its JSON nor all its lines.
 * Joins the caller's transaction (the pull stores a page and its cursor together).
 */
export function storeBillRevision(
  db: Db,
  input: { bill: WireBill; rawJson: string; receivedAt: number },
): StoreOutcome {
  const s = statements(db);
  const b = input.bill;
  return inTransaction(db, () => {
    const inserted = s.insertRevision.run(billToColumns(b, input.rawJson, input.receivedAt)).changes > 0;
    if (!inserted) return s.storedRaw.get(b.billId, b.revision) === input.rawJson ? 'duplicate' : 'conflict';
    const acc = new ChecksAccumulator();
    const { billId, revision, lines } = b;
    const batch: unknown[] = new Array<unknown>(LINES_PER_INSERT * LINE_WIDTH);
    let batched = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const sales = parseMoney(l.salesAmount);
      const withholding = parseMoney(l.customerWithholdingTax);
      const taxes = parseMoney(l.sellerTaxes);
      const settlement = parseMoney(l.settlementAmount);
      const o = batched * LINE_WIDTH;
      batch[o] = billId;
      batch[o + 1] = revision;
      batch[o + 2] = i + 1;
      batch[o + 3] = l.orderId;
      batch[o + 4] = l.orderLineId;
      batch[o + 5] = l.kind;
      batch[o + 6] = Date.parse(l.attributedAt);
      batch[o + 7] = sales;
      batch[o + 8] = withholding;
      batch[o + 9] = l.platformFeeRatio;
      batch[o + 10] = taxes;
      batch[o + 11] = settlement;
      if (++batched === LINES_PER_INSERT) {
        s.insertLines.run(batch);
        batched = 0;
      }
      acc.add(i + 1, l.kind, sales, withholding, l.platformFeeRatio, taxes, settlement);
    }
    for (let j = 0; j < batched; j++) s.insertLine.run(batch.slice(j * LINE_WIDTH, (j + 1) * LINE_WIDTH));
    saveChecks(db, billId, revision, acc.done());
    const prev = s.previousRevision.get(billId, revision);
    if (prev !== null && prev !== undefined)
      saveChange(db, billId, revision, prev, diffBills(storedBill(db, billId, prev), b));
    // A revision received out of order sits between two: the next one's diff is now against this one.
    const next = s.nextRevision.get(billId, revision);
    if (next !== null && next !== undefined)
      saveChange(db, billId, next, revision, diffBills(b, storedBill(db, billId, next)));
    return 'stored';
  });
}

function storedBill(db: ReadDb, billId: string, revision: number): WireBill {
  const raw = statements(db).storedRaw.get(billId, revision);
  if (raw === undefined) throw new Error(`bill ${billId} revision ${revision} is not stored`);
  return parseStoredBill(raw);
}

function saveChecks(db: Db, billId: string, revision: number, c: RevisionChecks): void {
  const s = statements(db);
  s.insertChecks.run(
    billId,
    revision,
    c.earningLines,
    c.earningMinor,
    c.refundLines,
    c.refundMinor,
    c.mismatches.length,
  );
  s.deleteMismatches.run(billId, revision);
  for (const [lineNo, expected] of c.mismatches) s.insertMismatch.run(billId, revision, lineNo, expected);
}

function saveChange(db: Db, billId: string, revision: number, from: number, diff: BillDiff): RevisionChange {
  const change = revisionChange(revision, diff);
  statements(db).saveChange.run(billId, revision, from, JSON.stringify(change), JSON.stringify(diff));
  return change;
}

/**
 * The derived tables are written only by a connection that may write (the read-only CLI derives without keeping):
 * the handle's own `readonly` flag decides, and narrows a ReadDb to a WriteDb for the writes that follow.
 */
const mayWrite = (db: ReadDb): db is WriteDb => !db.readonly;

export interface StoredChecks extends Omit<RevisionChecks, 'mismatches'> {
  mismatchedLines: number;
  /**
   * Only when they could not be kept (a read-only connection): [line_no, what B2a gives], else read them from the
   * table.
   */
  mismatches: Array<[number, number]> | null;
}

/** A revision's B2a checks: as derived when it was stored, else derived now from its lines (and kept when possible). */
export function revisionChecks(db: ReadDb, billId: string, revision: number): StoredChecks {
  const s = statements(db);
  const row = s.checks.get(billId, revision);
  if (row) {
    return {
      earningLines: row.earning_lines,
      earningMinor: row.earning_minor,
      refundLines: row.refund_lines,
      refundMinor: row.refund_minor,
      mismatchedLines: row.mismatched_lines,
      mismatches: null,
    };
  }
  const acc = new ChecksAccumulator();
  for (const l of s.allLines.iterate(billId, revision))
    acc.add(
      l.line_no,
      l.kind,
      l.sales_minor,
      l.withholding_minor,
      l.fee_ratio,
      l.seller_taxes_minor,
      l.settlement_minor,
    );
  const c = acc.done();
  if (mayWrite(db)) inTransaction(db, () => saveChecks(db, billId, revision, c));
  return { ...c, mismatchedLines: c.mismatches.length, mismatches: mayWrite(db) ? null : c.mismatches };
}

/**
 * B5: "revision N — what changed" of each stored revision against the one stored before it (oldest first), from the
 * derived diffs; a missing or out-of-date one is derived again from the revisions as received.
 */
export function revisionChanges(db: ReadDb, billId: string, revisions: readonly number[]): RevisionChange[] {
  const s = statements(db);
  const stored = new Map(s.changes.all(billId).map((r) => [r.revision, r]));
  return revisions.map((rev, i) => {
    if (i === 0) return revisionChange(rev, null);
    const prev = revisions[i - 1];
    const row = stored.get(rev);
    if (row && row.from_revision === prev) return JSON.parse(row.change_json) as RevisionChange;
    return deriveChange(db, billId, rev, prev).change;
  });
}

/** B5: "revision N — what changed" of one revision against the one stored before it. */
export function changeOf(db: ReadDb, billId: string, revision: number): RevisionChange {
  const s = statements(db);
  const prev = s.previousRevision.get(billId, revision);
  if (prev === null || prev === undefined) return revisionChange(revision, null);
  const row = s.change.get(billId, revision);
  if (row && row.from_revision === prev) return JSON.parse(row.change_json) as RevisionChange;
  return deriveChange(db, billId, revision, prev).change;
}

/** Lines in a stored revision; undefined when that revision is not stored. */
export function storedLineCount(db: ReadDb, billId: string, revision: number): number | undefined {
  return statements(db).lineCount.get(billId, revision);
}

/** The latest stored revision of a bill; undefined when none is stored. */
export function latestRevisionOf(db: ReadDb, billId: string): number | undefined {
  return statements(db).latestRevision.get(billId);
}

/**
 * The diff of `revision` against `previous` (the revision stored before it), derived again when missing or out of date.
 */
export function revisionDiff(db: ReadDb, billId: string, revision: number, previous: number): BillDiff {
  const row = statements(db).diff.get(billId, revision);
  if (row && row.from_revision === previous) return JSON.parse(row.diff_json) as BillDiff;
  return deriveChange(db, billId, revision, previous).diff;
}

function deriveChange(
  db: ReadDb,
  billId: string,
  revision: number,
  previous: number,
): { change: RevisionChange; diff: BillDiff } {
  const diff = diffBills(storedBill(db, billId, previous), storedBill(db, billId, revision));
  const change = mayWrite(db)
    ? inTransaction(db, () => saveChange(db, billId, revision, previous, diff))
    : revisionChange(revision, diff);
  return { change, diff };
}

/** Lines `offset + 1 … offset + limit` of a revision, in line order (line numbers run 1…line_count). */
export function billLinesRange(
  db: ReadDb,
  billId: string,
  revision: number,
  offset: number,
  limit: number,
): StoredBillLine[] {
  return statements(db).lineRange.all(billId, revision, offset + 1, offset + limit);
}

/** A page of the lines that do not match B2a, in line order (the checks derived when the revision was stored). */
export function mismatchedLinesPage(
  db: ReadDb,
  billId: string,
  revision: number,
  offset: number,
  limit: number,
): StoredBillLine[] {
  return statements(db).mismatchedPage.all(billId, revision, limit, offset);
}

/** The lines with these numbers, in line order. */
export function billLinesByNo(
  db: ReadDb,
  billId: string,
  revision: number,
  lineNos: readonly number[],
): StoredBillLine[] {
  const s = statements(db);
  return lineNos.flatMap((n) => s.lineRange.all(billId, revision, n, n));
}

/** The first `limit` refund lines of a revision, in line order (B3 splits them in that order). */
export function refundLines(
  db: ReadDb,
  billId: string,
  revision: number,
  limit: number,
): Array<{ order_line_id: string; settlement_minor: number }> {
  return statements(db).refunds.all(billId, revision, limit);
}

/** The settlement amounts of the first `limit` purchase, renewal and pay-per-use lines, in line order. */
export function earningAmounts(db: ReadDb, billId: string, revision: number, limit: number): number[] {
  return statements(db).earningTerms.all(billId, revision, limit);
}

/** Every stored revision of a bill without its JSON, oldest first. */
export function listRevisionHeads(db: ReadDb, billId: string): StoredRevisionHead[] {
  return statements(db).revisionHeads.all(billId).map(rowToRevisionHead);
}

/** The latest revision of each bill, newest period first. */
export function listLatestBills(db: ReadDb, filter: { period?: string; currency?: string } = {}): StoredBillListRow[] {
  return statements(db)
    .list.all({ period: filter.period ?? null, currency: filter.currency ?? null })
    .map(rowToListRow);
}

/** One revision, or the latest when `revision` is omitted; null when not stored. */
export function getBillRevision(db: ReadDb, billId: string, revision?: number): StoredRevision | null {
  const s = statements(db);
  const rev = revision ?? s.latestRevision.get(billId);
  if (rev === undefined) return null;
  const row = s.revision.get(billId, rev);
  return row ? rowToRevision(row) : null;
}

/** Every stored revision of a bill, oldest first. */
export function listBillRevisions(db: ReadDb, billId: string): StoredRevision[] {
  return statements(db).revisions.all(billId).map(rowToRevision);
}

/** The lines of the latest revisions that name this order line. */
export function billedLinesOf(db: ReadDb, orderLineId: string): BilledLine[] {
  return statements(db).billedLinesOf.all(orderLineId).map(rowToBilledLine);
}

/** Every line of every bill's latest revision, by order line id (a line billed twice keeps its latest period). */
export function billedLinesByOrderLine(db: ReadDb): Map<string, BilledLine> {
  const out = new Map<string, BilledLine>();
  for (const row of statements(db).allBilledLines.iterate()) out.set(row.order_line_id, rowToBilledLine(row));
  return out;
}

/** B4: the periods whose bill has been received (for one currency, or any). */
export function producedPeriods(db: ReadDb, currency?: string): Set<string> {
  return new Set(statements(db).producedPeriods.all({ currency: currency ?? null }));
}

export function monthlyTotals(db: ReadDb, fromPeriod: string, toPeriod: string): MonthlyRowDb[] {
  return statements(db).monthly.all(fromPeriod, toPeriod);
}

/** Revisions stored for one bill (0 when none). */
export function storedRevisionCount(db: ReadDb, billId: string): number {
  return statements(db).revisionCount.get(billId) ?? 0;
}

export function countBillRevisions(db: ReadDb): number {
  return statements(db).countRevisions.get() ?? 0;
}

/** Stores the account as fetched: a new snapshot when anything changed, otherwise the latest is marked checked now. */
export function saveAccount(
  db: Db,
  input: { account: WireAccount; rawJson: string; fetchedAt: number },
): AccountSnapshot {
  const s = statements(db);
  return inTransaction(db, () => {
    const cols = accountToColumns(input.account);
    const last = s.latestAccount.get();
    const same =
      last !== undefined &&
      last.seller_id === cols.seller_id &&
      last.seller_name === cols.seller_name &&
      last.business_info_certified === cols.business_info_certified &&
      last.deposit_minor === cols.deposit_minor &&
      last.deposit_currency === cols.deposit_currency;
    if (last && same) {
      s.touchAccount.run(input.fetchedAt, last.id);
      return rowToAccount({ ...last, checked_at: input.fetchedAt });
    }
    const stored = s.insertAccount.get({
      ...cols,
      raw_json: input.rawJson,
      fetched_at: input.fetchedAt,
      checked_at: input.fetchedAt,
    });
    if (!stored) throw new Error('the account snapshot just stored cannot be read back');
    return rowToAccount(stored);
  });
}

export function latestAccount(db: ReadDb): AccountSnapshot | null {
  const row = statements(db).latestAccount.get();
  return row ? rowToAccount(row) : null;
}

/**
 * B3: the deposit in `currency` before a bill generated at `at`, from the latest account snapshot in that currency and
 * the deposit deductions of the archived bills between them (the marketplace holds the deposit minus what refunds took
 * from it): a snapshot fetched after the bill gets back what the bills generated since `at` deducted; one fetched
 * before it loses what the bills generated in between deducted. Decided here: top-ups the app cannot see are not
 * guessed. null when no snapshot is in that currency.
 */
export function depositBefore(db: ReadDb, currency: string, at: number): AccountSnapshot | null {
  const s = statements(db);
  const row = s.latestAccountIn.get(currency);
  if (!row) return null;
  const snapshot = rowToAccount(row);
  const adjust =
    row.fetched_at >= at
      ? (s.depositDeducted.get(currency, at, row.fetched_at) ?? 0)
      : -(s.depositDeducted.get(currency, row.fetched_at + 1, at - 1) ?? 0);
  return { ...snapshot, depositMinor: Math.max(0, snapshot.depositMinor + adjust) };
}

export function iterateReconLines(db: ReadDb, filter: ReconFilter): IterableIterator<ReconLineRowDb> {
  return statements(db).reconLines.iterate(filter);
}
