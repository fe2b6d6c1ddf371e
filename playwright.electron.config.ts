// `npm run test:electron`: the desktop smoke test (e2e-electron/) with Playwright's `_electron`. Kept apart from
// playwright.config.ts (testDir e2e, Debian's Chromium against the browser host): this one needs Electron's binary —
// `node node_modules/electron/install.js` — or a packaged app named by SELLER_DESK_APP_PATH, and a display (xvfb-run
// on a Linux server). The desktop workflow runs it against each installer's unpacked app.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e-electron',
  outputDir: 'test-results/electron',
  timeout: 240_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1, // one app at a time: both runs of the smoke test share a data folder, in order
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
});
