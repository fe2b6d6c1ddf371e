import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryTemplate, type WireOrderLine } from '../common/marketplace/wire';
import { startSimulator, type Simulator } from './index';
import { samplePdf } from './sample-files';
import { control, signedFetch } from './test-client';

const NOW = Date.UTC(2025, 9, 15, 4, 0, 0);
const LINES = '/api/seller-sync/v1/order-lines';

describe('seller actions with Idempotency-Key (docs/marketplace-api.md)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      now: NOW,
      orders: 0,
      quiet: true,
      sellers: [
        { ak: 'AKTESTSELLER0001', sk: 'sk-test-0123456789abcdef', sellerId: 'S1', sellerName: 'One' },
        { ak: 'AKOTHER', sk: 'sk-other', sellerId: 'S2', sellerName: 'Two' },
      ],
    });
  });
  afterAll(() => sim.close());
  beforeEach(() => control(sim, 'DELETE', '/sim/v1/faults'));

  const create = async (partial: Record<string, unknown>, sellerId = 'S1'): Promise<WireOrderLine> => {
    const a = await control(sim, 'POST', '/sim/v1/order-lines', { sellerId, lines: [partial] });
    expect(a.status, a.text).toBe(200);
    return (a.json?.orderLines as WireOrderLine[])[0];
  };
  const pending = () => create({ supervision: { stage: 'request_pending' } });
  const act = (
    id: string,
    what: string,
    body: unknown,
    key: string | null = randomUUID(),
    headers?: Record<string, string>,
  ) => signedFetch(sim, `${LINES}/${id}/${what}`, { method: 'POST', body, idempotencyKey: key ?? undefined, headers });
  const sellerActions = async (id: string) =>
    ((await control(sim, 'GET', `/sim/v1/state?orderLineId=${id}`)).json?.actions as Array<{ actor: string }>).filter(
      (a) => a.actor === 'seller',
    );

  it('S3: accept a pending request → awaiting_delivery, the new line in the answer and in the feed', async () => {
    const l = await pending();
    const a = await act(l.orderLineId, 'request/accept', {});
    expect(a.status).toBe(200);
    expect(a.json?.orderLine).toMatchObject({
      orderLineId: l.orderLineId,
      version: 2,
      supervision: { stage: 'awaiting_delivery' },
    });
  });

  it('without Idempotency-Key → 400 MKT.0101', async () => {
    const l = await pending();
    const a = await act(l.orderLineId, 'request/accept', {}, null);
    expect([a.status, a.json?.resultCode]).toEqual([400, 'MKT.0101']);
  });

  it('same key, same request → the first answer replayed with Idempotent-Replayed: true, applied once; different request → 422 MKT.2010', async () => {
    const l = await pending();
    const key = randomUUID();
    const first = await act(l.orderLineId, 'request/reject', { reason: '请补充部署环境' }, key);
    const again = await act(l.orderLineId, 'request/reject', { reason: '请补充部署环境' }, key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(await sellerActions(l.orderLineId)).toHaveLength(1);
    const other = await act(l.orderLineId, 'request/reject', { reason: 'something else' }, key);
    expect([other.status, other.json?.resultCode]).toEqual([422, 'MKT.2010']);
  });

  it('dropAfterCommit on request/accept → the retry with the same key is answered by replay, exactly one accept', async () => {
    const l = await pending();
    const key = randomUUID();
    await control(sim, 'POST', '/sim/v1/faults', {
      rules: [{ match: 'POST /request/accept', kind: 'dropAfterCommit', count: 1 }],
    });
    await expect(act(l.orderLineId, 'request/accept', {}, key)).rejects.toThrow();
    const retry = await act(l.orderLineId, 'request/accept', {}, key);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json?.orderLine).toMatchObject({ supervision: { stage: 'awaiting_delivery' } });
    expect(await sellerActions(l.orderLineId)).toHaveLength(1);
  });

  it('while the first request with a key still runs → 409 MKT.2011', async () => {
    const l = await pending();
    const key = randomUUID();
    await control(sim, 'POST', '/sim/v1/faults', {
      rules: [{ match: 'POST /request/accept', kind: 'delay', delayMs: 400, count: 1 }],
    });
    const first = act(l.orderLineId, 'request/accept', {}, key);
    await new Promise((r) => setTimeout(r, 100));
    const second = act(l.orderLineId, 'request/accept', {}, key);
    // Whichever reaches the server first is delayed while in flight; the other is refused, not applied.
    const answers = (await Promise.all([first, second])).map((a) => `${a.status} ${a.json?.resultCode}`).sort();
    expect(answers).toEqual(['200 MKT.0000', '409 MKT.2011']);
    expect(await sellerActions(l.orderLineId)).toHaveLength(1);
  });

  it('If-Match with an old version → 412 with the current line; the current version → 200', async () => {
    const l = await pending();
    const stale = await act(l.orderLineId, 'request/accept', {}, randomUUID(), {
      'If-Match': String(l.version - 1 || 99),
    });
    expect(stale.status).toBe(412);
    expect(stale.json?.orderLine).toMatchObject({ version: l.version });
    expect(
      (await act(l.orderLineId, 'request/accept', {}, randomUUID(), { 'If-Match': String(l.version) })).status,
    ).toBe(200);
  });

  it('S2/S5a: wrong stage → 409 MKT.2001 with the line; open appeal → 409 MKT.2002; S6 unsupervised → 409', async () => {
    const l = await create({ supervision: { stage: 'awaiting_request' } });
    const a = await act(l.orderLineId, 'request/accept', {});
    expect([a.status, a.json?.resultCode]).toEqual([409, 'MKT.2001']);
    expect(a.json?.orderLine).toMatchObject({ orderLineId: l.orderLineId, supervision: { stage: 'awaiting_request' } });
    const p = await pending();
    expect(
      (await act(p.orderLineId, 'appeals', { reason: 'customer unreachable', attachments: [] })).json?.orderLine,
    ).toMatchObject({ supervision: { appealOpen: true } });
    const frozen = await act(p.orderLineId, 'request/accept', {});
    expect([frozen.status, frozen.json?.resultCode]).toEqual([409, 'MKT.2002']);
    const renewal = await create({ orderType: 'RENEW' });
    expect((await act(renewal.orderLineId, 'request/accept', {})).status).toBe(409);
  });

  it("another seller's line → 403 MKT.0150; unknown line → 404 MKT.2404; reject needs a reason of 1–2000 characters", async () => {
    const mine = await pending();
    const theirs = await create({ supervision: { stage: 'request_pending' } }, 'S2');
    const f = await act(theirs.orderLineId, 'request/accept', {});
    expect([f.status, f.json?.resultCode]).toEqual([403, 'MKT.0150']);
    expect((await act('CS0000000000XXXXX-000001', 'request/accept', {})).json?.resultCode).toBe('MKT.2404');
    for (const reason of ['', '   ', 'x'.repeat(2001)]) {
      const r = await act(mine.orderLineId, 'request/reject', { reason });
      expect([r.status, r.json?.resultCode], JSON.stringify(reason.slice(0, 5))).toEqual([400, 'MKT.0100']);
    }
    expect((await act(mine.orderLineId, 'request/reject', { reason: '数'.repeat(2000) })).status).toBe(200);
  });

  it("P1–P3/V4: a delivery is checked against the line's template; outdated version → 409 MKT.2003", async () => {
    const l = await create({ createTime: '2025-10-01T00:00:00.000Z', supervision: { stage: 'awaiting_delivery' } });
    const t = deliveryTemplate.parse(
      (await signedFetch(sim, `/api/seller-sync/v1/products/${l.productId}/delivery-template`)).json,
    );
    const pdf = samplePdf('signed acceptance');
    const up = await signedFetch(sim, '/api/seller-sync/v1/uploads', {
      method: 'POST',
      body: {
        fileName: '验收单.pdf',
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        contentType: 'application/pdf',
      },
    });
    const uploadId = up.json?.uploadId as string;
    const done = await signedFetch(sim, `/api/seller-sync/v1/uploads/${uploadId}`, {
      method: 'PUT',
      body: pdf,
      contentType: 'application/octet-stream',
      headers: { 'Upload-Offset': '0' },
    });
    const attachmentId = done.json?.attachmentId as string;
    const content: Record<string, unknown> = {};
    const attachments: Array<{ attachmentId: string; category: string }> = [];
    for (const item of t.items) {
      if (item.kind === 'attachment') attachments.push({ attachmentId, category: item.attachmentCategory ?? 'other' });
      else
        content[item.key] = {
          text: 'x',
          longtext: 'long',
          date: '2025-10-10',
          number: 3,
          checklist: [item.options?.[0]],
        }[item.kind];
    }
    const body = { templateVersion: t.templateVersion, enablingTime: null, content, attachments };

    const outdated = await act(l.orderLineId, 'deliveries', { ...body, templateVersion: t.templateVersion - 1 });
    expect([outdated.status, outdated.json?.resultCode]).toEqual([409, 'MKT.2003']);
    const requiredKey = t.items.find((i) => i.required && i.kind === 'text')?.key ?? '';
    const missing = await act(l.orderLineId, 'deliveries', {
      ...body,
      content: { ...content, [requiredKey]: undefined },
    });
    expect([missing.status, missing.json?.resultCode]).toEqual([400, 'MKT.0100']);
    expect(missing.json?.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: `content.${requiredKey}` })]),
    );
    const noProof = await act(l.orderLineId, 'deliveries', {
      ...body,
      attachments: attachments.filter((a) => a.category !== 'acceptance' && a.category !== 'sow'),
    });
    expect(noProof.status).toBe(400);
    const early = await act(l.orderLineId, 'deliveries', { ...body, enablingTime: '2025-09-30T00:00:00.000Z' });
    expect(early.json?.errors).toEqual([
      expect.objectContaining({ field: 'enablingTime', message: expect.stringContaining('placement') }),
    ]);

    const ok = await act(l.orderLineId, 'deliveries', { ...body, enablingTime: '2025-10-05T00:00:00.000Z' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json?.orderLine).toMatchObject({
      supervision: {
        stage: 'awaiting_acceptance',
        delivery: { templateVersion: t.templateVersion, enablingTime: '2025-10-05T00:00:00.000Z' },
      },
    });
    const state = await control(sim, 'GET', `/sim/v1/state?orderLineId=${l.orderLineId}`);
    expect(state.json?.deliveries).toHaveLength(1);
  });

  it('S5c: agreeing to a pending unsubscription closes the line; no pending one → 409', async () => {
    const l = await create({ supervision: { stage: 'awaiting_delivery' } });
    expect((await act(l.orderLineId, 'unsubscription/review', { decision: 'agree', comments: 'ok' })).status).toBe(409);
    await control(sim, 'POST', `/sim/v1/order-lines/${l.orderLineId}/customer/unsubscribe`, {
      amount: '100.00',
      reason: 'budget',
    });
    const a = await act(l.orderLineId, 'unsubscription/review', { decision: 'agree', comments: '同意' });
    expect(a.json?.orderLine).toMatchObject({
      status: 'CANCELED',
      supervision: { stage: 'closed', unsubscription: { status: 'agreed' } },
    });
  });
});
