// The end-to-end fixture (docs/architecture.md "Tests"): each test gets its own temp data folder, its own simulator
// process and its own browser host process, both from the built CLI, and a page opened on the host.
import { test as base, expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, startCli, type RunningProcess } from './processes';
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

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern for fixture dependencies
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seller-desk-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  sim: async ({ dataDir }, use, info) => {
    const args = (port: string, token?: string) => [
      ...[
        'sim',
        '--port',
        port,
        '--seed',
        String(SEED),
        '--orders',
        String(ORDERS),
        '--db',
        path.join(dataDir, 'sim.db'),
      ],
      ...(token ? ['--token', token] : []),
    ];
    const listening = { url: /Simulator listening on (http:\/\/127\.0\.0\.1:\d+)/ };
    const first = await startCli('sim', args('0'), {
      ...listening,
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
      ({ proc } = await startCli('sim', args(new URL(found.url).port, found.token), listening));
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
    await runCli(
      'account',
      ['account', 'set', '--data-dir', dataDir, '--endpoint', sim.url, '--ak', sim.ak, '--sk-stdin'],
      sim.sk,
    );
    const serve = () =>
      startCli('host', ['serve', '--data-dir', dataDir, '--port', '0'], {
        url: /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
      });
    let { proc, found } = await serve();
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
