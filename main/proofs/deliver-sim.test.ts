// The delivery flow against the simulator over real HTTP — draft → submitDraft → the outbox sender
// uploads the files and POSTs /deliveries → the simulator holds ONE delivery with matching SHA-256s — including
// dropAfterCommit on /deliveries (exactly one delivery, P4) and a template-version conflict (409 MKT.2003 → the
// draft is kept in conflict, moved to the new version, delivered once, P5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireContent } from '../../common/domain/proof-rules';
import type { WireOrderLine, WireTemplateItem } from '../../common/marketplace/wire';
import { samplePdf, samplePng } from '../../marketplace-sim/sample-files';
import { getOrderLine } from '../orders/order-lines';
import { getTemplate, saveTemplate } from './templates';
import { OutboxSender } from '../outbox/OutboxSender';
import { countUnsent, getOutboxItem, outboxHistory } from '../outbox/repo';
import { recordingSleep, seededRandom, startHarness, type Harness } from '../outbox/testing/sim-harness';
import { createDraft, saveDraft } from './drafts';
import { getDraft } from './drafts-repo';
import type { Draft, DraftAttachment, DraftValue } from './draft-types';
import { reconcileDrafts } from './reconcile';
import { submitDraft } from './submit-draft';
import { moveDraftToTemplate } from './template-move';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Caches the product's current template from the marketplace (what the sync does, P1). */
async function cacheTemplate(productId: string): Promise<number> {
  const answer = await h.client.inner.getDeliveryTemplate(productId, null);
  if (answer.notModified) throw new Error('unexpected 304');
  saveTemplate(h.env.db, { template: answer.template, etag: answer.etag, raw: answer.raw, fetchedAt: h.clock.now() });
  return answer.template.templateVersion;
}

function valueFor(item: WireTemplateItem): DraftValue {
  switch (item.kind) {
    case 'text':
    case 'longtext':
      return `已完成 / done: ${item.title}`;
    case 'date':
      return '2025-06-01';
    case 'number':
      return 12.5;
    default:
      return (item.options ?? []).slice(0, 1);
  }
}

/** A complete draft: every item of every kind, a file per attachment item, plus an acceptance document (P3). */
async function fullDraft(line: WireOrderLine): Promise<Draft> {
  const version = await cacheTemplate(line.productId);
  const items = getTemplate(h.env.db, line.productId, version)!.items;
  const d = createDraft(h.env.db, { orderLineId: line.orderLineId, label: 'site visit' }, { clock: h.clock });
  const content: Record<string, DraftValue> = {};
  const attachments: DraftAttachment[] = [];
  const add = async (category: DraftAttachment['category'], name: string, png: boolean) => {
    const bytes = png ? samplePng(`${name} ${line.orderLineId}`) : samplePdf(`${name} for ${line.orderLineId}`);
    const stored = await h.env.store.addBytes(bytes, name);
    if (!attachments.some((a) => a.sha256 === stored.sha256 && a.category === category))
      attachments.push({ sha256: stored.sha256, category, fileName: name });
  };
  for (const item of items) {
    if (item.kind === 'attachment')
      await add(
        item.attachmentCategory ?? 'other',
        `${item.key}.${item.attachmentCategory === 'license_validity' ? 'png' : 'pdf'}`,
        item.attachmentCategory === 'license_validity',
      );
    else content[item.key] = valueFor(item);
  }
  await add('acceptance', '验收单-签字版.pdf', false);
  await add('deployment', 'topology.png', true);
  // V4: the placement time itself is the earliest allowed enabling time.
  return saveDraft(
    h.env.db,
    d.id,
    { content, attachments, enablingTime: Date.parse(line.createTime) },
    { clock: h.clock },
  );
}

function sender(): OutboxSender {
  return new OutboxSender({
    db: h.env.db,
    client: h.client,
    store: h.env.store,
    clock: h.clock,
    sleep: recordingSleep().sleep,
    random: seededRandom(3),
    policy: { baseMs: 10, capMs: 200 },
  });
}

async function sendAll(s: OutboxSender): Promise<number> {
  let posts = 0;
  for (let pass = 0; pass < 30 && countUnsent(h.env.db) > 0; pass++) posts += (await s.sendDue()).sent;
  return posts;
}

async function simDeliveries(orderLineId: string) {
  return (await h.sellerActions(orderLineId)).filter((a) => /deliver/.test(a.kind));
}

describe('delivery flow against the simulator', () => {
  it('P4, P2, S4: dropAfterCommit on /deliveries → exactly one delivery holding the whole proof (content, files by SHA-256, enabling time); the order is awaiting_acceptance', async () => {
    const [line] = await h.linesIn('awaiting_delivery', 1);
    const draft = await fullDraft(line);
    const { outboxItem } = submitDraft(h.env.db, draft.id, { clock: h.clock });
    expect(getOrderLine(h.env.db, line.orderLineId)?.stage).toBe('awaiting_delivery');

    await h.faults([
      {
        match: `POST /api/seller-sync/v1/order-lines/${line.orderLineId}/deliveries`,
        kind: 'dropAfterCommit',
        count: 1,
      },
    ]);
    const posts = await sendAll(sender());
    const drops = (await h.clearFaults()).reduce((n, r) => n + r.applied, 0);
    expect(reconcileDrafts(h.env.db, line.orderLineId, { clock: h.clock })).toMatchObject([
      { draftId: draft.id, from: 'queued', to: 'delivered' },
    ]);

    const deliveries = await simDeliveries(line.orderLineId);
    const sim = await h.simLine(line.orderLineId);
    const delivered = sim.supervision?.delivery;
    console.log(
      `dropAfterCommit on /deliveries: ${drops} dropped after commit, ${posts} delivery POSTs, ${deliveries.length} delivery on the simulator, ${delivered?.attachments.length} files`,
    );
    expect(drops).toBe(1);
    expect(posts).toBe(2);
    expect(deliveries).toHaveLength(1);
    expect(outboxHistory(h.env.db, outboxItem.id).map((e) => e.event)).toEqual(['enqueued', 'unknown', 'acked']);
    expect(getOutboxItem(h.env.db, outboxItem.id)?.idempotencyKey).toBe(deliveries[0].idempotencyKey);
    // The simulator holds the proof as drafted: files by SHA-256 and category, content, version, enabling time.
    const template = getTemplate(h.env.db, line.productId, draft.templateVersion)!;
    expect(delivered?.attachments.map((a) => `${a.category}:${a.sha256}`).sort()).toEqual(
      draft.attachments.map((a) => `${a.category}:${a.sha256}`).sort(),
    );
    expect(delivered?.content).toEqual(wireContent(template, draft.content));
    expect(delivered?.templateVersion).toBe(draft.templateVersion);
    expect(delivered?.enablingTime).toBe(line.createTime);
    expect(sim.supervision?.stage).toBe('awaiting_acceptance');
    expect(getOrderLine(h.env.db, line.orderLineId)?.stage).toBe('awaiting_acceptance');
    expect(getDraft(h.env.db, draft.id)?.state).toBe('delivered');
  });

  it('P5: template version changed on the marketplace → 409 MKT.2003 → draft kept in conflict, moved, delivered once', async () => {
    const [line] = await h.linesIn('awaiting_delivery', 1);
    const draft = await fullDraft(line);
    const oldVersion = draft.templateVersion;
    // The seller re-releases the product with a new required item; the open order moves to the new version.
    const current = getTemplate(h.env.db, line.productId, oldVersion)!.items;
    const siteContact: WireTemplateItem = {
      key: 'siteContact',
      title: '现场联系人 / Site contact',
      description: null,
      required: true,
      kind: 'text',
    };
    const bump = await h.control('POST', `/sim/v1/products/${line.productId}/template`, {
      items: [...current, siteContact],
    });
    expect(bump.movedOrderLineIds).toContain(line.orderLineId);

    // Offline view: the local cache still says the old version, so the submit is queued…
    const first = submitDraft(h.env.db, draft.id, { clock: h.clock });
    await sendAll(sender());
    // …and the marketplace refuses it: the draft is kept, in conflict, with what changed.
    expect(getOutboxItem(h.env.db, first.outboxItem.id)).toMatchObject({
      state: 'conflict',
      lastError: { resultCode: 'MKT.2003' },
    });
    reconcileDrafts(h.env.db, line.orderLineId, { clock: h.clock });
    const conflicted = getDraft(h.env.db, draft.id)!;
    expect(conflicted.state).toBe('conflict');
    expect(conflicted.conflict).toMatchObject({
      cause: 'marketplace_refused',
      resultCode: 'MKT.2003',
      changes: [{ field: 'templateVersion', from: oldVersion, to: oldVersion + 1 }],
    });
    expect(conflicted.content).toEqual(draft.content);
    expect(await simDeliveries(line.orderLineId)).toHaveLength(0);

    // Never silently submitted: a second submit of the conflicting draft is refused.
    expect(() => submitDraft(h.env.db, draft.id, { clock: h.clock })).toThrow(/template version/);

    const newVersion = await cacheTemplate(line.productId);
    const moved = moveDraftToTemplate(h.env.db, draft.id, newVersion, { clock: h.clock });
    expect(moved.newRequired).toEqual([{ key: 'siteContact', title: siteContact.title, kind: 'text' }]);
    expect(moved.dropped).toEqual([]);
    expect(moved.conflictCleared).toBe(true);
    saveDraft(h.env.db, draft.id, { content: { siteContact: '王芳 138 0000 0000' } }, { clock: h.clock });
    const second = submitDraft(h.env.db, draft.id, { clock: h.clock });
    expect(second.outboxItem.idempotencyKey).not.toBe(first.outboxItem.idempotencyKey);
    await sendAll(sender());
    reconcileDrafts(h.env.db, line.orderLineId, { clock: h.clock });

    const deliveries = await simDeliveries(line.orderLineId);
    const sim = await h.simLine(line.orderLineId);
    console.log(
      `template conflict: v${oldVersion} → v${newVersion}, first item ${getOutboxItem(h.env.db, first.outboxItem.id)?.state} (discarded: ${getOutboxItem(h.env.db, first.outboxItem.id)?.discardReason !== null}), deliveries on the simulator: ${deliveries.length}`,
    );
    expect(deliveries).toHaveLength(1);
    expect(sim.supervision?.delivery?.templateVersion).toBe(newVersion);
    expect(sim.supervision?.delivery?.content).toMatchObject({ siteContact: '王芳 138 0000 0000' });
    expect(getDraft(h.env.db, draft.id)?.state).toBe('delivered');
  });
});
