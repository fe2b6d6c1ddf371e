// The orders channels: the local cache's list and one line's detail (docs/architecture.md "Two transports, one
// handler table"). Inputs arrive validated by dispatch(); a missing line is a typed not_found.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../common/api/result';
import type { ReadDb } from '../db/connection';
import type { Handlers } from '../api/dispatch';
import type { Clock } from '../sync/client';
import type { SettingsReader } from '../settings/app-settings';
import type { OrderLinesRaw } from '../../common/api/contract';
import type { BillExportProgress } from '../../common/api/contract-bills';
import { isValidJson, reportRowProblem } from '../db/row-problems';
import { getOrderLine, getOrderLineRawJson, listOrderLines } from './order-lines';
import { exportOrdersCsv } from './export-csv';
import { MAX_DOWNLOAD_BYTES, stamp } from '../proofs/exports';
import type { ExportDialogs } from '../proofs/handlers';
import { exportProgress, exportTarget } from '../bills/export-handlers';

export type OrdersHandlers = Pick<Handlers, 'orders:list' | 'orders:get' | 'orders:raw' | 'orders:export'>;

export interface OrdersHandlerDeps {
  db: ReadDb;
  clock: Clock;
  settings: SettingsReader;
  /** The browser host's export folder (the profile's `exports/`); absent with no dialogs: exports are refused. */
  exportsDir?: string;
  /** Electron: ask where the CSV goes. */
  dialogs?: ExportDialogs;
  /** Where `orders:export-progress` goes. */
  progress?: (p: BillExportProgress) => void;
}

export function createOrdersHandlers(deps: OrdersHandlerDeps): OrdersHandlers {
  const { db, clock, settings, dialogs } = deps;
  const context = () => ({ now: clock.now(), waitingThresholdDays: settings.view().waitingThresholdDays });
  return {
    // S5: "waiting" is measured against the seller's own threshold, read at each query.
    'orders:list': (query) => listOrderLines(db, query, context()),

    // The filtered list as CSV, every matching line (O1), where bill exports go: a save dialog in Electron, the
    // profile's exports folder plus the bytes for a browser download in the browser host (as bills:export does).
    'orders:export': async ({ exportId, ...query }) => {
      const ctx = context();
      const fileName = `orders-${stamp(ctx.now)}.csv`;
      const file = await exportTarget(deps, fileName, 'csv', 'Export order lines');
      if (!file) return { canceled: true, path: null, fileName, bytes: 0, rows: 0, download: null };
      // Progress of all the matching lines (counted exactly once: an export of a million lines takes seconds).
      const onProgress = exportProgress(deps, exportId);
      const total = onProgress ? listOrderLines(db, { ...query, offset: 0, limit: 1, exactTotal: true }, ctx).total : 0;
      const written = await exportOrdersCsv(file, db, query, ctx, { total, onProgress });
      const name = path.basename(written.file);
      const download =
        dialogs || written.bytes > MAX_DOWNLOAD_BYTES
          ? null
          : {
              fileName: name,
              contentType: 'text/csv; charset=utf-8',
              dataBase64: (await readFile(written.file)).toString('base64'),
            };
      return {
        canceled: false,
        path: written.file,
        fileName: name,
        bytes: written.bytes,
        rows: written.lines,
        download,
      };
    },

    'orders:get': ({ orderLineId }) => {
      const detail = getOrderLine(db, orderLineId);
      if (!detail) throw new AppError('not_found', `no order line ${orderLineId} in the local cache`);
      return detail;
    },

    // The texts as stored, not re-serialized: every field the marketplace sent, in its own order. A text that no
    // longer parses is left out and reported as the row problem it is (row-problems.ts), so what prints the lines
    // prints valid JSON and the window's notice / the CLI's warning names the row.
    'orders:raw': ({ orderLineIds }) => {
      const answer: OrderLinesRaw = { lines: [], missing: [], damaged: [] };
      for (const orderLineId of orderLineIds) {
        const rawJson = getOrderLineRawJson(db, orderLineId);
        if (rawJson === null) answer.missing.push(orderLineId);
        else if (isValidJson(rawJson)) answer.lines.push({ orderLineId, rawJson });
        else {
          const problem = { table: 'order_line_raw', id: orderLineId, column: 'raw_json' };
          reportRowProblem(db, problem);
          answer.damaged.push(problem);
        }
      }
      return answer;
    },
  };
}
