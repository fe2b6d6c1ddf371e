// Settlement bills (docs/rules.md B2, B2a, B5), each beside a raw floor measured in the same run:
//  - syncing BILLS bills of BILL_LINES lines from the simulator over HTTP (the bills feed into the archive, through the
//    SyncEngine), against the same pages' JSON parsed and inserted with plain better-sqlite3 into a table with the
//    bill lines' columns and only a primary key (no HTTP, no schema check, no raw JSON kept, no checks) — each the
//    best of three rounds, taking turns;
//  - opening the Bills page (`bills:list` + `bills:monthly`) and a BIG_LINES-line bill's first page (`bills:get` +
//    `bills:lines` offset 0) through the handler table, against a plain SELECT of 50 bill lines;
//  - the CSV and XLSX exports of that bill through `bills:export`.
// The bills are made here (B2a amounts, a few lines wrong on purpose, refunds) and put into the simulator's own store.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moneyToWire, parseMoney } from '../common/domain/money';
import { billDueAt, explainBill, expectedSettlementOf, type WireBillLine } from '../common/domain/settlement';
import type { WireBill } from '../common/marketplace/wire';
import { dispatch, type Handlers } from '../main/api/dispatch';
import { openDatabase, type Db } from '../main/db/connection';
import { openSqlite } from '../main/db/native-binding';
import { createBillsHandlers } from '../main/bills/handlers';
import { BILLS_PAGE_SIZE, pullBills } from '../main/bills/pull';
import { countBillRevisions, saveAccount, storeBillRevision } from '../main/bills/repo';
import { MarketplaceClient } from '../main/sync/client';
import { SyncEngine } from '../main/sync/pull';
import { DEFAULT_SELLER, startSimulator } from '../marketplace-sim';
import { SimStore } from '../marketplace-sim/store';
import { percentile, time, type Row } from './table';

export interface BillsBenchOptions {
  /** Bills synced (two currencies a month, newest month last). */
  bills: number;
  linesPerBill: number;
  /** Lines of the bill opened and exported. */
  bigLines: number;
  /** Samples per p95. */
  samples?: number;
  dir?: string;
  log?: (m: string) => void;
}

/** The block the Bills page's lines table asks `bills:lines` for. */
const LINES_BLOCK = 200;
/** What the Bills page's handlers take as now (the monthly chart's last month); the sync runs on the real clock. */
const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const clock = { now: () => NOW };
const realClock = { now: () => Date.now() };
const SYNC_PATH = '/api/seller-sync/v1/bills';
const SYNC_ROUNDS = 3;

const removeDb = (file: string): void => ['', '-wal', '-shm'].forEach((x) => rmSync(file + x, { force: true }));

/** A small deterministic generator (xorshift32): the same bills every run. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

function periodBefore(period: string, months: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(4, 6)) - 1 - months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}${String(mm + 1).padStart(2, '0')}`;
}

const KINDS: ReadonlyArray<WireBillLine['kind']> = ['purchase', 'renewal', 'payPerUse'];

/** One bill as the marketplace would send it: B2a amounts, 2% refunds, every 997th line a cent off (B2a missed). */
export function benchBill(
  billId: string,
  period: string,
  currency: 'CNY' | 'USD',
  lines: number,
  seed: number,
): WireBill {
  const next = prng(seed);
  const start = billDueAt(period) - 36 * 86_400_000;
  const out: WireBillLine[] = [];
  for (let j = 0; j < lines; j++) {
    const refund = j % 50 === 49;
    const salesMinor = (refund ? -1 : 1) * (100 + Math.floor(next() * 999_900));
    const withholdingMinor = currency === 'USD' ? Math.trunc(salesMinor / 10) : 0;
    const ratio = next() < 0.2 ? '0.10' : '0.20';
    const orderId = `CS${period.slice(2)}${String(seed % 100_000).padStart(5, '0')}${String(j).padStart(6, '0')}`;
    let settlement = expectedSettlementOf(salesMinor, withholdingMinor, ratio, 0);
    if (j % 997 === 996) settlement += 1;
    out.push({
      orderId,
      orderLineId: `${orderId}-000001`,
      kind: refund ? 'refund' : KINDS[j % 3],
      attributedAt: new Date(start + Math.floor(next() * 28 * 86_400_000)).toISOString(),
      salesAmount: moneyToWire(salesMinor),
      customerWithholdingTax: moneyToWire(withholdingMinor),
      platformFeeRatio: ratio,
      sellerTaxes: '0.00',
      settlementAmount: moneyToWire(settlement),
    });
  }
  const draft: WireBill = {
    billId,
    billingPeriod: period,
    revision: 1,
    status: 'APPROVED',
    currency,
    generatedAt: new Date(billDueAt(period)).toISOString(),
    lines: out,
    totals: {
      settlementAmount: '0.00',
      refundDeductions: '0.00',
      depositDeductions: '0.00',
      owedBySeller: '0.00',
      netPayable: '0.00',
    },
  };
  const e = explainBill(draft, 0);
  const t = (f: keyof WireBill['totals']) => moneyToWire(e.totals.find((x) => x.field === f)?.expectedMinor ?? 0);
  return {
    ...draft,
    totals: {
      settlementAmount: t('settlementAmount'),
      refundDeductions: t('refundDeductions'),
      depositDeductions: t('depositDeductions'),
      owedBySeller: t('owedBySeller'),
      netPayable: t('netPayable'),
    },
  };
}

/** The simulator's store with `count` bills in its feed (and nothing else to seed). */
function simStoreWithBills(file: string, count: number, linesPerBill: number): void {
  const store = SimStore.open(file);
  try {
    const insert = store.db.prepare(
      'INSERT INTO bills (seq, bill_id, revision, seller_id, billing_period, json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const last = periodBefore('202509', 0);
    store.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const period = periodBefore(last, Math.floor((count - 1 - i) / 2));
        const currency = i % 2 === 0 ? 'CNY' : 'USD';
        const b = benchBill(
          `B${period}-${String((i % 2) + 1).padStart(4, '0')}`,
          period,
          currency,
          linesPerBill,
          i + 1,
        );
        insert.run(i + 1, b.billId, b.revision, DEFAULT_SELLER.sellerId, period, JSON.stringify(b));
      }
    })();
    store.setMeta('seeded', '1');
    store.setMeta('bills_seeded', '0');
  } finally {
    store.close();
  }
}

/** The bills pages as the marketplace sent them (the sync asks for the same ones). */
async function fetchPages(client: MarketplaceClient): Promise<string[]> {
  const pages: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await client.request('GET', SYNC_PATH, { query: { cursor, limit: BILLS_PAGE_SIZE } });
    pages.push(JSON.stringify(res.json));
    const body = res.json as { nextCursor: string | null; hasMore: boolean };
    if (!body.hasMore || !body.nextCursor) return pages;
    cursor = body.nextCursor;
  }
}

/** The floor: each page parsed and its lines inserted with one prepared statement, one transaction per page. */
function rawLoad(file: string, pages: readonly string[]): number {
  const db = openSqlite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE bill_lines (bill_id TEXT NOT NULL, revision INTEGER NOT NULL, line_no INTEGER NOT NULL, order_id TEXT NOT NULL,
      order_line_id TEXT NOT NULL, kind TEXT NOT NULL, attributed_at INTEGER NOT NULL, sales_minor INTEGER NOT NULL, withholding_minor INTEGER NOT NULL,
      fee_ratio TEXT NOT NULL, seller_taxes_minor INTEGER NOT NULL, settlement_minor INTEGER NOT NULL, PRIMARY KEY (bill_id, revision, line_no)) WITHOUT ROWID`);
    const insert = db.prepare('INSERT INTO bill_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    let n = 0;
    for (const text of pages) {
      const page = JSON.parse(text) as { items: WireBill[] };
      db.transaction(() => {
        for (const b of page.items) {
          for (let i = 0; i < b.lines.length; i++) {
            const l = b.lines[i];
            insert.run(
              b.billId,
              b.revision,
              i + 1,
              l.orderId,
              l.orderLineId,
              l.kind,
              Date.parse(l.attributedAt),
              parseMoney(l.salesAmount),
              parseMoney(l.customerWithholdingTax),
              l.platformFeeRatio,
              parseMoney(l.sellerTaxes),
              parseMoney(l.settlementAmount),
            );
            n++;
          }
        }
      })();
    }
    return n;
  } finally {
    db.close();
  }
}

async function call(handlers: Handlers, channel: string, input: unknown): Promise<unknown> {
  const r = await dispatch(handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function p95Of(samples: number, fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn(); // warm statements and pages
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchBills(opts: BillsBenchOptions): Promise<Row[]> {
  const log = opts.log ?? (() => undefined);
  const samples = opts.samples ?? 200;
  const dir = mkdtempSync(join(opts.dir ?? tmpdir(), 'seller-desk-bench-bills-'));
  const rows: Row[] = [];
  try {
    const simFile = join(dir, 'sim.db');
    log(`making ${opts.bills} bills of ${opts.linesPerBill.toLocaleString('en-US')} lines for the simulator …`);
    simStoreWithBills(simFile, opts.bills, opts.linesPerBill);
    let archive: Db | null = null;
    try {
      const sim = await startSimulator({ dbPath: simFile, quiet: true });
      try {
        const client = new MarketplaceClient({
          baseUrl: sim.url,
          credentials: () => sim.credentials,
          clock: realClock,
        });
        const pages = await fetchPages(client); // also warms the simulator's pages for both runs
        // Best of SYNC_ROUNDS, the raw load and the sync taking turns: on a shared machine one slow moment would
        // otherwise decide the ratio.
        let rawBest = Infinity;
        let syncBest = Infinity;
        let rawLines = 0;
        let synced = 0;
        for (let round = 1; round <= SYNC_ROUNDS; round++) {
          const rawFile = join(dir, `raw-${round}.db`);
          const [lines, rawMs] = time(() => rawLoad(rawFile, pages));
          removeDb(rawFile);
          rawLines = lines;
          rawBest = Math.min(rawBest, rawMs);

          log(`syncing the bills over HTTP (round ${round} of ${SYNC_ROUNDS}) …`);
          if (archive) {
            archive.close();
            removeDb(join(dir, `sync-${round - 1}.db`));
          }
          const db = openDatabase(join(dir, `sync-${round}.db`));
          archive = db;
          const engine = new SyncEngine({
            db,
            client,
            clock: realClock,
            bills: (run) => pullBills(run, { db, client }),
          });
          const t0 = performance.now();
          const r = await engine.runOnce();
          syncBest = Math.min(syncBest, performance.now() - t0);
          synced = (r.bills?.received ?? 0) * opts.linesPerBill;
          if (countBillRevisions(db) !== opts.bills || synced !== rawLines)
            log(
              `warning: archived ${countBillRevisions(db)} bills (${synced} lines), the raw load stored ${rawLines} lines`,
            );
        }
        const ours = synced / (syncBest / 1000);
        const raw = rawLines / (rawBest / 1000);
        rows.push({
          name: `bills sync: ${opts.bills} bills × ${opts.linesPerBill.toLocaleString('en-US')} lines over HTTP (pages of ${BILLS_PAGE_SIZE} bills, best of ${SYNC_ROUNDS})`,
          value: ours,
          unit: 'lines/s',
          baseline: raw,
          ratio: ours / raw,
          target: '≥ 0.50',
        });
      } finally {
        await sim.close();
      }
      if (!archive) throw new Error('no archive was synced');
      const db: Db = archive;

      log(`archiving a ${opts.bigLines.toLocaleString('en-US')}-line bill …`);
      const big = benchBill('B202509-0099', '202509', 'CNY', opts.bigLines, 99);
      const bigJson = JSON.stringify(big);
      const [, storeMs] = time(() => storeBillRevision(db, { bill: big, rawJson: bigJson, receivedAt: NOW }));
      rows.push({
        name: `archive a ${opts.bigLines.toLocaleString('en-US')}-line bill (lines + B2a checks, no HTTP)`,
        value: opts.bigLines / (storeMs / 1000),
        unit: 'lines/s',
      });
      saveAccount(db, {
        account: {
          resultCode: 'MKT.0000',
          resultMsg: 'success',
          sellerId: 'S1',
          sellerName: 'Seller',
          businessInfoCertified: true,
          deposit: { amount: '5000.00', currency: 'CNY' },
        },
        rawJson: '{}',
        fetchedAt: NOW,
      });

      const exportFile = (name: string) => join(dir, name);
      let next = '';
      const handlers = createBillsHandlers({
        db,
        clock,
        dialogs: { saveFile: async () => next, pickFolder: async () => null },
      }) as Handlers;

      // The floor: 50 bill lines read with one prepared statement, no mapping.
      const plain = db.prepare<[string, number, number], unknown>(
        `SELECT line_no, order_id, order_line_id, kind, attributed_at, sales_minor, withholding_minor, fee_ratio, seller_taxes_minor, settlement_minor
           FROM bill_lines WHERE bill_id = ? AND revision = ? AND line_no > ? ORDER BY line_no LIMIT 50`,
      );
      let k = 0;
      const rawTimes = await p95Of(samples, () => plain.all(big.billId, 1, ((k++ * 7919) % opts.bigLines) - 50));
      const rawP95 = percentile(rawTimes, 95);

      log('opening the Bills page and the big bill …');
      const page = await p95Of(samples, async () => {
        await call(handlers, 'bills:list', {});
        await call(handlers, 'bills:monthly', { months: 24 });
      });
      const p95 = percentile(page, 95);
      rows.push({
        name: `Bills page data p95 (bills:list + bills:monthly, ${opts.bills + 1} bills)`,
        value: p95,
        unit: 'ms',
        baseline: rawP95,
        ratio: p95 / rawP95,
        target: '< 10 ms',
      });
      const open = await p95Of(samples, async () => {
        await call(handlers, 'bills:get', { billId: big.billId });
        await call(handlers, 'bills:lines', { billId: big.billId, revision: 1, offset: 0, limit: LINES_BLOCK });
      });
      const openP95 = percentile(open, 95);
      rows.push({
        name: `open a ${opts.bigLines.toLocaleString('en-US')}-line bill p95 (bills:get + bills:lines ${LINES_BLOCK} from 0)`,
        value: openP95,
        unit: 'ms',
        baseline: rawP95,
        ratio: openP95 / rawP95,
        target: '< 10 ms',
      });
      const scroll = await p95Of(samples, () =>
        call(handlers, 'bills:lines', {
          billId: big.billId,
          revision: 1,
          offset: (k++ * 7919) % opts.bigLines,
          limit: LINES_BLOCK,
        }),
      );
      const scrollP95 = percentile(scroll, 95);
      rows.push({
        name: `a block of ${LINES_BLOCK} lines anywhere in it p95 (bills:lines)`,
        value: scrollP95,
        unit: 'ms',
        baseline: rawP95,
        ratio: scrollP95 / rawP95,
      });

      for (const [format, target] of [
        ['csv', '< 2 s'],
        ['xlsx', '< 8 s'],
      ] as const) {
        log(`exporting it as ${format.toUpperCase()} …`);
        next = exportFile(`big.${format}`);
        const t = performance.now();
        await call(handlers, 'bills:export', { billId: big.billId, format });
        const s = (performance.now() - t) / 1000;
        const mb = statSync(next).size / 1024 / 1024;
        rows.push({
          name: `${format.toUpperCase()} export of the ${opts.bigLines.toLocaleString('en-US')}-line bill (${mb.toFixed(1)} MB)`,
          value: s,
          unit: 's',
          target,
        });
      }
      return rows;
    } finally {
      (archive as Db | null)?.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
