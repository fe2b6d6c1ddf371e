// orders:export (O1): every line the list's filters match, in its sort, as a CSV that Excel opens in Chinese
// (UTF-8 BOM), through the same writer as the bill exports; the "Customer" chip's filter matches customers only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { orderQuery, ordersExport, type OrderQuery } from '../../common/api/contract';
import type { BillExportProgress } from '../../common/api/contract-bills';
import { openDatabase, type Db } from '../db/connection';
import { FileCredentialStore } from '../settings/credential-store';
import { createAppSettings } from '../settings/app-settings';
import { createOrdersHandlers } from './handlers';
import { matchingLines } from './export-csv';
import { listOrderLines, upsertOrderLines } from './order-lines';
import { bulkLoadOrderLines } from './order-bulk';
import { makeLine } from './testing/order-line-fixture';

const NOW = Date.parse('2025-05-01T00:00:00.000Z');
const ctx = { now: NOW, waitingThresholdDays: 5 };
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sd-orders-export-'));
  db = openDatabase(':memory:');
  const lines = [];
  // 12 migration lines for a Hangzhou customer, 3 licence lines for Contoso, one product named after Contoso.
  for (let i = 0; i < 12; i++)
    lines.push(
      makeLine({
        orderId: `CS25040112${String(i).padStart(2, '0')}MIGRA`,
        productName: '数据迁移专业服务',
        customerName: '杭州某某科技有限公司',
      }),
    );
  for (let i = 0; i < 3; i++)
    lines.push(
      makeLine({
        orderId: `CS25040113${String(i).padStart(2, '0')}LICEN`,
        productName: 'License, "Pro" edition',
        customerName: 'Contoso Ltd',
      }),
    );
  lines.push(makeLine({ orderId: 'CS2504011400NAMED', productName: 'Contoso onboarding', customerName: '=cmd|calc' }));
  upsertOrderLines(db, lines);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const handlers = () => {
  const settings = createAppSettings(db, new FileCredentialStore(path.join(dir, 'c.json')));
  return createOrdersHandlers({ db, clock: { now: () => NOW }, settings, exportsDir: path.join(dir, 'exports') });
};

describe('orders:export', () => {
  it('writes every matching line (not one page) with a BOM, bilingual headers and RFC 4180 quoting', async () => {
    const r = await handlers()['orders:export'](ordersExport.parse({ text: '迁移' }));
    expect(r.canceled).toBe(false);
    expect(r.rows).toBe(12);
    const bytes = readFileSync(r.path ?? '');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(13);
    expect(lines[0]).toContain('Customer / 客户');
    expect(lines[1]).toContain('数据迁移专业服务');
    // The browser host also hands the bytes over for a download.
    expect(Buffer.from(r.download?.dataBase64 ?? '', 'base64').equals(bytes)).toBe(true);
    expect(r.download?.contentType).toBe('text/csv; charset=utf-8');
  });

  it('keeps the list sort, quotes commas and quotes, and guards a formula-looking customer', async () => {
    const r = await handlers()['orders:export'](
      ordersExport.parse({ text: 'Contoso', sort: { field: 'orderNo', dir: 'asc' } }),
    );
    const text = readFileSync(r.path ?? '', 'utf8');
    const rows = text.split('\r\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(4);
    expect(rows.map((l) => l.split(',')[0])).toEqual([...rows.map((l) => l.split(',')[0])].sort());
    expect(text).toContain('"License, ""Pro"" edition"');
    expect(text).toContain("'=cmd|calc");
  });

  it('is refused where there is neither an exports folder nor a save dialog; a canceled dialog writes nothing', async () => {
    const settings = createAppSettings(db, new FileCredentialStore(path.join(dir, 'c.json')));
    const bare = createOrdersHandlers({ db, clock: { now: () => NOW }, settings });
    await expect(bare['orders:export'](ordersExport.parse({}))).rejects.toMatchObject({ code: 'forbidden' });
    const canceled = createOrdersHandlers({
      db,
      clock: { now: () => NOW },
      settings,
      dialogs: { saveFile: async () => null, pickFolder: async () => null },
    });
    expect(await canceled['orders:export'](ordersExport.parse({}))).toMatchObject({
      canceled: true,
      rows: 0,
      download: null,
    });
  });

  it('Electron: the file goes where the save dialog says, and no bytes travel back for a download', async () => {
    const settings = createAppSettings(db, new FileCredentialStore(path.join(dir, 'c.json')));
    const chosen = path.join(dir, 'chosen', 'mine.csv');
    const asked: string[] = [];
    const electron = createOrdersHandlers({
      db,
      clock: { now: () => NOW },
      settings,
      dialogs: {
        saveFile: async (o) => {
          asked.push(o.defaultName);
          return chosen;
        },
        pickFolder: async () => null,
      },
    });
    const r = await electron['orders:export'](ordersExport.parse({ customerName: 'Contoso' }));
    expect(asked).toEqual([expect.stringMatching(/^orders-\d{8}-\d{6}\.csv$/)]);
    expect(r).toMatchObject({ canceled: false, path: chosen, fileName: 'mine.csv', rows: 3, download: null });
    expect(readFileSync(chosen, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('pages through the list: small pages yield the same lines in the same order as one big read', async () => {
    const q = ordersExport.parse({ sort: { field: 'orderNo', dir: 'desc' } });
    const paged: string[] = [];
    for await (const row of matchingLines(db, q, ctx, 4)) paged.push(row.orderLineId);
    const whole = listOrderLines(db, orderQuery.parse({ sort: q.sort, limit: 500 }), ctx).rows.map(
      (r) => r.orderLineId,
    );
    expect(paged).toEqual(whole);
    expect(paged).toHaveLength(16);
  });
  it("reports its progress with the request's exportId, from 0 to every matching line; without an id, no events", async () => {
    // 4,500 more lines: the writer reports every 2,000 lines written, so there is a step between.
    const bulk = makeLine({ orderId: 'CS2504011500000', customerName: 'Bulk Buyer Ltd' });
    bulkLoadOrderLines(
      db,
      Array.from({ length: 4_500 }, (_, i) => ({
        ...bulk,
        orderId: `CS25040115${String(i).padStart(5, '0')}`,
        orderLineId: `CS25040115${String(i).padStart(5, '0')}-000001`,
        createTime: new Date(Date.parse(bulk.createTime) - i * 60_000).toISOString(), // a minute apart
      })),
    );
    const settings = createAppSettings(db, new FileCredentialStore(path.join(dir, 'c.json')));
    const events: BillExportProgress[] = [];
    const h = createOrdersHandlers({
      db,
      clock: { now: () => NOW },
      settings,
      exportsDir: path.join(dir, 'exports'),
      progress: (p) => events.push(p),
    });
    const all = 4_500 + 16; // and the 16 lines every test starts with
    const r = await h['orders:export'](ordersExport.parse({ exportId: 'exp-1' }));
    expect(r.rows).toBe(all);
    expect(events[0]).toEqual({ exportId: 'exp-1', done: 0, total: all });
    expect(events.at(-1)).toEqual({ exportId: 'exp-1', done: all, total: all });
    const done = events.map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.some((d) => d > 0 && d < all)).toBe(true);

    events.length = 0;
    expect((await h['orders:export'](ordersExport.parse({}))).rows).toBe(all);
    expect(events).toEqual([]);
  });
});

describe('the search box chips: a customer term matches customers, a product term products', () => {
  const list = (q: OrderQuery) => listOrderLines(db, orderQuery.parse(q), ctx);
  it('"Contoso" as Customer finds Contoso Ltd\'s lines only, as Product the product named so, as All fields both', () => {
    expect(list({ customerName: 'Contoso' }).total).toBe(3);
    expect(list({ customerName: 'Contoso' }).rows.every((r) => r.customerName === 'Contoso Ltd')).toBe(true);
    expect(list({ productName: 'Contoso' }).total).toBe(1);
    expect(list({ text: 'Contoso' }).total).toBe(4);
  });
  it('a customer term never matches order numbers, and a 2-character Chinese customer word works', () => {
    expect(list({ customerName: 'MIGRA' }).total).toBe(0);
    expect(list({ customerName: '杭州' }).total).toBe(12);
    expect(list({ customerName: '杭州', productName: '迁移' }).total).toBe(12);
    expect(list({ customerName: '杭州', productName: 'License' }).total).toBe(0);
  });
});
