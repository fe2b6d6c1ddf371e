// The desktop smoke test (Playwright `_electron`): the Electron app itself, not the browser host — the app built by
// `npm run build` (started as `electron .`) or, when SELLER_DESK_APP_PATH names one, a packaged executable. It opens on
// the demo, lists the demo's order lines, keeps a proof draft across a restart on the same data folder (P4) and quits
// with exit code 0. The UI is driven through the browser-host tests' page objects (e2e/pages/).
import {
  _electron as electron,
  test as base,
  expect,
  type ElectronApplication,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppShell } from '../e2e/pages/AppShell';
import { ProofEditorPage } from '../e2e/pages/ProofEditorPage';
import { SupervisionPage } from '../e2e/pages/SupervisionPage';

const REPO_ROOT = path.resolve(__dirname, '..');

interface AppTarget {
  /** Unset for the built app: Playwright then starts node_modules/electron with its loader. */
  executablePath?: string;
  /** What comes before our arguments: the app folder for `electron .`, nothing for a packaged app. */
  args: string[];
}

/** node_modules/electron's binary where its index.js looks for it (path.txt names it inside dist/), or null. */
function electronBinary(): string | null {
  const dir = path.join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const name = readFileSync(pathFile, 'utf8').trim();
  const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name)
    : path.join(dir, 'dist', name);
  return existsSync(bin) ? bin : null;
}

/** The app to start; a missing one is one sentence, thrown before anything runs (not a launch timeout). */
function appTarget(): AppTarget {
  const packaged = process.env.SELLER_DESK_APP_PATH;
  if (packaged) {
    const executablePath = path.resolve(REPO_ROOT, packaged);
    if (!existsSync(executablePath)) {
      throw new Error(
        `SELLER_DESK_APP_PATH names ${executablePath}, which does not exist: run \`npm run dist\` first, ` +
          'or unset it to test the app built by `npm run build`.',
      );
    }
    return { executablePath, args: [] };
  }
  if (!electronBinary()) {
    throw new Error(
      "Electron's binary is not installed: run `node node_modules/electron/install.js` " +
        '(package.json "allowScripts" keeps npm from running it), ' +
        'or set SELLER_DESK_APP_PATH to a packaged Seller Desk.',
    );
  }
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'main', 'app.cjs'))) {
    throw new Error('The app is not built: run `npm run build` (`npm run test:electron` does it first).');
  }
  return { args: ['.'] };
}

/** One run of the app, from launch to exit. */
class Session {
  /** Uncaught errors and Content Security Policy violations in the window. */
  readonly problems: string[] = [];
  closed = false;
  private traceSaved = false;

  constructor(
    readonly name: string,
    readonly app: ElectronApplication,
    readonly page: Page,
    readonly output: string[],
    private readonly exited: Promise<number | null>,
    private readonly info: TestInfo,
  ) {
    page.on('pageerror', (err) => this.problems.push(`uncaught: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Uncaught/i.test(msg.text())) {
        this.problems.push(`console: ${msg.text()}`);
      }
    });
  }

  /** The titles of the app's windows, as the OS shows them. */
  windowTitles(): Promise<string> {
    return this.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()
        .map((w) => w.getTitle())
        .join(' | '),
    );
  }

  /** Quits the way the app menu does (app.quit()); resolves to the process's exit code. */
  async quit(): Promise<number | null> {
    await this.saveTrace();
    await this.app.close();
    return this.exitCode();
  }

  /** Closes the window as its close button does (BrowserWindow.close()); resolves to the exit code once it quit. */
  async closeWindow(): Promise<number | null> {
    await this.saveTrace();
    // On macOS an app outlives its last window (main/app/main.ts 'window-all-closed'): there it is then quit as the
    // menu does, once the window is gone.
    const macOS = process.platform === 'darwin';
    const windowGone = macOS ? this.page.waitForEvent('close', { timeout: 30_000 }) : null;
    await this.app.evaluate(({ BrowserWindow }) => {
      for (const w of BrowserWindow.getAllWindows()) w.close();
    });
    if (windowGone) {
      await windowGone;
      await this.app.close();
    }
    return this.exitCode();
  }

  /** After a failure: a screenshot and the trace of a run still open, and what the process printed. */
  async keepEvidence(): Promise<void> {
    if (!this.closed) {
      const shot = this.info.outputPath(`${this.name}-failure.png`);
      if (
        await this.page.screenshot({ path: shot }).then(
          () => true,
          () => false,
        )
      ) {
        await this.info.attach(`${this.name}-failure`, { path: shot, contentType: 'image/png' });
      }
      await this.saveTrace().catch(() => undefined);
    }
    const trace = this.info.outputPath(`${this.name}-trace.zip`);
    if (existsSync(trace)) {
      await this.info.attach(`${this.name}-trace`, { path: trace, contentType: 'application/zip' });
    }
    await this.info.attach(`${this.name}.log`, { body: this.output.join(''), contentType: 'text/plain' });
  }

  async forceClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.app.close().catch(() => undefined);
  }

  private async saveTrace(): Promise<void> {
    if (this.traceSaved) return;
    this.traceSaved = true;
    await this.app.context().tracing.stop({ path: this.info.outputPath(`${this.name}-trace.zip`) });
  }

  private async exitCode(timeoutMs = 30_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      const error = new Error(`${this.name}: the app did not exit within ${timeoutMs / 1000} s`);
      timer = setTimeout(() => reject(error), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
      this.closed = true;
    }
  }
}

interface Desktop {
  /** Starts the app on the demo, on this test's data folder (the same folder every time). */
  launch(name: string): Promise<Session>;
}

const test = base.extend<{ desktop: Desktop }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern for fixture dependencies
  desktop: async ({}, use, info) => {
    const target = appTarget();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'seller-desk-electron-'));
    const sessions: Session[] = [];
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      // ELECTRON_RUN_AS_NODE would start Electron as plain Node.
      if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    }
    // A CI runner's keychain may prompt for access: on macOS, Chromium's mock keychain (safeStorage still encrypts).
    const keychain = process.platform === 'darwin' ? ['--use-mock-keychain'] : [];

    await use({
      launch: async (name) => {
        const app = await electron.launch({
          executablePath: target.executablePath,
          args: [...target.args, '--demo', `--data-dir=${dataDir}`, ...keychain],
          cwd: REPO_ROOT,
          env,
          timeout: 90_000,
        });
        const child = app.process();
        const exited = new Promise<number | null>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
          else child.once('exit', (code) => resolve(code));
        });
        const output: string[] = [];
        child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        await app.context().tracing.start({ screenshots: true, snapshots: true });
        const page = await app.firstWindow({ timeout: 60_000 }).catch(async (err: unknown) => {
          await app.close().catch(() => undefined);
          const printed = output.join('').trim();
          const tail = printed ? `\nThe app printed:\n${printed}` : '';
          throw new Error(`${name}: no window opened (${String(err)})${tail}`);
        });
        const session = new Session(name, app, page, output, exited, info);
        sessions.push(session);
        return session;
      },
    });

    const failed = info.status !== info.expectedStatus;
    for (const s of sessions) {
      if (failed) await s.keepEvidence();
      await s.forceClose();
    }
    const mainLog = path.join(dataDir, 'logs', 'main.log');
    if (failed && existsSync(mainLog)) await info.attach('main.log', { path: mainLog, contentType: 'text/plain' });
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  },
});

/** The Service Supervision page once the first sync with the demo marketplace is done, showing every cached line. */
async function demoOrderLines(page: Page): Promise<SupervisionPage> {
  const shell = new AppShell(page);
  await shell.waitForFirstSync(90_000);
  await shell.expectConnection('online');
  await shell.goTo('supervision');
  const supervision = new SupervisionPage(page);
  const cached = await shell.cachedLineCount();
  expect(cached, 'order lines cached from the demo marketplace').toBeGreaterThan(0);
  await supervision.expectTotal((n) => n === cached, `the list shows all ${cached} cached lines`);
  const rows = await supervision.visibleRows();
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.orderLineId, 'each row names its order line').not.toBe('');
  return supervision;
}

/** Opens the proof editor on the first demo order the seller can deliver now (S3: awaiting delivery, no appeal). */
async function startDraft(
  page: Page,
  supervision: SupervisionPage,
): Promise<{ orderLineId: string; editor: ProofEditorPage }> {
  await supervision.filterStages(['awaiting_delivery']);
  await supervision.expectTotal((n) => n > 0, 'the demo has orders awaiting delivery');
  const rows = await supervision.visibleRows();
  for (const [i, row] of rows.slice(0, 5).entries()) {
    const detail = await supervision.openRow(i);
    await expect(detail.root).toContainText(row.orderLineId);
    const deliver = detail.root.getByTestId('deliver-service-open');
    await expect(deliver).toBeVisible();
    if (await deliver.isEnabled()) {
      await deliver.click();
      const editor = new ProofEditorPage(page);
      await expect(editor.root).toBeVisible();
      return { orderLineId: row.orderLineId, editor };
    }
    await detail.close(); // S5a: an open appeal freezes delivery; try the next order
  }
  throw new Error('None of the first demo orders awaiting delivery can be delivered.');
}

test('desktop app: the demo and its order lines, a proof draft kept across a restart (P4), exit code 0', async ({
  desktop,
}) => {
  const label = `Electron smoke test ${process.platform} ${Date.now()}`;

  const first = await desktop.launch('first-run');
  await expect(new AppShell(first.page).demoBadge).toBeVisible();
  // Soft: a wrong title is reported and the rest still runs.
  await expect.soft
    .poll(() => first.windowTitles(), { message: 'the window title says it is the demo' })
    .toContain('demo');
  const supervision = await demoOrderLines(first.page);
  const { orderLineId, editor } = await startDraft(first.page, supervision);
  await editor.root.getByTestId('draft-label').fill(label);
  await editor.expectSaved();
  expect(first.problems, 'uncaught errors or CSP violations in the window').toEqual([]);
  expect(await first.quit(), 'exit code after app.close()').toBe(0);

  // P4: the same data folder, a new process: the draft is there, as saved.
  const second = await desktop.launch('second-run');
  const shell = new AppShell(second.page);
  await expect(shell.demoBadge).toBeVisible();
  await shell.goTo('proofs');
  const row = second.page.locator(`[data-testid=draft-table-row][data-order-line-id="${orderLineId}"]`);
  await expect(row.getByTestId('draft-open')).toHaveText(label);
  await row.getByTestId('draft-open').click();
  const reopened = new ProofEditorPage(second.page);
  await expect(reopened.root).toBeVisible();
  await expect(reopened.root.getByTestId('draft-label')).toHaveValue(label);
  expect(second.problems, 'uncaught errors or CSP violations in the window').toEqual([]);
  expect(await second.closeWindow(), 'exit code after closing the window').toBe(0);
});
