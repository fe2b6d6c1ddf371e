import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketplaceClient } from '../sync/client';
import { enqueueAction } from './enqueue';
import { OutboxSender } from './OutboxSender';
import { countUnsent, listOutbox } from './repo';
import { CountingClient, recordingSleep, seededRandom, startHarness, type Harness } from './testing/sim-harness';

// The simulator's clock ±30 minutes from ours → each request succeeds after at most one
// correction (docs/marketplace-api.md "Signing": 401, correct by the Date header, re-sign, retry once).
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const MIN = 60_000;

async function counters(): Promise<{ byOutcome: Record<string, number>; actionPosts: number }> {
  const state = await h.control('GET', '/sim/v1/state?lines=0');
  const requests = state.requests as { byOutcome: Record<string, number>; byRoute: Record<string, number> };
  const actionPosts = Object.entries(requests.byRoute)
    .filter(([route]) => route.startsWith('POST /api/seller-sync/v1/order-lines/'))
    .reduce((n, [, c]) => n + c, 0);
  return { byOutcome: requests.byOutcome, actionPosts };
}

describe('clock skew (docs/marketplace-api.md signing)', () => {
  for (const skew of [+30 * MIN, -30 * MIN]) {
    it(`simulator clock ${skew > 0 ? '+' : '−'}30 min → every action acked on its first send, at most one correction each`, async () => {
      const lines = await h.linesIn('request_pending', 20);
      for (const l of lines)
        enqueueAction(h.env.db, { orderLineId: l.orderLineId, kind: 'request.accept' }, { clock: h.clock });
      await h.control('POST', '/sim/v1/clock', { now: Date.now() + skew });
      await h.control('DELETE', '/sim/v1/requests');
      // A fresh client (as after an app start) whose clock is 30 minutes off the marketplace's.
      const client = new CountingClient(
        new MarketplaceClient({ baseUrl: h.sim.url, credentials: () => h.sim.credentials, clock: h.clock }),
      );
      const sender = new OutboxSender({
        db: h.env.db,
        client,
        store: h.env.store,
        clock: h.clock,
        sleep: recordingSleep().sleep,
        random: seededRandom(3),
        concurrency: 4,
      });
      const summary = await sender.sendDue();
      const { byOutcome, actionPosts } = await counters();
      const unauthorized = byOutcome['401'] ?? 0;
      const items = listOutbox(h.env.db).filter((i) => lines.some((l) => l.orderLineId === i.orderLineId));
      console.log(
        `clock skew ${skew / MIN} min: ${summary.sent} action sends, ${summary.acked} acked; the marketplace got ${actionPosts} action requests, ${unauthorized} answered 401 ` +
          `(corrections: ${unauthorized} of ${client.log.length} requests, learned offset ${Math.round(client.inner.clockOffsetMs / MIN)} min)`,
      );
      expect(items.every((i) => i.state === 'acked' && i.attempts === 1)).toBe(true);
      // Each action request reached the marketplace at most twice: once refused for the skew, once accepted.
      expect(actionPosts).toBe(20 + unauthorized);
      // Only requests signed before the first 401 taught the offset are corrected (≤ the concurrency), once each.
      expect(unauthorized).toBeGreaterThanOrEqual(1);
      expect(unauthorized).toBeLessThanOrEqual(4);
      expect(Math.abs(client.inner.clockOffsetMs - skew)).toBeLessThan(2 * MIN);
    });
  }

  it('401 with a right clock (wrong SK) → rejected "check credentials", never retried', async () => {
    await h.control('POST', '/sim/v1/clock', { now: Date.now() });
    const [line] = await h.linesIn('request_pending', 1);
    const item = enqueueAction(h.env.db, { orderLineId: line.orderLineId, kind: 'request.accept' }, { clock: h.clock });
    const bad = new CountingClient(
      new MarketplaceClient({
        baseUrl: h.sim.url,
        credentials: () => ({ ak: h.sim.credentials.ak, sk: 'wrong' }),
        clock: h.clock,
      }),
    );
    const sender = new OutboxSender({
      db: h.env.db,
      client: bad,
      store: h.env.store,
      clock: h.clock,
      sleep: recordingSleep().sleep,
      random: seededRandom(4),
    });
    await sender.sendDue();
    const after = listOutbox(h.env.db).find((i) => i.id === item.id);
    console.log(`wrong SK: ${bad.log.length} request(s), item ${after?.state}: ${after?.lastError?.message}`);
    expect(after).toMatchObject({
      state: 'rejected',
      attempts: 1,
      lastError: { status: 401, message: expect.stringMatching(/check the AK\/SK/) },
    });
    expect(countUnsent(h.env.db)).toBe(0);
    expect(await h.sellerActions(line.orderLineId)).toEqual([]);
  });
});
