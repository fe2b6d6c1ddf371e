// Initial sync of N lines from the simulator over HTTP, beside a raw baseline of
// the same pages: JSON.parse + prepared inserts into the same schema, one transaction per page, no HTTP.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WireOrderLine } from '../common/marketplace/wire';
import { parseMoney } from '../common/domain/money';
import { openDatabase, type Db } from '../main/db/connection';
import { doubled, orderNoText } from '../main/db/order-no-key';
import { countOrderLines } from '../main/db/order-lines';
import { MarketplaceClient } from '../main/sync/client';
import { SyncEngine } from '../main/sync/pull';
import { startSimulator } from '../marketplace-sim';
import type { Row } from './table';

export interface SyncBenchOptions {
  lines: number;
  dir?: string;
  log?: (m: string) => void;
}

const PAGE = 500;
const clock = { now: () => Date.now() };

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

/** The floor: parse each page and insert its items with prepared statements into the same tables (triggers included). */
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
        const placed = Date.parse(it.createTime);
        const k = slots.get(placed) ?? 0;
        slots.set(placed, k + 1);
        const id = placed * 1024 + k;
        const sup = it.supervision;
        line.run(
          id, it.orderLineId, it.orderId, it.orderType, it.status, it.chargingMode, sup?.stage ?? null, sup?.process ?? null,
          sup?.appealOpen ? 1 : 0, sup?.unsubscription?.status === 'pending' ? 1 : 0, it.productId, it.productName,
          it.customer.customerId, it.customer.customerName, parseMoney(it.amount), it.currency, placed, placed,
          it.templateVersion ?? null, it.version, Date.parse(it.updateTime),
        );
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

function freshDb(dir: string, name: string): { db: Db; clean: () => void } {
  const file = join(dir, `seller-desk-bench-${name}-${process.pid}.db`);
  const clean = () => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true }));
  clean();
  return { db: openDatabase(file), clean };
}

export async function benchSync(opts: SyncBenchOptions): Promise<Row[]> {
  const log = opts.log ?? (() => undefined);
  const dir = opts.dir ?? tmpdir();
  log(`starting the simulator with ${opts.lines.toLocaleString('en-US')} lines …`);
  const sim = await startSimulator({ orders: opts.lines, seed: 1, quiet: true });
  try {
    const client = new MarketplaceClient({ baseUrl: sim.url, credentials: () => sim.credentials, clock });
    const pages = await fetchPages(client); // also warms the simulator's caches for both runs

    const base = freshDb(dir, 'raw');
    let rawLines = 0;
    const t0 = performance.now();
    try {
      rawLines = rawLoad(base.db, pages);
    } finally {
      base.db.close();
      base.clean();
    }
    const rawMs = performance.now() - t0;

    log('syncing over HTTP …');
    const ours = freshDb(dir, 'sync');
    let synced = 0;
    let syncMs = 0;
    try {
      const engine = new SyncEngine({ db: ours.db, client, clock, pageSize: PAGE });
      const t1 = performance.now();
      const r = await engine.pullOrderLines();
      syncMs = performance.now() - t1;
      synced = r.lines;
      if (countOrderLines(ours.db) !== rawLines) log(`warning: synced ${countOrderLines(ours.db)} lines, the raw load stored ${rawLines}`);
    } finally {
      ours.db.close();
      ours.clean();
    }
    const ours_ = synced / (syncMs / 1000);
    const raw_ = rawLines / (rawMs / 1000);
    return [
      {
        name: `initial sync of ${synced.toLocaleString('en-US')} lines over HTTP (pages of ${PAGE})`,
        value: ours_,
        unit: 'lines/s',
        baseline: raw_,
        ratio: ours_ / raw_,
        target: '≥ 0.40',
      },
    ];
  } finally {
    await sim.close();
  }
}
