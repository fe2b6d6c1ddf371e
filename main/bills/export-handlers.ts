// `bills:export` and `bills:export-reconciliation` (B5): one archived bill revision as CSV, XLSX or PDF, or the
// reconciliation's filtered lines as CSV (B4). Electron asks where the file goes; the browser host writes it under the
// profile's exports folder and hands the bytes back for a browser download, as the proof and SOW exports do.
// Progress of a big export is reported as `bills:export-progress` events carrying the request's exportId.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  BillExportFormat,
  BillExportProgress,
  BillExportResult,
  BillsChannel,
} from '../../common/api/contract-bills';
import { AppError } from '../../common/api/result';
import type { Handlers } from '../api/dispatch';
import type { ExportDialogs } from '../proofs/handlers';
import type { Db, ReadDb } from '../db/connection';
import { MAX_DOWNLOAD_BYTES, safeFileName, stamp } from '../proofs/exports';
import type { Clock } from '../sync/client';
import type { BillForExport, ExportOptions } from './export-common';
import { exportBillCsv, type FileExport } from './export-csv';
import { exportBillPdf } from './export-pdf';
import { exportReconciliationCsv } from './export-reconciliation';
import { exportBillXlsx } from './export-xlsx';
import { reconcile } from './reconciliation';
import { depositBefore, getBillRevision } from './repo';
import { parseStoredBill } from './rows';

/** Where `bills:export` reads an archived bill: by id, a given revision or the latest; null when not archived. */
export interface BillSource {
  getBill(billId: string, revision?: number): BillForExport | null;
}

/** The local archive (B5): the revision as received, and the deposit in its currency before it (B3; 0 when unknown). */
export function archiveBillSource(db: ReadDb): BillSource {
  return {
    getBill(billId, revision) {
      const stored = getBillRevision(db, billId, revision);
      if (!stored) return null;
      // B3: the deposit in the bill's currency before it, as bills:get explains it (0 when unknown).
      return {
        bill: parseStoredBill(stored.rawJson),
        depositBeforeMinor: depositBefore(db, stored.currency, stored.generatedAt)?.depositMinor ?? 0,
      };
    },
  };
}

/** Where an export goes: Electron's save dialog, else the browser host's exports folder; and where progress goes. */
export interface ExportPlace {
  /** The browser host's export folder (the profile's `exports/`); absent: exports are refused. */
  exportsDir?: string;
  /** Electron: ask where the file goes (the CLI answers with its file flag). */
  dialogs?: ExportDialogs;
  /** Where `bills:export-progress` goes. */
  progress?: (p: BillExportProgress) => void;
}

export interface BillExportDeps extends ExportPlace {
  db: Db;
  clock: Clock;
}

const EXPORTERS: Record<
  BillExportFormat,
  (file: string, stored: BillForExport, options: ExportOptions) => Promise<FileExport>
> = {
  csv: exportBillCsv,
  xlsx: exportBillXlsx,
  pdf: exportBillPdf,
};

const CONTENT_TYPES: Record<BillExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export type BillExportHandlers = Pick<Handlers, Extract<BillsChannel, 'bills:export' | 'bills:export-reconciliation'>>;

/** Where an export goes: the save dialog's answer (null: canceled), else the exports folder; else refused. */
export async function exportTarget(
  place: ExportPlace,
  fileName: string,
  format: BillExportFormat,
  title: string,
): Promise<string | null> {
  if (place.dialogs) return place.dialogs.saveFile({ title, defaultName: fileName, extension: format });
  if (!place.exportsDir) throw new AppError('forbidden', 'exports are not available here');
  return path.join(place.exportsDir, fileName);
}

/** The export's progress as events carrying the request's exportId (none without an id or a place to send them). */
export function exportProgress(place: ExportPlace, exportId: string | undefined): ExportOptions['onProgress'] {
  return exportId && place.progress ? (done, total) => place.progress?.({ exportId, done, total }) : undefined;
}

/**
 * Writes `file`; a place that cannot be written (not a folder, no permission, disk full) is the user's to fix, so
 * the answer says which file and why rather than the generic `internal` sentence.
 */
async function write(
  what: string,
  format: BillExportFormat,
  file: string,
  run: () => Promise<FileExport>,
): Promise<FileExport> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'forbidden',
      `cannot export ${what} as ${format.toUpperCase()} to ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

async function finish(place: ExportPlace, written: FileExport, format: BillExportFormat): Promise<BillExportResult> {
  const fileName = path.basename(written.file);
  const download =
    place.dialogs || written.bytes > MAX_DOWNLOAD_BYTES
      ? null
      : { fileName, contentType: CONTENT_TYPES[format], dataBase64: (await readFile(written.file)).toString('base64') };
  return { canceled: false, path: written.file, fileName, bytes: written.bytes, rows: written.lines, download };
}

/** `bills:export` over any bill source (the app: the archive; tests: their own). */
export function createBillExportHandler(place: ExportPlace, bills: BillSource): Pick<Handlers, 'bills:export'> {
  return {
    'bills:export': async ({ billId, revision, format, exportId }) => {
      const input = bills.getBill(billId, revision);
      if (!input) {
        throw new AppError(
          'not_found',
          revision === undefined
            ? `no bill ${billId} in the local archive`
            : `no revision ${revision} of bill ${billId} in the local archive`,
        );
      }
      const { bill } = input;
      const fileName = `bill-${safeFileName(billId)}-r${bill.revision}.${format}`;
      const exported = { billId: bill.billId, revision: bill.revision, billingPeriod: bill.billingPeriod };
      const file = await exportTarget(place, fileName, format, 'Export settlement bill');
      if (!file) return { canceled: true, path: null, fileName, bytes: 0, rows: 0, download: null, bill: exported };
      const written = await write(`bill ${billId}`, format, file, () =>
        EXPORTERS[format](file, input, { onProgress: exportProgress(place, exportId) }),
      );
      return { ...(await finish(place, written, format)), bill: exported };
    },
  };
}

export function createBillExportHandlers(deps: BillExportDeps): BillExportHandlers {
  const { db, clock } = deps;
  return {
    ...createBillExportHandler(deps, archiveBillSource(db)),

    'bills:export-reconciliation': async ({ exportId, ...filters }) => {
      const now = clock.now();
      const { rows } = reconcile(db, { ...filters, offset: 0, limit: Number.MAX_SAFE_INTEGER }, now);
      const fileName = `reconciliation-${stamp(now)}.csv`;
      const file = await exportTarget(deps, fileName, 'csv', 'Export reconciliation');
      if (!file) return { canceled: true, path: null, fileName, bytes: 0, rows: 0, download: null };
      const written = await write('the reconciliation', 'csv', file, () =>
        exportReconciliationCsv(file, rows, now, { onProgress: exportProgress(deps, exportId) }),
      );
      return finish(deps, written, 'csv');
    },
  };
}
