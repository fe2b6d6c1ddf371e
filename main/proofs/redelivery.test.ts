// Re-delivery through the channels, against the simulator over real HTTP (S2, S5b): after the customer returns a
// delivery, proofs:create fills the new draft from it — content (P1), enabling time (P2), files by SHA-256 (P3) —
// and proofs:get says what it was filled from; a second computer gets the files from the marketplace once;
// proofs:earlier-deliveries and proofs:prefill do the same from another order of the product, keeping V4; and
// proofs:recategorize moves a file to its real category (P3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../marketplace-sim/index';
import { samplePdf, samplePng } from '../../marketplace-sim/sample-files';
import { control } from '../../marketplace-sim/test-client';
import type { ChannelInput, ChannelResult, Channel } from '../../common/api/contract';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { dispatch } from '../api/dispatch';

const DAY = 86_400_000;
const REASON = '迁移报告缺少回滚演练记录 / the migration report lacks the rollback rehearsal';
const CONTENT = {
  migrationScope: 'ERP → cloud',
  migrationReport: '完成 / done',
  cutoverDate: '2025-06-01',
  dataVolumeGb: 12.5,
  checks: ['客户签字确认 / Customer sign-off'],
};

describe('re-delivery channels (S2, S5b)', () => {
  let dir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let services: Services;
  let lines: string[];
  let late: string;
  let enablingTime: number;
  let delivered: { shas: string[]; draftId: string };
  const opened: Services[] = [];

  const callOn = async <C extends Channel>(
    s: Services,
    channel: C,
    input: ChannelInput<C>,
  ): Promise<ChannelResult<C>> => {
    const r = await dispatch(s.handlers, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as ChannelResult<C>;
  };
  const call = <C extends Channel>(channel: C, input: ChannelInput<C>) => callOn(services, channel, input);
  const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const connect = async (dataDir: string): Promise<Services> => {
    const s = createServices({ dataDir, credentialStore: new MemoryCredentialStore() });
    opened.push(s);
    await callOn(s, 'settings:set', { endpoint: sim.url, ak: sim.credentials.ak, sk: sim.credentials.sk });
    expect(await callOn(s, 'sync:run', {})).toMatchObject({ online: true, lastError: null });
    return s;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-redelivery-'));
    sim = await startSimulator({ port: 0, dbPath: join(dir, 'sim.db'), seed: 5, orders: 30, quiet: true });
    const placed = new Date(sim.clock.now() - 3 * DAY).toISOString();
    const created = await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [0, 1].map(() => ({ createTime: placed, supervision: { stage: 'awaiting_delivery' } })),
    });
    lines = (created.json as { orderLineIds: string[] }).orderLineIds;
    // Same product, placed after the first order's enabling time (V4 keeps that time out of its draft).
    const after = await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [
        { createTime: new Date(sim.clock.now() - DAY).toISOString(), supervision: { stage: 'awaiting_delivery' } },
      ],
    });
    late = (after.json as { orderLineIds: string[] }).orderLineIds[0];
    services = await connect(join(dir, 'app'));

    // The first delivery of lines[0]: every item kind, an enabling time, an acceptance PDF and a deployment screenshot.
    enablingTime = Math.floor((sim.clock.now() - 2 * DAY) / 60_000) * 60_000;
    const draft = await call('proofs:create', { orderLineId: lines[0] });
    await call('proofs:save', { draftId: draft.id, patch: { content: CONTENT, enablingTime } });
    const pdf = await call('attachments:add', {
      fileName: '验收单.pdf',
      dataBase64: samplePdf('signed acceptance').toString('base64'),
    });
    const png = await call('attachments:add', {
      fileName: 'console.png',
      dataBase64: samplePng('console').toString('base64'),
    });
    await call('proofs:attach', {
      draftId: draft.id,
      sha256: pdf.sha256,
      category: 'acceptance',
      fileName: '验收单.pdf',
    });
    await call('proofs:attach', {
      draftId: draft.id,
      sha256: png.sha256,
      category: 'deployment',
      fileName: 'console.png',
    });
    await call('proofs:submit', { draftId: draft.id });
    await until(
      'the delivery to be acked',
      async () => (await call('proofs:list', { orderLineId: lines[0] }))[0].state === 'delivered',
    );
    delivered = { shas: [`acceptance:${pdf.sha256}`, `deployment:${png.sha256}`].sort(), draftId: draft.id };

    // The customer returns it (S5b); a pull brings the return and its reason.
    expect(
      (await control(sim, 'POST', `/sim/v1/order-lines/${lines[0]}/customer/return`, { reason: REASON })).status,
    ).toBe(200);
    await call('sync:run', {});
  }, 90_000);

  afterAll(async () => {
    for (const s of opened) await s.close();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('S2, S5b, P1, P2, P3: "Deliver service" after a return starts from the last delivery — content, enabling time, the same files', async () => {
    const stored = () => services.db.prepare('SELECT count(*) FROM attachments').pluck().get();
    const filesBefore = stored();
    const draft = await call('proofs:create', { orderLineId: lines[0] });
    expect(draft.id).not.toBe(delivered.draftId);
    expect(draft.content).toEqual(CONTENT);
    expect(draft.enablingTime).toBe(enablingTime);
    expect(draft.attachments.map((a) => `${a.category}:${a.sha256}`).sort()).toEqual(delivered.shas);
    // Reused by SHA-256: the store holds no second copy.
    expect(stored()).toBe(filesBefore);

    const editor = await call('proofs:get', { draftId: draft.id });
    expect(editor.basis).toMatchObject({ orderLineId: lines[0], sameOrder: true, enablingTime, notCarried: [] });
    expect(editor.basis?.content).toEqual(CONTENT);
    // What the editor's banner shows: the customer's reason on the return, from the order's events.
    const returns = editor.order.line.supervision?.events.filter((e) => e.type === 'delivery_returned') ?? [];
    expect(returns.at(-1)?.note).toBe(REASON);
    await call('proofs:delete', { draftId: draft.id });
  });

  it('P3: on a computer that never had the files, they are fetched once from the marketplace and checked by SHA-256', async () => {
    const other = await connect(join(dir, 'laptop'));
    const draft = await callOn(other, 'proofs:create', { orderLineId: lines[0] });
    expect(draft.content).toEqual(CONTENT);
    expect(draft.attachments.map((a) => `${a.category}:${a.sha256}`).sort()).toEqual(delivered.shas);
    expect(draft.attachments.every((a) => a.size !== null && a.size > 0)).toBe(true);
    expect((await callOn(other, 'proofs:get', { draftId: draft.id })).basis?.notCarried).toEqual([]);
  });

  it('P1, V4: earlier deliveries of the product fill another order\u2019s draft; an enabling time before its placement is not carried', async () => {
    const draft = await call('proofs:create', { orderLineId: late });
    expect(draft.content).toEqual({}); // not returned: it starts blank
    const earlier = await call('proofs:earlier-deliveries', { draftId: draft.id });
    expect(earlier.map((e) => e.orderLineId)).toContain(lines[0]);
    const first = earlier.find((e) => e.orderLineId === lines[0]);
    expect(first).toMatchObject({ sameOrder: false, itemCount: 5, fileCount: 2, stage: 'delivery_returned' });
    expect(first?.deliveredAt).toBeGreaterThan(0);

    const filled = await call('proofs:prefill', { draftId: draft.id, fromOrderLineId: lines[0] });
    expect(filled.draft.content).toEqual(CONTENT);
    expect(filled.draft.enablingTime).toBeNull();
    expect(filled.draft.attachments.map((a) => `${a.category}:${a.sha256}`).sort()).toEqual(delivered.shas);
    expect(filled.basis).toMatchObject({
      sameOrder: false,
      orderLineId: lines[0],
      notCarried: [{ what: 'enablingTime', reason: 'before_placement' }],
    });
    expect((await call('proofs:get', { draftId: draft.id })).basis?.orderLineId).toBe(lines[0]);
  });

  it('S3: an order with no delivery fills nothing; the contract refuses bad inputs', async () => {
    const draft = await call('proofs:create', { orderLineId: lines[1] });
    expect(
      await dispatch(services.handlers, 'proofs:prefill', { draftId: draft.id, fromOrderLineId: late }),
    ).toMatchObject({ ok: false, error: { code: 'not_found', details: { reason: 'no_delivery' } } });
    expect(await dispatch(services.handlers, 'proofs:prefill', { draftId: draft.id })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(services.handlers, 'proofs:earlier-deliveries', { draftId: '' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(
      await dispatch(services.handlers, 'proofs:recategorize', {
        draftId: draft.id,
        sha256: 'a'.repeat(64),
        from: 'other',
        to: 'commitment_letter',
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('P3: a file uploaded as "Other" is recategorised in place as a deployment screenshot', async () => {
    const draft = await call('proofs:create', { orderLineId: lines[1] });
    const png = await call('attachments:add', {
      fileName: 'topology.png',
      dataBase64: samplePng('topology').toString('base64'),
    });
    await call('proofs:attach', { draftId: draft.id, sha256: png.sha256, category: 'other', fileName: 'topology.png' });
    const moved = await call('proofs:recategorize', {
      draftId: draft.id,
      sha256: png.sha256,
      from: 'other',
      to: 'deployment',
    });
    expect(moved.attachments.map((a) => `${a.category}:${a.fileName}`)).toEqual(['deployment:topology.png']);
    expect(
      await dispatch(services.handlers, 'proofs:recategorize', {
        draftId: draft.id,
        sha256: png.sha256,
        from: 'other',
        to: 'receipt',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
