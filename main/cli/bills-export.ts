// `seller-desk bills export BILL_ID (--csv FILE | --xlsx FILE | --pdf FILE) [--revision N]` (B5): one archived bill
// revision (default: the latest) written as CSV, XLSX or PDF — exactly one of the three per run. Works offline:
// the bill comes from the local archive, exactly as received, with the deposit it was settled against (B3).
import path from 'node:path';
import type { BillExportFormat, BillExportResult } from '../../common/api/contract-bills';
import { AppError } from '../../common/api/result';
import type { ExportOptions } from '../bills/export-common';
import { createBillExportHandler, type BillSource, type ExportPlace } from '../bills/export-handlers';
import type { ExportDialogs } from '../proofs/handlers';
import { COMMON_OPTIONS, dataDirOf, intOption, parse, PROFILE_OPTION } from './args';
import { call, validateInput, withServices } from './context';
import { COMMAND_USAGE } from './usage';
import { CliFailure, oneLine, UsageError } from './errors';
import type { CliIo } from './io';
import { kib } from './sow';

export type { BillExportFormat } from '../../common/api/contract-bills';
export type { BillSource } from '../bills/export-handlers';

export const BILLS_EXPORT_USAGE = COMMAND_USAGE['bills export'];

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...PROFILE_OPTION,
  csv: { type: 'string' },
  xlsx: { type: 'string' },
  pdf: { type: 'string' },
  revision: { type: 'string' },
} as const;

const FORMATS: readonly BillExportFormat[] = ['csv', 'xlsx', 'pdf'];

export interface BillsExportArgs {
  billId: string;
  revision?: number;
  format: BillExportFormat;
  /** Absolute path of the file to write. */
  file: string;
}

/** The window's save dialog, answered with the command's file flag: the channel writes exactly there. */
const answer = (file: string): ExportDialogs => ({ saveFile: async () => file, pickFolder: async () => null });

/** The one-line report of what `bills:export` wrote. */
function report(args: BillsExportArgs, r: BillExportResult): string {
  // The CLI's dialog always answers, so a canceled export (or one without its bill) is not expected here.
  if (r.canceled || !r.path || !r.bill) throw new CliFailure(`bill ${args.billId} was not exported`);
  const lines = `${r.rows} line${r.rows === 1 ? '' : 's'}`;
  return `Wrote bill ${r.bill.billId} revision ${r.bill.revision} (${r.bill.billingPeriod}, ${lines}) as ${args.format.toUpperCase()} to ${r.path} (${kib(r.bytes)}).`;
}

/**
 * Exports one bill read from `source` through the `bills:export` handler itself (the one copy of the export logic);
 * the one-line report, or a CliFailure (exit 1). The command runs the app's handler table; this is for other sources.
 */
export async function billsExport(
  args: BillsExportArgs,
  source: BillSource,
  options: ExportOptions = {},
): Promise<string> {
  const { onProgress } = options;
  const place: ExportPlace = {
    dialogs: answer(args.file),
    progress: onProgress && ((p) => onProgress(p.done, p.total)),
  };
  const handler = createBillExportHandler(place, source)['bills:export'];
  try {
    return report(
      args,
      await handler({
        billId: args.billId,
        revision: args.revision,
        format: args.format,
        exportId: onProgress && 'cli',
      }),
    );
  } catch (err) {
    if (err instanceof AppError) throw new CliFailure(oneLine(err.message));
    throw err;
  }
}

/** Parses the arguments after `bills export`; bad usage is a UsageError (exit 2). */
export function parseBillsExport(
  argv: string[],
  cwd: string,
): BillsExportArgs & { values: { 'data-dir'?: string; demo?: boolean } } {
  const usage = BILLS_EXPORT_USAGE;
  const { values, positionals } = parse(argv, OPTIONS, usage, 1);
  const billId = positionals[0]?.trim();
  if (!billId) throw new UsageError('missing BILL_ID', usage);
  const given = FORMATS.filter((f) => values[f] !== undefined);
  if (given.length === 0) throw new UsageError('give one of --csv FILE, --xlsx FILE or --pdf FILE', usage);
  if (given.length > 1)
    throw new UsageError(`give only one of --csv, --xlsx, --pdf (got ${given.map((f) => `--${f}`).join(', ')})`, usage);
  const format = given[0];
  const target = values[format]?.trim();
  if (!target) throw new UsageError(`option '--${format}' needs a file`, usage);
  const revision = intOption('revision', values.revision, 1, Number.MAX_SAFE_INTEGER, usage);
  return { billId, revision, format, file: path.resolve(cwd, target), values };
}

/** `bills export …` for the `bills` command's dispatcher: `argv` is what follows `bills export`. */
export async function runBillsExport(argv: string[], io: CliIo): Promise<number> {
  const args = parseBillsExport(argv, io.cwd);
  const input = { billId: args.billId, revision: args.revision, format: args.format };
  validateInput('bills:export', input, BILLS_EXPORT_USAGE, { billId: 'BILL_ID', revision: '--revision' });
  // The window's own channel (bills:export) writes the file; the CLI only answers its "where to?" with the file flag.
  const profile = {
    dataDir: dataDirOf(args.values, io.env),
    demo: args.values.demo === true,
    dialogs: answer(args.file),
  };
  const r = await withServices(io, profile, (services) => call(services, 'bills:export', input));
  io.out(report(args, r));
  return 0;
}
