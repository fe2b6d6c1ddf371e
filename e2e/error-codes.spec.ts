// "Not connected" in words (not_configured, common/api/result.ts): with no marketplace account, a call that needs the
// marketplace — "Import order by id" — says "Not connected to the marketplace — set the endpoint, AK and SK in
// Settings" in English and Chinese, with a button that opens Settings.
import path from 'node:path';
import { test, expect } from './fixtures';
import { startCli } from './processes';
import { AppShell } from './pages/AppShell';
import { SettingsPage } from './pages/SettingsPage';

test('no account: importing an order says "Not connected to the marketplace" in both languages, and "Open Settings" opens Settings', async ({
  page,
  dataDir,
}) => {
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

    const importOrder = async (): Promise<ReturnType<typeof page.getByTestId>> => {
      await page.getByTestId('import-open').click();
      const dialog = page.getByTestId('import-dialog');
      await dialog.getByTestId('import-order-id').fill('CS2504011200ABCDE');
      await dialog.getByTestId('import-submit').click();
      return dialog;
    };

    let dialog = await importOrder();
    await expect(dialog.getByRole('alert')).toContainText(
      'Not connected to the marketplace — set the endpoint, AK and SK in Settings',
    );
    await expect(dialog.getByRole('alert')).not.toContainText('not_configured');
    await dialog.getByRole('button', { name: 'Open Settings' }).click();
    await expect(shell.navItem('settings')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('settings-endpoint')).toBeVisible();

    await new SettingsPage(page).setLanguage('zh-CN');
    await shell.goTo('supervision');
    dialog = await importOrder();
    await expect(dialog.getByRole('alert')).toContainText('未连接云商店——请在“设置”中填写接口地址、AK 和 SK');
    await dialog.getByRole('button', { name: '打开设置' }).click();
    await expect(shell.navItem('settings')).toHaveAttribute('aria-current', 'page');
  } finally {
    await proc.stop();
  }
});
