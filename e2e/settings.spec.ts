// Settings: a field's message follows every change (0 → 15 clears "at least 1" and Save comes back), the SK hint says
// where the browser host keeps the SK (a 0600 file), the connected seller shows after a sync, and a reason saved in
// Settings is a quick pick in the reject dialog — in both languages.
import { test, expect, control, snap } from './fixtures';
import { SupervisionPage } from './pages/SupervisionPage';
import type { SettingsPage } from './pages/SettingsPage';

/** marketplace-sim/index.ts DEFAULT_SELLER: the seller the fixture's AK/SK belong to. */
const SELLER = { id: 'SELLER0001', name: '示例服务商 / Demo Services Co., Ltd.' };

const WORDS = {
  en: {
    min: 'Must be at least 1.',
    file: /only your user can read \(0600\) in the data folder/,
    saved: 'Saved.',
    picks: 'Saved reasons',
    reason: 'Please attach the deployment environment.',
  },
  'zh-CN': {
    min: '不能小于 1。',
    file: /数据文件夹.*仅当前用户可读.*0600/,
    saved: '已保存。',
    picks: '已保存的理由',
    reason: '请补充部署环境说明。',
  },
} as const;

/** A request-first line with a customer request on the simulator, so the order offers "Reject". */
const LINE = 'CSE2E0000901-000001';

async function correctZeroTo15(settings: SettingsPage, words: (typeof WORDS)[keyof typeof WORDS]): Promise<void> {
  // Saved at 30 first, so 15 is a change to save.
  await settings.interval.fill('30');
  await settings.save.click();
  await expect(settings.saved).toHaveText(words.saved);

  await settings.interval.fill('0');
  const note = await settings.noteOf(settings.interval);
  await expect(note).toHaveText(words.min);
  await expect(note).toHaveAttribute('role', 'alert');
  await expect(settings.save).toBeDisabled();

  await settings.interval.fill('15');
  await expect(note).not.toHaveText(words.min);
  await expect(note).not.toHaveAttribute('role', 'alert');
  await expect(settings.interval).not.toHaveClass(/invalid/);
  await expect(settings.save).toBeEnabled();
  await settings.save.click();
  await expect(settings.saved).toHaveText(words.saved);
  await expect(settings.interval).toHaveValue('15');
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`settings (${lang}): 0 → 15 re-enables Save, the SK hint names the 0600 file, the seller shows after a sync`, async ({
    shell,
    settings,
  }) => {
    if (lang === 'zh-CN') await settings.setLanguage('zh-CN');
    await shell.waitForFirstSync();

    await correctZeroTo15(settings, WORDS[lang]);

    await expect(settings.skStored).toBeVisible();
    await expect(settings.skHint).toHaveText(WORDS[lang].file);

    await expect(settings.sellerName).toHaveText(SELLER.name);
    await expect(settings.sellerId).toHaveText(SELLER.id);
    await expect(shell.account).toHaveText(SELLER.name);
    await expect(shell.account).toHaveAttribute('title', new RegExp(SELLER.id));
    await snap(settings.page, `settings-${lang}`);
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`canned reasons (${lang}): a reason saved in Settings is a quick pick in the reject dialog`, async ({
    page,
    sim,
    shell,
    settings,
  }) => {
    await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [
        {
          orderId: LINE.slice(0, 12),
          orderLineId: LINE,
          supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
        },
      ],
    });
    await control(sim, 'POST', `/sim/v1/order-lines/${LINE}/customer/request`, {
      description: 'deploy to production / 部署到生产环境',
    });
    if (lang === 'zh-CN') await settings.setLanguage('zh-CN');
    await shell.waitForFirstSync();

    // An empty reason is refused beside the field; a real one is saved and listed.
    await page.getByTestId('canned-reason-add').click();
    await expect(page.getByTestId('canned-reasons').getByRole('alert')).toBeVisible();
    await page.getByTestId('canned-reason-input').fill(WORDS[lang].reason);
    await expect(page.getByTestId('canned-reasons').getByRole('alert')).toHaveCount(0);
    await page.getByTestId('canned-reason-add').click();
    await expect(page.getByTestId('canned-reason')).toHaveCount(1);
    await expect(page.getByTestId('canned-reason')).toContainText(WORDS[lang].reason);
    await expect(page.getByTestId('canned-reason-input')).toHaveValue('');

    await shell.syncNow.click();
    await shell.waitForFirstSync();
    const detail = await new SupervisionPage(page).openOrder(LINE);
    await detail.root.getByTestId('action-reject').click();
    const dialog = page.getByTestId('reject-dialog');
    await expect(dialog.getByTestId('reject-canned')).toContainText(WORDS[lang].picks);
    await dialog.getByTestId('reject-canned-pick').filter({ hasText: WORDS[lang].reason }).click();
    await expect(dialog.getByTestId('reject-reason')).toHaveValue(WORDS[lang].reason);
    await snap(page, `reject-canned-${lang}`);
  });
}
