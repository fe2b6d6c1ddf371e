// The `seller-desk` command in-process through runCli against the simulator over real HTTP: account
// set with the SK on stdin, sync, orders list/show/import, `--json` as stored, exit codes 0/1/2. The built
// command as a real process (bin/seller-desk.cjs, SIGTERM, piped output) is e2e/cli.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../marketplace-sim/index';
import { orderLine } from '../../common/marketplace/wire';
import { lines, run, start } from './testing/support';

describe('seller-desk CLI', () => {
  let dataDir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  const dd = (): string[] => ['--data-dir', dataDir];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-cli-'));
    sim = await startSimulator({ port: 0, dbPath: join(dataDir, 'sim.db'), seed: 7, orders: 620, quiet: true });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('account set reads the SK from stdin, stores it 0600 outside SQLite, and never prints it', async () => {
    const r = await run(['account', 'set', '--endpoint', sim.url, '--ak', sim.credentials.ak, '--sk-stdin', ...dd()], {
      stdin: `${sim.credentials.sk}\n`,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The AK is not echoed: its last 4 characters at most (docs/architecture.md "Security").
    expect(r.stdout).toContain(`AK set (ending …${sim.credentials.ak.slice(-4)}), SK stored`);
    expect(r.stdout).not.toContain(sim.credentials.ak);
    expect(r.stdout).not.toContain(sim.credentials.sk);
    const credFile = join(dataDir, 'account', 'credentials.json');
    expect(JSON.parse(readFileSync(credFile, 'utf8'))).toEqual(sim.credentials);
    if (process.platform !== 'win32') expect(statSync(credFile).mode & 0o777).toBe(0o600);
  });

  it('refuses an SK on the command line (exit 2, usage line)', async () => {
    const r = await run(['account', 'set', '--ak', 'A', '--sk', 'secret-on-argv', ...dd()]);
    expect(r.code).toBe(2);
    const err = lines(r.stderr);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/^seller-desk: the secret key is read from standard input only/);
    expect(err[1]).toMatch(/^usage: seller-desk account set/);
  });

  it('sync pulls every order line and prints a one-line summary', async () => {
    const r = await run(['sync', ...dd()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    const m =
      /^Synced: (\d+) order lines? received in (\d+) pages?; (\d+) cached; (\d+) new bill revisions? archived\.$/.exec(
        r.stdout.trim(),
      );
    expect(m).not.toBeNull();
    expect(Number(m?.[3])).toBeGreaterThanOrEqual(620);
  });

  it('orders list --json prints the order lines as stored: an array of marketplace order-line objects', async () => {
    const r = await run(['orders', 'list', '--json', '--limit', '5', ...dd()]);
    expect(r.code).toBe(0);
    const arr = JSON.parse(r.stdout) as unknown[];
    expect(Array.isArray(arr)).toBe(true);
    expect(arr).toHaveLength(5);
    for (const item of arr) expect(orderLine.safeParse(item).success).toBe(true);
    const first = arr[0] as { orderLineId: string; createTime: string; amount: string };
    expect(first.amount).toMatch(/^\d+\.\d{2}$/);
    // Newest first (default sort: placement time, descending).
    const times = arr.map((x) => Date.parse((x as { createTime: string }).createTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('orders list filters by status and stage through the contract, and pages past 500', async () => {
    const all = JSON.parse((await run(['orders', 'list', '--json', '--limit', '100000', ...dd()])).stdout) as Array<{
      status: string;
      supervision: { stage: string } | null;
    }>;
    expect(all.length).toBeGreaterThan(500);
    const r = await run([
      'orders',
      'list',
      '--json',
      '--status',
      'PROCESSING',
      '--stage',
      'awaiting_delivery,request_pending',
      '--limit',
      '1000',
      ...dd(),
    ]);
    const some = JSON.parse(r.stdout) as typeof all;
    expect(some.length).toBe(
      all.filter(
        (l) =>
          l.status === 'PROCESSING' && ['awaiting_delivery', 'request_pending'].includes(l.supervision?.stage ?? ''),
      ).length,
    );
    const table = await run(['orders', 'list', '--limit', '3', ...dd()]);
    expect(table.code).toBe(0);
    const t = lines(table.stdout);
    expect(t[0]).toMatch(/^ORDER LINE ID\s+PRODUCT\s+AMOUNT\s+STATUS\s+STAGE/);
    expect(t).toHaveLength(5);
    expect(t[4]).toMatch(/^3 of \d+ order lines\.$/);
  });

  it('orders show prints one line, as stored with --json', async () => {
    const [first] = JSON.parse((await run(['orders', 'list', '--json', '--limit', '1', ...dd()])).stdout) as Array<{
      orderLineId: string;
    }>;
    const json = await run(['orders', 'show', first.orderLineId, '--json', ...dd()]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { orderLineId: string }).orderLineId).toBe(first.orderLineId);
    const text = await run(['orders', 'show', first.orderLineId, ...dd()]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Order line\\s+${first.orderLineId}$`, 'm'));
  });

  it('orders import --id stores an Open API order marked as imported', async () => {
    const r = await run(['orders', 'import', '--id', 'MOCKPERIODYEARNEW', ...dd()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('MOCKPERIODYEARNEW-000001');
    const shown = await run(['orders', 'show', 'MOCKPERIODYEARNEW-000001', ...dd()]);
    expect(shown.stdout).toMatch(/Imported\s+yes/);
  });

  it('a failure exits 1 with exactly one line on stderr', async () => {
    const missing = await run(['orders', 'show', 'NO-SUCH-LINE', ...dd()]);
    expect(missing.code).toBe(1);
    expect(lines(missing.stderr)).toEqual(['seller-desk: no order line NO-SUCH-LINE in the local cache']);
    const unknownOrder = await run(['orders', 'import', '--id', 'NOSUCHORDER0000', ...dd()]);
    expect(unknownOrder.code).toBe(1);
    expect(lines(unknownOrder.stderr)).toHaveLength(1);
    const fresh = mkdtempSync(join(tmpdir(), 'sd-cli-fresh-'));
    try {
      const notConnected = await run(['sync', '--data-dir', fresh]);
      expect(notConnected.code).toBe(1);
      expect(lines(notConnected.stderr)).toHaveLength(1);
      expect(notConnected.stderr).toMatch(/not connected/);
      await run(
        ['account', 'set', '--endpoint', 'http://127.0.0.1:9', '--ak', 'AK', '--sk-stdin', '--data-dir', fresh],
        { stdin: 'SKVALUE123' },
      );
      const offline = await run(['sync', '--data-dir', fresh]);
      expect(offline.code).toBe(1);
      expect(lines(offline.stderr)).toHaveLength(1);
      expect(offline.stderr).toMatch(/cannot be reached/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('bad usage exits 2 with the reason and a usage line', async () => {
    for (const args of [
      ['frobnicate'],
      ['orders', 'list', '--bogus'],
      ['orders', 'list', '--status', 'NOPE'],
      ['orders', 'list', '--limit'],
      ['orders', 'show'],
      ['orders', 'list', '--from', '2025-13-45x'],
      [],
    ]) {
      const r = await run([...args, ...dd()]);
      expect(r.code, args.join(' ')).toBe(2);
      const err = lines(r.stderr);
      expect(err, args.join(' ')).toHaveLength(2);
      expect(err[0]).toMatch(/^seller-desk: /);
      expect(err[1]).toMatch(/^usage: seller-desk/);
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('seller-desk orders list');
  });

  it('serve prints its URL, answers with the token, and stops on SIGTERM', async () => {
    const serve = start(['serve', '--port', '0', ...dd()], { env: { SELLER_DESK_LOG: 'warn' } });
    const [, url] = await serve.stdoutMatching(
      /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/,
    );
    const u = new URL(url);
    const token = u.searchParams.get('token') ?? '';
    const res = await fetch(`${u.origin}/api/orders:list`, {
      method: 'POST',
      headers: { 'X-Seller-Desk-Token': token, 'Content-Type': 'application/json' },
      body: '{"limit":2}',
    });
    const body = (await res.json()) as { ok: boolean; value: { rows: unknown[]; total: number } };
    expect(body.ok).toBe(true);
    expect(body.value.rows).toHaveLength(2);
    expect((await fetch(`${u.origin}/api/orders:list`, { method: 'POST', body: '{}' })).status).toBe(401);
    const { code } = await serve.stop('SIGTERM');
    expect(code).toBe(0);
  });

  it('serve --endpoint --ak --sk-stdin connects the account first (SK 0600, never printed or logged), then syncs', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'sd-cli-serve-'));
    try {
      const { ak, sk } = sim.credentials;
      const serve = start(
        ['serve', '--port', '0', '--endpoint', sim.url, '--ak', ak, '--sk-stdin', '--data-dir', fresh],
        {
          stdin: `${sk}\n`,
          env: { SELLER_DESK_LOG: 'info' },
        },
      );
      const [, url] = await serve.stdoutMatching(
        /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/,
      );
      const credFile = join(fresh, 'account', 'credentials.json');
      expect(JSON.parse(readFileSync(credFile, 'utf8'))).toEqual(sim.credentials);
      if (process.platform !== 'win32') expect(statSync(credFile).mode & 0o777).toBe(0o600);
      // The host syncs with the account it was given: the status says so once the first run is over.
      const u = new URL(url);
      const status = async (): Promise<{ configured: boolean; lastSyncAt: number | null; cachedLines: number }> => {
        const res = await fetch(`${u.origin}/api/sync:status`, {
          method: 'POST',
          headers: { 'X-Seller-Desk-Token': u.searchParams.get('token') ?? '', 'Content-Type': 'application/json' },
          body: '{}',
        });
        return (
          (await res.json()) as { value: { configured: boolean; lastSyncAt: number | null; cachedLines: number } }
        ).value;
      };
      await expect.poll(async () => (await status()).lastSyncAt, { timeout: 30_000 }).not.toBeNull();
      const synced = await status();
      expect(synced.configured).toBe(true);
      expect(synced.cachedLines).toBeGreaterThanOrEqual(620);
      const r = await serve.stop('SIGTERM');
      expect(r.code).toBe(0);
      // The saved account in one line before the URL, the AK's last 4 characters at most (docs/architecture.md
      // "Security"); neither key on stdout, stderr or in the host's log file.
      const out = lines(r.stdout);
      expect(out[0]).toBe(
        `Account saved (account profile in ${fresh}): endpoint ${sim.url}, AK set (ending …${ak.slice(-4)}), SK stored.`,
      );
      expect(out[1]).toMatch(/^Seller Desk is running at /);
      const logged = readFileSync(join(fresh, 'logs', 'host.log'), 'utf8');
      for (const text of [r.stdout, r.stderr, logged]) {
        expect(text).not.toContain(ak);
        expect(text).not.toContain(sk);
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('serve refuses an SK on the command line, an empty --sk-stdin, a bad endpoint and account flags with --demo', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'sd-cli-serve-bad-'));
    try {
      for (const [args, stdin, reason] of [
        [['--ak', 'AK', '--sk', 'secret-on-argv'], '', /^seller-desk: the secret key is read from standard input only/],
        [['--ak', 'AK', '--sk-stdin'], '', /^seller-desk: --sk-stdin: standard input was empty$/],
        [['--endpoint', 'not a url', '--ak', 'AK'], '', /^seller-desk: --endpoint: /],
        [['--demo', '--ak', 'AK'], '', /^seller-desk: --demo uses the built-in demo marketplace/],
      ] as const) {
        const r = await run(['serve', '--port', '0', ...args, '--data-dir', fresh], { stdin });
        expect(r.code, args.join(' ')).toBe(2);
        const err = lines(r.stderr);
        expect(err, args.join(' ')).toHaveLength(2);
        expect(err[0]).toMatch(reason);
        expect(err[1]).toMatch(/^usage: seller-desk serve /);
        expect(r.stdout).toBe('');
      }
      // Bad usage touches nothing: no profile, no credentials file.
      expect(readdirSync(fresh)).toEqual([]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
