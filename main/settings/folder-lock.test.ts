// docs/architecture.md "Data": one process owns a data folder. A real child process (`seller-desk serve`, the built
// command's code bundled) holds the folder; writing commands and a second host are refused with its kind and pid,
// read-only commands run beside it without touching its in-flight outbox items, and once it is SIGKILLed the folder
// is taken over at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { upsertOrderLines } from '../orders/order-lines';
import { makeLine } from '../orders/testing/order-line-fixture';
import { enqueueAction } from '../outbox/enqueue';
import { outboxHistory } from '../outbox/repo';
import { bundleChild } from '../testing/bundle-child';
import { lines, run } from '../cli/testing/support';
import { acquireFolderLock, FolderInUseError, OWNER_LOCK_FILE } from './folder-lock';
import { profilePaths } from './paths';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'seller-desk-folder-lock');
const CLI = join(OUT_DIR, 'cli.cjs');
const LINE = 'CSLOCK000001-000001';
const posix = process.platform !== 'win32';
const mode = (file: string): number => statSync(file).mode & 0o777;

let root: string;
beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  await bundleChild(join(ROOT, 'main/cli.ts'), CLI);
  root = mkdtempSync(join(tmpdir(), 'sd-folder-lock-'));
}, 60_000);
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** `seller-desk serve` in a child process; resolves once it prints its URL. */
function startServe(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), SELLER_DESK_LOG: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((ok, fail) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('Seller Desk is running at ')) ok(child);
    });
    child.on('exit', (code) => fail(new Error(`serve exited (${code}): ${stderr}`)));
  });
}

const exited = (child: ChildProcess): Promise<unknown> =>
  new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));

describe('one owner per data folder (docs/architecture.md "Data")', () => {
  it('a second process is refused with the holder kind/pid; read-only commands run meanwhile; a killed holder is taken over', async () => {
    const dataDir = join(root, 'two');
    const dd = ['--data-dir', dataDir];
    const paths = profilePaths(dataDir, false);
    // A cached order line with a queued action, made before the host starts.
    mkdirSync(paths.dir, { recursive: true });
    const seed = openDatabase(paths.db);
    upsertOrderLines(seed, [
      makeLine({
        orderId: LINE.slice(0, 12),
        stage: 'request_pending',
        requestSubmittedAt: '2025-04-02T01:00:00.000Z',
      }),
    ]);
    const item = enqueueAction(
      seed,
      { orderLineId: LINE, kind: 'request.accept' },
      { clock: { now: () => Date.now() } },
    );
    seed.close();

    const host = await startServe(dataDir);
    try {
      // The host's sender has this item in flight (what its own POST would look like in the database).
      const raw = openDatabase(paths.db);
      raw.prepare("UPDATE outbox SET state = 'sending' WHERE id = ?").run(item.id);
      raw.close();

      for (const args of [['sync'], ['requests', 'accept', LINE], ['serve', '--port', '0']]) {
        const r = await run([...args, ...dd]);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stdout).toBe('');
        const err = lines(r.stderr);
        expect(err).toHaveLength(1);
        expect(err[0]).toMatch(
          new RegExp(
            `^seller-desk: the data folder .* is in use by the browser host \\(seller-desk serve\\) \\(pid ${host.pid}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)`,
          ),
        );
      }

      // Read-only commands open beside the owner, and leave its in-flight item alone (no re-marking).
      const list = await run(['outbox', 'list', '--json', ...dd]);
      expect(list.stderr).toBe('');
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as Array<{ id: string; state: string }>).map((i) => [i.id, i.state])).toEqual([
        [item.id, 'sending'],
      ]);
      const orders = await run(['orders', 'list', ...dd]);
      expect(orders.code).toBe(0);
      expect(orders.stdout).toContain(LINE);
      expect((await run(['orders', 'show', LINE, '--json', ...dd])).code).toBe(0);
      expect((await run(['bills', 'list', ...dd])).code).toBe(0);
      const check = openDatabase(paths.db, { readOnly: true });
      expect(outboxHistory(check, item.id).map((e) => e.event)).not.toContain('recovered');
      check.close();

      // docs/architecture.md "Security": the profile folder 0700, the database and its -wal/-shm 0600.
      if (posix) {
        expect(mode(paths.dir)).toBe(0o700);
        for (const f of [paths.db, `${paths.db}-wal`, `${paths.db}-shm`, join(paths.dir, OWNER_LOCK_FILE)])
          expect(mode(f), f).toBe(0o600);
      }
    } finally {
      host.kill('SIGKILL');
      await exited(host);
    }

    // The owner died without releasing anything: the next writer takes the folder at once and recovers the item.
    const taken = await run(
      ['account', 'set', '--endpoint', 'http://127.0.0.1:9', '--ak', 'AKLOCKTEST001234', '--sk-stdin', ...dd],
      { stdin: 'sk-lock-test' },
    );
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('AK set (ending …1234)');
    expect(taken.stdout).not.toContain('AKLOCKTEST001234');
    const after = openDatabase(paths.db, { readOnly: true });
    expect(outboxHistory(after, item.id).map((e) => e.event)).toContain('recovered');
    after.close();
  }, 30_000);

  it('in one process: the second taker is refused with the first one’s metadata; after release the folder is free', () => {
    const dir = join(root, 'same', 'account');
    const first = acquireFolderLock(
      dir,
      { kind: 'cli', command: 'proof submit' },
      { now: () => Date.parse('2025-06-01T01:00:00Z') },
    );
    let refused: unknown;
    try {
      acquireFolderLock(dir, { kind: 'desktop' });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(FolderInUseError);
    expect((refused as FolderInUseError).holder).toMatchObject({
      kind: 'cli',
      command: 'proof submit',
      pid: process.pid,
      since: Date.parse('2025-06-01T01:00:00Z'),
    });
    expect((refused as Error).message).toContain(
      `in use by the command seller-desk proof submit (pid ${process.pid}, since 2025-06-01T01:00:00.000Z)`,
    );
    first.release();
    first.release(); // idempotent
    const second = acquireFolderLock(dir, { kind: 'desktop' });
    expect(second.owner.kind).toBe('desktop');
    second.release();
    if (posix) expect(mode(dir)).toBe(0o700);
  });

  it('a lock file that is not a database (truncated, overwritten) is replaced, not fatal', () => {
    const dir = join(root, 'garbage', 'account');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, OWNER_LOCK_FILE),
      'this is not an SQLite database, just 100 bytes of text …………………………………………………………',
    );
    const lock = acquireFolderLock(dir, { kind: 'browser-host' });
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });
});
