// A failing sync is said in words (docs/marketplace-api.md "Errors"): a wrong SK is "Sync failed: the marketplace
// refused the access key (401) — check Settings" in the status bar (not "Online"), Settings' "Test connection" says
// why, both in English and Chinese; with no account, "Sync now" opens Settings.
import path from 'node:path';
import { test, expect } from './fixtures';
import { startCli } from './processes';
import { AppShell } from './pages/AppShell';

test('wrong SK → the status bar says sync failed with 401 in words; Test connection shows the reason', async ({
  shell,
  settings,
}) => {
  await shell.waitForFirstSync();
  await shell.expectConnection('online');
  await shell.goTo('settings');
  await settings.skReplace.click();
  await settings.sk.fill('sk-not-the-right-one');
  await settings.save.click();
  await expect(settings.saved).toBeVisible();

  // Saving the connection syncs at once: the marketplace refuses the signature.
  await shell.expectConnection('failed');
  await expect(shell.syncFailure).toHaveText(
    'Sync failed: the marketplace refused the access key (401) — check Settings',
  );
  await settings.test.click();
  await expect(settings.testResult).toHaveText('Not connected: the marketplace refused the access key (401)');

  await settings.setLanguage('zh-CN');
  await expect(shell.syncFailure).toHaveText('同步失败：云商店拒绝了访问密钥（401） — 请检查设置');
  await expect(settings.testResult).toHaveText('连接失败：云商店拒绝了访问密钥（401）');
});

test('no account: "Sync now" opens Settings', async ({ page, dataDir }) => {
  const { proc, found } = await startCli(
    'host',
    ['serve', '--data-dir', path.join(dataDir, 'no-account'), '--port', '0'],
    {
      url: /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
    },
  );
  try {
    await page.goto(found.url);
    const shell = new AppShell(page);
    await shell.expectConnection('unconfigured');
    await shell.syncNow.click();
    await expect(shell.navItem('settings')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('settings-endpoint')).toBeVisible();
  } finally {
    await proc.stop();
  }
});
