// End-to-end tests: the real UI in Debian's Chromium against the browser host and the
// marketplace simulator, each test with its own processes and data folder (e2e/fixtures.ts).
// Never `npx playwright install`: the browser is /usr/bin/chromium (apt-get install chromium).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  // Every log the browser hosts and CLI processes write is checked for the test AK/SK at the end of the run.
  globalSetup: './main/testing/log-audit.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Each test has its own data folder, simulator and host (e2e/fixtures.ts), so tests of one file may run side by
  // side. Two workers on a 2-core machine: a test spends most of its time waiting (page loads, syncs, the retry backoff
  // before "offline"), and two at a time cut the suite's wall time by about a third without crowding the cores.
  fullyParallel: true,
  workers: 2,
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
      ],
    },
  },
});
