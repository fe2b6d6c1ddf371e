// What the three bill exports (B5: CSV, XLSX, PDF) share: the stored bill they read, how amounts and
// times are written, progress reporting with periodic yields, and writing to a file through a stream.
// Amounts are integer minor units until they are written, then decimals with two places (O3).
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { moneyToWire, parseMoney } from '../../common/domain/money';
import { explainBill, type BillExplanation, type LineCheck } from '../../common/domain/settlement';
import type { WireBill } from '../../common/marketplace/wire';

/** A bill as archived, with the seller's deposit before it (what B3's deposit deductions come from). */
export interface BillForExport {
  bill: WireBill;
  depositBeforeMinor: number;
}

export type BillLine = WireBill['lines'][number];
export type BillKind = BillLine['kind'];

/**
 * Called as rows are written: `done` of `total` rows — once with 0 at the start, every few thousand rows, once
 * with done = total at the end. `total` is 0 when a caller streams rows without saying how many.
 */
export type ExportProgress = (done: number, total: number) => void;

export interface ExportOptions {
  onProgress?: ExportProgress;
  /** Rows between yields to the event loop (default YIELD_EVERY). */
  yieldEvery?: number;
}

/** A 100,000-line bill yields about 50 times: the process keeps answering while it exports. */
export const YIELD_EVERY = 2000;

export const KIND_LABELS: Record<BillKind, { en: string; zh: string }> = {
  purchase: { en: 'Purchase', zh: '购买' },
  renewal: { en: 'Renewal', zh: '续费' },
  payPerUse: { en: 'Pay-per-use', zh: '按需' },
  refund: { en: 'Refund', zh: '退款' },
};

export const STATUS_LABELS: Record<WireBill['status'], string> = {
  PENDING_APPROVAL: 'Pending approval / 待审批',
  APPROVED: 'Approved / 已审批',
  PAID: 'Paid / 已支付',
};

/** The B2 totals, in the bill's order, with their labels. */
export const TOTAL_FIELDS: ReadonlyArray<{ field: keyof WireBill['totals']; en: string; zh: string }> = [
  { field: 'settlementAmount', en: 'Settlement amount', zh: '结算金额' },
  { field: 'refundDeductions', en: 'Refund deductions', zh: '退款扣减' },
  { field: 'depositDeductions', en: 'Deposit deductions', zh: '保证金扣减' },
  { field: 'owedBySeller', en: 'Owed by the seller', zh: '卖方应补缴' },
  { field: 'netPayable', en: 'Net payable', zh: '应付净额' },
];

/** Minor units → "1234.56" (two places, no grouping): what the CSV and the checks write. */
export const decimal = moneyToWire;

/** Minor units → "-1,234,567.89": grouped, two places, for reading (the PDF). */
export function groupedAmount(minor: number): string {
  const wire = moneyToWire(minor);
  const dot = wire.indexOf('.');
  return wire.slice(0, dot).replace(/\B(?=(\d{3})+$)/g, ',') + wire.slice(dot);
}

/** Minor units → the number a spreadsheet cell holds (shown with two places by its format). */
export function decimalNumber(minor: number): number {
  return minor / 100;
}

export function minorOf(wire: string): number {
  return parseMoney(wire);
}

// O4: the marketplace's zone is UTC+8 with no daylight saving, so a fixed offset gives its wall-clock time exactly
// (and is far cheaper per row than a zone-aware conversion on a 100,000-line bill).
const MARKET_OFFSET_MS = 8 * 3_600_000;

const instantMs = (instant: string | number): number => (typeof instant === 'number' ? instant : Date.parse(instant));

/** A wire instant → "2025-09-10 12:00:00" at UTC+8 (O4); headers say "(UTC+8)". */
export function marketDateTime(instant: string | number): string {
  const iso = new Date(instantMs(instant) + MARKET_OFFSET_MS).toISOString(); // 2025-09-10T12:00:00.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * A spreadsheet date for a wire instant: spreadsheets have no time zones, so the cell holds the UTC+8 wall-clock
 * time (the Date is shifted by +8 h) and the column header says "(UTC+8)".
 */
export function marketWallClockDate(instant: string | number): Date {
  return new Date(instantMs(instant) + MARKET_OFFSET_MS);
}

export interface ExplainedBill extends BillForExport {
  explanation: BillExplanation;
  /** The B2a check of `bill.lines[i]`. */
  lineChecks: LineCheck[];
}

/** explainBill (B2a, B3) once per export; its line checks are in the bill's line order. */
export function explain(stored: BillForExport): ExplainedBill {
  const explanation = explainBill(stored.bill, stored.depositBeforeMinor);
  const lines = stored.bill.lines;
  if (
    explanation.lines.length !== lines.length ||
    explanation.lines.some((c, i) => c.orderLineId !== lines[i].orderLineId)
  ) {
    throw new Error(`the B2a checks of bill ${stored.bill.billId} do not follow its lines`);
  }
  return { ...stored, explanation, lineChecks: explanation.lines };
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Reports progress and yields to the event loop every `every` rows: call it with the count of rows done so far
 * (cheap between yields). Reports (0, total) when created; the caller reports the end with `finish()`.
 */
export interface ProgressTicker {
  (done: number): Promise<void>;
  finish(done: number): void;
}

export function progressTicker(total: number, options: ExportOptions): ProgressTicker {
  const every = Math.max(1, options.yieldEvery ?? YIELD_EVERY);
  let next = every;
  options.onProgress?.(0, total);
  const tick = async (done: number): Promise<void> => {
    if (done < next) return;
    next = done + every;
    options.onProgress?.(done, total);
    await yieldToEventLoop();
  };
  return Object.assign(tick, { finish: (done: number) => options.onProgress?.(done, Math.max(total, done)) });
}

/** Writes a chunk, waiting for the stream to drain when its buffer is full. */
export async function writeChunk(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (out.write(chunk)) return;
  await once(out, 'drain'); // rejects if the stream fails meanwhile
}

/**
 * Writes `file` through a stream: to a temp name, flushed to disk (fsync) when closed, then renamed, so no
 * half-written export is left (as the SOW and proof exports do with writeViaTemp). Returns the bytes written.
 */
export async function writeFileStreaming(file: string, write: (out: Writable) => Promise<void>): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp`;
  const out = createWriteStream(tmp, { flags: 'wx', flush: true, highWaterMark: 1 << 20 });
  // A failed open or write ends the export with that error, whatever `write` is waiting for.
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const closed = once(out, 'close');
  closed.catch(() => undefined);
  try {
    await Promise.race([write(out), failed]);
    if (!out.writableEnded) out.end();
    await Promise.race([closed, failed]);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, file);
  return out.bytesWritten;
}
