// Sync against the real marketplace simulator over real HTTP: signing, paging, crash/resume,
// version ordering, 410, 5xx/reset/429/clock-skew faults, templates, import by id.
// Malformed items cannot be produced by the simulator (it validates what it serves): see pull.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSimulator } from '../../marketplace-sim';
import { AppError } from '../../common/api/result';
import type { Db } from '../db/connection';
import { countOrderLines, getOrderLine } from '../orders/order-lines';
import { getCursor } from './sync-state';
import { getTemplate } from '../proofs/templates';
import { MarketplaceClient } from './client';
import { importOrder } from './import';
import { ORDER_LINES_FEED, SyncEngine } from './pull';
import { SyncScheduler } from './scheduler';
import { recordingSleep, settableClock, simControl, simTestRun, tempDb } from './testing/helpers';

const T0 = Date.UTC(2025, 9, 15, 4, 0, 0);
const MIN = 60_000;
const DAY = 86_400_000;
const live = simTestRun();

interface SimState {
  counts: { orderLines: number };
  orderLines?: Array<{
    orderLineId: string;
    version: number;
    supervision: { stage: string } | null;
    productId: string;
    templateVersion?: number | null;
  }>;
}

async function setup(orders: number, opts: { pageSize?: number; failOnPage?: number; timeoutMs?: number } = {}) {
  const s = (live.sim = await startSimulator({ port: 0, orders, seed: 7, now: T0, quiet: true }));
  const tmp = (live.tmp = tempDb());
  const clock = settableClock(T0);
  const creds = s.credentials;
  const seen: string[] = [];
  let pageRequests = 0;
  // A fetch that records what was sent and can "crash" on the N-th feed request with a non-retryable answer
  // (a thrown fetch error would count as a network fault and be retried, as it should).
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    seen.push(url);
    if (url.includes('/order-lines') && ++pageRequests === opts.failOnPage) {
      return new Response(JSON.stringify({ resultCode: 'MKT.0101', resultMsg: 'process killed' }), { status: 400 });
    }
    return fetch(input, init);
  };
  const client = new MarketplaceClient({
    baseUrl: s.url,
    credentials: () => creds,
    clock,
    fetchImpl,
    timeoutMs: opts.timeoutMs ?? 5_000,
  });
  const sleeper = recordingSleep();
  const engineOn = (db: Db) =>
    new SyncEngine({ db, client, clock, sleep: sleeper.sleep, random: () => 0.5, pageSize: opts.pageSize ?? 200 });
  return { sim: s, ctl: simControl(s), db: tmp.db, tmp, client, clock, seen, waits: sleeper.waits, engineOn };
}

const stateOf = async (ctl: ReturnType<typeof simControl>) => (await ctl.state()) as SimState;
const pages = (seen: string[]) => seen.filter((u) => u.includes('/seller-sync/v1/order-lines'));

describe('sync against the simulator — paging and signing (docs/marketplace-api.md "Signing", "Feeds")', () => {
  it('signed requests are accepted; the whole feed is paged and every item parses; templates fetched once', async () => {
    const { ctl, db, client, engineOn, seen } = await setup(650);
    expect((await client.getAccount()).sellerId).toBe('SELLER0001');
    const run = await engineOn(db).runOnce();
    const state = await stateOf(ctl);
    expect(run.orders).toMatchObject({ pages: 4, lines: state.counts.orderLines, skipped: 0, restarted: false });
    expect(countOrderLines(db)).toBe(state.counts.orderLines);
    const referenced = new Set(state.orderLines?.filter((l) => l.templateVersion).map((l) => l.productId));
    expect(run.templates.fetched).toBe(referenced.size);
    for (const p of referenced) expect(getTemplate(db, p)).not.toBeNull();
    const before = seen.length;
    const again = await engineOn(db).runOnce();
    expect(again.templates).toEqual({ fetched: 0, notModified: 0, failed: 0 });
    expect(seen.length - before).toBe(1); // one empty feed page, no template request
  });

  it('a crash between pages (the 3rd page request dies) → a new engine on the reopened db resumes from the stored cursor: no loss, no duplicates', async () => {
    const { ctl, db, tmp, engineOn, seen } = await setup(900, { failOnPage: 3 });
    await expect(engineOn(db).pullOrderLines()).rejects.toMatchObject({ status: 400, message: 'process killed' });
    expect(countOrderLines(db)).toBe(400);
    const cursorAtCrash = getCursor(db, ORDER_LINES_FEED);
    db.close();
    const db2 = tmp.reopen();
    const before = pages(seen).length;
    const r = await engineOn(db2).pullOrderLines();
    const total = (await stateOf(ctl)).counts.orderLines;
    expect(new URL(pages(seen)[before]).searchParams.get('cursor')).toBe(cursorAtCrash);
    expect(r.lines).toBe(total - 400); // no page fetched twice
    expect(countOrderLines(db2)).toBe(total);
    expect(db2.prepare('SELECT count(DISTINCT order_line_id) FROM order_lines').pluck().get()).toBe(total);
  });

  it('version ordering: a line changed by the customer re-enters the feed with a higher version and replaces the cached one', async () => {
    const { ctl, db, engineOn } = await setup(300);
    await engineOn(db).pullOrderLines();
    const waiting = (await stateOf(ctl)).orderLines?.find((l) => l.supervision?.stage === 'awaiting_request');
    expect(waiting).toBeDefined();
    const id = waiting?.orderLineId ?? '';
    const before = getOrderLine(db, id)?.version ?? -1;
    await ctl.customerRequest(id, '请部署到生产环境 / please deploy to production');
    const r = await engineOn(db).pullOrderLines();
    expect(r.lines).toBe(1);
    const after = getOrderLine(db, id);
    expect(after?.version).toBeGreaterThan(before);
    expect(after?.stage).toBe('request_pending');
    const simLines = (await stateOf(ctl)).orderLines ?? [];
    for (const l of simLines) expect(getOrderLine(db, l.orderLineId)?.version).toBe(l.version);
  });
});

describe('sync against the simulator — faults (docs/marketplace-api.md "Errors")', () => {
  it('cursor older than 30 days → 410 MKT.2410 → feed restarted from the beginning, local data kept (after one clock correction)', async () => {
    const { ctl, db, engineOn, seen, client } = await setup(250);
    await engineOn(db).pullOrderLines();
    await ctl.advanceClock(31 * DAY); // our clock stays behind: 401 → correct by Date → re-sign → 410
    const before = pages(seen).length;
    const r = await engineOn(db).pullOrderLines();
    expect(r.restarted).toBe(true);
    const asked = pages(seen)
      .slice(before)
      .map((u) => new URL(u).searchParams.get('cursor'));
    expect(asked[0]).not.toBeNull();
    expect(asked.includes(null)).toBe(true); // restarted from the beginning
    expect(Math.abs(client.clockOffsetMs - 31 * DAY)).toBeLessThan(1_000);
    expect(countOrderLines(db)).toBe((await stateOf(ctl)).counts.orderLines);
  });

  it('503 ×2, a connection reset and a 429 (Retry-After 2) on the feed → retried with backoff; the sleep got exactly 2000 ms for the 429; all lines stored', async () => {
    const { ctl, db, engineOn, waits } = await setup(400);
    const match = 'GET /api/seller-sync/v1/order-lines';
    await ctl.faults([
      { match, kind: 'status', status: 503, count: 2 },
      { match, kind: 'reset', count: 1 },
      { match, kind: 'status', status: 429, count: 1, retryAfter: 2 },
    ]);
    const r = await engineOn(db).pullOrderLines();
    expect(r.lines).toBe((await stateOf(ctl)).counts.orderLines);
    expect(waits).toEqual([250, 500, 1_000, 2_000]); // full jitter at random 0.5: base 500 ×2^n; then Retry-After
  });

  it('a delayed answer (delay fault 3 s, client timeout 300 ms) → timeout, retried, then the page is stored', async () => {
    const { ctl, db, engineOn, waits, seen } = await setup(50, { timeoutMs: 300 });
    await ctl.faults([{ match: 'GET /api/seller-sync/v1/order-lines', kind: 'delay', delayMs: 3_000, count: 1 }]);
    const r = await engineOn(db).pullOrderLines();
    expect(r.lines).toBe(50);
    expect(pages(seen)).toHaveLength(2);
    expect(waits).toEqual([250]);
  });

  for (const skew of [30 * MIN, -30 * MIN]) {
    it(`simulator clock ${skew > 0 ? '+' : '-'}30 min → exactly one correction by Date, then every request succeeds`, async () => {
      const { ctl, db, engineOn, seen, client } = await setup(120);
      await ctl.setClock(T0 + skew);
      await engineOn(db).runOnce();
      expect(pages(seen)[0]).toBe(pages(seen)[1]); // the first page was sent twice: refused, corrected, re-signed
      const account = seen.length;
      await client.getAccount();
      expect(seen.length - account).toBe(1);
      expect(countOrderLines(db)).toBe(120);
    });
  }
});

describe('import by id against the simulator (docs/marketplace-api.md "Open API")', () => {
  it('the documented mock ids import as order lines marked imported (MOCKPERIODYEARNEW, MOCKONETIMENEW, MOCKPERIODDAYTRIAL)', async () => {
    const { db, client, clock } = await setup(0);
    const r = await importOrder(db, client, 'MOCKPERIODYEARNEW', clock);
    expect(r.orderLineIds).toEqual(['MOCKPERIODYEARNEW-000001']);
    expect(getOrderLine(db, 'MOCKPERIODYEARNEW-000001')).toMatchObject({
      imported: true,
      stage: null,
      version: 0,
      periodType: 'year',
    });
    await importOrder(db, client, 'MOCKONETIMENEW', clock);
    expect(getOrderLine(db, 'MOCKONETIMENEW-000001')).toMatchObject({ chargingMode: 'ONE_TIME', imported: true });
    await importOrder(db, client, 'MOCKPERIODDAYTRIAL', clock);
    expect(getOrderLine(db, 'MOCKPERIODDAYTRIAL-000001')?.orderType).toBe('TRIAL');
  });

  it('an order the simulator holds imports with its Open API fields; an unknown order → not_found', async () => {
    const { ctl, db, client, clock } = await setup(20);
    const line = (await stateOf(ctl)).orderLines?.[0];
    const orderId = (line as unknown as { orderId: string }).orderId;
    const r = await importOrder(db, client, orderId, clock);
    expect(r.orderLineIds).toContain(line?.orderLineId);
    const err = await importOrder(db, client, 'CS0000000000NOSUCH', clock).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('not_found');
  });
});

describe('scheduler against the simulator (offline is a normal state)', () => {
  it('simulator stopped → offline without error text; restarted on the same port and data → sync resumes when the network is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seller-desk-sim-'));
    const { db } = (live.tmp = tempDb());
    try {
      const dbPath = join(dir, 'sim.sqlite');
      const { port, credentials } = (live.sim = await startSimulator({
        port: 0,
        orders: 80,
        seed: 3,
        now: T0,
        dbPath,
        quiet: true,
      }));
      const clock = settableClock(T0);
      const scheduler = new SyncScheduler({
        engine: () => {
          const client = new MarketplaceClient({
            baseUrl: `http://127.0.0.1:${port}`,
            credentials: () => credentials,
            clock,
            timeoutMs: 2_000,
          });
          return new SyncEngine({ db, client, clock, sleep: recordingSleep().sleep, random: () => 0.5 });
        },
        clock,
        intervalMs: () => 10 * MIN,
        onStatus: () => {},
        countLines: () => countOrderLines(db),
        demo: true,
        setTimer: () => ({ clear: () => {} }), // not started: runs only on demand here
      });
      expect(await scheduler.runNow()).toMatchObject({ online: true, cachedLines: 80 });
      await live.sim.close();
      live.sim = null;
      expect(await scheduler.runNow()).toMatchObject({
        online: false,
        lastError: null,
        syncing: false,
        cachedLines: 80,
      });
      live.sim = await startSimulator({ port, dbPath, seed: 3, now: T0, quiet: true });
      await simControl(live.sim).generate(5, 9);
      scheduler.notifyOnline();
      await vi.waitFor(() =>
        expect(scheduler.status()).toMatchObject({ online: true, syncing: false, lastError: null, cachedLines: 85 }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
