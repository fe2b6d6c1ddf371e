// The one process-level test of the shipped command: `bin/seller-desk.cjs` on the built bundle, as npm runs it.
// Every command's behaviour is tested in-process through runCli (main/cli/*.test.ts); this proves what only a real
// process has: the bin entry, stdin, exit codes, a piped `--json` flushed whole before exit, and SIGTERM on `serve`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { test, expect, ORDERS } from './fixtures';
import { REPO_ROOT } from './processes';

const BIN = path.join(REPO_ROOT, 'bin', 'seller-desk.cjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, SELLER_DESK_LOG: '' };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const TITLE = 'bin/seller-desk.cjs: --help, bad usage, account set via stdin, sync, piped --json, serve until SIGTERM';

test(TITLE, async ({ sim, dataDir }) => {
  const help = await run(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('seller-desk orders list');

  const bad = await run(['frobnicate', '--data-dir', dataDir]);
  expect(bad.code).toBe(2);
  expect(bad.stderr.trim().split('\n')).toEqual([
    "seller-desk: unknown command 'frobnicate'",
    expect.stringMatching(/^usage: seller-desk /),
  ]);

  const dd = ['--data-dir', dataDir];
  const set = await run(['account', 'set', '--endpoint', sim.url, '--ak', sim.ak, '--sk-stdin', ...dd], sim.sk);
  expect(set.stderr).toBe('');
  expect(set.code).toBe(0);
  expect(set.stdout).not.toContain(sim.sk);
  const sync = await run(['sync', ...dd]);
  expect(sync.stderr).toBe('');
  expect(sync.code).toBe(0);
  expect(sync.stdout).toMatch(
    /^Synced: \d+ order lines? received in \d+ pages?; \d+ cached; \d+ new bill revisions? archived\.\n$/,
  );

  // Hundreds of KB through a pipe: the process must not exit before stdout is flushed.
  const list = await run(['orders', 'list', '--json', '--limit', '100000', ...dd]);
  expect(list.code).toBe(0);
  expect((JSON.parse(list.stdout) as unknown[]).length).toBeGreaterThanOrEqual(ORDERS);

  const serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...dd], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SELLER_DESK_LOG: 'warn' },
  });
  const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: serve.stdout }).on('line', (line) => {
      const m = /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/.exec(line);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`serve exited early (${code})`)));
  });
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/orders:list`, {
    method: 'POST',
    headers: { 'X-Seller-Desk-Token': u.searchParams.get('token') ?? '', 'Content-Type': 'application/json' },
    body: '{"limit":2}',
  });
  expect(((await res.json()) as { value: { rows: unknown[] } }).value.rows).toHaveLength(2);
  expect((await fetch(`${u.origin}/api/orders:list`, { method: 'POST', body: '{}' })).status).toBe(401);
  serve.kill('SIGTERM');
  expect(await exited).toBe(0);
});
