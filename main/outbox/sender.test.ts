import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrderLine } from '../orders/order-lines';
import { MarketplaceClient } from '../sync/client';
import { enqueueAction, discard } from './enqueue';
import { OutboxSender, retryNow, type OutboxChange } from './OutboxSender';
import { countUnsent, getOutboxItem, outboxHistory, pendingOrderLines } from './repo';
import { CountingClient, recordingSleep, seededRandom, startHarness, type Harness } from './testing/sim-harness';

// The sender's state machine over real HTTP, beyond the evidence tests.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function sender(opts: Partial<ConstructorParameters<typeof OutboxSender>[0]> = {}): OutboxSender {
  return new OutboxSender({
    db: h.env.db,
    client: h.client,
    store: h.env.store,
    clock: h.clock,
    sleep: recordingSleep().sleep,
    random: seededRandom(5),
    ...opts,
  });
}

describe('OutboxSender', () => {
  it('acks an action, stores the answered order line and clears "pending sync"; emits state changes', async () => {
    const [line] = await h.linesIn('request_pending', 1);
    const item = enqueueAction(h.env.db, { orderLineId: line.orderLineId, kind: 'request.accept' }, { clock: h.clock });
    expect(pendingOrderLines(h.env.db).has(line.orderLineId)).toBe(true);
    const changes: OutboxChange[] = [];
    const summary = await sender({ onChange: (c) => changes.push(c) }).sendDue();
    expect(summary).toEqual({ sent: 1, acked: 1, rejected: 0, conflict: 0, unknown: 0, waiting: 0 });
    expect(getOutboxItem(h.env.db, item.id)).toMatchObject({ state: 'acked', attempts: 1 });
    expect(getOrderLine(h.env.db, line.orderLineId)).toMatchObject({
      stage: 'awaiting_delivery',
      version: line.version + 1,
    });
    expect(pendingOrderLines(h.env.db).has(line.orderLineId)).toBe(false);
    expect(changes.map((c) => (c.type === 'state' ? c.item.state : c.type))).toEqual(['sending', 'acked']);
  });

  it("a definite refusal (400 MKT.0100) → rejected with the marketplace's message and field errors, never retried", async () => {
    const [line] = await h.linesIn('request_pending', 1);
    const item = enqueueAction(
      h.env.db,
      { orderLineId: line.orderLineId, kind: 'request.reject', payload: { reason: 'x' } },
      { clock: h.clock },
    );
    await h.faults([
      { match: `POST /api/seller-sync/v1/order-lines/${line.orderLineId}/`, kind: 'status', status: 400 },
    ]);
    const s = sender();
    await s.sendDue();
    await s.sendDue();
    await h.clearFaults();
    expect(getOutboxItem(h.env.db, item.id)).toMatchObject({
      state: 'rejected',
      attempts: 1,
      lastError: { status: 400, resultCode: 'MKT.0100', fields: [{ field: 'fault', message: 'injected fault' }] },
    });
    expect(getOrderLine(h.env.db, line.orderLineId)?.stage).toBe('request_pending');
  });

  it('different order lines do not block each other; a line keeps its order behind a failing head', async () => {
    const [stuck, free1, free2] = await h.linesIn('request_pending', 3);
    const head = enqueueAction(
      h.env.db,
      { orderLineId: stuck.orderLineId, kind: 'request.accept' },
      { clock: h.clock },
    );
    const behind = enqueueAction(
      h.env.db,
      { orderLineId: stuck.orderLineId, kind: 'appeal', payload: { reason: 'after the accept' } },
      { clock: h.clock },
    );
    const others = [free1, free2].map((l) =>
      enqueueAction(
        h.env.db,
        { orderLineId: l.orderLineId, kind: 'request.reject', payload: { reason: 'r' } },
        { clock: h.clock },
      ),
    );
    await h.faults([
      { match: `POST /api/seller-sync/v1/order-lines/${stuck.orderLineId}/`, kind: 'status', status: 503 },
    ]);
    const { sleep, waits } = recordingSleep();
    // Backoff soon exceeds what a pass waits for, so the pass ends with the head still unknown.
    const summary = await sender({
      sleep,
      policy: { baseMs: 1000, capMs: 600_000, maxWaitInPassMs: 20_000 },
    }).sendDue();
    await h.clearFaults();
    console.log(
      `blocking: ${JSON.stringify(summary)}; head tried ${getOutboxItem(h.env.db, head.id)?.attempts}× with waits ${waits.join(', ')} ms`,
    );
    expect(others.map((o) => getOutboxItem(h.env.db, o.id)?.state)).toEqual(['acked', 'acked']);
    expect(getOutboxItem(h.env.db, head.id)?.state).toBe('unknown');
    expect(getOutboxItem(h.env.db, behind.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(summary).toMatchObject({ acked: 2, unknown: 1, waiting: 2 });
    // "Sync now" once the fault is gone: the head goes with its key, then the appeal.
    expect(retryNow(h.env.db, h.clock.now())).toBe(1); // the head; the item behind it was never delayed
    await sender().sendDue();
    expect([getOutboxItem(h.env.db, head.id)?.state, getOutboxItem(h.env.db, behind.id)?.state]).toEqual([
      'acked',
      'acked',
    ]);
    expect((await h.sellerActions(stuck.orderLineId)).map((a) => a.kind)).toEqual(['request/accept', 'appeals']);
  });

  it('crash safety: a row left `sending` is resent at start-up with the SAME key and acked once', async () => {
    const [line] = await h.linesIn('request_pending', 1);
    const item = enqueueAction(h.env.db, { orderLineId: line.orderLineId, kind: 'request.accept' }, { clock: h.clock });
    // The previous process sent the request (the marketplace applied it) and died before recording the answer.
    const body = '{}';
    const first = await h.client.inner.request(
      'POST',
      `/api/seller-sync/v1/order-lines/${line.orderLineId}/request/accept`,
      { body: {}, idempotencyKey: item.idempotencyKey },
    );
    expect(first.status).toBe(200);
    h.env.db
      .prepare("UPDATE outbox SET state = 'sending', attempts = 1, request_json = ? WHERE id = ?")
      .run(body, item.id);
    const s = sender(); // start-up
    expect(getOutboxItem(h.env.db, item.id)?.state).toBe('unknown');
    await s.sendDue();
    expect(getOutboxItem(h.env.db, item.id)).toMatchObject({
      state: 'acked',
      idempotencyKey: item.idempotencyKey,
      attempts: 2,
    });
    expect(outboxHistory(h.env.db, item.id).map((e) => e.event)).toEqual(['enqueued', 'recovered', 'acked']);
    expect(await h.sellerActions(line.orderLineId)).toHaveLength(1);
  });

  it('offline (connection refused) → the pass stops at once; items stay queued and can still be discarded', async () => {
    const [a, b] = await h.linesIn('request_pending', 2);
    const items = [a, b].map((l) =>
      enqueueAction(h.env.db, { orderLineId: l.orderLineId, kind: 'request.accept' }, { clock: h.clock }),
    );
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const offline = new CountingClient(
      new MarketplaceClient({
        baseUrl: `http://127.0.0.1:${port}`,
        credentials: () => h.sim.credentials,
        clock: h.clock,
      }),
    );
    const summary = await sender({ client: offline, concurrency: 1 }).sendDue();
    console.log(`offline: ${offline.log.length} request(s) tried; ${JSON.stringify(summary)}`);
    expect(offline.log).toHaveLength(1);
    expect(items.map((i) => getOutboxItem(h.env.db, i.id)?.state)).toEqual(['queued', 'queued']);
    expect(discard(h.env.db, items[1].id, 'done on site instead', { clock: h.clock }).discardReason).toBe(
      'done on site instead',
    );
    await sender().sendDue();
    expect(getOutboxItem(h.env.db, items[0].id)?.state).toBe('acked');
    expect(getOutboxItem(h.env.db, items[1].id)).toMatchObject({
      state: 'queued',
      discardReason: 'done on site instead',
    });
    expect(await h.sellerActions(b.orderLineId)).toEqual([]);
    expect(countUnsent(h.env.db)).toBe(0);
  });

  it("uploads come first and report progress per file; the action carries the marketplace's attachmentIds", async () => {
    const [line] = await h.linesIn('awaiting_acceptance', 1);
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 7)]);
    const file = await h.env.store.addBytes(bytes, '承诺函.pdf');
    const item = enqueueAction(
      h.env.db,
      {
        orderLineId: line.orderLineId,
        kind: 'appeal',
        payload: {
          reason: 'unreachable',
          customerUnreachable: true,
          attachments: [{ sha256: file.sha256, category: 'commitment_letter' }],
        },
      },
      { clock: h.clock },
    );
    const progress: number[] = [];
    await sender({
      uploadChunkSize: 64 * 1024,
      onChange: (c) => c.type === 'progress' && progress.push(c.sent),
    }).sendDue();
    const [applied] = await h.sellerActions(line.orderLineId);
    const state = await h.control('GET', '/sim/v1/state?lines=0');
    const att = (state.attachments as Array<{ attachmentId: string; sha256: string; fileName: string }>).find(
      (x) => x.sha256 === file.sha256,
    );
    console.log(
      `upload before action: progress ${progress.join(' → ')} of ${bytes.length}; action ${applied?.kind} with ${JSON.stringify((applied?.detail as { attachments: unknown }).attachments)}`,
    );
    expect(getOutboxItem(h.env.db, item.id)?.state).toBe('acked');
    expect(progress.at(-1)).toBe(bytes.length);
    expect(att?.fileName).toBe('承诺函.pdf');
    expect((applied.detail as { attachments: unknown }).attachments).toEqual([
      { attachmentId: att?.attachmentId, category: 'commitment_letter' },
    ]);
  });
});
