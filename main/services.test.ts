// The composition root against the simulator over real HTTP: the handler table answers every channel,
// a new connection syncs and pushes events, the SK is never returned, demo and account stay apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../marketplace-sim/index';
import { dispatch, dispatchChannel } from './api/dispatch';
import { createServices, openReader, type Services } from './services';
import { MemoryCredentialStore } from './settings/credential-store';
import type { SyncStatus } from '../common/api/types';

describe('services', () => {
  let dataDir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let services: Services;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-services-'));
    sim = await startSimulator({ port: 0, dbPath: join(dataDir, 'sim.db'), seed: 3, orders: 80, quiet: true });
    services = createServices({ dataDir, credentialStore: new MemoryCredentialStore() });
  });
  afterAll(async () => {
    await services?.close();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the account cache in <dataDir>/account and answers app:info', async () => {
    expect(existsSync(join(dataDir, 'account', 'seller-desk.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'demo'))).toBe(false);
    expect(await dispatch(services.handlers, 'app:info', {})).toMatchObject({
      ok: true,
      value: { demo: false, transport: 'browser-host' },
    });
  });

  it('refuses marketplace work before it is connected (not_configured, not a validation error), and sync reports "not configured"', async () => {
    expect(await dispatch(services.handlers, 'orders:import', { orderId: 'MOCKONETIMENEW' })).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    });
    const status = await dispatch(services.handlers, 'sync:run', {});
    expect(status).toMatchObject({ ok: true, value: { configured: false, account: null } });
  });

  it('settings:set with endpoint/AK/SK rebuilds the client and syncs, emitting sync:progress and orders:changed', async () => {
    const progress: SyncStatus[] = [];
    const changed: number[] = [];
    const offProgress = services.events.on('sync:progress', (s) => progress.push(s));
    const offChanged = services.events.on('orders:changed', (e) => changed.push(e.count));
    const set = await dispatch(services.handlers, 'settings:set', {
      endpoint: sim.url,
      ak: sim.credentials.ak,
      sk: sim.credentials.sk,
    });
    expect(set).toMatchObject({
      ok: true,
      value: { endpoint: sim.url.replace(/\/$/, ''), ak: sim.credentials.ak, hasSk: true },
    });
    expect(JSON.stringify(set)).not.toContain(sim.credentials.sk);
    // The sync the change started: sync:run joins it.
    const run = await dispatch(services.handlers, 'sync:run', {});
    expect(run).toMatchObject({ ok: true, value: { configured: true, online: true, syncing: false, lastError: null } });
    // The seller the run fetched with the bills is what Settings and the status bar show.
    expect(run).toMatchObject({
      ok: true,
      value: { account: { sellerId: expect.any(String), sellerName: '示例服务商 / Demo Services Co., Ltd.' } },
    });
    offProgress();
    offChanged();
    expect(progress.some((s) => s.syncing)).toBe(true);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed[changed.length - 1]).toBeGreaterThanOrEqual(80);
  });

  it('orders:list / orders:get read the cache; an unknown line is not_found; bad input is validation', async () => {
    const page = await dispatch(services.handlers, 'orders:list', { limit: 3 });
    if (!page.ok) throw new Error(page.error.message);
    const value = page.value as { rows: Array<{ orderLineId: string }>; total: number };
    expect(value.rows).toHaveLength(3);
    expect(value.total).toBeGreaterThanOrEqual(80);
    const detail = await dispatch(services.handlers, 'orders:get', { orderLineId: value.rows[0].orderLineId });
    expect(detail).toMatchObject({ ok: true, value: { orderLineId: value.rows[0].orderLineId } });
    expect(await dispatch(services.handlers, 'orders:get', { orderLineId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch(services.handlers, 'orders:list', { limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('orders:import stores an Open API order and announces orders:changed', async () => {
    let announced = false;
    const off = services.events.on('orders:changed', () => (announced = true));
    const r = await dispatch(services.handlers, 'orders:import', { orderId: 'MOCKONETIMENEW' });
    off();
    expect(r).toMatchObject({ ok: true, value: { orderLineIds: ['MOCKONETIMENEW-000001'] } });
    expect(announced).toBe(true);
    expect(await dispatch(services.handlers, 'orders:get', { orderLineId: 'MOCKONETIMENEW-000001' })).toMatchObject({
      ok: true,
      value: { imported: true },
    });
  });

  it('a Reader beside the owner: the same list from a read-only handle, the outbox counts, a writing channel refused as conflict, writes refused by SQLite', async () => {
    const reader = openReader({ dataDir, credentialStore: new MemoryCredentialStore() });
    try {
      const query = { limit: 5, sort: { field: 'orderNo', dir: 'asc' } } as const;
      const owned = await dispatchChannel(services.handlers, 'orders:list', query);
      expect(owned.ok).toBe(true);
      expect(await dispatchChannel(reader.handlers, 'orders:list', query)).toEqual(owned);
      const counts = await dispatchChannel(services.handlers, 'outbox:summary', {});
      if (!counts.ok) throw new Error(counts.error.message);
      expect(await dispatchChannel(reader.handlers, 'outbox:summary', {})).toMatchObject({
        ok: true,
        value: { unsent: counts.value.unsent, needsAttention: counts.value.needsAttention },
      });
      expect(await dispatch(reader.handlers, 'actions:accept-request', { orderLineId: 'L1' })).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining('read-only') },
      });
      expect(() => reader.db.exec('CREATE TABLE reader_probe (x)')).toThrow(/readonly/i);
    } finally {
      await reader.close();
    }
  });

  it('settings:get never returns the SK; the demo profile is a separate database', async () => {
    const view = await dispatch(services.handlers, 'settings:get', {});
    expect(view).toMatchObject({ ok: true, value: { hasSk: true } });
    expect(JSON.stringify(view)).not.toContain(sim.credentials.sk);
    const demo = createServices({ dataDir, demo: true, credentialStore: new MemoryCredentialStore() });
    try {
      expect(existsSync(join(dataDir, 'demo', 'seller-desk.db'))).toBe(true);
      expect(await dispatch(demo.handlers, 'orders:list', {})).toMatchObject({ ok: true, value: { total: 0 } });
      expect(await dispatch(demo.handlers, 'settings:get', {})).toMatchObject({
        ok: true,
        value: { endpoint: null, hasSk: false },
      });
    } finally {
      await demo.close();
    }
  });
});
