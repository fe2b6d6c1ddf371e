// The log files the CLI and the browser host write in their data folder (docs/diagnostics.md): logs/cli.log for the
// one-shot commands — while their stderr stays as it was — and logs/host.log for `serve`; after account set, sync, a
// failure and a served API call, no log file holds the AK, the SK or the host's token (docs/architecture.md
// "Security": never in logs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../marketplace-sim/index';
import { runCli } from '../cli';
import { logsDir } from '../settings/paths';
import { logFiles, secretsInLogs } from '../testing/log-scan';
import type { CliIo } from './io';

const SELLER = {
  ak: 'AKCLILOGS00000000001',
  sk: 'cli-logs-secret-key-0123456789',
  sellerId: 'SELLERLOGS',
  sellerName: 'Log Test Co.',
};

interface Run {
  code: number;
  out: string[];
  err: string[];
}

function io(
  opts: { stdin?: string; env?: NodeJS.ProcessEnv; stop?: Promise<string>; onOut?: (line: string) => void } = {},
): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (t) => {
        out.push(t);
        opts.onOut?.(t);
      },
      err: (t) => err.push(t),
      readStdin: () => Promise.resolve(opts.stdin ?? ''),
      env: opts.env ?? {},
      cwd: process.cwd(),
      stopSignal: () => opts.stop ?? new Promise(() => undefined),
    },
  };
}

async function run(argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const c = io(opts);
  const code = await runCli(argv, c.io);
  return { code, out: c.out, err: c.err };
}

describe('CLI and browser-host log files', () => {
  let root: string;
  let dataDir: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  const dd = (): string[] => ['--data-dir', dataDir];
  const secrets = (): string[] => [SELLER.ak, SELLER.sk];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sd-cli-logs-'));
    dataDir = join(root, 'data');
    sim = await startSimulator({
      port: 0,
      dbPath: join(root, 'sim.db'),
      seed: 9,
      orders: 60,
      quiet: true,
      sellers: [SELLER],
    });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a command that logs nothing leaves no logs folder', async () => {
    const r = await run(['orders', 'list', '--limit', '1', ...dd()]);
    expect(r.code).toBe(0);
    expect(logFiles(dataDir)).toEqual([]);
  });

  it('account set, sync and a failure keep stderr as it was; cli.log gets the requests and the failure, masked', async () => {
    const set = await run(['account', 'set', '--endpoint', sim.url, '--ak', SELLER.ak, '--sk-stdin', ...dd()], {
      stdin: `${SELLER.sk}\n`,
    });
    expect(set).toMatchObject({ code: 0, err: [] });
    const sync = await run(['sync', ...dd()]);
    expect(sync).toMatchObject({ code: 0, err: [] });
    const failed = await run(['orders', 'import', '--id', 'NOSUCHORDER0000', ...dd()]);
    expect(failed.code).toBe(1);
    expect(failed.err).toHaveLength(1); // one line on stderr, as before
    // Asked for (SELLER_DESK_LOG), stderr gets the lines too, masked the same way.
    const verbose = await run(['sync', ...dd()], { env: { SELLER_DESK_LOG: 'debug' } });
    expect(verbose.code).toBe(0);
    expect(verbose.err.some((l) => / DEBUG marketplace GET \/api\/seller-sync\/v1\/order-lines/.test(l))).toBe(true);
    expect(verbose.err.join('\n')).not.toContain(SELLER.sk);

    const cliLog = readFileSync(join(logsDir(dataDir), 'cli.log'), 'utf8');
    expect(cliLog).toMatch(/ DEBUG marketplace GET \/api\/seller-sync\/v1\/order-lines\?.* → HTTP 200/);
    expect(cliLog).toMatch(/ INFO command failed: /);
    expect(secretsInLogs(dataDir, secrets())).toEqual([]);
  });

  it('serve writes host.log without the AK, the SK or its token', async () => {
    let stop: (signal: string) => void = () => undefined;
    let announced: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => (announced = resolve));
    const c = io({
      env: { SELLER_DESK_LOG: 'silent' },
      stop: new Promise<string>((resolve) => (stop = resolve)),
      onOut: (line) => {
        const m = /running at (\S+)/.exec(line);
        if (m) announced(m[1]);
      },
    });
    const served = runCli(['serve', '--port', '0', ...dd()], c.io);
    const u = new URL(await url);
    const token = u.searchParams.get('token') ?? '';
    const res = await fetch(`${u.origin}/api/sync:run`, {
      method: 'POST',
      headers: { 'X-Seller-Desk-Token': token, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    stop('SIGTERM');
    expect(await served).toBe(0);
    expect(c.err).toEqual([]); // SELLER_DESK_LOG=silent: stderr stays empty, the file still gets the lines

    const hostLog = readFileSync(join(logsDir(dataDir), 'host.log'), 'utf8');
    expect(hostLog).toMatch(/ INFO browser host listening on 127\.0\.0\.1:\d+/);
    expect(hostLog).toMatch(/ DEBUG marketplace GET /);
    expect(secretsInLogs(dataDir, [...secrets(), token])).toEqual([]);
  });
});
