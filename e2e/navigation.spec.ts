// Navigation and restarts: "Back" from the proof editor returns where it was opened from (the order in Service
// Supervision, or the proofs list); any sidebar entry works while a draft is being written and nothing typed is lost
// (P4); the browser host restarted (a new address and token) is said in words in the old tab, which stops spinning;
// "Last sync" follows every exchange with the marketplace (an outbox send too) and reads "2 minutes ago".
import { test, expect, createSupervisedLines, DAY, type Simulator } from './fixtures';
import { ProofEditorPage } from './pages/ProofEditorPage';
import { SettingsPage } from './pages/SettingsPage';
import { SupervisionPage } from './pages/SupervisionPage';
import { AppShell } from './pages/AppShell';

async function createLine(sim: Simulator, shell: AppShell, stage: string): Promise<string> {
  const [lineId] = await createSupervisedLines(sim, shell, [stage], Date.now() - 2 * DAY);
  await shell.waitForFirstSync();
  return lineId;
}

test('Back from the editor returns to the order it was opened from, with that order selected; from the proofs list, to the list', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await shell.waitForFirstSync();
  const lineId = await createLine(sim, shell, 'awaiting_delivery');
  const detail = await supervision.openOrder(lineId);
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toBeVisible();

  await editor.root.getByTestId('editor-back').click();
  await expect(editor.root).toHaveCount(0);
  await expect(shell.navItem('supervision')).toHaveAttribute('aria-current', 'page');
  await expect(detail.root).toHaveAttribute('data-order-line-id', lineId);
  await expect(page.locator('[data-testid=order-row].selected')).toHaveAttribute('data-order-line-id', lineId);

  // Opened from the Delivery proofs list: "Back" is the list again.
  await shell.goTo('proofs');
  await expect(page.getByTestId('proofs-page')).toBeVisible();
  await page.locator(`[data-testid=draft-table-row][data-order-line-id="${lineId}"]`).getByTestId('draft-open').click();
  await expect(editor.root).toBeVisible();
  await editor.root.getByTestId('editor-back').click();
  await expect(page.getByTestId('proofs-page')).toBeVisible();
  await expect(shell.navItem('proofs')).toHaveAttribute('aria-current', 'page');
});

test('any sidebar entry works while a draft is written, and nothing typed is lost', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await shell.waitForFirstSync();
  const lineId = await createLine(sim, shell, 'awaiting_delivery');
  const detail = await supervision.openOrder(lineId);
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await editor.input('migrationScope').fill('Oracle → PostgreSQL, typed just before leaving');

  // Straight to another page, before the autosave's second has passed.
  await page.getByTestId('nav-sync-center').click();
  await expect(page.getByTestId('nav-sync-center')).toHaveAttribute('aria-current', 'page');
  await expect(editor.root).toHaveCount(0);
  await shell.goTo('bills');
  await shell.goTo('settings');

  // Delivery proofs shows the draft as it was left; the same entry again leaves the editor for the list.
  await shell.goTo('proofs');
  await expect(editor.input('migrationScope')).toHaveValue('Oracle → PostgreSQL, typed just before leaving');
  await editor.expectSaved();
  await shell.navItem('proofs').click();
  await expect(editor.root).toHaveCount(0);
  await expect(page.getByTestId('proofs-page')).toBeVisible();

  // Saved where it belongs: a reload (a new page, new stores) opens it with the text.
  await page.reload();
  await shell.goTo('proofs');
  await page.locator(`[data-testid=draft-table-row][data-order-line-id="${lineId}"]`).getByTestId('draft-open').click();
  await expect(editor.input('migrationScope')).toHaveValue('Oracle → PostgreSQL, typed just before leaving');
});

for (const lang of ['en', 'zh-CN'] as const) {
  const words =
    lang === 'en'
      ? {
          banner: 'Seller Desk was restarted or stopped — open it again from the link it printed.',
          status: 'Seller Desk was restarted or stopped',
        }
      : {
          banner: 'Seller Desk 已重新启动或已停止——请用它输出的链接重新打开。',
          status: 'Seller Desk 已重新启动或已停止',
        };

  test(`${lang}: after the browser host restarts, the old tab says so in words and stops spinning; the new link works`, async ({
    page,
    host,
    shell,
  }) => {
    await shell.waitForFirstSync();
    if (lang === 'zh-CN') {
      await shell.goTo('settings');
      await new SettingsPage(page).setLanguage('zh-CN');
      await expect(shell.navItem('settings')).toHaveText('设置');
    }
    await shell.goTo('supervision');
    const oldUrl = host.url;
    const newUrl = await host.restart();
    expect(new URL(newUrl).searchParams.get('token')).not.toBe(new URL(oldUrl).searchParams.get('token'));

    const banner = page.getByTestId('host-restarted');
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toContainText(words.banner);
    await expect(shell.connection).toHaveAttribute('data-state', 'host');
    await expect(shell.connection).toHaveText(words.status);
    // Nothing keeps spinning as if work went on.
    await expect(page.getByTestId('sync-progress')).toHaveCount(0);
    await expect(page.locator('.spin')).toHaveCount(0);
    await expect(shell.syncNow).toBeDisabled();
    await expect(new SupervisionPage(page).resultCount).not.toContainText(lang === 'en' ? 'updating' : '更新');

    // "Check again" asks once more and still says so (the address is gone for good).
    await banner.getByTestId('host-check-again').click();
    await expect(banner).toBeVisible();

    // The link the new run printed opens a working app.
    await page.goto(newUrl);
    await expect(shell.lastSync.locator('time')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('host-restarted')).toHaveCount(0);
    await expect(shell.connection).not.toHaveAttribute('data-state', 'host');
  });
}

test('"Last sync" moves on when an outbox send reaches the marketplace, without a pull', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await shell.waitForFirstSync();
  const lineId = await createLine(sim, shell, 'request_pending');
  await expect(shell.page.getByTestId('sync-progress')).toHaveCount(0);
  const time = shell.lastSync.locator('time');
  const before = await time.getAttribute('datetime');

  // Rejecting the customer's request goes out through the outbox at once; no order pull runs (the interval is 15 min).
  const detail = await supervision.openOrder(lineId);
  await expect.poll(async () => Date.now() - Date.parse(before!)).toBeGreaterThan(1500);
  await detail.root.getByTestId('action-reject').click();
  const dialog = page.getByTestId('reject-dialog');
  await dialog.getByTestId('reject-reason').fill('Please name the target environment / 请说明目标环境');
  await dialog.getByTestId('action-submit').click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => Date.parse((await time.getAttribute('datetime')) ?? '') - Date.parse(before!), {
      timeout: 30_000,
    })
    .toBeGreaterThan(1000);
  await expect(shell.lastSync).toContainText('just now');
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`${lang}: "Last sync" reads "just now", then "2 minutes ago" as time passes`, async ({ page, host }) => {
    // The page's own clock, moved on by hand: the words must follow without any new sync.
    await page.clock.install();
    await page.goto(host.url);
    const shell = new AppShell(page);
    await shell.waitForFirstSync();
    if (lang === 'zh-CN') {
      await shell.goTo('settings');
      await new SettingsPage(page).setLanguage('zh-CN');
      await expect(shell.navItem('settings')).toHaveText('设置');
    }
    await expect(shell.lastSync).toContainText(lang === 'en' ? 'Last sync just now' : '刚刚');
    await page.clock.fastForward('02:30');
    await expect(shell.lastSync).toContainText(lang === 'en' ? '2 minutes ago' : '2分钟前');
    await page.clock.fastForward('01:00:00');
    await expect(shell.lastSync).toContainText(lang === 'en' ? '1 hour ago' : '1小时前');
  });
}
