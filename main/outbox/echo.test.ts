// A write answers with what it changed, under the revision its `outbox:changed` event carries: the window that wrote
// shows the answer and knows the event as its own echo (renderer/stores/outbox-store.ts). Not connected here, so
// nothing is sent and no other change joins in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxChanged, OutboxWrite } from '../../common/api/contract-outbox';
import { dispatch } from '../api/dispatch';
import { upsertOrderLines } from '../orders/order-lines';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { wireLine } from './testing/fixtures';

let dataDir: string;
let services: Services;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sd-outbox-echo-'));
  services = createServices({ dataDir, credentialStore: new MemoryCredentialStore() });
  upsertOrderLines(services.db, [wireLine('E-REQ-000001', { stage: 'request_pending' })]);
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an "Accept request" and its outbox:changed', () => {
  it("the answer carries the counts, the line's actions and items at the revision the event then carries", async () => {
    const events: OutboxChanged[] = [];
    const off = services.events.on('outbox:changed', (e) => events.push(e));
    const r = await dispatch(services.handlers, 'actions:accept-request', { orderLineId: 'E-REQ-000001' });
    if (!r.ok) throw new Error(r.error.message);
    const answer = r.value as OutboxWrite;
    expect(answer.update.summary).toMatchObject({
      unsent: 1,
      needsAttention: 0,
      pendingOrderLineIds: ['E-REQ-000001'],
      revision: answer.update.revision,
    });
    expect(answer.update.order?.items.map((i) => i.id)).toEqual([answer.id]);
    expect(answer.update.order?.actions.accept).toMatchObject({
      allowed: false,
      reason: 'stage',
      stage: 'awaiting_delivery',
    });
    await new Promise((resolve) => setTimeout(resolve, 400)); // the events are coalesced (150 ms)
    off();
    expect(events).toEqual([
      { unsent: 1, needsAttention: 0, revision: answer.update.revision, orderLineIds: ['E-REQ-000001'] },
    ]);
    const summary = await dispatch(services.handlers, 'outbox:summary', {});
    expect(summary).toMatchObject({ ok: true, value: { revision: answer.update.revision } });
  });
});
