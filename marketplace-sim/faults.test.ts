import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ruleMatches } from './faults';
import { startSimulator, type Simulator } from './index';
import { control, signedFetch } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const ACCOUNT = '/api/seller-sync/v1/account';
const FEED = '/api/seller-sync/v1/order-lines';

describe('fault injection (POST /sim/v1/faults)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, orders: 30, quiet: true });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await control(sim, 'DELETE', '/sim/v1/faults');
    await control(sim, 'DELETE', '/sim/v1/requests');
  });
  const faults = (rules: unknown[]) => control(sim, 'POST', '/sim/v1/faults', { rules });

  it('match: a substring of "METHOD /path?query", or "METHOD path-substring"', () => {
    expect(ruleMatches('account', 'GET', '/api/seller-sync/v1/account')).toBe(true);
    expect(ruleMatches('GET /api/seller-sync', 'GET', '/api/seller-sync/v1/account')).toBe(true);
    expect(ruleMatches('POST order-lines', 'GET', '/api/seller-sync/v1/order-lines?limit=5')).toBe(false);
    expect(ruleMatches('POST /request/accept', 'POST', '/api/seller-sync/v1/order-lines/X/request/accept')).toBe(true);
    expect(ruleMatches('limit=5', 'GET', '/api/seller-sync/v1/order-lines?limit=5')).toBe(true);
    expect(ruleMatches('*', 'DELETE', '/anything')).toBe(true);
  });

  it('status 503 → the error table body (MKT.0999), applied `count` times then the real answer', async () => {
    await faults([{ match: 'GET /account', kind: 'status', status: 503, count: 2 }]);
    for (let i = 0; i < 2; i++) {
      const a = await signedFetch(sim, ACCOUNT);
      expect(a.status).toBe(503);
      expect(a.json).toMatchObject({ resultCode: 'MKT.0999' });
      expect(a.headers.get('date')).toBe(new Date(sim.clock.now()).toUTCString());
    }
    expect((await signedFetch(sim, ACCOUNT)).status).toBe(200);
    const rules = (await control(sim, 'GET', '/sim/v1/faults')).json?.rules as Array<{ applied: number }>;
    expect(rules[0].applied).toBe(2);
  });

  it('status 429 → MKT.0250 with Retry-After; status 410 → MKT.2410', async () => {
    await faults([
      { match: 'account', kind: 'status', status: 429, retryAfter: 7, count: 1 },
      { match: 'order-lines', kind: 'status', status: 410, count: 1 },
    ]);
    const a = await signedFetch(sim, ACCOUNT);
    expect([a.status, a.json?.resultCode, a.headers.get('retry-after')]).toEqual([429, 'MKT.0250', '7']);
    const b = await signedFetch(sim, FEED);
    expect([b.status, b.json?.resultCode]).toEqual([410, 'MKT.2410']);
  });

  it('reset destroys the connection without an answer', async () => {
    await faults([{ match: 'account', kind: 'reset', count: 1 }]);
    await expect(signedFetch(sim, ACCOUNT)).rejects.toThrow();
    expect((await signedFetch(sim, ACCOUNT)).status).toBe(200);
    const s = await control(sim, 'GET', '/sim/v1/state?lines=0');
    expect(s.json?.requests).toMatchObject({ total: 2, byOutcome: { reset: 1, '200': 1 } });
  });

  it('delay waits, then answers normally', async () => {
    await faults([{ match: 'account', kind: 'delay', delayMs: 300, count: 1 }]);
    const started = performance.now();
    const a = await signedFetch(sim, ACCOUNT);
    expect(a.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('dropAfterCommit processes the request, then drops the connection', async () => {
    await faults([{ match: 'GET /api/seller-sync/v1/order-lines', kind: 'dropAfterCommit', count: 1 }]);
    await expect(signedFetch(sim, FEED)).rejects.toThrow();
    const s = await control(sim, 'GET', '/sim/v1/state?lines=0');
    expect(s.json?.requests).toMatchObject({ byOutcome: { dropAfterCommit: 1 } });
  });

  it('rate: a seeded share of matching requests is hit — the same pattern for the same seed', async () => {
    const pattern = async (s: Simulator): Promise<string> => {
      await control(s, 'POST', '/sim/v1/faults', {
        rules: [{ match: 'account', kind: 'status', status: 500, rate: 0.5 }],
      });
      let out = '';
      for (let i = 0; i < 40; i++) out += (await signedFetch(s, ACCOUNT)).status === 500 ? 'x' : '.';
      return out;
    };
    const first = await pattern(sim);
    const hits = first.split('').filter((c) => c === 'x').length;
    expect(hits).toBeGreaterThan(8);
    expect(hits).toBeLessThan(32);
    const twin = await startSimulator({ now: NOW, orders: 0, quiet: true });
    try {
      expect(await pattern(twin)).toBe(first);
    } finally {
      await twin.close();
    }
  });

  it('the control API is never faulted; DELETE clears the rules', async () => {
    await faults([{ match: '*', kind: 'status', status: 503 }]);
    expect((await signedFetch(sim, ACCOUNT)).status).toBe(503);
    expect((await control(sim, 'GET', '/sim/v1/state?lines=0')).status).toBe(200);
    await control(sim, 'DELETE', '/sim/v1/faults');
    expect((await signedFetch(sim, ACCOUNT)).status).toBe(200);
  });

  it('refuses a malformed rule with 400 MKT.0100', async () => {
    const a = await faults([{ match: 'x', kind: 'explode' }]);
    expect([a.status, a.json?.resultCode]).toEqual([400, 'MKT.0100']);
  });
});
