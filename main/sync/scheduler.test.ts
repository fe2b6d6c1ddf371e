// SyncScheduler: at start, every N minutes, on demand, when the network comes back;
// offline is a normal state, shown once — not an error storm.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../common/api/types';
import { countOrderLines } from '../orders/order-lines';
import { MarketplaceClient } from './client';
import { makeLine, startFakeMarketplace, type FakeMarketplace } from './testing/fake-marketplace';
import { SyncEngine } from './pull';
import { SyncScheduler } from './scheduler';
import { recordingSleep, settableClock, tempDb, type TempDb } from './testing/helpers';
import { manualTimers } from './testing/manual-timers';

const T0 = Date.UTC(2025, 3, 1, 4, 0, 0);
const INTERVAL = 5 * 60_000;
let fake: FakeMarketplace | null = null;
let tmp: TempDb;
afterEach(async () => {
  await fake?.close();
  tmp?.cleanup();
});

async function setup(lines: number) {
  fake = await startFakeMarketplace({ now: () => T0 });
  for (let i = 0; i < lines; i++) fake.feed.push(makeLine(i));
  tmp = tempDb();
  const db = tmp.db;
  const clock = settableClock(T0);
  const creds = fake.credentials;
  const url = fake.url;
  let engineCalls = 0;
  const engine = () => {
    engineCalls++;
    const client = new MarketplaceClient({ baseUrl: url, credentials: () => creds, clock, timeoutMs: 2_000 });
    return new SyncEngine({ db, client, clock, sleep: recordingSleep().sleep, random: () => 0.5 });
  };
  const timers = manualTimers();
  const statuses: SyncStatus[] = [];
  const scheduler = new SyncScheduler({
    engine,
    clock,
    intervalMs: () => INTERVAL,
    onStatus: (s) => statuses.push(s),
    countLines: () => countOrderLines(db),
    demo: false,
    setTimer: timers.setTimer,
  });
  return { db, clock, scheduler, timers, statuses, url, engineCalls: () => engineCalls };
}

const idle = (s: SyncScheduler) => vi.waitFor(() => expect(s.status().syncing).toBe(false));

describe('SyncScheduler', () => {
  it('runs at start, then every N minutes (setting); status carries last sync, cached lines and progress', async () => {
    const { scheduler, timers, statuses, clock } = await setup(450);
    scheduler.start();
    await vi.waitFor(() => expect(scheduler.status().lastSyncAt).toBe(T0));
    expect(scheduler.status()).toMatchObject({
      configured: true,
      online: true,
      syncing: false,
      lastError: null,
      cachedLines: 450,
      demo: false,
    });
    expect(statuses.some((s) => s.syncing && s.progress.phase === 'orders')).toBe(true);
    expect(scheduler.status().progress).toMatchObject({ phase: 'done', pages: 1, lines: 450 });
    expect(timers.pending().map((t) => t.ms)).toEqual([INTERVAL]);
    fake?.feed.push(makeLine(1_000));
    clock.advance(INTERVAL);
    timers.fire();
    await vi.waitFor(() => expect(scheduler.status().lastSyncAt).toBe(T0 + INTERVAL));
    expect(scheduler.status().cachedLines).toBe(451);
    scheduler.stop();
    expect(timers.pending()).toHaveLength(0);
  });

  it("runNow while a run is in progress returns that run's promise (one run at a time)", async () => {
    const { scheduler, engineCalls } = await setup(10);
    const a = scheduler.runNow();
    const b = scheduler.runNow();
    expect(b).toBe(a);
    await a;
    expect(engineCalls()).toBe(1);
  });

  it('marketplace down → offline shown once without error text; probes back off 15 s → 30 s quietly; when it answers again, sync runs at once', async () => {
    const { scheduler, timers, statuses, db, url } = await setup(100);
    scheduler.start();
    await vi.waitFor(() => expect(scheduler.status().lastSyncAt).not.toBeNull());
    const port = Number(new URL(url).port);
    await fake?.close();
    fake = null;

    timers.fire(); // the interval run finds the marketplace gone
    await vi.waitFor(() => expect(scheduler.status().online).toBe(false));
    await idle(scheduler);
    expect(scheduler.status().lastError).toBeNull(); // offline is a state, not an error
    const emittedWhenOffline = statuses.length;

    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
      delays.push(timers.fire()); // a probe fails (connection refused)
    }
    expect(delays).toEqual([15_000, 22_500, 30_000, 30_000]);
    await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
    expect(statuses.length).toBe(emittedWhenOffline); // no status event per failed probe

    // The marketplace comes back at the same address with new lines.
    fake = await startFakeMarketplace({ now: () => T0, port });
    for (let i = 0; i < 130; i++) fake.feed.push(makeLine(i));
    timers.fire();
    await vi.waitFor(() => expect(scheduler.status().online).toBe(true));
    await idle(scheduler);
    expect(countOrderLines(db)).toBe(130);
    expect(fake.requests.filter((r) => r.path.endsWith('/account'))).toHaveLength(1); // the probe
    expect(timers.pending().map((t) => t.ms)).toEqual([INTERVAL]); // back to the normal interval
    scheduler.stop();
  });

  it('notifyOnline() (the OS says the network is back) syncs immediately instead of waiting for the probe', async () => {
    const { scheduler, timers } = await setup(0);
    const port = Number(new URL(fake?.url ?? '').port);
    await fake?.close();
    fake = null;
    scheduler.start();
    await vi.waitFor(() => expect(scheduler.status().configured).toBe(true));
    await idle(scheduler);
    expect(scheduler.status().online).toBe(false);
    fake = await startFakeMarketplace({ now: () => T0, port });
    fake.feed.push(makeLine(1));
    scheduler.notifyOnline();
    await vi.waitFor(() => expect(scheduler.status()).toMatchObject({ online: true, syncing: false, cachedLines: 1 }));
    expect(timers.pending().map((t) => t.ms)).toEqual([INTERVAL]);
    scheduler.stop();
  });

  it('not configured → status says so, no request, no error', async () => {
    fake = await startFakeMarketplace({ now: () => T0 });
    tmp = tempDb();
    const timers = manualTimers();
    const scheduler = new SyncScheduler({
      engine: () => null,
      clock: settableClock(T0),
      intervalMs: () => INTERVAL,
      onStatus: () => {},
      countLines: () => 0,
      demo: true,
      setTimer: timers.setTimer,
    });
    const s = await scheduler.runNow();
    expect(s).toMatchObject({ configured: false, online: false, syncing: false, lastError: null, demo: true });
    expect(fake.requests).toHaveLength(0);
  });

  it('a definite refusal (403 MKT.0150) is shown as lastError while online; next try at the normal interval', async () => {
    const { scheduler, timers } = await setup(5);
    fake?.setHook(() => ({ status: 403, body: { resultCode: 'MKT.0150', resultMsg: 'forbidden' } }));
    scheduler.start();
    await vi.waitFor(() => expect(scheduler.status().lastError).toContain('MKT.0150'));
    expect(scheduler.status()).toMatchObject({ online: true, syncing: false });
    expect(scheduler.status().progress.phase).toBe('error');
    expect(timers.pending().map((t) => t.ms)).toEqual([INTERVAL]);
    scheduler.stop();
  });
});
