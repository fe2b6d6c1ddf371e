// `seller-desk sow`, `proof export` and `proof submit` in-process through runCli against the simulator over real
// HTTP — a SOW from an empty draft view and from a draft, a refused proof.json (every problem
// on its own line, exit 1, nothing queued), a queued one that `seller-desk sync` delivers once with the same SHA-256s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { startSimulator } from '../../marketplace-sim/index';
import { samplePdf, samplePng } from '../../marketplace-sim/sample-files';
import { control } from '../../marketplace-sim/test-client';
import { lines, run } from './testing/support';

const DAY = 86_400_000;

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const pdfText = (file: string): string => spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;

interface SimLine {
  orderLineId: string;
  orderId: string;
  productName: string;
  supervision: {
    stage: string;
    delivery: {
      attachments: Array<{ sha256: string; category: string; fileName: string }>;
      enablingTime: string | null;
    } | null;
  };
}

describe('seller-desk sow / proof export / proof submit', () => {
  let dir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let line: SimLine;
  let otherStage: string;
  const dd = (): string[] => ['--data-dir', join(dir, 'data')];
  const simLine = async (id: string): Promise<{ line: SimLine; deliveries: unknown[] }> => {
    const s = await control(sim, 'GET', `/sim/v1/state?orderLineId=${id}`);
    const json = s.json as { orderLines: SimLine[]; deliveries: unknown[] };
    return { line: json.orderLines[0], deliveries: json.deliveries };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-proof-cli-'));
    sim = await startSimulator({ port: 0, dbPath: join(dir, 'sim.db'), seed: 11, orders: 40, quiet: true });
    // A monthly Data Migration order (its template has every item kind), placed two days ago, awaiting delivery.
    const created = await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [
        { createTime: new Date(sim.clock.now() - 2 * DAY).toISOString(), supervision: { stage: 'awaiting_delivery' } },
        {
          createTime: new Date(sim.clock.now() - 2 * DAY).toISOString(),
          supervision: { stage: 'awaiting_acceptance' },
        },
      ],
    });
    const ids = (created.json as { orderLineIds: string[] }).orderLineIds;
    line = (await simLine(ids[0])).line;
    otherStage = ids[1];
    const set = await run(
      ['account', 'set', '--endpoint', sim.url, '--ak', sim.credentials.ak, '--sk-stdin', ...dd()],
      { stdin: sim.credentials.sk },
    );
    expect(set.code, set.stderr).toBe(0);
    const synced = await run(['sync', ...dd()]);
    expect(synced.code, synced.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sow writes the SOW of an order without a draft (an empty draft view of its template)', async () => {
    const out = join(dir, 'empty.pdf');
    const r = await run(['sow', line.orderLineId, '--out', out, ...dd()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote SOW-\S+ for \S+ to .+empty\.pdf \(\d+\.\d KB; no draft yet/);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(out);
    expect(text).toContain(line.orderId);
    expect(text).toContain('数据迁移专业服务');
    for (const title of ['迁移范围', '迁移报告', '割接日期', '验收检查']) expect(text).toContain(title);
  });

  it('proof submit refuses an incomplete proof.json — one line per problem, exit 1, nothing queued', async () => {
    const file = join(dir, 'incomplete.json');
    writeFileSync(
      file,
      JSON.stringify({
        enablingTime: new Date(sim.clock.now() + DAY).toISOString(),
        content: { migrationScope: 'ERP → cloud', dataVolumeGb: 'lots' },
      }),
    );
    const r = await run(['proof', 'submit', line.orderLineId, '--from', file, ...dd()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const err = lines(r.stderr);
    const m = /^seller-desk: .*incomplete\.json: the delivery proof has (\d+) problems; nothing was queued:$/.exec(
      err[0],
    );
    expect(m, err[0]).not.toBeNull();
    expect(err).toHaveLength(Number(m?.[1]) + 1);
    const byKey = new Map(err.slice(1).map((l) => [l.trim().split(':')[0], l]));
    // P1 kinds and required items, P3 (acceptance or SOW), V4 (not later than the submission).
    expect(byKey.get('migrationReport')).toMatch(/is required/);
    expect(byKey.get('dataVolumeGb')).toMatch(/must be a number/);
    expect(byKey.get('checks')).toMatch(/tick at least one option/);
    expect(byKey.get('acceptanceDocument')).toMatch(/acceptance/);
    expect(byKey.get('attachments')).toMatch(/acceptance document or statement of work/);
    expect(byKey.get('enablingTime')).toMatch(/cannot be later than/);
    expect((await run(['sync', ...dd()])).code).toBe(0);
    expect((await simLine(line.orderLineId)).deliveries).toHaveLength(0);
  });

  it('bad usage exits 2 with a usage line; a refused order exits 1 with one line', async () => {
    for (const args of [
      ['sow', line.orderLineId],
      ['sow', '--out', 'x.pdf'],
      ['proof', 'frobnicate'],
      ['proof', 'submit', line.orderLineId],
      ['proof', 'export', line.orderLineId, '--bogus'],
    ]) {
      const r = await run([...args, ...dd()]);
      expect(r.code, args.join(' ')).toBe(2);
      const err = lines(r.stderr);
      expect(err, args.join(' ')).toHaveLength(2);
      expect(err[1]).toMatch(/^usage: seller-desk (sow|proof)/);
    }
    const file = join(dir, 'minimal.json');
    writeFileSync(file, JSON.stringify({ content: {} }));
    const wrongStage = await run(['proof', 'submit', otherStage, '--from', file, ...dd()]);
    expect(wrongStage.code).toBe(1);
    expect(lines(wrongStage.stderr)).toEqual([
      expect.stringMatching(
        /^seller-desk: .*awaiting_delivery or delivery_returned; this order is in awaiting_acceptance \(S3\)$/,
      ),
    ]);
    const noDraft = await run(['proof', 'export', otherStage, '--out', join(dir, 'none.zip'), ...dd()]);
    expect(noDraft.code).toBe(1);
    expect(lines(noDraft.stderr)).toEqual([expect.stringMatching(/has no delivery-proof draft/)]);
  });

  it('proof submit queues a valid proof; sow and proof export use it; sync delivers it once with the same SHA-256s', async () => {
    const acceptance = samplePdf('Acceptance form signed by the customer');
    const screenshot = samplePng('deployment console');
    writeFileSync(join(dir, '验收单.pdf'), acceptance);
    writeFileSync(join(dir, 'console.png'), screenshot);
    const enabling = new Date(sim.clock.now() - DAY).toISOString();
    const file = join(dir, 'proof.json');
    writeFileSync(
      file,
      JSON.stringify({
        enablingTime: enabling,
        content: {
          migrationScope: 'Oracle 11g → RDS for PostgreSQL',
          migrationReport: '迁移完成，无数据丢失。\nAll 42 schemas moved.',
          cutoverDate: '2025-06-01',
          dataVolumeGb: 512.5,
          checks: ['数据完整性校验 / Data integrity verified', '客户签字确认 / Customer sign-off'],
        },
        attachments: [
          { category: 'acceptance', path: '验收单.pdf' },
          { category: 'deployment', path: 'console.png' },
        ],
      }),
    );
    const r = await run(['proof', 'submit', line.orderLineId, '--from', file, ...dd()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Queued the delivery of \S+ \(draft \S+, 2 files, idempotency key \S+\); run `seller-desk sync` to deliver it\.$/m,
    );

    const sowFile = join(dir, 'draft.pdf');
    const sowRun = await run(['sow', line.orderLineId, '--out', sowFile, ...dd()]);
    expect(sowRun.code, sowRun.stderr).toBe(0);
    expect(sowRun.stdout).toMatch(/; draft \S+ \(revision \d+\)\)\.$/m);
    const text = pdfText(sowFile);
    for (const s of ['Oracle 11g', '512.5', '验收单.pdf', sha(acceptance).slice(0, 16)])
      expect(text.replace(/\s+/g, ' ')).toContain(s);

    const zipFile = join(dir, 'package.zip');
    const exported = await run(['proof', 'export', line.orderLineId, '--out', zipFile, ...dd()]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/: 3 files and manifest\.json, \d+\.\d KB\.$/m);
    const entries = unzipSync(readFileSync(zipFile));
    const manifest = JSON.parse(strFromU8(entries['manifest.json'])) as {
      order: { orderLineId: string };
      enablingTime: string;
      content: Record<string, unknown>;
      files: Array<{ path: string; sha256: string; role: string }>;
    };
    expect(manifest.order.orderLineId).toBe(line.orderLineId);
    expect(Date.parse(manifest.enablingTime)).toBe(Date.parse(enabling));
    expect(manifest.content.dataVolumeGb).toBe(512.5);
    for (const f of manifest.files) expect(sha(entries[f.path])).toBe(f.sha256);
    expect(manifest.files.map((f) => f.sha256)).toEqual(expect.arrayContaining([sha(acceptance), sha(screenshot)]));
    expect(manifest.files.filter((f) => f.role === 'sow')).toHaveLength(1);

    // Queued only: the marketplace has nothing until `sync` sends it.
    expect((await simLine(line.orderLineId)).deliveries).toHaveLength(0);
    const synced = await run(['sync', ...dd()]);
    expect(synced.code, synced.stderr).toBe(0);
    const after = await simLine(line.orderLineId);
    expect(after.deliveries).toHaveLength(1);
    expect(after.line.supervision.stage).toBe('awaiting_acceptance');
    const delivered = after.line.supervision.delivery?.attachments ?? [];
    expect(delivered.map((a) => `${a.category}:${a.sha256}`).sort()).toEqual(
      [`acceptance:${sha(acceptance)}`, `deployment:${sha(screenshot)}`].sort(),
    );
    expect(Date.parse(after.line.supervision.delivery?.enablingTime ?? '')).toBe(Date.parse(enabling));
    // A second sync sends nothing more (P4: one delivery per submission).
    expect((await run(['sync', ...dd()])).code).toBe(0);
    expect((await simLine(line.orderLineId)).deliveries).toHaveLength(1);
  });
});
