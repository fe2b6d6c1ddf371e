// The README's screenshot of the orders page, taken from the real app at a desktop size. It rewrites the tracked
// docs/screenshot-orders.png, so it runs only in `npm run docs:screenshots`, never in `npm test`.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../e2e/fixtures';
import { REPO_ROOT } from '../e2e/processes';

test('saves docs/screenshot-orders.png', async ({ page, shell, supervision }) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await shell.waitForFirstSync();
  await expect(supervision.rows.nth(10)).toBeVisible();
  // The whole list, one row selected with the keyboard, as a user would leave it.
  await supervision.grid.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(supervision.rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.mouse.move(0, 0); // no hover highlight in the picture
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const file = path.join(REPO_ROOT, 'docs', 'screenshot-orders.png');
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, animations: 'disabled' });
});
