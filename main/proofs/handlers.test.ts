// Channels through the composition root against the simulator over real HTTP: the contract validates the
// inputs; a draft is saved, generated into a SOW (with the account's seller name), exported, delivered through the
// outbox (the outbox's change reconciles it to `delivered`, P4), and a pull after the product's template changed
// marks another draft in conflict (P5) and announces it with `proofs:changed`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { startSimulator } from '../../marketplace-sim/index';
import { samplePdf, samplePng } from '../../marketplace-sim/sample-files';
import { control } from '../../marketplace-sim/test-client';
import type { ChannelInput, ChannelResult, Channel } from '../../common/api/contract';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { dispatch } from '../api/dispatch';

const DAY = 86_400_000;

describe('proofs:* and sow:* channels', () => {
  let dir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let services: Services;
  let lines: string[];
  const changed: string[][] = [];

  async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
    const r = await dispatch(services.handlers, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as ChannelResult<C>;
  }
  const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-proofs-handlers-'));
    sim = await startSimulator({ port: 0, dbPath: join(dir, 'sim.db'), seed: 5, orders: 30, quiet: true });
    const created = await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [0, 1].map(() => ({
        createTime: new Date(sim.clock.now() - 2 * DAY).toISOString(),
        supervision: { stage: 'awaiting_delivery' },
      })),
    });
    lines = (created.json as { orderLineIds: string[] }).orderLineIds;
    services = createServices({ dataDir: dir, credentialStore: new MemoryCredentialStore() });
    services.events.on('proofs:changed', (p) => changed.push(p.orderLineIds));
    await call('settings:set', { endpoint: sim.url, ak: sim.credentials.ak, sk: sim.credentials.sk });
    expect(await call('sync:run', {})).toMatchObject({ online: true, lastError: null });
  }, 60_000);

  afterAll(async () => {
    await services?.close();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the contract refuses bad inputs with a typed validation error', async () => {
    expect(await dispatch(services.handlers, 'sow:generate', {})).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(services.handlers, 'proofs:save', { draftId: 'x', patch: { bogus: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(
      await dispatch(services.handlers, 'proofs:attach', {
        draftId: 'x',
        sha256: 'nope',
        category: 'sow',
        fileName: 'a.pdf',
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await dispatch(services.handlers, 'proofs:get', { draftId: 'no-such-draft' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('save, attach, SOW (seller name from the account), export, deliver → delivered once (P4)', async () => {
    const draft = await call('proofs:create', { orderLineId: lines[0], label: 'site visit' });
    expect((await call('proofs:list', { orderLineId: lines[0] })).map((d) => d.id)).toEqual([draft.id]);
    const saved = await call('proofs:save', {
      draftId: draft.id,
      patch: {
        content: {
          migrationScope: 'ERP → cloud',
          migrationReport: '完成 / done',
          cutoverDate: '2025-06-01',
          dataVolumeGb: 12.5,
          checks: ['客户签字确认 / Customer sign-off'],
        },
        enablingTime: sim.clock.now() - DAY,
      },
    });
    expect(saved.revision).toBe(1);
    expect(changed.flat()).toContain(lines[0]);

    const pdf = samplePdf('signed acceptance');
    const png = samplePng('console');
    const addedPdf = await call('attachments:add', { fileName: '验收单.pdf', dataBase64: pdf.toString('base64') });
    const addedPng = await call('attachments:add', { fileName: 'console.png', dataBase64: png.toString('base64') });
    await call('proofs:attach', {
      draftId: draft.id,
      sha256: addedPdf.sha256,
      category: 'acceptance',
      fileName: '验收单.pdf',
    });
    const withFiles = await call('proofs:attach', {
      draftId: draft.id,
      sha256: addedPng.sha256,
      category: 'deployment',
      fileName: 'console.png',
    });
    expect(withFiles.attachments.map((a) => [a.category, a.size, a.contentType])).toEqual([
      ['acceptance', pdf.length, 'application/pdf'],
      ['deployment', png.length, 'image/png'],
    ]);
    // Thumbnails for images only.
    expect((await call('proofs:file-preview', { sha256: addedPng.sha256 })).dataBase64).toBe(png.toString('base64'));
    expect(await dispatch(services.handlers, 'proofs:file-preview', { sha256: addedPdf.sha256 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });

    expect(await call('proofs:validate', { draftId: draft.id })).toMatchObject({
      ok: true,
      issues: [],
      validity: { withEnablingTime: { startsAtAcceptance: false } },
    });

    const sow = await call('sow:generate', { draftId: draft.id });
    const sowBytes = Buffer.from(sow.dataBase64, 'base64');
    expect(sowBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sow.bytes).toBe(sowBytes.length);
    const sowFile = join(dir, 'preview.pdf');
    writeFileSync(sowFile, sowBytes);
    // GET account gave the seller's name (the simulator's default seller).
    expect(spawnSync('pdftotext', [sowFile, '-'], { encoding: 'utf8' }).stdout).toContain('示例服务商');
    // "Attach as SOW" attaches exactly the previewed bytes while the draft is unchanged.
    const attached = await call('sow:attach', { draftId: draft.id });
    const sowAttachment = attached.attachments.find((a) => a.category === 'sow');
    expect(sowAttachment?.sha256).toBe(createHash('sha256').update(sowBytes).digest('hex'));

    // Browser host: the package is written under the profile's exports/ and handed over as a download.
    const pkg = await call('proofs:export-package', { draftId: draft.id, withSow: true });
    expect(pkg.path && existsSync(pkg.path)).toBe(true);
    const zip = unzipSync(Buffer.from(pkg.download?.dataBase64 ?? '', 'base64'));
    const manifest = JSON.parse(strFromU8(zip['manifest.json'])) as { files: Array<{ sha256: string }> };
    expect(manifest.files.map((f) => f.sha256).sort()).toEqual(
      [addedPdf.sha256, addedPng.sha256, sowAttachment?.sha256].sort(),
    );

    const editor = await call('proofs:get', { draftId: draft.id });
    expect(editor.template.items.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['text', 'longtext', 'date', 'number', 'checklist', 'attachment']),
    );

    const submitted = await call('proofs:submit', { draftId: draft.id });
    expect(submitted.draft.state).toBe('queued');
    // The outbox sends at once (connected); its change reconciles the draft to delivered.
    await until(
      'the draft to be delivered',
      async () => (await call('proofs:list', { orderLineId: lines[0] }))[0].state === 'delivered',
    );
    expect(await dispatch(services.handlers, 'proofs:submit', { draftId: draft.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'already_submitted' } },
    });
    const state = await control(sim, 'GET', `/sim/v1/state?orderLineId=${lines[0]}`);
    expect((state.json as { deliveries: unknown[] }).deliveries).toHaveLength(1);
    expect((await call('proofs:get', { draftId: draft.id })).order.stage).toBe('awaiting_acceptance');
  });

  it('sow:export writes one PDF per selected order (latest draft or an empty view) and a ZIP download', async () => {
    const r = await call('sow:export', { orderLineIds: [lines[0], lines[1], 'NO-SUCH-LINE'] });
    expect(r.files.map((f) => f.orderLineId)).toEqual([lines[0], lines[1]]);
    expect(r.files[1].draftId).toBeNull();
    expect(r.failed).toEqual([
      { orderLineId: 'NO-SUCH-LINE', message: expect.stringMatching(/not in the local cache/) },
    ]);
    for (const f of r.files)
      expect(
        readFileSync(join(r.path ?? '', f.fileName))
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
    expect(Object.keys(unzipSync(Buffer.from(r.download?.dataBase64 ?? '', 'base64'))).sort()).toEqual(
      r.files.map((f) => f.fileName).sort(),
    );
  });

  it('P5: a pull after the template changed marks the draft in conflict (proofs:changed), and the move clears it', async () => {
    const draft = await call('proofs:create', { orderLineId: lines[1] });
    await call('proofs:save', { draftId: draft.id, patch: { content: { migrationScope: 'kept' } } });
    const productId = (await call('orders:get', { orderLineId: lines[1] })).productId;
    const bumped = await control(sim, 'POST', `/sim/v1/products/${productId}/template`, {});
    const version = (bumped.json as { templateVersion: number }).templateVersion;
    changed.length = 0;
    await call('sync:run', {});
    expect(changed.flat()).toContain(lines[1]);
    const editor = await call('proofs:get', { draftId: draft.id });
    expect(editor.draft.state).toBe('conflict');
    expect(editor.draft.conflict?.changes).toEqual([
      { field: 'templateVersion', from: draft.templateVersion, to: version },
    ]);
    expect(editor.target?.templateVersion).toBe(version);
    const moved = await call('proofs:move-template', { draftId: draft.id, templateVersion: version });
    expect(moved).toMatchObject({
      conflictCleared: true,
      carried: ['migrationScope'],
      draft: { state: 'editing', templateVersion: version },
    });
  });
});
