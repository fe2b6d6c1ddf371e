// The marketplace going away is a calm "offline" state; the local cache stays usable.
import { test, expect } from './fixtures';

test('stop the simulator → "offline" in the status bar, and the list is still searchable', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await shell.waitForFirstSync();
  await shell.expectConnection('online');
  const all = await supervision.total();

  await sim.stop();
  await shell.syncNow.click();
  await shell.expectConnection('offline', 60_000);
  await expect(shell.connection).toHaveText(/Offline/);
  // Calm: no error banners or dialogs, the cached count is still shown.
  await expect(page.locator('.notice-error')).toHaveCount(0);
  expect(await shell.cachedLineCount()).toBe(all);

  await supervision.search(supervision.productName, '迁移');
  await supervision.expectTotal((n) => n > 0 && n < all, 'searching works from the local cache');
  for (const r of await supervision.visibleRows()) expect(r.product).toContain('迁移');
  const detail = await supervision.openRow(0);
  await expect(detail.customer).toBeVisible();
});
