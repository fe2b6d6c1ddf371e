// Every UI string in English and Simplified Chinese; the choice persists (settings:set).
import { test, expect } from './fixtures';

test('switch to 简体中文: labels change and the choice persists', async ({ page, host, shell, settings }) => {
  await expect(shell.navItem('supervision')).toHaveText('Service Supervision');
  await settings.setLanguage('zh-CN');
  await expect(shell.navItem('supervision')).toHaveText('服务监管');
  await expect(shell.navItem('settings')).toHaveText('设置');
  await expect(shell.syncNow).toContainText(/立即同步|同步中/);

  await shell.goTo('supervision');
  await expect(page.getByTestId('quick-needs_action')).toHaveText('待我处理');
  await expect(page.getByRole('columnheader').first()).toContainText('订单号');

  // Persisted in main, not in the page: a fresh browser context on the same host opens in Chinese.
  const other = await page.context().browser()!.newContext({ locale: 'en-US' });
  const second = await other.newPage();
  await second.goto(host.url);
  await expect(second.getByTestId('nav-supervision')).toHaveText('服务监管');
  await other.close();

  await page.reload();
  await expect(shell.navItem('supervision')).toHaveText('服务监管');
});
