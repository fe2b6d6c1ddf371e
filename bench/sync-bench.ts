// Initial sync of N lines from the simulator over HTTP, beside two raw baselines of the same pages (JSON.parse +
// prepared inserts, one transaction per page, no HTTP): into a table with the same columns and only a primary key,
// and into today's full schema (indexes, triggers, trigram tables). Then an incremental sync of 1,000 changed lines
// onto the big cache the cache part built. The simulator runs in a child process of its own (startChildSimulator): the
// marketplace is remote, so its work (seeding, serialising pages) must not be counted as the sync's, and the raw
// baselines read their pages from the same child.
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { WireOrderLine } from '../common/marketplace/wire';
import { parseMoney } from '../common/domain/money';
import { openDatabase, type Db } from '../main/db/connection';
import { doubled, orderNoText } from '../main/orders/order-no-key';
import { countOrderLines } from '../main/orders/order-lines';
import { MarketplaceClient } from '../main/sync/client';
import { ORDER_LINES_FEED } from '../main/sync/pull';
import { getCursor } from '../main/sync/sync-state';
import { SyncEngine } from '../main/sync/pull';
import { PAGE_READER_WORKER_FILE, WorkerPageReader } from '../main/sync/page-reader';
import { startSimulator, type SimOptions } from '../marketplace-sim';
import { generateLines } from './gen-lines';
import type { Row } from './table';

export interface SyncBenchOptions {
  lines: number;
  dir?: string;
  log?: (m: string) => void;
}

const PAGE = 500;
const clock = { now: () => Date.now() };

/** The sync reads its pages as the app does: with the page reader's worker, built beside the bench's bundle. */
function pageReader(): WorkerPageReader {
  return new WorkerPageReader(join(__dirname, PAGE_READER_WORKER_FILE));
}

/** What the parent needs of a simulator running in a child process. */
interface ChildSimulator {
  url: string;
  token: string;
  credentials: { ak: string; sk: string };
  close(): Promise<void>;
}

/** What the child reports once its simulator listens. */
const simulatorReady = z.object({
  url: z.string(),
  token: z.string(),
  credentials: z.object({ ak: z.string(), sk: z.string() }),
});

/** The environment variable that makes this bench's entry point a simulator process instead of a bench run. */
export const BENCH_SIM_ENV = 'BENCH_SIM';

/**
 * The child's side: starts the simulator with the options the parent gave, reports where it listens and lives until
 * the parent disconnects.
 */
export async function simulatorChild(optionsJson: string): Promise<void> {
  // Our own JSON.stringify of SimOptions (startChildSimulator).
  const sim = await startSimulator(JSON.parse(optionsJson) as SimOptions);
  process.once('disconnect', () => void sim.close().then(() => process.exit(0)));
  process.send?.({ url: sim.url, token: sim.token, credentials: sim.credentials });
}

/** The simulator in a child process (this bench's own entry point with BENCH_SIM set): its CPU is not ours. */
function startChildSimulator(options: SimOptions): Promise<ChildSimulator> {
  const child: ChildProcess = fork(process.argv[1], [], {
    env: { ...process.env, [BENCH_SIM_ENV]: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.connected) child.disconnect();
    await exited;
  };
  return new Promise<ChildSimulator>((resolve, reject) => {
    child.once('message', (m: unknown) => {
      const ready = simulatorReady.safeParse(m);
      if (ready.success) resolve({ ...ready.data, close });
      else reject(new Error(`the simulator process said something unexpected: ${ready.error.message}`));
    });
    child.once('exit', (code) => reject(new Error(`the simulator process ended before it was ready (exit ${code})`)));
  });
}

/** The same pages the sync reads, as the JSON text the marketplace sent. */
async function fetchPages(client: MarketplaceClient): Promise<string[]> {
  const pages: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await client.request('GET', '/api/seller-sync/v1/order-lines', { query: { cursor, limit: PAGE } });
    pages.push(JSON.stringify(res.json));
    const body = res.json as { nextCursor: string | null; hasMore: boolean };
    if (!body.hasMore || !body.nextCursor) return pages;
    cursor = body.nextCursor;
  }
}

/**
 * One wire line as both raw baselines insert it: the id the repository would give it (placement time × 1024 plus its
 * slot; `slots` counts the lines placed in each millisecond so far), then the order_lines columns up to updated_at.
 */
function rawRow(it: WireOrderLine, slots: Map<number, number>): [number, ...Array<string | number | null>] {
  const placed = Date.parse(it.createTime);
  const k = slots.get(placed) ?? 0;
  slots.set(placed, k + 1);
  const sup = it.supervision;
  return [
    placed * 1024 + k,
    it.orderLineId,
    it.orderId,
    it.orderType,
    it.status,
    it.chargingMode,
    sup?.stage ?? null,
    sup?.process ?? null,
    sup?.appealOpen ? 1 : 0,
    sup?.unsubscription?.status === 'pending' ? 1 : 0,
    it.productId,
    it.productName,
    it.customer.customerId,
    it.customer.customerName,
    parseMoney(it.amount),
    it.currency,
    placed,
    placed,
    it.templateVersion ?? null,
    it.version,
    Date.parse(it.updateTime),
  ];
}

/**
 * The floor: parse each page and insert its items with prepared statements into the same tables (triggers included).
 */
function rawLoad(db: Db, pages: readonly string[]): number {
  const line = db.prepare(
    `INSERT INTO order_lines (id, order_line_id, order_id, order_type, status, charging_mode, stage, process, appeal_open, unsub_pending,
       product_id, product_name, customer_id, customer_name, amount_minor, currency, placed_at, stage_since, template_version, version,
       updated_at, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const raw = db.prepare('INSERT INTO order_line_raw (id, raw_json) VALUES (?, ?)');
  const fts = db.prepare('INSERT INTO order_lines_fts (rowid, order_no) VALUES (?, ?)');
  const fts2 = db.prepare('INSERT INTO order_lines_fts2 (rowid, order_no2) VALUES (?, ?)');
  let n = 0;
  const slots = new Map<number, number>(); // placed_at → lines so far: ids as the repository makes them
  for (const text of pages) {
    const page = JSON.parse(text) as { items: WireOrderLine[] };
    db.transaction(() => {
      const index: Array<[number, string]> = [];
      for (const it of page.items) {
        const [id, ...cols] = rawRow(it, slots);
        line.run(id, ...cols);
        raw.run(id, JSON.stringify(it));
        index.push([id, orderNoText(it.orderId, it.orderLineId)]);
        n++;
      }
      // In rowid order, as the repository does (FTS5 flushes its buffer on a rowid below the last).
      index.sort((a, b) => a[0] - b[0]);
      for (const [id, no] of index) fts.run(id, no);
      for (const [id, no] of index) fts2.run(id, doubled(no));
    })();
  }
  return n;
}

/** The other floor: the same pages into one table with the same columns (raw JSON included) and only a primary key. */
function rawLoadPkOnly(db: Db, pages: readonly string[]): number {
  db.exec(`CREATE TABLE lines_pk (id INTEGER PRIMARY KEY, order_line_id TEXT, order_id TEXT, order_type TEXT, status TEXT,
    charging_mode TEXT, stage TEXT, process TEXT, appeal_open INTEGER, unsub_pending INTEGER, product_id TEXT, product_name TEXT,
    customer_id TEXT, customer_name TEXT, amount_minor INTEGER, currency TEXT, placed_at INTEGER, stage_since INTEGER,
    template_version INTEGER, version INTEGER, updated_at INTEGER, imported INTEGER, raw_json TEXT)`);
  const line = db.prepare(
    `INSERT INTO lines_pk VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  let n = 0;
  const slots = new Map<number, number>();
  for (const text of pages) {
    const page = JSON.parse(text) as { items: WireOrderLine[] };
    db.transaction(() => {
      for (const it of page.items) {
        line.run(...rawRow(it, slots), JSON.stringify(it));
        n++;
      }
    })();
  }
  return n;
}

function freshDb(dir: string, name: string, migrate = true): { db: Db; clean: () => void } {
  const file = join(dir, `seller-desk-bench-${name}-${process.pid}.db`);
  const clean = () => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true }));
  clean();
  return { db: openDatabase(file, { migrate }), clean };
}

/** Lines per second of one timed load into a fresh database (deleted afterwards). */
function timedLoad(
  dir: string,
  name: string,
  migrate: boolean,
  load: (db: Db) => number,
): { lines: number; perSecond: number } {
  const base = freshDb(dir, name, migrate);
  const t = performance.now();
  try {
    const lines = load(base.db);
    return { lines, perSecond: lines / ((performance.now() - t) / 1000) };
  } finally {
    base.db.close();
    base.clean();
  }
}

export async function benchSync(opts: SyncBenchOptions): Promise<Row[]> {
  const log = opts.log ?? (() => undefined);
  const dir = opts.dir ?? tmpdir();
  log(`starting the simulator with ${opts.lines.toLocaleString('en-US')} lines …`);
  const sim = await startChildSimulator({ orders: opts.lines, seed: 1, quiet: true });
  try {
    const client = new MarketplaceClient({ baseUrl: sim.url, credentials: () => sim.credentials, clock });
    const pages = await fetchPages(client); // also warms the simulator's caches for both runs

    const pkOnly = timedLoad(dir, 'raw-pk', false, (db) => rawLoadPkOnly(db, pages));
    const full = timedLoad(dir, 'raw', true, (db) => rawLoad(db, pages));
    const rawLines = full.lines;

    log('syncing over HTTP …');
    const target = freshDb(dir, 'sync');
    let synced = 0;
    let syncMs = 0;
    try {
      const reader = pageReader();
      const engine = new SyncEngine({ db: target.db, client, clock, pageSize: PAGE, pageReader: reader });
      const t1 = performance.now();
      const r = await engine.pullOrderLines().finally(() => {
        syncMs = performance.now() - t1;
        void reader.close();
      });
      synced = r.lines;
      if (countOrderLines(target.db) !== rawLines)
        log(`warning: synced ${countOrderLines(target.db)} lines, the raw load stored ${rawLines}`);
    } finally {
      target.db.close();
      target.clean();
    }
    const ours = synced / (syncMs / 1000);
    const n = synced.toLocaleString('en-US');
    return [
      {
        name: `initial sync of ${n} lines over HTTP (pages of ${PAGE}); baseline: same pages into a primary-key-only table`,
        value: ours,
        unit: 'lines/s',
        baseline: pkOnly.perSecond,
        ratio: ours / pkOnly.perSecond,
        target: '≥ 10,000 lines/s',
      },
      {
        name: `  raw: the same ${n} lines parsed and inserted into today's full schema (ratio: sync / this)`,
        value: full.perSecond,
        unit: 'lines/s',
        ratio: ours / full.perSecond,
      },
    ];
  } finally {
    await sim.close();
  }
}

export interface IncrementalBenchOptions {
  /** The cache the cache part built (generateLines(cacheLines, 1) through the bulk path). */
  cacheFile: string;
  cacheLines: number;
  changed: number;
  log?: (m: string) => void;
}

/**
 * `changed` lines of the cache come back from the marketplace with a higher version and a new state (an appeal
 * opened or closed, a later update time): one sync over HTTP stores them into the big cache through the usual path.
 */
export async function benchIncrementalSync(opts: IncrementalBenchOptions): Promise<Row[]> {
  const log = opts.log ?? (() => undefined);
  const every = Math.max(1, Math.floor(opts.cacheLines / opts.changed));
  const changed: WireOrderLine[] = [];
  let i = 0;
  let due = false;
  for (const line of generateLines(opts.cacheLines, 1)) {
    if (i++ % every === 0) due = true;
    // The simulator refuses what the marketplace never sends (S1: legacy lines have no request stages); the generator
    // does not care, so such a line hands its turn to the next one.
    const legacyRequest =
      line.supervision?.process === 'LEGACY' && /^request_|^awaiting_request/.test(line.supervision.stage);
    if (due && !legacyRequest && changed.length < opts.changed) {
      due = false;
      const sup = line.supervision ? { ...line.supervision, appealOpen: !line.supervision.appealOpen } : null;
      changed.push({
        ...line,
        supervision: sup,
        version: line.version + 100,
        updateTime: new Date(Date.parse(line.updateTime) + 60_000).toISOString(),
      });
    }
  }
  log(
    `incremental sync: ${changed.length.toLocaleString('en-US')} changed lines onto the ${opts.cacheLines.toLocaleString('en-US')}-line cache …`,
  );
  const sim = await startChildSimulator({ orders: 0, bills: 0, seed: 1, quiet: true });
  const db = openDatabase(opts.cacheFile);
  try {
    const res = await fetch(`${sim.url}/sim/v1/order-lines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sim-token': sim.token },
      body: JSON.stringify({ lines: changed }),
    });
    if (!res.ok)
      throw new Error(
        `the simulator refused the changed lines: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`,
      );
    const client = new MarketplaceClient({ baseUrl: sim.url, credentials: () => sim.credentials, clock });
    // A fresh simulator process runs its code cold: one untimed read of the feed first, as the initial sync's pages
    // are read before it is timed (the marketplace is a warm server).
    await fetchPages(client);
    // The cache was bulk-loaded, not synced: no cursor, so the feed starts at its beginning (the changed lines only).
    if (getCursor(db, ORDER_LINES_FEED) !== null) log('warning: the cache already has an order-lines cursor');
    const before = countOrderLines(db);
    const reader = pageReader();
    const engine = new SyncEngine({ db, client, clock, pageSize: PAGE, pageReader: reader });
    const t = performance.now();
    let ms = 0;
    const r = await engine.pullOrderLines().finally(() => {
      ms = performance.now() - t;
      void reader.close();
    });
    if (countOrderLines(db) !== before)
      log(
        `warning: the cache went from ${before} to ${countOrderLines(db)} lines; changed lines should update, not add`,
      );
    return [
      {
        name: `incremental sync of ${r.lines.toLocaleString('en-US')} changed lines onto the ${opts.cacheLines.toLocaleString('en-US')}-line cache (over HTTP)`,
        value: ms,
        unit: 'ms',
        target: '< 1,000 ms',
      },
    ];
  } finally {
    db.close();
    await sim.close();
  }
}
