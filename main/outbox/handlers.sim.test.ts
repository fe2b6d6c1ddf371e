// Channels wired in the composition root, against the simulator over real HTTP: an action is sent as soon
// as it is taken and acked exactly once; a definite refusal keeps the marketplace's message and can be edited and
// re-queued; an appeal uploads its file first; the customer's request documents download (and the browser host
// serves them behind its token); a pull that sees the customer act emits a notification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppNotification, OutboxEntry } from '../../common/api/contract-outbox';
import type { Result } from '../../common/api/result';
import { startSimulator, type Simulator } from '../../marketplace-sim/index';
import { samplePdf } from '../../marketplace-sim/sample-files';
import { control } from '../../marketplace-sim/test-client';
import { startHost, type RunningHost } from '../host/server';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { dispatch } from '../api/dispatch';

let dataDir: string;
let sim: Simulator;
let services: Services;
let host: RunningHost;
const notifications: AppNotification[] = [];

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = (await dispatch(services.handlers, channel, input)) as Result<T>;
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
async function ctl(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const a = await control(sim, method, path, body);
  if (a.status !== 200 || !a.json) throw new Error(`control ${method} ${path}: ${a.status} ${a.text.slice(0, 300)}`);
  return a.json;
}
/** Waits until the item has a definite answer (the action was sent right after it was taken). */
async function settled(id: string, orderLineId: string): Promise<OutboxEntry> {
  for (let i = 0; i < 200; i++) {
    const [item] = (await call<OutboxEntry[]>('outbox:list', { orderLineId, includeDiscarded: true })).filter(
      (x) => x.id === id,
    );
    if (item && !['queued', 'sending', 'unknown'].includes(item.state)) return item;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`item ${id} never settled`);
}
const sellerActions = async (orderLineId: string) =>
  (
    (await ctl('GET', `/sim/v1/state?orderLineId=${orderLineId}`)).actions as Array<{
      actor: string;
      kind: string;
      detail: Record<string, unknown>;
      idempotencyKey: string;
    }>
  ).filter((a) => a.actor === 'seller');

const L = {
  reject: 'CSHO00000001-000001',
  refused: 'CSHO00000002-000001',
  appeal: 'CSHO00000003-000001',
  watch: 'CSHO00000004-000001',
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sd-outbox-sim-'));
  sim = await startSimulator({ port: 0, orders: 0, seed: 5, quiet: true });
  await ctl('POST', '/sim/v1/order-lines', {
    lines: [
      {
        orderId: 'CSHO00000001',
        orderLineId: L.reject,
        supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
      },
      {
        orderId: 'CSHO00000002',
        orderLineId: L.refused,
        supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
      },
      {
        orderId: 'CSHO00000003',
        orderLineId: L.appeal,
        supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_acceptance' },
      },
      {
        orderId: 'CSHO00000004',
        orderLineId: L.watch,
        supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
      },
    ],
  });
  for (const id of [L.reject, L.refused]) {
    await ctl('POST', `/sim/v1/order-lines/${id}/customer/request`, {
      description: '请部署到生产环境 / deploy to production',
      attachments: [{ fileName: '需求说明.pdf' }],
    });
  }
  services = createServices({ dataDir, credentialStore: new MemoryCredentialStore() });
  services.events.on('notification', (n) => notifications.push(n));
  host = await startHost({ services, port: 0 });
  await call('settings:set', { endpoint: sim.url, ak: sim.credentials.ak, sk: sim.credentials.sk });
  await call('sync:run', {});
});
afterAll(async () => {
  await host?.close();
  await services?.close();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('actions through the outbox against the simulator', () => {
  it('reject: queued with "pending sync", sent at once, acked exactly once; the marketplace holds the reason', async () => {
    const item = await call<OutboxEntry>('actions:reject-request', {
      orderLineId: L.reject,
      reason: '请补充部署环境 / please add the deployment environment',
    });
    expect(['queued', 'sending']).toContain(item.state); // sent right away: it may already be on its way
    const done = await settled(item.id, L.reject);
    expect(done).toMatchObject({ state: 'acked', attempts: 1, lastError: null });
    const applied = await sellerActions(L.reject);
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({
      kind: 'request/reject',
      idempotencyKey: item.idempotencyKey,
      detail: { reason: '请补充部署环境 / please add the deployment environment' },
    });
    // The answered order line is stored: the stage moved (S1), the rejection counted (S5b), no longer pending.
    expect(await call('orders:get', { orderLineId: L.reject })).toMatchObject({
      stage: 'request_returned',
      line: { supervision: { requestRejections: 1 } },
    });
    expect((await call<{ pendingOrderLineIds: string[] }>('outbox:summary', {})).pendingOrderLineIds).not.toContain(
      L.reject,
    );
    console.log(`reject ${L.reject}: acked after ${done.attempts} attempt; simulator applied ${applied.length} action`);
  });

  it('a definite refusal (403) is "rejected" with the marketplace\'s message; edited and re-queued, it is acked with the new text', async () => {
    await ctl('POST', '/sim/v1/faults', {
      rules: [{ match: 'POST /request/reject', kind: 'status', status: 403, count: 1 }],
    });
    const item = await call<OutboxEntry>('actions:reject-request', { orderLineId: L.refused, reason: 'first try' });
    const refused = await settled(item.id, L.refused);
    expect(refused).toMatchObject({
      state: 'rejected',
      lastError: { kind: 'http', status: 403, resultCode: 'MKT.0150' },
    });
    expect(refused.lastError?.message.length).toBeGreaterThan(0);
    expect(refused.payload).toEqual({ reason: 'first try' }); // the user's input is kept
    expect(await call('outbox:summary', {})).toMatchObject({ needsAttention: 1 });
    const again = await call<OutboxEntry>('outbox:requeue', { id: item.id, payload: { reason: 'second try, edited' } });
    expect(again.idempotencyKey).not.toBe(item.idempotencyKey); // a new request gets a new key
    expect(await settled(item.id, L.refused)).toMatchObject({ state: 'acked' });
    expect((await sellerActions(L.refused)).map((a) => a.detail.reason)).toEqual(['second try, edited']);
    console.log(
      `refused reject: "${refused.lastError?.message}" (${refused.lastError?.status} ${refused.lastError?.resultCode}); re-queued → acked`,
    );
  });

  it('appeal with a commitment letter: the file is uploaded (progress = size), then the appeal is acked (S5)', async () => {
    const pdf = Buffer.from(samplePdf('commitment letter'));
    const file = await call<{ sha256: string; size: number }>('attachments:add', {
      fileName: '承诺函.pdf',
      dataBase64: pdf.toString('base64'),
    });
    const item = await call<OutboxEntry>('actions:appeal', {
      orderLineId: L.appeal,
      reason: 'the customer has not answered for 30 days',
      customerUnreachable: true,
      attachments: [{ sha256: file.sha256, category: 'commitment_letter' }],
    });
    const done = await settled(item.id, L.appeal);
    expect(done).toMatchObject({ state: 'acked', upload: { sent: file.size, size: file.size, files: 1 } });
    const [appeal] = await sellerActions(L.appeal);
    expect(appeal.kind).toBe('appeals');
    expect(await call('orders:get', { orderLineId: L.appeal })).toMatchObject({ appealOpen: true });
    // S5a: the flow is frozen now.
    expect(await call('actions:available', { orderLineId: L.appeal })).toMatchObject({
      accept: { reason: 'appeal_open' },
      appeal: { allowed: false },
    });
  });
});

describe('attachments:download', () => {
  it("stores the customer's request document by SHA-256 and the browser host serves it behind its token", async () => {
    const detail = await call<{
      line: {
        supervision: {
          request: { attachments: Array<{ attachmentId: string; sha256: string; fileName: string; size: number }> };
        };
      };
    }>('orders:get', { orderLineId: L.refused });
    const [ref] = detail.line.supervision.request.attachments;
    const got = await call<{ sha256: string; fileName: string; opened: boolean; contentType: string }>(
      'attachments:download',
      { orderLineId: L.refused, attachmentId: ref.attachmentId },
    );
    expect(got).toMatchObject({
      sha256: ref.sha256,
      fileName: '需求说明.pdf',
      opened: false,
      contentType: 'application/pdf',
    });
    const url = `http://127.0.0.1:${host.port}/api/files/${ref.sha256}?token=${host.token}&name=${encodeURIComponent(ref.fileName)}`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('需求说明.pdf')}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
    expect((await fetch(url.replace(host.token, 'x'.repeat(64)))).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/api/files/${'0'.repeat(64)}?token=${host.token}`)).status).toBe(
      404,
    );
    const missing = await dispatch(services.handlers, 'attachments:download', {
      orderLineId: L.refused,
      attachmentId: 'AT-nope',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('the browser host takes a ~15 MiB file for attachments:add (its body limit is raised for that channel only)', async () => {
    const big = Buffer.concat([Buffer.from(samplePdf('big')), Buffer.alloc(15 * 1024 * 1024, 0x20)]);
    const post = (channel: string, body: unknown) =>
      fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Seller-Desk-Token': host.token },
        body: JSON.stringify(body),
      });
    const res = await post('attachments:add', { fileName: 'big.pdf', dataBase64: big.toString('base64') });
    expect(await res.json()).toMatchObject({ ok: true, value: { size: big.length, contentType: 'application/pdf' } });
    expect((await post('outbox:summary', { pad: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(413);
  });
});

describe('notifications', () => {
  it('a pull that sees the customer submit a request, return a delivery or ask for a refund emits one notification each', async () => {
    notifications.length = 0;
    await ctl('POST', `/sim/v1/order-lines/${L.watch}/customer/request`, { description: 'new request' });
    await ctl('POST', `/sim/v1/order-lines/${L.appeal}/appeal/resolve`, { outcome: 'resume' });
    await ctl('POST', `/sim/v1/order-lines/${L.reject}/customer/unsubscribe`, { amount: '1.00', reason: 'budget cut' });
    await call('sync:run', {});
    const got = notifications.map((n) => `${n.kind} ${n.orderLineId}`).sort();
    expect(got).toEqual(
      [`appeal_resolved ${L.appeal}`, `request_submitted ${L.watch}`, `unsubscription_requested ${L.reject}`].sort(),
    );
    console.log(`notifications after one pull: ${got.join('; ')}`);
    await call('sync:run', {});
    expect(notifications).toHaveLength(3); // nothing new, nothing repeated
  });
});
