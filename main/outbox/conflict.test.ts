import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireOrderLine } from '../../common/marketplace/wire';
import { signedFetch } from '../../marketplace-sim/test-client';
import { getOrderLine, upsertOrderLines } from '../orders/order-lines';
import { enqueueAction, requeue } from './enqueue';
import { OutboxSender } from './OutboxSender';
import { getOutboxItem, pendingOrderLines } from './repo';
import { recordingSleep, seededRandom, startHarness, type Harness } from './testing/sim-harness';
import { inputFor } from './testing/actions';

// A 409 stage conflict and an open appeal → the item ends `conflict`, the order shows the new
// state, the user's input is kept (docs/marketplace-api.md: 409 MKT.2001 / 2002 / 2003 carry the current orderLine).
let h: Harness;
let sender: OutboxSender;
beforeAll(async () => {
  h = await startHarness();
  sender = new OutboxSender({
    db: h.env.db,
    client: h.client,
    store: h.env.store,
    clock: h.clock,
    sleep: recordingSleep().sleep,
    random: seededRandom(9),
  });
});
afterAll(async () => {
  await h?.close();
});

describe('conflicts: the order moved on while the action waited', () => {
  it('S3 / MKT.2001: a reject queued while the request was accepted elsewhere → conflict, order shows awaiting_delivery, reason kept', async () => {
    const [line] = await h.linesIn('request_pending', 1);
    const reason = '请补充部署环境 / please add the deployment environment';
    const item = enqueueAction(
      h.env.db,
      { orderLineId: line.orderLineId, kind: 'request.reject', payload: { reason } },
      { clock: h.clock },
    );
    // Another device of the same seller accepts the request first.
    const other = await signedFetch(h.sim, `/api/seller-sync/v1/order-lines/${line.orderLineId}/request/accept`, {
      method: 'POST',
      body: {},
      idempotencyKey: 'other-device-0001',
    });
    expect(other.status).toBe(200);
    const summary = await sender.sendDue();
    const after = getOutboxItem(h.env.db, item.id);
    const local = getOrderLine(h.env.db, line.orderLineId);
    console.log(
      `stage conflict: summary ${JSON.stringify(summary)}; item ${after?.state} (${after?.lastError?.resultCode}: ${after?.lastError?.message}); local stage ${local?.stage} v${local?.version}`,
    );
    expect(after).toMatchObject({
      state: 'conflict',
      payload: { reason },
      lastError: { status: 409, resultCode: 'MKT.2001' },
    });
    expect(local?.stage).toBe('awaiting_delivery');
    expect(pendingOrderLines(h.env.db).has(line.orderLineId)).toBe(false);
    // The user's input is kept; re-queuing it is refused locally now (S3), with the reason.
    expect(() => requeue(h.env.db, item.id, undefined, { clock: h.clock })).toThrow(
      /request_pending.*awaiting_delivery/,
    );
  });

  it('S5a / MKT.2002: an accept queued while the marketplace opened an appeal → conflict, order shows the appeal; after it is resolved the kept action is re-queued and acked', async () => {
    const [line] = await h.linesIn('request_pending', 1);
    const item = enqueueAction(h.env.db, { orderLineId: line.orderLineId, kind: 'request.accept' }, { clock: h.clock });
    await h.control('POST', `/sim/v1/order-lines/${line.orderLineId}/appeal/open`, {
      reason: 'opened by the back office',
    });
    await sender.sendDue();
    const after = getOutboxItem(h.env.db, item.id);
    expect(after).toMatchObject({ state: 'conflict', lastError: { resultCode: 'MKT.2002' } });
    expect(getOrderLine(h.env.db, line.orderLineId)?.appealOpen).toBe(true);

    // The marketplace resolves the appeal; the next pull brings the line; the user re-queues the kept action.
    const resolved = (
      await h.control('POST', `/sim/v1/order-lines/${line.orderLineId}/appeal/resolve`, { outcome: 'resume' })
    ).orderLine as WireOrderLine;
    upsertOrderLines(h.env.db, [resolved]);
    const again = requeue(h.env.db, item.id, undefined, { clock: h.clock });
    expect(again.idempotencyKey).not.toBe(item.idempotencyKey);
    await sender.sendDue();
    const final = getOutboxItem(h.env.db, item.id);
    const applied = await h.sellerActions(line.orderLineId);
    console.log(
      `appeal open: first ${after?.state} (${after?.lastError?.resultCode}), after resolve + re-queue ${final?.state}; applied on the marketplace: ${applied.map((a) => a.kind).join(', ')}`,
    );
    expect(final?.state).toBe('acked');
    expect(getOrderLine(h.env.db, line.orderLineId)?.stage).toBe('awaiting_delivery');
    expect(applied.filter((a) => a.kind === 'request/accept')).toHaveLength(1);
  });

  it('P5 / MKT.2003: a delivery filled against template v1 while the product moved to v2 → conflict, order shows v2, the draft is kept', async () => {
    const [line] = await h.linesIn('awaiting_delivery', 1);
    const payload = await inputFor('delivery', line, { store: h.env.store, client: h.client.inner });
    const item = enqueueAction(
      h.env.db,
      { orderLineId: line.orderLineId, kind: 'delivery', payload },
      { clock: h.clock },
    );
    await h.control('POST', `/sim/v1/products/${line.productId}/template`, { applyToOpenLines: true });
    await sender.sendDue();
    const after = getOutboxItem(h.env.db, item.id);
    const local = getOrderLine(h.env.db, line.orderLineId);
    console.log(
      `template conflict: item ${after?.state} (${after?.lastError?.resultCode}); local template v${local?.line.templateVersion} (draft v${payload.templateVersion})`,
    );
    expect(after).toMatchObject({ state: 'conflict', payload, lastError: { resultCode: 'MKT.2003' } });
    expect(local?.line.templateVersion).toBe((payload.templateVersion as number) + 1);
    expect(local?.stage).toBe('awaiting_delivery');
  });
});
