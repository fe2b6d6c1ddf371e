// The end-to-end fixture (docs/architecture.md "Tests"): each test gets its own temp data folder, its own simulator
// process and its own browser host process, both from the built CLI, and a page opened on the host.
import { test as base, expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCli, type RunningProcess } from './processes';
import { AppShell } from './pages/AppShell';
import { SupervisionPage } from './pages/SupervisionPage';
import { SettingsPage } from './pages/SettingsPage';

export interface Simulator {
  url: string;
  ak: string;
  sk: string;
  token: string;
  /** Stopping the simulator = killing its process (the marketplace goes away mid-session). */
  stop(): Promise<void>;
  /** Starts it again on the same port, database and control token (the marketplace comes back). */
  restart(): Promise<void>;
}

export interface Host {
  /** The printed URL, with its `?token=` (a new one after a restart). */
  readonly url: string;
  stop(): Promise<void>;
  /**
   * Stops the host (SIGKILL with `kill`: a forced quit) and starts it again on the same data folder; resolves to the
   * new URL.
   */
  restart(opts?: { kill?: boolean }): Promise<string>;
}

interface WorkerFixtures {
  /** A temp folder for the worker's whole life; the CLI processes it starts keep their compiled code there. */
  workerDir: string;
  /**
   * The simulator's database as `sim --seed SEED --orders ORDERS` leaves it, made once per worker; each test starts
   * its simulator on a copy of its own.
   */
  seededSimDb: string;
  /** Fails the worker when a --disable-features of ours drops one of Playwright's (playwright.config.ts). */
  featuresKept: void;
}

interface Fixtures {
  dataDir: string;
  sim: Simulator;
  host: Host;
  shell: AppShell;
  supervision: SupervisionPage;
  settings: SettingsPage;
}

/** Demo size for the tests: the default-sized seed, deterministic. */
export const SEED = 1;
export const ORDERS = 300;

async function attachOutput(
  name: string,
  proc: RunningProcess,
  failed: boolean,
  info: { attach(name: string, o: { body: string; contentType: string }): Promise<void> },
) {
  if (failed) await info.attach(`${name}.log`, { body: proc.output.join('\n'), contentType: 'text/plain' });
}

/** What the simulator prints once it listens: its URL. */
const SIM_LISTENING = { url: /Simulator listening on (http:\/\/127\.0\.0\.1:\d+)/ };

/** The simulator's command line: the same for the seeding run, each test's start and its restarts. */
const simArgs = (db: string, port: string, token?: string): string[] => [
  ...['sim', '--port', port, '--seed', String(SEED), '--orders', String(ORDERS), '--db', db],
  ...(token ? ['--token', token] : []),
];

export const test = base.extend<Fixtures, WorkerFixtures>({
  workerDir: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'seller-desk-e2e-worker-'));
      // The built CLI compiled once per worker, not once per process (Node's compile cache): a test starts two or
      // three of them and the run is CPU-bound (docs/testing.md "Time"). Read by the processes started from here only.
      process.env.NODE_COMPILE_CACHE = path.join(dir, 'compile-cache');
      await use(dir);
      delete process.env.NODE_COMPILE_CACHE;
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker', auto: true },
  ],

  featuresKept: [
    async ({ browser }, use) => {
      // Chromium keeps only the last --disable-features: every feature Playwright disables (its first one) must be
      // in the last, or a Playwright upgrade that adds one would silently lose it here.
      const page = await browser.newPage();
      await page.goto('chrome://version');
      const line = (await page.locator('#command_line').textContent()) ?? '';
      await page.context().close();
      const lists = [...line.matchAll(/--disable-features=(\S+)/g)].map((m) => m[1].split(','));
      const lost = (lists[0] ?? []).filter((f) => !(lists.at(-1) ?? []).includes(f));
      if (lost.length > 0)
        throw new Error(
          `playwright.config.ts: add ${lost.join(', ')} to PLAYWRIGHT_DISABLED_FEATURES (Playwright's own)`,
        );
      await use();
    },
    { scope: 'worker', auto: true },
  ],

  seededSimDb: [
    async ({ workerDir }, use) => {
      // Seeding the ORDERS lines and twelve months of bills is most of a simulator's start; a simulator given a
      // database it seeded before keeps it as it is (what restart() relies on too), so each test gets a copy.
      const dir = path.join(workerDir, 'seeded');
      const db = path.join(dir, 'sim.db');
      const { proc, found } = await startCli('sim', simArgs(db, '0'), SIM_LISTENING);
      // An answer, whatever it is, means its event loop runs: its SIGTERM handler, set up right after the lines it
      // prints, is in place. SIGTERM then closes the database, which leaves everything in the one file.
      await fetch(found.url);
      await proc.stop();
      const left = (await readdir(dir)).filter((f) => f !== 'sim.db');
      if (left.length > 0)
        throw new Error(`the seeded simulator database was not closed (${left.join(', ')})\n${proc.output.join('\n')}`);
      await use(db);
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern for fixture dependencies
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seller-desk-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  sim: async ({ dataDir, seededSimDb }, use, info) => {
    const db = path.join(dataDir, 'sim.db');
    await copyFile(seededSimDb, db);
    const args = (port: string, token?: string) => simArgs(db, port, token);
    const first = await startCli('sim', args('0'), {
      ...SIM_LISTENING,
      ak: /^AK\s+(\S+)/,
      sk: /^SK\s+(\S+)/,
      token: /^Sim token\s+(\S+)/,
    });
    const found = first.found;
    let proc = first.proc;
    const earlier: string[] = [];
    const restart = async (): Promise<void> => {
      await proc.stop({ signal: 'SIGKILL' });
      earlier.push(...proc.output);
      // The same --db keeps everything the marketplace held; the same port and token keep the app's settings valid.
      ({ proc } = await startCli('sim', args(new URL(found.url).port, found.token), SIM_LISTENING));
    };
    await use({
      url: found.url,
      ak: found.ak,
      sk: found.sk,
      token: found.token,
      stop: () => proc.stop({ signal: 'SIGKILL' }),
      restart,
    });
    proc.output.unshift(...earlier);
    await attachOutput('sim', proc, info.status !== info.expectedStatus, info);
    await proc.stop();
  },

  host: async ({ dataDir, sim }, use, info) => {
    const serve = (connect: string[] = [], stdin?: string) =>
      startCli(
        'host',
        ['serve', '--data-dir', dataDir, '--port', '0', ...connect],
        { url: /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/ },
        { stdin },
      );
    // Connected as `account set` would (the SK on stdin), by the host itself: one process fewer per test. A restart
    // serves the same folder with the account it saved, as a user's restart does.
    let { proc, found } = await serve(['--endpoint', sim.url, '--ak', sim.ak, '--sk-stdin'], sim.sk);
    const earlier: string[] = [];
    await use({
      get url() {
        return found.url;
      },
      stop: () => proc.stop(),
      restart: async ({ kill = false } = {}) => {
        await proc.stop(kill ? { signal: 'SIGKILL' } : undefined);
        earlier.push(...proc.output);
        ({ proc, found } = await serve());
        return found.url;
      },
    });
    proc.output.unshift(...earlier);
    await attachOutput('host', proc, info.status !== info.expectedStatus, info);
    await proc.stop();
  },

  shell: async ({ page, host }, use) => {
    // The UI must run clean: no uncaught errors, nothing blocked by the Content Security Policy.
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Uncaught/i.test(msg.text()))
        problems.push(`console: ${msg.text()}`);
    });
    await page.goto(host.url);
    await expect(page).not.toHaveURL(/token=/); // the shim takes the token out of the address bar
    await use(new AppShell(page));
    expect(problems, 'page errors').toEqual([]);
  },

  supervision: async ({ page, shell }, use) => {
    await shell.goTo('supervision');
    await use(new SupervisionPage(page));
  },

  settings: async ({ page, shell }, use) => {
    await shell.goTo('settings');
    await use(new SettingsPage(page));
  },
});

/** A call to the simulator's control API (X-Sim-Token); anything but 200 fails the test. */
export async function control(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'X-Sim-Token': sim.token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

export const DAY = 86_400_000;

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** What the proof specs type into the Data Migration template's items (marketplace-sim/templates.ts). */
export const MIGRATION_ITEMS = {
  scope: 'Oracle 11g → RDS for PostgreSQL',
  report: '迁移完成。All schemas moved.',
  date: '2025-06-01',
  gb: '64',
  checks: ['客户签字确认 / Customer sign-off'],
};

/**
 * Supervised order lines in the given stages, placed at `placedAt`, made on the simulator; then "Sync now" (callers
 * that need the pull finished wait for it). Answers the new lines' ids in the same order.
 */
export async function createSupervisedLines(
  sim: Simulator,
  shell: AppShell,
  stages: readonly string[],
  placedAt: number,
): Promise<string[]> {
  const lines = stages.map((stage) => ({ createTime: new Date(placedAt).toISOString(), supervision: { stage } }));
  const created = await control(sim, 'POST', '/sim/v1/order-lines', { lines });
  await shell.syncNow.click();
  return created.orderLineIds as string[];
}

/** A screenshot of the page (pointer out of the way, no animations), attached to the test as an artifact. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  const file = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

/** The file a click downloads, saved among the test's outputs (as `name`, else the suggested name) and read back. */
export async function downloadOf(
  page: Page,
  click: () => Promise<void>,
  name?: string,
): Promise<{ path: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await click();
  const d = await download;
  const file = test.info().outputPath(name ?? d.suggestedFilename());
  await d.saveAs(file);
  return { path: file, bytes: await readFile(file) };
}

export { expect };
export type { Page };
