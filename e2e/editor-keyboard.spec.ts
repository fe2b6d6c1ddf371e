// The proof editor by keyboard: the cursor is in the first field when a draft opens; "Deliver service" with problems
// scrolls to and focuses the first one (P1–P3); each entry of the problem list takes you to its field.
import { test, expect, createSupervisedLines, DAY, type Simulator } from './fixtures';
import { ProofEditorPage } from './pages/ProofEditorPage';
import { SettingsPage } from './pages/SettingsPage';
import type { AppShell } from './pages/AppShell';
import type { SupervisionPage } from './pages/SupervisionPage';

test.use({ viewport: { width: 1366, height: 768 } });

async function openNewDraft(sim: Simulator, shell: AppShell, supervision: SupervisionPage): Promise<ProofEditorPage> {
  await shell.waitForFirstSync();
  const [lineId] = await createSupervisedLines(sim, shell, ['awaiting_delivery'], Date.now() - 2 * DAY);
  await shell.waitForFirstSync();
  const detail = await supervision.openOrder(lineId);
  // By keyboard: the button is reached and pressed like any other.
  await detail.root.getByTestId('deliver-service-open').focus();
  await supervision.page.keyboard.press('Enter');
  const editor = new ProofEditorPage(supervision.page);
  await expect(editor.root).toBeVisible();
  return editor;
}

test('a draft that opens puts the cursor in its first field, ready to type', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  const editor = await openNewDraft(sim, shell, supervision);
  const first = editor.root.locator('[data-testid^="proof-input-"]').first();
  await expect(first).toBeFocused();
  await page.keyboard.type('Typed without touching the mouse');
  await expect(first).toHaveValue('Typed without touching the mouse');
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`${lang}: "Deliver service" with problems scrolls to the first one and puts the cursor there`, async ({
    page,
    sim,
    shell,
    supervision,
  }) => {
    if (lang === 'zh-CN') {
      await shell.goTo('settings');
      await new SettingsPage(page).setLanguage('zh-CN');
      await expect(shell.navItem('settings')).toHaveText('设置');
    }
    const editor = await openNewDraft(sim, shell, supervision);
    // Somewhere far from the first item: the end of the page, focus on the deliver button.
    await editor.root.locator('.proof-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await editor.deliver.focus();
    await page.keyboard.press('Enter');
    await expect(editor.root.getByTestId('fix-first')).toContainText(lang === 'en' ? 'problem' : '个问题');
    const first = editor.item('migrationScope');
    await expect(editor.input('migrationScope')).toBeFocused();
    await expect(editor.input('migrationScope')).toBeInViewport();
    await expect(first.getByTestId('proof-item-problem')).toBeVisible();
    await expect(editor.deliverDialog).toHaveCount(0);
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`${lang}: each entry of the problem list takes the cursor to its field`, async ({
    page,
    sim,
    shell,
    supervision,
  }) => {
    if (lang === 'zh-CN') {
      await shell.goTo('settings');
      await new SettingsPage(page).setLanguage('zh-CN');
      await expect(shell.navItem('settings')).toHaveText('设置');
    }
    const editor = await openNewDraft(sim, shell, supervision);
    const entries = editor.root.getByTestId('readiness-problem');
    await expect(entries.first()).toBeVisible();
    expect(await entries.count()).toBeGreaterThan(2);

    // Click: the number field (further down the page) is scrolled to and focused, its problem shown.
    const volume = entries.and(editor.root.locator('[data-key="dataVolumeGb"]'));
    await expect(volume).toContainText(lang === 'en' ? 'Data volume' : '数据量');
    await volume.click();
    await expect(editor.input('dataVolumeGb')).toBeFocused();
    await expect(editor.input('dataVolumeGb')).toBeInViewport();
    await expect(editor.item('dataVolumeGb').getByTestId('proof-item-problem')).toBeVisible();

    // Keyboard: Enter on an entry does the same.
    const report = entries.and(editor.root.locator('[data-key="migrationReport"]'));
    await report.focus();
    await page.keyboard.press('Enter');
    await expect(editor.input('migrationReport')).toBeFocused();

    // Fixed: the entry leaves the list.
    await page.keyboard.type('All schemas moved / 所有模式已迁移');
    await expect(report).toHaveCount(0);
  });
}
