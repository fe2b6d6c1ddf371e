// `bills:export` and `bills:export-reconciliation` (B5): one archived bill revision as CSV, XLSX or PDF, or the
// reconciliation's filtered lines as CSV (B4). Electron asks where the file goes; the browser host writes it under the
// profile's exports folder and hands the bytes back for a browser download, as the proof and SOW exports do.
// Progress of a big export is reported as `bills:export-progress` events carrying the request's exportId.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BillExportFormat, BillExportProgress, BillExportResult, BillsChannel } from '../../common/api/contract-bills';
import { AppError } from '../../common/api/result';
import type { Handlers } from '../api/dispatch';
import type { ExportDialogs } from '../api/handlers-proofs';
import type { Db } from '../db/connection';
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

export interface BillExportDeps {
  db: Db;
  clock: Clock;
  /** The browser host's export folder (the profile's `exports/`); absent: exports are refused. */
  exportsDir?: string;
  /** Electron: ask where the file goes. */
  dialogs?: ExportDialogs;
  /** Where `bills:export-progress` goes. */
  progress?: (p: BillExportProgress) => void;
}

const EXPORTERS: Record<BillExportFormat, (file: string, stored: BillForExport, options: ExportOptions) => Promise<FileExport>> = {
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

export function createBillExportHandlers(deps: BillExportDeps): BillExportHandlers {
  const { db, clock } = deps;

  const target = async (fileName: string, format: BillExportFormat, title: string): Promise<string | null> => {
    if (deps.dialogs) return deps.dialogs.saveFile({ title, defaultName: fileName, extension: format });
    if (!deps.exportsDir) throw new AppError('forbidden', 'exports are not available here');
    return path.join(deps.exportsDir, fileName);
  };

  const onProgress = (exportId: string | undefined): ExportOptions['onProgress'] =>
    exportId && deps.progress ? (done, total) => deps.progress?.({ exportId, done, total }) : undefined;

  const finish = async (written: FileExport, format: BillExportFormat): Promise<BillExportResult> => {
    const fileName = path.basename(written.file);
    const download =
      deps.dialogs || written.bytes > MAX_DOWNLOAD_BYTES
        ? null
        : { fileName, contentType: CONTENT_TYPES[format], dataBase64: (await readFile(written.file)).toString('base64') };
    return { canceled: false, path: written.file, fileName, bytes: written.bytes, rows: written.lines, download };
  };

  return {
    'bills:export': async ({ billId, revision, format, exportId }) => {
      const stored = getBillRevision(db, billId, revision);
      if (!stored) {
        throw new AppError('not_found', revision === undefined ? `no bill ${billId} in the local archive` : `no revision ${revision} of bill ${billId} in the local archive`);
      }
      // B3: the deposit in the bill's currency before it, as bills:get explains it (0 when unknown).
      const input: BillForExport = { bill: parseStoredBill(stored.rawJson), depositBeforeMinor: depositBefore(db, stored.currency, stored.generatedAt)?.depositMinor ?? 0 };
      const fileName = `bill-${safeFileName(billId)}-r${stored.revision}.${format}`;
      const file = await target(fileName, format, 'Export settlement bill');
      if (!file) return { canceled: true, path: null, fileName, bytes: 0, rows: 0, download: null };
      return finish(await EXPORTERS[format](file, input, { onProgress: onProgress(exportId) }), format);
    },

    'bills:export-reconciliation': async ({ exportId, ...filters }) => {
      const now = clock.now();
      const { rows } = reconcile(db, { ...filters, offset: 0, limit: Number.MAX_SAFE_INTEGER }, now);
      const fileName = `reconciliation-${stamp(now)}.csv`;
      const file = await target(fileName, 'csv', 'Export reconciliation');
      if (!file) return { canceled: true, path: null, fileName, bytes: 0, rows: 0, download: null };
      return finish(await exportReconciliationCsv(file, rows, now, { onProgress: onProgress(exportId) }), 'csv');
    },
  };
}
