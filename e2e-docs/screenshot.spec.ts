// The pictures in docs/: every page of the real app at a 1366×768 laptop size (docs/screens.md shows them, one line
// each), most in English and light, a few in 简体中文 and in the dark theme; plus the README's orders page. They rewrite
// tracked files, so they run only in `npm run docs:screenshots`, never in `npm test`. The states are the ones the
// accessibility scan checks (e2e/scenes.ts). Viewport-sized PNGs only, never full-page ones.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '../e2e/fixtures';
import { REPO_ROOT } from '../e2e/processes';
import { BillsPage } from '../e2e/pages/BillsPage';
import type { DetailPanel } from '../e2e/pages/DetailPanel';
import { SupervisionPage } from '../e2e/pages/SupervisionPage';
import {
  addCannedReason,
  addRequestLine,
  hostNeedingRecovery,
  openDraft,
  proofsList,
  readyDraft,
  refusedReject,
  showTheme,
  switchLanguage,
  syncAgain,
  syncCenterWithConflict,
  type Theme,
} from '../e2e/scenes';

const DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * Saves the window as docs/screenshots/<name>.png: no notifications, pointer out of the way, no focus ring, no
 * animations.
 */
async function shoot(page: Page, name: string, theme: Theme = 'light'): Promise<void> {
  // The first sync's "New bill" notifications would cover half of every picture: dismissed, as a user would.
  const toasts = page.getByTestId('toast');
  while ((await toasts.count()) > 0) await toasts.first().locator('.icon-btn').click();
  await showTheme(page, theme);
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await mkdir(DIR, { recursive: true });
  await page.screenshot({ path: path.join(DIR, `${name}.png`), animations: 'disabled' });
}

/** The order's detail open beside the whole list (found by its number, then the search cleared). */
async function openInWholeList(page: Page, orderLineId: string): Promise<DetailPanel> {
  const supervision = new SupervisionPage(page);
  const detail = await supervision.openOrder(orderLineId);
  const clear = page.getByTestId('search-clear');
  if (await clear.isVisible()) await clear.click();
  await expect(supervision.rows.nth(10)).toBeVisible();
  await expect(detail.root).toHaveAttribute('data-order-line-id', orderLineId);
  return detail;
}

test('Service Supervision with an order open, the reject dialog; in 简体中文 and dark', async ({
  page,
  sim,
  shell,
}) => {
  test.setTimeout(180_000);
  const lineId = await addRequestLine(sim, 'CSE2ED000001-000001');
  await syncAgain(shell);
  await addCannedReason(page, shell);
  const detail = await openInWholeList(page, lineId);
  await expect(detail.root.getByTestId('action-request')).toBeVisible();
  await shoot(page, 'supervision');

  await detail.root.getByTestId('action-reject').click();
  await expect(page.getByTestId('reject-canned-pick')).toHaveCount(1);
  await shoot(page, 'reject-dialog');
  await page.keyboard.press('Escape');

  await switchLanguage(page, shell, 'zh-CN');
  await openInWholeList(page, lineId);
  await shoot(page, 'supervision-zh-dark', 'dark');
});

test('the proof editor with a draft, the deliver dialog, the Proofs list; the editor in dark', async ({
  page,
  sim,
  shell,
}) => {
  test.setTimeout(180_000);
  const lineId = await readyDraft(page, sim, shell);
  await proofsList(page, shell);
  await shoot(page, 'proofs');

  const editor = await openDraft(page, shell, lineId);
  await shoot(page, 'proof-editor');
  await shoot(page, 'proof-editor-dark', 'dark');

  await editor.deliver.click();
  await expect(editor.deliverDialog).toBeVisible();
  await shoot(page, 'deliver-dialog');
});

test('the Sync Center with a refused item, in English and 简体中文', async ({ page, sim, shell }) => {
  test.setTimeout(180_000);
  const lineId = await refusedReject(page, sim, shell, 'CSE2ED000002-000001');
  await syncCenterWithConflict(page, lineId);
  await shoot(page, 'sync-center');
  await switchLanguage(page, shell, 'zh-CN');
  await syncCenterWithConflict(page, lineId);
  await shoot(page, 'sync-center-zh');
});

test('Bills: the list and a bill; Settings', async ({ page, shell }) => {
  await shell.waitForFirstSync();
  await shell.goTo('bills');
  const bills = new BillsPage(page);
  await expect(bills.chart.locator('svg')).toBeVisible();
  await shoot(page, 'bills');
  await bills.rows.first().getByTestId('bill-open').click();
  await expect(bills.lines.first()).toBeVisible();
  await shoot(page, 'bill');

  await addCannedReason(page, shell);
  await shoot(page, 'settings');
});

test('the recovery screen', async ({ page, dataDir, sim }) => {
  const { proc, url } = await hostNeedingRecovery(dataDir, sim);
  try {
    await page.goto(url);
    await expect(page.getByTestId('recovery-screen')).toBeVisible();
    await shoot(page, 'recovery');
  } finally {
    await proc.stop();
  }
});

test('saves docs/screenshot-orders.png (the README’s picture)', async ({ page, shell, supervision }) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await shell.waitForFirstSync();
  await expect(supervision.rows.nth(10)).toBeVisible();
  // The whole list, one row selected with the keyboard, as a user would leave it.
  await supervision.grid.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(supervision.rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.mouse.move(0, 0); // no hover highlight in the picture
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshot-orders.png'), animations: 'disabled' });
});
