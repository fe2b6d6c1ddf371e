import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../common/domain/time';
import { orderLine } from '../common/marketplace/wire';
import { encodeCursor } from './feed';
import { startSimulator, type Simulator } from './index';
import { control, pullAll, signedFetch } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const FEED = '/api/seller-sync/v1/order-lines';

describe('order-line feed (docs/marketplace-api.md "Feeds")', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, orders: 1234, quiet: true });
  });
  afterAll(() => sim.close());

  it('pages of 500 cover every line exactly once, each a whole order line, hasMore false at the end', async () => {
    const { items, pages, cursor } = await pullAll(sim, 500);
    expect(items).toHaveLength(1234);
    expect(pages).toBe(3);
    expect(new Set(items.map((i) => i.orderLineId)).size).toBe(1234);
    for (const item of items) expect(orderLine.safeParse(item).success).toBe(true);
    // nothing new → an empty page with a fresh cursor at the same position
    const again = await signedFetch(sim, FEED, { query: [['cursor', cursor ?? '']] });
    expect(again.json).toMatchObject({ resultCode: 'MKT.0000', items: [], hasMore: false });
  });

  it('default limit is 200; a limit outside 1–500 or not a number is 400 MKT.0101', async () => {
    const page = await signedFetch(sim, FEED);
    expect((page.json?.items as unknown[]).length).toBe(200);
    expect(page.json?.hasMore).toBe(true);
    for (const bad of ['0', '501', 'ten', '-1', '2.5']) {
      const a = await signedFetch(sim, FEED, { query: [['limit', bad]] });
      expect(a.status, bad).toBe(400);
      expect(a.json?.resultCode).toBe('MKT.0101');
    }
    expect((await signedFetch(sim, FEED, { query: [['limit', '500']] })).status).toBe(200);
    expect((await signedFetch(sim, FEED, { query: [['since', '1']] })).json?.resultCode).toBe('MKT.0101');
  });

  it('a changed line re-appears after the cursor with a higher version, in commit order', async () => {
    const { items, cursor } = await pullAll(sim, 500);
    const target = items.find(
      (i) => (i.supervision as { stage?: string } | null)?.stage === 'awaiting_request',
    ) as Record<string, unknown>;
    const other = items.find(
      (i) =>
        (i.supervision as { stage?: string } | null)?.stage === 'awaiting_acceptance' &&
        !(i.supervision as { appealOpen: boolean }).appealOpen,
    ) as Record<string, unknown>;
    expect(
      (
        await control(sim, 'POST', `/sim/v1/order-lines/${target.orderLineId}/customer/request`, {
          description: 'please start',
        })
      ).status,
    ).toBe(200);
    expect((await control(sim, 'POST', `/sim/v1/order-lines/${other.orderLineId}/customer/accept`, {})).status).toBe(
      200,
    );
    const next = await pullAll(sim, 500, cursor);
    expect(next.items.map((i) => i.orderLineId)).toEqual([target.orderLineId, other.orderLineId]);
    expect(next.items[0].version).toBe((target.version as number) + 1);
    expect((next.items[0].supervision as { stage: string }).stage).toBe('request_pending');
    expect(next.items[1].version).toBe((other.version as number) + 1);
    // from the beginning, each line still appears once, at its new place
    const all = await pullAll(sim, 500);
    expect(all.items).toHaveLength(1234);
    expect(all.items.slice(-2).map((i) => i.orderLineId)).toEqual([target.orderLineId, other.orderLineId]);
  });

  it('410 MKT.2410 for a cursor older than 30 days by the simulated clock; a fresh start works', async () => {
    const first = await signedFetch(sim, FEED, { query: [['limit', '10']] });
    const cursor = first.json?.nextCursor as string;
    sim.clock.advance(29 * DAY_MS);
    expect((await signedFetch(sim, FEED, { query: [['cursor', cursor]] })).status).toBe(200);
    sim.clock.advance(2 * DAY_MS);
    const expired = await signedFetch(sim, FEED, { query: [['cursor', cursor]] });
    expect(expired.status).toBe(410);
    expect(expired.json?.resultCode).toBe('MKT.2410');
    expect((await signedFetch(sim, FEED)).status).toBe(200);
    sim.clock.set(NOW);
  });

  it('malformed cursor → 400 MKT.0101; a cursor of another database → 410 (restart the feed)', async () => {
    for (const bad of [
      'not a cursor',
      'AAAA',
      encodeCursor({ kind: 'b', epoch: '00000000', seq: 1, issuedAt: NOW }).slice(3),
    ]) {
      const a = await signedFetch(sim, FEED, { query: [['cursor', bad]] });
      expect(a.status, bad).toBe(400);
      expect(a.json?.resultCode).toBe('MKT.0101');
    }
    const foreign = encodeCursor({ kind: 'o', epoch: 'ffffffff', seq: 10, issuedAt: NOW });
    expect((await signedFetch(sim, FEED, { query: [['cursor', foreign]] })).status).toBe(410);
    const billsCursor = encodeCursor({ kind: 'b', epoch: 'ffffffff', seq: 10, issuedAt: NOW });
    expect((await signedFetch(sim, FEED, { query: [['cursor', billsCursor]] })).json?.resultCode).toBe('MKT.0101');
  });

  it('the bills feed has the same shape', async () => {
    const a = await signedFetch(sim, '/api/seller-sync/v1/bills');
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ resultCode: 'MKT.0000', resultMsg: 'success', hasMore: false });
    expect(Array.isArray(a.json?.items)).toBe(true);
    expect(typeof a.json?.nextCursor).toBe('string');
  });

  it('a second seller sees only its own lines', async () => {
    const two = await startSimulator({
      now: NOW,
      orders: 20,
      quiet: true,
      sellers: [
        { ak: 'AK1', sk: 'sk1', sellerId: 'S1', sellerName: 'One' },
        { ak: 'AK2', sk: 'sk2', sellerId: 'S2', sellerName: 'Two' },
      ],
    });
    try {
      expect((await pullAll(two, 500)).items).toHaveLength(20);
      const created = await control(two, 'POST', '/sim/v1/order-lines', { sellerId: 'S2', lines: [{}] });
      expect(created.status).toBe(200);
      const s2 = await pullAll({ ...two, credentials: { ak: 'AK2', sk: 'sk2' } }, 500);
      expect(s2.items.map((i) => i.orderLineId)).toEqual(created.json?.orderLineIds);
    } finally {
      await two.close();
    }
  });
});
