// docs/architecture.md "Data": a database zeroed after data existed is never replaced by a new one. The browser host
// still serves the window, which shows the recovery screen; "Restore latest backup" brings the orders back — from the
// backup, not from the marketplace (the simulator is stopped first).
import { truncate } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './fixtures';
import { runCli, startCli } from './processes';
import { AppShell } from './pages/AppShell';
import { SupervisionPage } from './pages/SupervisionPage';

test('a zeroed database → the recovery screen → "Restore latest backup" → the app with its orders', async ({
  page,
  dataDir,
  sim,
}) => {
  const dd = ['--data-dir', dataDir];
  await runCli('account', ['account', 'set', ...dd, '--endpoint', sim.url, '--ak', sim.ak, '--sk-stdin'], sim.sk);
  await runCli('sync', ['sync', ...dd]);
  await runCli('backup', ['db', 'backup', ...dd]);
  await sim.stop();
  await truncate(path.join(dataDir, 'account', 'seller-desk.db'), 0);

  const { proc, found } = await startCli('host', ['serve', ...dd, '--port', '0'], {
    url: /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  });
  try {
    await page.goto(found.url);
    await expect(page.getByTestId('recovery-screen')).toBeVisible();
    await expect(page.getByTestId('recovery-problem')).toHaveAttribute('data-kind', 'empty');
    await expect(page.getByTestId('recovery-problem')).toHaveText(/empty \(0 bytes\)/);
    await page.getByTestId('restore-latest').click();

    await expect(page.getByTestId('recovery-screen')).toHaveCount(0);
    const shell = new AppShell(page);
    await expect(shell.statusBar).toBeVisible();
    expect(await new SupervisionPage(page).total()).toBe(300);
    expect(await shell.cachedLineCount()).toBe(300);
  } finally {
    await proc.stop();
  }
});
