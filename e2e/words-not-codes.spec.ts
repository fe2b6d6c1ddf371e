// Words, not codes, in both languages: a conflicting outbox item (409 MKT.2002, an appeal open — S5a) is explained
// in a sentence, whole, with the code and the marketplace's own text under "Details", and "Open the order" — not
// "Re-queue", which would fail again — is the primary button; the marketplace away is one calm banner, the errno and
// host:port only under "Details"; a native date field in Chinese has the YYYY-MM-DD hint beside it.
import { test, expect, control, snap } from './fixtures';
import { SyncCenterPage } from './pages/SyncCenterPage';
import { SettingsPage } from './pages/SettingsPage';
import { SupervisionPage } from './pages/SupervisionPage';

const WORDS = {
  en: {
    explanation:
      'An appeal is open on this order: nothing can be done on it until the marketplace resolves the appeal.',
    openOrder: 'Open the order',
    details: 'Details',
    offline: 'The marketplace cannot be reached — working offline; changes will be sent when it is back.',
  },
  'zh-CN': {
    explanation: '此订单有处理中的申诉：在云商店处理完申诉之前，无法对其执行任何操作。',
    openOrder: '打开订单',
    details: '详情',
    offline: '无法连接云商店——正在离线工作；恢复连接后会发送所做的更改。',
  },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  test(`${lang}: a conflict is explained in words with "Open the order" as the primary button; offline is a calm banner`, async ({
    page,
    sim,
    shell,
  }) => {
    const words = WORDS[lang];
    const lineId = lang === 'en' ? 'CSE2EW000001-000001' : 'CSE2EW000002-000001';
    await control(sim, 'POST', '/sim/v1/order-lines', {
      lines: [
        {
          orderId: lineId.slice(0, 12),
          orderLineId: lineId,
          supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
        },
      ],
    });
    await control(sim, 'POST', `/sim/v1/order-lines/${lineId}/customer/request`, {
      description: 'deploy to production',
    });
    await shell.waitForFirstSync();
    await shell.syncNow.click();
    await expect(shell.syncNow).toBeEnabled({ timeout: 60_000 });

    await shell.goTo('settings');
    await new SettingsPage(page).setLanguage(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);

    // The marketplace's back office opens an appeal the app has not heard of yet; the seller's reject then meets 409
    // MKT.2002.
    await control(sim, 'POST', `/sim/v1/order-lines/${lineId}/appeal/open`, { reason: 'opened by the back office' });
    await shell.goTo('supervision');
    const supervision = new SupervisionPage(page);
    const detail = await supervision.openOrder(lineId);
    await detail.root.getByTestId('action-reject').click();
    await page.getByTestId('reject-reason').fill('Please add the deployment environment');
    await page.getByTestId('action-submit').click();

    const center = new SyncCenterPage(page);
    await center.open();
    const row = center.row(lineId, 'request.reject');
    await expect(row).toHaveAttribute('data-state', 'conflict', { timeout: 30_000 });
    const explanation = row.getByTestId('outbox-explanation');
    await expect(explanation).toHaveText(words.explanation);
    await expect(explanation).not.toContainText('MKT');
    // Whole, not clamped or cut mid-word.
    expect(
      await explanation.evaluate(
        (el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1,
      ),
    ).toBe(true);
    // The code and the marketplace's own text only under "Details".
    const details = row.getByTestId('outbox-details');
    await expect(details.locator('summary')).toHaveText(words.details);
    await expect(details).not.toHaveAttribute('open');
    await details.locator('summary').click();
    await expect(details).toContainText('409 MKT.2002');
    await expect(details).toContainText('an appeal is open');
    // The button that can succeed is the primary one.
    await expect(row.getByTestId('outbox-open-order')).toHaveText(words.openOrder);
    await expect(row.getByTestId('outbox-open-order')).toHaveClass(/btn-primary/);
    await expect(row.getByTestId('outbox-edit')).not.toHaveClass(/btn-primary/);
    await expect(row.getByTestId('outbox-error')).toHaveAttribute('data-next-step', 'open');
    await snap(page, `sync-center-conflict-${lang}`);

    // The marketplace goes away: a calm banner in words; the raw reason only under "Details".
    await sim.stop();
    await shell.syncNow.click();
    await shell.expectConnection('offline', 60_000);
    const banner = page.getByTestId('offline-banner');
    await expect(banner.getByTestId('offline-banner-text')).toHaveText(words.offline);
    const visible = await banner.evaluate((el) => (el as HTMLElement).innerText);
    expect(visible).not.toMatch(/ECONN|127\.0\.0\.1|:\d{2,5}\b/);
    const bannerDetails = banner.getByTestId('offline-banner-details');
    if ((await bannerDetails.count()) > 0) await expect(bannerDetails.locator('summary')).toHaveText(words.details);
    await snap(page, `sync-center-offline-${lang}`);

    // Native date fields: lang follows the UI; where the browser's own locale differs, a YYYY-MM-DD hint sits beside
    // them.
    await shell.goTo('supervision');
    await expect(page.getByTestId('search-from')).toHaveAttribute('lang', lang);
    const browserLang = await page.evaluate(() => navigator.language);
    const hint = page.getByTestId('search-from-hint');
    if (lang === 'zh-CN' && !/^zh/i.test(browserLang)) await expect(hint).toHaveText('年-月-日');
    if (lang === 'en' && !/^zh/i.test(browserLang)) await expect(hint).toHaveCount(0);
    await snap(page, `date-fields-${lang}`);
  });
}
