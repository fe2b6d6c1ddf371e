// The browser host over real HTTP on 127.0.0.1: token, Host, Origin, body limit, CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { startHost, type RunningHost } from './server';
import { createEventBus } from '../api/events';
import type { Handlers } from '../api/dispatch';
import type { SettingsView, SyncStatus } from '../../common/api/types';
import { outboxContract } from '../../common/api/contract-outbox';
import type { OutboxHandlers } from '../outbox/handlers';
import { proofsContract } from '../../common/api/contract-proofs';
import type { ProofsHandlers } from '../proofs/handlers';
import { createUpdateHandlers } from '../updates/handlers';
import { billsContract } from '../../common/api/contract-bills';
import type { BillsHandlers } from '../bills/handlers';
import { dbContract } from '../../common/api/contract-db';
import type { DbHandlers } from '../profile/handlers';

const settings: SettingsView = {
  endpoint: null,
  ak: null,
  hasSk: false,
  syncIntervalMinutes: 15,
  language: 'en',
  waitingThresholdDays: 5,
  theme: 'system',
};
const status: SyncStatus = {
  configured: false,
  online: true,
  syncing: false,
  lastSyncAt: null,
  lastError: null,
  progress: { phase: 'idle', pages: 0, lines: 0, percent: null },
  cachedLines: 0,
  demo: false,
};
const handlers: Handlers = {
  'app:info': () => ({ version: 'test', demo: false, transport: 'browser-host' }),
  'orders:list': (q) => ({ rows: [], total: q.limit }),
  'orders:get': () => {
    throw new Error('not used');
  },
  'orders:raw': ({ orderLineIds }) => ({ lines: [], missing: orderLineIds, damaged: [] }),
  'orders:import': () => ({ orderLineIds: [] }),
  'orders:export': () => ({ canceled: true, path: null, fileName: 'orders.csv', bytes: 0, rows: 0, download: null }),
  'sync:run': () => status,
  'sync:status': () => status,
  'sync:rejects': () => [],
  'settings:get': () => settings,
  'settings:set': () => settings,
  'settings:test': () => ({ ok: true, sellerName: 'Test Seller', sellerId: 'S-TEST' }),
  // Channels are not exercised here (main/outbox/handlers.test.ts).
  ...(Object.fromEntries(
    Object.keys(outboxContract).map((c) => [
      c,
      () => {
        throw new Error('not used');
      },
    ]),
  ) as unknown as OutboxHandlers),
  ...(Object.fromEntries(
    Object.keys(proofsContract).map((c) => [
      c,
      () => {
        throw new Error('not used');
      },
    ]),
  ) as unknown as ProofsHandlers),
  // The browser host does not update itself: its update channels answer `unsupported`.
  ...createUpdateHandlers(null, 'test'),
  ...(Object.fromEntries(
    Object.keys(billsContract).map((c) => [
      c,
      () => {
        throw new Error('not used');
      },
    ]),
  ) as unknown as BillsHandlers),
  // The database channels are exercised in main/profile/backup.test.ts.
  ...(Object.fromEntries(
    Object.keys(dbContract).map((c) => [
      c,
      () => {
        throw new Error('not used');
      },
    ]),
  ) as unknown as DbHandlers),
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('browser host', () => {
  let host: RunningHost;
  let staticDir: string;
  const events = createEventBus();
  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    call(host.port, `/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-seller-desk-token': host.token, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'sd-host-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Seller Desk</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(staticDir, 'assets', 'index-D67PRIWx.js'), 'console.log(2)');
    host = await startHost({ services: { handlers, events }, port: 0, host: '127.0.0.1', staticDir });
  });
  afterAll(async () => {
    await host.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('prints a 127.0.0.1 URL carrying a 32-byte hex token', () => {
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('answers a valid call with its Result', async () => {
    const r = await api('app:info', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      ok: true,
      value: { version: 'test', demo: false, transport: 'browser-host' },
    });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('validates input with the contract: a bad input is { ok:false, code:"validation" }', async () => {
    const r = await api('orders:list', { limit: 'lots' });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; error: { code: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('validation');
    const good = JSON.parse((await api('orders:list', { limit: 7 })).body) as { ok: boolean; value: { total: number } };
    expect(good).toEqual({ ok: true, value: { rows: [], total: 7 } });
  });

  it('refuses an API call without the token (401)', async () => {
    const r = await call(host.port, '/api/app:info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses a wrong token (401), and a token in the query of a POST', async () => {
    expect((await api('app:info', {}, { 'x-seller-desk-token': 'f'.repeat(64) })).status).toBe(401);
    const q = await call(host.port, `/api/app:info?token=${host.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(q.status).toBe(401);
  });

  it('refuses a foreign Origin (403) even with the right token: CSRF', async () => {
    const r = await api('app:info', {}, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect((await api('app:info', {}, { origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await api('app:info', {}, { origin: 'null' })).status).toBe(403);
    expect((await api('app:info', {}, { origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host header: DNS rebinding', async () => {
    const r = await api('app:info', {}, { host: `evil.example:${host.port}` });
    expect(r.status).toBe(421);
    expect((await call(host.port, '/', { headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await api('app:info', {}, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a body over 1 MiB (413) and a non-JSON content type (415)', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) });
    const r = await call(host.port, '/api/orders:list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-seller-desk-token': host.token },
      body: big,
    });
    expect(r.status).toBe(413);
    const t = await call(host.port, '/api/app:info', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-seller-desk-token': host.token },
      body: '{}',
    });
    expect(t.status).toBe(415);
  });

  it('answers an unknown channel with not_found and malformed JSON with validation', async () => {
    const u = await api('orders:destroy', {});
    expect(u.status).toBe(404);
    expect(JSON.parse(u.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const m = await call(host.port, '/api/app:info', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-seller-desk-token': host.token },
      body: '{nope',
    });
    expect(JSON.parse(m.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('serves the renderer with the strict CSP, no caching of the page, and an SPA fallback', async () => {
    const page = await call(host.port, `/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'; script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    const js = await call(host.port, '/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('no-cache');
    // A build's content-hashed asset is kept by the browser: a reload neither downloads nor compiles it again.
    const hashed = await call(host.port, '/assets/index-D67PRIWx.js');
    expect(hashed.body).toBe('console.log(2)');
    expect(hashed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await call(host.port, '/orders/123')).body).toContain('<title>Seller Desk</title>');
    expect((await call(host.port, '/assets/missing.js')).status).toBe(404);
    expect((await call(host.port, '/..%2f..%2fetc%2fpasswd')).status).not.toBe(200);
  });

  it('streams events over SSE with the token as a query parameter', async () => {
    expect((await call(host.port, '/api/events')).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/api/events?token=${host.token}`,
          headers: { host: `127.0.0.1:${host.port}` },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            if (text.includes('orders:changed')) {
              req.destroy();
              resolve(text);
            }
          });
          setTimeout(() => events.emit('orders:changed', { count: 3 }), 50);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: orders:changed\ndata: {"count":3}\n\n');
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no non-loopback interface on this machine: nothing else to connect to
    const outcome = await new Promise<string>((resolve) => {
      const s = connect({ host: external.address, port: host.port });
      s.on('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
  });
});
