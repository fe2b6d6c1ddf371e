// End-to-end tests: the real UI in Debian's Chromium against the browser host and the
// marketplace simulator, each test with its own processes and data folder (e2e/fixtures.ts).
// Never `npx playwright install`: the browser is /usr/bin/chromium (apt-get install chromium).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Each test's data folder, simulator database and browser profile in memory where Linux offers it: these tests check
// what the user sees, not what survives a power cut (the crash tests in vitest do), and on a shared virtual disk
// the fsyncs of dozens of short-lived profiles, not the tests, set the pace. Set before the workers start, so they
// inherit it.
if (process.platform === 'linux' && !process.env.SELLER_DESK_E2E_ON_DISK && existsSync('/dev/shm')) {
  process.env.TMPDIR = '/dev/shm';
}

// Chromium honours only the last --disable-features on its command line, and Playwright passes its own (copied here
// from playwright-core 1.65's chromiumSwitches): ours repeats them and adds three. Headless Chromium otherwise opens
// the address bar's popup (a WebUI page in a renderer process of its own) for every page a test opens, about a third
// of the CPU a page costs here; no test uses the address bar. e2e/fixtures.ts checks, once per worker, that none of
// Playwright's is lost.
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
const NO_ADDRESS_BAR_POPUP = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

export default defineConfig({
  testDir: 'e2e',
  // Every log the browser hosts and CLI processes write is checked for the test AK/SK at the end of the run.
  globalSetup: './main/testing/log-audit.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Each test has its own data folder, simulator and host (e2e/fixtures.ts), so tests of one file may run side by
  // side. Three workers on a 2-core machine: a test spends most of its time waiting (page loads, syncs, the retry
  // backoff before "offline"), so a third one uses time the other two leave idle; more than that crowds the cores.
  fullyParallel: true,
  workers: 3,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1400, height: 860 },
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...NO_ADDRESS_BAR_POPUP].join(',')}`,
      ],
    },
  },
});
