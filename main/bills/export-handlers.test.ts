// bills:export and bills:export-reconciliation through dispatch on a real temp SQLite (B4, B5): the browser host
// writes under its exports folder and hands the bytes back; Electron's save dialog chooses the place (or cancels);
// progress events carry the request's exportId; the reconciliation CSV has the filtered rows with reasons in words.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BillExportProgress, BillExportResult } from '../../common/api/contract-bills';
import { dispatch, type Handlers } from '../api/dispatch';
import type { Db } from '../db/connection';
import { upsertOrderLines } from '../orders/order-lines';
import { makeLine } from '../orders/testing/order-line-fixture';
import { settableClock, tempDb, type TempDb } from '../sync/testing/helpers';
import { createBillExportHandlers } from './export-handlers';
import { reasonWords } from './export-reconciliation';
import { storeBillRevision } from './repo';
import { makeBill, makeBillLine } from './testing/bill-fixture';

const NOW = Date.parse('2025-06-15T04:00:00.000Z');
let tmp: TempDb;
let db: Db;
let dir: string;
let progress: BillExportProgress[];

beforeEach(() => {
  tmp = tempDb();
  db = tmp.db;
  dir = mkdtempSync(path.join(tmpdir(), 'bill-exports-'));
  progress = [];
});
afterEach(() => {
  tmp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function handlers(over: Partial<Parameters<typeof createBillExportHandlers>[0]> = {}): Handlers {
  return createBillExportHandlers({
    db,
    clock: settableClock(NOW),
    exportsDir: dir,
    progress: (p) => progress.push(p),
    ...over,
  }) as Handlers;
}

async function call(h: Handlers, channel: string, input: unknown): Promise<BillExportResult> {
  const r = await dispatch(h, channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as BillExportResult;
}

const store = (b: ReturnType<typeof makeBill>) =>
  storeBillRevision(db, { bill: b, rawJson: JSON.stringify(b), receivedAt: NOW });

describe('bills:export (B5)', () => {
  it('browser host: the bill revision asked for as CSV in the exports folder, handed back as a download, with progress', async () => {
    store(makeBill({ lines: [makeBillLine({ n: 1 }), makeBillLine({ n: 2, settlementAmount: '799.00' })] }));
    store(makeBill({ revision: 2, lines: [makeBillLine({ n: 1 })] }));
    const r = await call(handlers(), 'bills:export', {
      billId: 'B202504-0001',
      revision: 1,
      format: 'csv',
      exportId: 'x1',
    });
    expect(r).toMatchObject({ canceled: false, fileName: 'bill-B202504-0001-r1.csv', rows: 2 });
    expect(r.path).toBe(path.join(dir, 'bill-B202504-0001-r1.csv'));
    const bytes = readFileSync(r.path as string);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(r.download).toMatchObject({ fileName: r.fileName, contentType: 'text/csv; charset=utf-8' });
    expect(Buffer.from(r.download?.dataBase64 ?? '', 'base64')).toEqual(bytes);
    // B2a: the wrong line's row says it does not match.
    const rows = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatch(/,799\.00,800\.00,no$/);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.exportId === 'x1')).toBe(true);
    expect(progress.at(-1)).toEqual({ exportId: 'x1', done: 2, total: 2 });
  });

  it('the latest revision by default, as XLSX and PDF; an unknown bill is not_found', async () => {
    store(makeBill());
    const x = await call(handlers(), 'bills:export', { billId: 'B202504-0001', format: 'xlsx' });
    expect(x.fileName).toBe('bill-B202504-0001-r1.xlsx');
    expect(
      readFileSync(x.path as string)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const p = await call(handlers(), 'bills:export', { billId: 'B202504-0001', format: 'pdf' });
    expect(p.download?.contentType).toBe('application/pdf');
    expect(
      readFileSync(p.path as string)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await dispatch(handlers(), 'bills:export', { billId: 'NOPE', format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch(handlers(), 'bills:export', { billId: 'B202504-0001', format: 'doc' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('Electron: the save dialog chooses the file (no download handed back); a canceled dialog writes nothing', async () => {
    store(makeBill());
    const chosen = path.join(dir, 'chosen', 'my bill.csv');
    const asked: string[] = [];
    const dialogs = {
      saveFile: async (o: { defaultName: string }) => {
        asked.push(o.defaultName);
        return asked.length === 1 ? chosen : null;
      },
      pickFolder: async () => null,
    };
    const r = await call(handlers({ dialogs, exportsDir: undefined }), 'bills:export', {
      billId: 'B202504-0001',
      format: 'csv',
    });
    expect(r).toMatchObject({ canceled: false, path: chosen, download: null });
    expect(existsSync(chosen)).toBe(true);
    const c = await call(handlers({ dialogs, exportsDir: undefined }), 'bills:export', {
      billId: 'B202504-0001',
      format: 'pdf',
    });
    expect(c).toMatchObject({ canceled: true, path: null, download: null });
    expect(asked).toEqual(['bill-B202504-0001-r1.csv', 'bill-B202504-0001-r1.pdf']);
  });
});

describe('bills:export: what the CLI relies on', () => {
  it('names the revision exported; a place that cannot be written is refused with the file and why, not as internal', async () => {
    store(makeBill({ lines: [makeBillLine({ n: 1 })] }));
    const r = await call(handlers(), 'bills:export', { billId: 'B202504-0001', format: 'csv' });
    expect(r.bill).toEqual({ billId: 'B202504-0001', revision: 1, billingPeriod: makeBill().billingPeriod });
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const file = path.join(blocker, 'b.csv');
    const dialogs = { saveFile: async () => file, pickFolder: async () => null };
    const failed = await dispatch(handlers({ dialogs }), 'bills:export', { billId: 'B202504-0001', format: 'csv' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(failed.ok ? '' : failed.error.message).toMatch(
      new RegExp(`^cannot export bill B202504-0001 as CSV to ${file.replace(/[.\\/]/g, '\\$&')}: \\S`),
    );
  });
});

describe('bills:export-reconciliation (B4)', () => {
  it('the filtered lines as CSV (BOM, bilingual header), each with its state, bill and reasons in both languages', async () => {
    upsertOrderLines(db, [
      {
        ...makeLine({
          orderId: 'CS25BILL00001',
          stage: null,
          status: 'COMPLETED',
          amount: '1000.00',
          customerName: 'Billed Co',
        }),
      },
      makeLine({
        orderId: 'CS25WAIT00001',
        stage: 'awaiting_acceptance',
        status: 'PROCESSING',
        amount: '300.00',
        customerName: 'Waiting Co',
      }),
    ]);
    store(makeBill({ lines: [makeBillLine({ n: 1 })] }));
    const all = await call(handlers(), 'bills:export-reconciliation', {});
    expect(all.rows).toBe(2);
    const text = readFileSync(all.path as string, 'utf8');
    expect(text.startsWith('\ufeffOrder No. / 订单号,Order line ID / 订单行号,')).toBe(true);
    const unbilled = await call(handlers(), 'bills:export-reconciliation', { states: ['unbilled'], exportId: 'r1' });
    expect(unbilled.rows).toBe(1);
    expect(unbilled.fileName).toMatch(/^reconciliation-\d{8}-\d{6}\.csv$/);
    const lines = readFileSync(unbilled.path as string, 'utf8')
      .slice(1)
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('CS25WAIT00001');
    expect(lines[1]).toContain('unbilled / 未出账');
    expect(lines[1]).toContain('supervision_not_completed');
    expect(lines[1]).toContain('Supervision is not completed (stage awaiting_acceptance).');
    expect(lines[1]).toContain('服务监管未完成（阶段 awaiting_acceptance）。');
    expect(progress.some((p) => p.exportId === 'r1')).toBe(true);
  });

  it('B2/B4: "the bill is produced on the 7th" before it is due, "not received" after', () => {
    const row = { status: 'COMPLETED' as const, stage: null, billingPeriod: '202506' };
    expect(reasonWords('bill_not_produced_yet', row, NOW).en).toBe(
      'The bill for 2025-06 is produced on 2025-07-07 (UTC+8); it has not been produced yet.',
    );
    expect(reasonWords('bill_not_produced_yet', row, Date.parse('2025-07-08T00:00:00Z')).zh).toBe(
      '2025-06 的账单应于 2025-07-07（UTC+8）生成，尚未收到。',
    );
  });
});
