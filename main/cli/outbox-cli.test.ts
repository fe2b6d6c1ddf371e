// The seller-action commands in-process through runCli against the simulator over real HTTP. Actions are checked
// locally (exit 1 with the rule's reason) and queued; `seller-desk sync` pushes the outbox, then pulls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../marketplace-sim/index';
import { samplePdf } from '../../marketplace-sim/sample-files';
import { control } from '../../marketplace-sim/test-client';
import { lines, run } from './testing/support';

const QUEUED = /^([0-9a-f-]{36}) queued; run 'seller-desk sync' to send$/;

describe('seller-desk requests / appeal / unsubscription / outbox', () => {
  let dataDir: string;
  let sim: Simulator;
  const dd = (): string[] => ['--data-dir', dataDir];
  const ctl = async (method: string, path: string, body?: unknown) => {
    const a = await control(sim, method, path, body);
    if (a.status !== 200) throw new Error(`control ${path}: ${a.status} ${a.text}`);
    return a.json as Record<string, unknown>;
  };
  const sellerActions = async (id: string) =>
    (
      (await ctl('GET', `/sim/v1/state?orderLineId=${id}`)).actions as Array<{
        actor: string;
        kind: string;
        detail: Record<string, unknown>;
      }>
    ).filter((a) => a.actor === 'seller');
  const L = {
    accept: 'CSCLI0000001-000001',
    reject: 'CSCLI0000002-000001',
    appeal: 'CSCLI0000003-000001',
    unsub: 'CSCLI0000004-000001',
    late: 'CSCLI0000005-000001',
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-outbox-cli-'));
    sim = await startSimulator({ port: 0, orders: 0, seed: 11, quiet: true });
    const line = (n: string, stage: string) => ({
      orderId: n.slice(0, 12),
      orderLineId: n,
      supervision: { process: 'REQUEST_FIRST', stage },
    });
    await ctl('POST', '/sim/v1/order-lines', {
      lines: [
        line(L.accept, 'awaiting_request'),
        line(L.reject, 'awaiting_request'),
        line(L.appeal, 'awaiting_acceptance'),
        line(L.unsub, 'awaiting_delivery'),
        line(L.late, 'awaiting_delivery'),
      ],
    });
    for (const id of [L.accept, L.reject])
      await ctl('POST', `/sim/v1/order-lines/${id}/customer/request`, { description: 'please deploy' });
    await ctl('POST', `/sim/v1/order-lines/${L.unsub}/customer/unsubscribe`, { amount: '10.00', reason: 'budget cut' });
    writeFileSync(join(dataDir, 'letter.pdf'), samplePdf('commitment'));
    writeFileSync(join(dataDir, 'notes.txt'), 'not an allowed type');
    const set = await run(
      ['account', 'set', '--endpoint', sim.url, '--ak', sim.credentials.ak, '--sk-stdin', ...dd()],
      { stdin: sim.credentials.sk },
    );
    expect(set.code).toBe(0);
    expect((await run(['sync', ...dd()])).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('actions queue locally and print the item id; nothing is sent until `seller-desk sync`', async () => {
    const accept = await run(['requests', 'accept', L.accept, ...dd()]);
    expect(accept.stderr).toBe('');
    expect(accept.code).toBe(0);
    expect(accept.stdout.trim()).toMatch(QUEUED);
    const reject = await run([
      'requests',
      'reject',
      L.reject,
      '--reason',
      '请补充部署环境 / please add the environment',
      ...dd(),
    ]);
    expect(reject.code).toBe(0);
    const appeal = await run(
      [
        'appeal',
        L.appeal,
        '--reason',
        'customer silent for 30 days',
        '--unreachable',
        '--attach',
        'commitment_letter=letter.pdf',
        ...dd(),
      ],
      { cwd: dataDir },
    );
    expect(appeal.stderr).toBe('');
    expect(appeal.code).toBe(0);
    const review = await run([
      'unsubscription',
      'review',
      L.unsub,
      '--decision',
      'reject',
      '--comments',
      'the service was delivered',
      ...dd(),
    ]);
    expect(review.code).toBe(0);
    expect(await sellerActions(L.accept)).toEqual([]);

    const listed = JSON.parse((await run(['outbox', 'list', '--json', ...dd()])).stdout) as Array<{
      id: string;
      kind: string;
      state: string;
      orderLineId: string;
    }>;
    expect(listed.map((i) => [i.kind, i.state, i.orderLineId])).toEqual([
      ['unsubscription.review', 'queued', L.unsub],
      ['appeal', 'queued', L.appeal],
      ['request.reject', 'queued', L.reject],
      ['request.accept', 'queued', L.accept],
    ]);
    expect(listed[3].id).toBe(QUEUED.exec(accept.stdout.trim())?.[1]);
    const table = lines((await run(['outbox', 'list', ...dd()])).stdout);
    expect(table[0]).toMatch(/^ID\s+QUEUED \(UTC\+8\)\s+ACTION\s+ORDER LINE\s+STATE\s+TRIES\s+LAST ERROR$/);
    expect(table.at(-1)).toBe('4 items; 4 unsent, 0 need attention.');
  });

  it('sync pushes the outbox, then pulls: every action applied once on the simulator (upload included)', async () => {
    const r = await run(['sync', ...dd()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('Pushed: 4 action requests sent; 4 acked, 0 rejected, 0 in conflict, 0 still waiting.');
    expect(out[1]).toMatch(/^Synced: /);
    console.log(out.join('\n'));
    expect((await sellerActions(L.accept)).map((a) => a.kind)).toEqual(['request/accept']);
    expect((await sellerActions(L.reject)).map((a) => a.detail.reason)).toEqual([
      '请补充部署环境 / please add the environment',
    ]);
    expect((await sellerActions(L.appeal)).map((a) => a.kind)).toEqual(['appeals']);
    expect((await sellerActions(L.unsub)).map((a) => [a.kind, a.detail.decision])).toEqual([
      ['unsubscription/review', 'reject'],
    ]);
    const state = await ctl('GET', '/sim/v1/state?lines=0');
    expect((state.uploads as Array<{ fileName: string }>).map((u) => u.fileName)).toContain('letter.pdf');
    const again = await run(['sync', ...dd()]);
    expect(lines(again.stdout)).toHaveLength(1); // nothing left to push: just the pull summary
  });

  it('a local check that fails exits 1 with its specific reason (S3, S5, S5a, S5c, P3)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['requests', 'accept', L.accept],
        /^seller-desk: Accepting the request is only possible in stage request_pending; this order is in awaiting_delivery \(S3\)$/,
      ],
      [
        ['appeal', L.late, '--reason', 'silent', '--unreachable'],
        /commitment_letter\) is required when the customer cannot be reached \(S5\)$/,
      ],
      [
        ['requests', 'reject', L.appeal, '--reason', 'x'],
        /an appeal is open on this order; the supervision flow is frozen .*\(S5a\)$/,
      ],
      [
        ['unsubscription', 'review', L.late, '--decision', 'agree', '--comments', 'ok'],
        /no pending unsubscription request .*\(S5c\)$/,
      ],
      [
        ['appeal', L.late, '--reason', 'r', '--attach', 'other=notes.txt'],
        /"notes.txt" is not an allowed file type \(.*P3\)$/,
      ],
      [['requests', 'accept', 'NO-SUCH-LINE'], /not in the local cache/],
    ];
    for (const [args, message] of cases) {
      const r = await run([...args, ...dd()], { cwd: dataDir });
      expect(r.code, args.join(' ')).toBe(1);
      expect(lines(r.stderr), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim(), args.join(' ')).toMatch(message);
    }
  });

  it("a refused action shows the marketplace's answer in `outbox list`; it can be discarded with a recorded reason", async () => {
    await ctl('POST', `/sim/v1/order-lines/${L.late}/customer/unsubscribe`, { amount: '5.00', reason: 'changed mind' });
    expect((await run(['sync', ...dd()])).code).toBe(0);
    await ctl('POST', '/sim/v1/faults', {
      rules: [{ match: 'POST /unsubscription/review', kind: 'status', status: 400 }],
    });
    const queued = await run([
      'unsubscription',
      'review',
      L.late,
      '--decision',
      'agree',
      '--comments',
      'fine',
      ...dd(),
    ]);
    const id = QUEUED.exec(queued.stdout.trim())?.[1] ?? '';
    const sync = await run(['sync', ...dd()]);
    expect(lines(sync.stdout)[0]).toBe(
      "Pushed: 1 action request sent; 0 acked, 1 rejected, 0 in conflict, 0 still waiting (see 'seller-desk outbox list').",
    );
    const table = (await run(['outbox', 'list', '--state', 'rejected', ...dd()])).stdout;
    expect(table).toMatch(
      new RegExp(`^${id}\\s+\\S+ \\S+\\s+review unsubscription\\s+${L.late}\\s+rejected\\s+1\\s+400 MKT\\.0100 `, 'm'),
    );
    const discarded = await run(['outbox', 'discard', id, '--reason', 'agreed by phone instead', ...dd()]);
    expect(discarded.code).toBe(0);
    const all = JSON.parse((await run(['outbox', 'list', '--all', '--json', ...dd()])).stdout) as Array<{
      id: string;
      discardReason: string | null;
    }>;
    expect(all.find((i) => i.id === id)?.discardReason).toBe('agreed by phone instead');
    await ctl('DELETE', '/sim/v1/faults');
  });

  it('bad usage exits 2 with the reason and a usage line', async () => {
    for (const args of [
      ['requests'],
      ['requests', 'reject', L.reject],
      ['requests', 'reject', L.reject, '--reason', ''],
      ['appeal', L.appeal, '--reason', 'r', '--attach', 'selfie=a.png'],
      ['appeal', L.appeal, '--reason', 'r', '--attach', 'nopath'],
      ['unsubscription', 'review', L.unsub, '--decision', 'maybe', '--comments', 'x'],
      ['outbox', 'list', '--state', 'lost'],
      ['outbox', 'discard', 'some-id'],
    ]) {
      const r = await run([...args, ...dd()]);
      expect(r.code, args.join(' ')).toBe(2);
      const err = lines(r.stderr);
      expect(err, args.join(' ')).toHaveLength(2);
      expect(err[1]).toMatch(/^usage: seller-desk /);
    }
    expect((await run(['--help'])).stdout).toContain(
      'seller-desk unsubscription review ORDER_LINE_ID --decision agree|reject --comments TEXT',
    );
  });
});
