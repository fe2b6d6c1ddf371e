// Test support for hostile.test.ts: a seeded local cache (order lines, bills, one outbox item), the real client,
// sync engine (with the bills pull), outbox sender and scheduler pointed at a hostile server, and what a test checks
// afterwards — the local data (snapshot), the requests made, the waits asked for, the log and the scheduler's timers.
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { SyncStatus } from '../../../common/api/types';
import { countBillRevisions, storeBillRevision } from '../../bills/repo';
import { pullBills } from '../../bills/pull';
import { makeBill, makeBillLine } from '../../bills/testing/bill-fixture';
import { countOrderLines, upsertOrderLines } from '../../orders/order-lines';
import { countRejects } from '../sync-state';
import { AttachmentStore } from '../../files/store';
import { createLogger } from '../../log';
import { enqueueAction } from '../../outbox/enqueue';
import { OutboxSender, retryNow } from '../../outbox/OutboxSender';
import { wireLine } from '../../outbox/testing/fixtures';
import { MarketplaceClient } from '../client';
import { makeLine } from './fake-marketplace';
import { SyncEngine } from '../pull';
import { PULL_POLICY, type RetryPolicy } from '../retry';
import { SyncScheduler, type SyncTrigger } from '../scheduler';
import { recordingSleep, settableClock, tempDb } from './helpers';
import { json, ok, page, startHostileServer, SYNC, type Behaviour } from './hostile-server';
import { manualTimers } from './manual-timers';
import type { SeenRequest } from './recording-server';

export const T0 = Date.UTC(2025, 5, 1, 4, 0, 0);
export const SEEDED_LINES = 5;
/** The supervised line the seeded outbox item (request.accept) acts on. */
export const ACTION_LINE = 'CS2504011200HOST1-000001';
export const ACCOUNT = {
  sellerId: 'S1',
  sellerName: 'Hostile Seller',
  businessInfoCertified: true,
  deposit: { amount: '0.00', currency: 'CNY' },
};

/** What a well-behaved marketplace answers with nothing new: the default for every path a test does not target. */
export function normal(req: SeenRequest, res: ServerResponse): void {
  if (req.path === `${SYNC}/order-lines` || req.path === `${SYNC}/bills`)
    return json(res, 200, page([], req.query.get('cursor') ?? 'c0', false));
  if (req.path === `${SYNC}/account`) return json(res, 200, ok(ACCOUNT));
  if (req.method === 'POST' && req.path.startsWith(`${SYNC}/order-lines/`)) return json(res, 200, ok());
  json(res, 404, { resultCode: 'MKT.2404', resultMsg: 'not found' });
}

export interface HarnessOptions {
  timeoutMs?: number;
  /** The app's status listener (default: none). */
  onStatus?: (s: SyncStatus) => void;
  policy?: RetryPolicy;
  maxPagesPerRun?: number;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(behaviour: Behaviour, opts: HarnessOptions = {}) {
  const server = await startHostileServer({ date: T0, behaviour });
  // Where redirects point: "another host" that must never be asked.
  const elsewhere = await startHostileServer({ date: T0, behaviour: normal });
  const tmp = tempDb();
  const db = tmp.db;
  const clock = settableClock(T0);
  const logLines: string[] = [];
  const log = createLogger({ level: 'debug', sink: (line) => logLines.push(line) });
  const client = new MarketplaceClient({
    baseUrl: server.url,
    credentials: () => ({ ak: 'AKHOSTILE0001', sk: 'sk-hostile-0123456789' }),
    clock,
    timeoutMs: opts.timeoutMs ?? 2_000,
    log,
  });
  const { waits, sleep } = recordingSleep();

  // The local cache before anything hostile happens.
  upsertOrderLines(
    db,
    Array.from({ length: SEEDED_LINES - 1 }, (_, i) => makeLine(i)),
  );
  upsertOrderLines(db, [wireLine(ACTION_LINE, { stage: 'request_pending' })]);
  for (let i = 1; i <= 2; i++) {
    const bill = makeBill({ billId: `B202504-000${i}`, lines: [makeBillLine({ n: i })] });
    storeBillRevision(db, { bill, rawJson: JSON.stringify(bill), receivedAt: T0 - 1 });
  }
  // An action sent long ago (acked): the outbox has history, and nothing of it is due.
  const done = enqueueAction(
    db,
    { orderLineId: ACTION_LINE, kind: 'request.reject', payload: { reason: 'earlier' } },
    { clock },
  );
  db.prepare("UPDATE outbox SET state = 'acked', acked_at = ?, updated_at = ? WHERE id = ?").run(
    T0 - 1,
    T0 - 1,
    done.id,
  );
  db.prepare('DELETE FROM outbox_pending WHERE outbox_id = ?').run(done.id);

  const store = new AttachmentStore({ db, dataDir: path.dirname(tmp.file), clock });
  const sender = new OutboxSender({ db, client, store, clock, sleep, random: () => 0.5 });
  const engine = new SyncEngine({
    db,
    client,
    clock,
    sleep,
    random: () => 0.5,
    pageSize: 200,
    policy: opts.policy ?? PULL_POLICY,
    maxPagesPerRun: opts.maxPagesPerRun,
    bills: (run) => pullBills(run, { db, client }),
  });
  const timers = manualTimers();
  const scheduler = new SyncScheduler({
    engine: () => engine,
    clock,
    intervalMs: () => 5 * 60_000,
    onStatus: opts.onStatus ?? (() => undefined),
    countLines: () => countOrderLines(db),
    demo: false,
    setTimer: timers.setTimer,
    push: async ({ retryAll }) => {
      if (retryAll) retryNow(db, clock.now());
      const s = await sender.sendDue();
      return { sent: s.sent, acked: s.acked, rejected: s.rejected, conflict: s.conflict, waiting: s.waiting };
    },
  });
  let started = false;

  return {
    server,
    elsewhere,
    db,
    clock,
    client,
    engine,
    sender,
    scheduler,
    /** The scheduler's timers, read by hand: `pending()` is the delay of each one still to fire. */
    timers: { pending: () => timers.pending().map((t) => t.ms) },
    waits,
    logLines,
    /** Queues a seller action now (due at once), as the user would. */
    act: () => enqueueAction(db, { orderLineId: ACTION_LINE, kind: 'request.accept' }, { clock }),
    dir: path.dirname(tmp.file),
    /** Everything local a hostile answer must not change. */
    snapshot() {
      const lines = db
        .prepare<[], { v: string | null }>(
          "SELECT group_concat(order_line_id || '@' || version, ',') AS v FROM (SELECT order_line_id, version FROM order_lines ORDER BY order_line_id)",
        )
        .get()?.v;
      const outbox = db
        .prepare<[], { v: string | null }>(
          "SELECT group_concat(state || ':' || attempts, ',') AS v FROM (SELECT state, attempts FROM outbox ORDER BY seq)",
        )
        .get()?.v;
      return {
        orderLines: countOrderLines(db),
        versions: lines ?? '',
        outboxRows: db.prepare<[], number>('SELECT count(*) FROM outbox').pluck().get() ?? 0,
        outbox: outbox ?? '',
        bills: countBillRevisions(db),
        rejects: countRejects(db),
      };
    },
    /**
     * One sync run as the app makes it (push, then pull). The first one starts the scheduler (as the app does at
     * start), so a failed run schedules its next try: `timers.pending()` is when.
     */
    run: (trigger: SyncTrigger = 'demand') => {
      if (!started) {
        started = true;
        scheduler.start();
      }
      return scheduler.runNow(trigger);
    },
    async close() {
      await server.close();
      await elsewhere.close();
      tmp.cleanup();
    },
  };
}

/** The largest RSS seen while `fn` runs (sampled every 5 ms), minus the RSS before it. */
export async function peakRssDelta<T>(fn: () => Promise<T>): Promise<{ value: T; deltaBytes: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, deltaBytes: peak - before };
  } finally {
    clearInterval(timer);
  }
}
