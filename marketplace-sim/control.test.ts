import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderLine, type WireOrderLine } from '../common/marketplace/wire';
import { startSimulator, type Simulator } from './index';
import { control, pullAll, signedFetch } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const HOUR = 3_600_000;

describe('control API (/sim/v1)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, orders: 0, quiet: true, token: 'tok' });
  });
  afterAll(() => sim.close());

  const create = async (lines: Array<Record<string, unknown>>): Promise<WireOrderLine[]> => {
    const a = await control(sim, 'POST', '/sim/v1/order-lines', { lines });
    expect(a.status, a.text).toBe(200);
    return a.json?.orderLines as WireOrderLine[];
  };
  const act = (id: string, what: string, body: unknown = {}) =>
    control(sim, 'POST', `/sim/v1/order-lines/${id}/${what}`, body);

  it('refuses a missing or wrong X-Sim-Token with 401', async () => {
    expect((await control(sim, 'GET', '/sim/v1/state', undefined, '')).status).toBe(401);
    expect((await control(sim, 'GET', '/sim/v1/state', undefined, 'nope')).status).toBe(401);
    expect((await control(sim, 'GET', '/sim/v1/state')).status).toBe(200);
  });

  it('S1/S6: created lines get the process by placement, renewals and pay-per-use no supervision', async () => {
    const [fresh, legacy, renewal, ppu] = await create([
      {},
      { createTime: '2025-03-01T02:00:00.000Z' },
      { orderType: 'RENEW', renewsOrderLineId: 'CS1-000001' },
      { chargingMode: 'ON_DEMAND', periodType: null, periodNumber: null },
    ]);
    expect(fresh.supervision).toMatchObject({ process: 'REQUEST_FIRST', stage: 'awaiting_request' });
    expect(fresh.orderLineId).toMatch(/^CS\d{10}[A-Z]{5}-000001$/);
    expect(fresh.version).toBe(1);
    expect(legacy.supervision).toMatchObject({ process: 'LEGACY', stage: 'awaiting_delivery' });
    expect(renewal.supervision).toBeNull();
    expect(ppu.supervision).toBeNull();
    for (const l of [fresh, legacy, renewal, ppu]) expect(orderLine.safeParse(l).success).toBe(true);
  });

  it('refuses invalid partial lines with 400 MKT.0100 naming the field', async () => {
    const a = await control(sim, 'POST', '/sim/v1/order-lines', { lines: [{}, { amount: '12' }] });
    expect(a.status).toBe(400);
    expect(a.json?.resultCode).toBe('MKT.0100');
    expect(a.json?.errors).toEqual([expect.objectContaining({ field: 'lines.1.amount' })]);
    const b = await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [{ createTime: '2025-01-01T00:00:00.000Z', supervision: { stage: 'request_pending' } }],
    });
    expect(b.json?.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('S1') })]);
    expect((await control(sim, 'POST', '/sim/v1/order-lines', {})).status).toBe(400);
  });

  it('customer request: awaiting_request → request_pending with uploaded attachments; again → 409 MKT.2001 with the current line', async () => {
    const [l] = await create([{}]);
    const bytes = Buffer.from('%PDF-1.4\nhello\n%%EOF\n');
    const a = await act(l.orderLineId, 'customer/request', {
      description: '请尽快开始 / please start',
      attachments: [{ fileName: 'scope.pdf', contentBase64: bytes.toString('base64') }, { fileName: '拓扑.png' }],
    });
    expect(a.status).toBe(200);
    const moved = a.json?.orderLine as WireOrderLine;
    expect(moved.supervision).toMatchObject({
      stage: 'request_pending',
      request: { description: '请尽快开始 / please start' },
    });
    expect(moved.version).toBe(2);
    expect(moved.supervision?.events.at(-1)).toMatchObject({ actor: 'customer', type: 'request_submitted' });
    const [ref, png] = moved.supervision?.request?.attachments ?? [];
    expect(ref).toMatchObject({
      fileName: 'scope.pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const dl = await signedFetch(sim, `/api/seller-sync/v1/attachments/${png.attachmentId}`);
    expect(dl.bytes.subarray(1, 4).toString()).toBe('PNG');

    const again = await act(l.orderLineId, 'customer/request', { description: 'again' });
    expect(again.status).toBe(409);
    expect(again.json?.resultCode).toBe('MKT.2001');
    expect(again.json?.orderLine).toMatchObject({
      orderLineId: l.orderLineId,
      version: 2,
      supervision: { stage: 'request_pending' },
    });
    expect((await act(l.orderLineId, 'customer/accept')).json?.resultCode).toBe('MKT.2001');
    expect((await act('CS-NONE-000001', 'customer/accept')).status).toBe(404);
  });

  it('S4/V1/O2a: accept sets acceptedAt and validity; the order becomes COMPLETED 3 hours later and re-enters the feed', async () => {
    const enabling = '2025-10-01T00:00:00.000Z';
    const [l] = await create([
      {
        createTime: '2025-09-30T00:00:00.000Z',
        periodType: 'month',
        periodNumber: 1,
        supervision: {
          stage: 'awaiting_acceptance',
          delivery: {
            deliveryId: 'D1',
            submittedAt: '2025-10-10T00:00:00.000Z',
            enablingTime: enabling,
            templateVersion: 1,
            content: {},
            attachments: [],
          },
        },
      },
    ]);
    const { cursor } = await pullAll(sim);
    const a = await act(l.orderLineId, 'customer/accept');
    const accepted = a.json?.orderLine as WireOrderLine;
    expect(accepted.supervision).toMatchObject({ stage: 'completed', acceptedAt: new Date(NOW).toISOString() });
    expect(accepted.validity).toEqual({ start: enabling, end: '2025-11-01T00:00:00.000Z' });
    expect(accepted.status).toBe('PROCESSING');
    sim.clock.advance(3 * HOUR - 1000);
    let feed = await pullAll(sim, 500, cursor);
    expect((feed.items.at(-1) as unknown as WireOrderLine).status).toBe('PROCESSING');
    sim.clock.advance(1000);
    feed = await pullAll(sim, 500, cursor);
    const done = feed.items.at(-1) as unknown as WireOrderLine;
    expect(done).toMatchObject({ orderLineId: l.orderLineId, status: 'COMPLETED', version: accepted.version + 1 });
    expect(done.supervision?.events.at(-1)).toMatchObject({ actor: 'marketplace', type: 'order_completed' });
    sim.clock.set(NOW);
  });

  it('S5b: return counts delivery rejections; S5c: unsubscription amount is checked and one is pending at a time', async () => {
    const [l] = await create([{ amount: '300.00', supervision: { stage: 'awaiting_acceptance' } }]);
    const r = await act(l.orderLineId, 'customer/return', { reason: '缺少签字页' });
    expect((r.json?.orderLine as WireOrderLine).supervision).toMatchObject({
      stage: 'delivery_returned',
      deliveryRejections: 1,
    });
    expect((await act(l.orderLineId, 'customer/return', { reason: 'x' })).status).toBe(409);
    expect(
      (await act(l.orderLineId, 'customer/unsubscribe', { amount: '300.01', reason: 'too much' })).json?.resultCode,
    ).toBe('MKT.0100');
    expect((await act(l.orderLineId, 'customer/unsubscribe', { amount: '0.00', reason: 'zero' })).status).toBe(400);
    const u = await act(l.orderLineId, 'customer/unsubscribe', { amount: '150.00', reason: 'budget cut' });
    expect((u.json?.orderLine as WireOrderLine).supervision?.unsubscription).toMatchObject({
      amount: '150.00',
      status: 'pending',
    });
    expect((await act(l.orderLineId, 'customer/unsubscribe', { amount: '10.00', reason: 'again' })).status).toBe(409);
  });

  it('S5a: an open appeal freezes customer actions (409 MKT.2002) until resolved; resolve outcome completed', async () => {
    const [l] = await create([{ supervision: { stage: 'awaiting_acceptance' } }]);
    expect((await act(l.orderLineId, 'appeal/resolve', { outcome: 'resume' })).status).toBe(409); // none open
    expect((await act(l.orderLineId, 'appeal/open', { reason: 'customer unreachable' })).status).toBe(200);
    const frozen = await act(l.orderLineId, 'customer/accept');
    expect([frozen.status, frozen.json?.resultCode]).toEqual([409, 'MKT.2002']);
    const resolved = await act(l.orderLineId, 'appeal/resolve', { outcome: 'completed', note: 'evidence sufficient' });
    expect((resolved.json?.orderLine as WireOrderLine).supervision).toMatchObject({
      stage: 'completed',
      appealOpen: false,
    });
  });

  it('generate N lines with a seed; all parse and ids are unique', async () => {
    const a = await control(sim, 'POST', '/sim/v1/order-lines', { generate: 120, seed: 7 });
    const ids = a.json?.orderLineIds as string[];
    expect(ids).toHaveLength(120);
    const state = await control(sim, 'GET', '/sim/v1/state');
    const lines = state.json?.orderLines as WireOrderLine[];
    expect(new Set(lines.map((l) => l.orderLineId)).size).toBe(lines.length);
    for (const id of ids) expect(orderLine.safeParse(lines.find((l) => l.orderLineId === id)).success).toBe(true);
  });

  it('clock: set by instant or advance; both or neither → 400', async () => {
    expect((await control(sim, 'POST', '/sim/v1/clock', { advanceMs: 60_000 })).json?.now).toBe(NOW + 60_000);
    expect((await control(sim, 'POST', '/sim/v1/clock', { now: '2025-10-15T04:00:00.000Z' })).json?.now).toBe(NOW);
    expect(sim.clock.now()).toBe(NOW);
    expect((await control(sim, 'POST', '/sim/v1/clock', { now: NOW, advanceMs: 1 })).status).toBe(400);
    expect((await control(sim, 'POST', '/sim/v1/clock', {})).status).toBe(400);
  });

  it('state counts requests per path; DELETE /sim/v1/requests resets the counters', async () => {
    await control(sim, 'DELETE', '/sim/v1/requests');
    for (let i = 0; i < 3; i++) await signedFetch(sim, '/api/seller-sync/v1/order-lines', { query: [['limit', '1']] });
    await signedFetch(sim, '/api/seller-sync/v1/account');
    const s = await control(sim, 'GET', '/sim/v1/state?lines=0');
    expect(s.json?.requests).toMatchObject({
      total: 4,
      byPath: { '/api/seller-sync/v1/order-lines': 3, '/api/seller-sync/v1/account': 1 },
      byRoute: { 'GET /api/seller-sync/v1/order-lines': 3 },
      byOutcome: { '200': 4 },
    });
    expect(s.json).not.toHaveProperty('orderLines');
  });

  it('a new template version moves undelivered lines of the product to it (P1/P5)', async () => {
    const [l] = await create([{}]);
    const a = await control(sim, 'POST', `/sim/v1/products/${l.productId}/template`, {});
    expect(a.json?.templateVersion).toBe((l.templateVersion ?? 0) + 1);
    expect(a.json?.movedOrderLineIds).toContain(l.orderLineId);
    const one = await control(sim, 'GET', `/sim/v1/state?orderLineId=${l.orderLineId}`);
    expect((one.json?.orderLines as WireOrderLine[])[0]).toMatchObject({
      templateVersion: (l.templateVersion ?? 0) + 1,
      version: 2,
    });
  });
});
