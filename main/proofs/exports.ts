// Writing exports to disk: the SOWs of selected orders into a folder, and where an export goes
// when nobody is asked — the browser host writes under the profile's `exports/` folder and hands the bytes to the
// page as a download. Each file is written to a temp name, fsynced and renamed, so no half-written PDF is left.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { DateTime } from 'luxon';
import { AppError } from '../../common/api/result';
import type { SowExportResult } from '../../common/api/contract-proofs';
import type { Db } from '../db/connection';
import { generateSow } from '../sow/generate-sow';
import { writeViaTemp } from './durable-file';
import { sowInputForOrder } from './sow-for-order';

/** Above this size an export is only written to disk, not also handed to the browser as base64 JSON. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

export async function writeFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeViaTemp(file, (fh) => fh.writeFile(bytes));
}

/** A name safe as a file name on every OS. */
export function safeFileName(name: string): string {
  return (
    name
      .replace(/[\\/:*?"<>|\s]+/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 180) || 'file'
  );
}

/** `20250601-120341` in the user's local time: a folder name that sorts and says when. */
export function stamp(ms: number): string {
  return DateTime.fromMillis(ms).toFormat('yyyyLLdd-HHmmss');
}

export interface SowExportOptions {
  folder: string;
  now: number;
  sellerName: string;
  /** Also return one ZIP of every PDF (the browser host's download). */
  zip: boolean;
}

/**
 * The statement of work of each order line (its latest draft, or an empty draft view) as `SOW-<order line>.pdf` in
 * `folder`. An order that fails (not cached, no template) is reported and the others are still written.
 */
export async function exportSows(
  db: Db,
  orderLineIds: readonly string[],
  opts: SowExportOptions,
): Promise<SowExportResult> {
  const files: SowExportResult['files'] = [];
  const failed: SowExportResult['failed'] = [];
  const zipped: Record<string, Uint8Array> = {};
  let total = 0;
  for (const orderLineId of [...new Set(orderLineIds)]) {
    try {
      const sow = sowInputForOrder(db, orderLineId, { now: opts.now, sellerName: opts.sellerName });
      const pdf = await generateSow(sow.input);
      const fileName = `SOW-${safeFileName(orderLineId)}.pdf`;
      await writeFileDurably(path.join(opts.folder, fileName), pdf);
      files.push({ orderLineId, fileName, bytes: pdf.length, draftId: sow.draftId });
      total += pdf.length;
      if (opts.zip) zipped[fileName] = pdf;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ orderLineId, message: err.message });
    }
  }
  const zipName = `${path.basename(opts.folder)}.zip`;
  // PDFs are compressed already: stored, not deflated.
  const zipBytes = opts.zip && files.length > 0 ? zipSync(zipped, { level: 0, mtime: opts.now }) : null;
  return {
    canceled: false,
    path: opts.folder,
    fileName: zipName,
    bytes: total,
    download:
      zipBytes && zipBytes.length <= MAX_DOWNLOAD_BYTES
        ? { fileName: zipName, contentType: 'application/zip', dataBase64: Buffer.from(zipBytes).toString('base64') }
        : null,
    files,
    failed,
  };
}
