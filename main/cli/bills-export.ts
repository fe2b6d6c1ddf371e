// `seller-desk bills export BILL_ID (--csv FILE | --xlsx FILE | --pdf FILE) [--revision N]` (B5): one archived bill
// revision (default: the latest) written as CSV, XLSX or PDF — exactly one of the three per run. Works offline:
// the bill comes from the local archive, exactly as received, with the deposit it was settled against (B3).
import path from 'node:path';
import type { Db } from '../db/connection';
import { depositBefore, getBillRevision } from '../bills/repo';
import { parseStoredBill } from '../bills/rows';
import type { BillForExport, ExportOptions } from '../bills/export-common';
import { exportBillCsv, type FileExport } from '../bills/export-csv';
import { exportBillPdf } from '../bills/export-pdf';
import { exportBillXlsx } from '../bills/export-xlsx';
import { COMMON_OPTIONS, dataDirOf, intOption, parse, PROFILE_OPTION } from './args';
import { withServices, type ProfileArgs } from './context';
import { COMMAND_USAGE } from './usage';
import { CliFailure, UsageError } from './errors';
import type { CliIo } from './io';
import { kib } from './sow';

export const BILLS_EXPORT_USAGE = COMMAND_USAGE['bills export'];

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  csv: { type: 'string' },
  xlsx: { type: 'string' },
  pdf: { type: 'string' },
  revision: { type: 'string' },
} as const;

export type BillExportFormat = 'csv' | 'xlsx' | 'pdf';
const FORMATS: readonly BillExportFormat[] = ['csv', 'xlsx', 'pdf'];

/** Where the command reads a stored bill: by id, a given revision or the latest; null when not archived. */
export interface BillSource {
  getBill(billId: string, revision?: number): BillForExport | null;
}

/** The local archive (B5): the revision as received, and the deposit in its currency before it (B3; 0 when unknown). */
export function archiveBillSource(db: Db): BillSource {
  return {
    getBill(billId, revision) {
      const stored = getBillRevision(db, billId, revision);
      if (!stored) return null;
      const deposit = depositBefore(db, stored.currency, stored.generatedAt);
      return { bill: parseStoredBill(stored.rawJson), depositBeforeMinor: deposit?.depositMinor ?? 0 };
    },
  };
}

export interface BillsExportArgs {
  billId: string;
  revision?: number;
  format: BillExportFormat;
  /** Absolute path of the file to write. */
  file: string;
}

export const EXPORTERS: Record<BillExportFormat, (file: string, stored: BillForExport, options: ExportOptions) => Promise<FileExport>> = {
  csv: exportBillCsv,
  xlsx: exportBillXlsx,
  pdf: exportBillPdf,
};

/** Exports one bill from `source`; the one-line report, or a CliFailure (exit 1). */
export async function billsExport(args: BillsExportArgs, source: BillSource, options: ExportOptions = {}): Promise<string> {
  const stored = source.getBill(args.billId, args.revision);
  if (!stored) {
    throw new CliFailure(
      args.revision === undefined ? `no bill ${args.billId} in the local archive` : `no revision ${args.revision} of bill ${args.billId} in the local archive`,
    );
  }
  let written: FileExport;
  try {
    written = await EXPORTERS[args.format](args.file, stored, options);
  } catch (err) {
    throw new CliFailure(`cannot export bill ${args.billId} as ${args.format.toUpperCase()} to ${args.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { bill } = stored;
  const lines = `${bill.lines.length} line${bill.lines.length === 1 ? '' : 's'}`;
  return `Wrote bill ${bill.billId} revision ${bill.revision} (${bill.billingPeriod}, ${lines}) as ${args.format.toUpperCase()} to ${written.file} (${kib(written.bytes)}).`;
}

/** Runs `fn` with a bill source of the profile's archive (tests give their own). */
export type WithBillSource = <T>(io: CliIo, profile: ProfileArgs, fn: (source: BillSource) => Promise<T>) => Promise<T>;

const withArchive: WithBillSource = (io, profile, fn) => withServices(io, profile, (services) => fn(archiveBillSource(services.db)));

/** Parses the arguments after `bills export`; bad usage is a UsageError (exit 2). */
export function parseBillsExport(argv: string[], cwd: string): BillsExportArgs & { values: { 'data-dir'?: string; demo?: boolean } } {
  const usage = BILLS_EXPORT_USAGE;
  const { values, positionals } = parse(argv, OPTIONS, usage, 1);
  const billId = positionals[0]?.trim();
  if (!billId) throw new UsageError('missing BILL_ID', usage);
  const given = FORMATS.filter((f) => values[f] !== undefined);
  if (given.length === 0) throw new UsageError('give one of --csv FILE, --xlsx FILE or --pdf FILE', usage);
  if (given.length > 1) throw new UsageError(`give only one of --csv, --xlsx, --pdf (got ${given.map((f) => `--${f}`).join(', ')})`, usage);
  const format = given[0];
  const target = values[format]?.trim();
  if (!target) throw new UsageError(`option '--${format}' needs a file`, usage);
  const revision = intOption('revision', values.revision, 1, Number.MAX_SAFE_INTEGER, usage);
  return { billId, revision, format, file: path.resolve(cwd, target), values };
}

/** `bills export …` for the `bills` command's dispatcher: `argv` is what follows `bills export`. */
export async function runBillsExport(argv: string[], io: CliIo, withSource: WithBillSource = withArchive): Promise<number> {
  const args = parseBillsExport(argv, io.cwd);
  const profile = { dataDir: dataDirOf(args.values, io.env), demo: args.values.demo === true };
  const report = await withSource(io, profile, (source) => billsExport(args, source));
  io.out(report);
  return 0;
}
