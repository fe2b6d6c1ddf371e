// P1–P3, V4, V5 in the UI: an enabling time before the order's placement is not a validity period the customer
// gets. The validity card shows the problem (never a green "Applies" over its dates) and which period applies once it
// is cleared; "Generate SOW" and "Export proof package" stay unavailable with the reason and a way to the problem —
// in English and in Simplified Chinese. main refuses the same drafts (main/proofs/invalid-draft.test.ts).
import { samplePdf } from '../marketplace-sim/sample-files';
import { test, expect, createSupervisedLines, DAY, MIGRATION_ITEMS as ITEMS } from './fixtures';
import { ProofEditorPage } from './pages/ProofEditorPage';
import { SettingsPage } from './pages/SettingsPage';

test('an enabling time before placement: no green validity card, no SOW, no package — English and 简体中文', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  test.setTimeout(180_000);
  await shell.waitForFirstSync();
  const placedAt = Date.now() - 3 * DAY;
  const [lineId] = await createSupervisedLines(sim, shell, ['awaiting_delivery'], placedAt);
  const detail = await supervision.openOrder(lineId);
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toBeVisible();

  // Everything else is complete: the enabling time alone makes the draft invalid.
  await editor.fillMigrationItems(ITEMS);
  await editor.attach('acceptance', {
    name: 'acceptance.pdf',
    mimeType: 'application/pdf',
    buffer: samplePdf('acceptance'),
  });
  await editor.enablingTime.fill(await editor.localTime(placedAt - 30 * DAY));
  await editor.expectSaved();

  // V4/V5: the outcome with that time names the problem; no "Applies", no dates; the period without it applies once
  // cleared.
  await expect(editor.root.getByTestId('enabling-problem')).toContainText(
    "Cannot be earlier than the order's placement time",
  );
  await expect(editor.validityWith).toHaveAttribute('data-applies', 'false');
  await expect(editor.validityWith).not.toContainText('Applies');
  await expect(editor.validityWith.getByTestId('validity-problem')).toContainText(
    "Cannot be earlier than the order's placement time",
  );
  await expect(editor.validityWith).not.toContainText(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
  await expect(editor.validityWith).toContainText('Cannot apply');
  await expect(editor.validityWithout).toContainText('Applies once cleared');
  await expect(editor.validityWithout).toContainText('From acceptance, 1 month');

  // No SOW, no package: disabled, with the reason and the way to the problem.
  await expect(editor.sowGenerate).toBeDisabled();
  await expect(editor.sowBlocked).toContainText('Fix the 1 problem first');
  await expect(editor.exportPackage).toBeDisabled();
  await expect(editor.exportPackage).toHaveAttribute(
    'title',
    'Fix the 1 problem first: an invalid draft is not packed.',
  );
  await expect(editor.root.getByTestId('outputs-blocked')).toContainText(
    'no SOW can be generated and no proof package exported',
  );
  await editor.sowBlocked.getByTestId('sow-first-problem').click();
  await expect(editor.enablingTime).toBeFocused();

  // 简体中文: the same card and the same refusals.
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage('zh-CN');
  await shell.goTo('proofs');
  await expect(editor.root).toBeVisible();
  await expect(editor.root.getByTestId('enabling-problem')).toBeVisible();
  await expect(editor.validityWith).toContainText('无法采用');
  await expect(editor.validityWith).not.toContainText('将采用');
  await expect(editor.validityWith.getByTestId('validity-problem')).toContainText('请更正或清除');
  await expect(editor.validityWithout).toContainText('清除后将采用');
  await expect(editor.sowGenerate).toBeDisabled();
  await expect(editor.sowBlocked).toContainText('请先处理 1 个问题');
  await expect(editor.exportPackage).toBeDisabled();
  await expect(editor.exportPackage).toHaveAttribute('title', '请先处理 1 个问题：无效的草稿不能打包。');

  // Cleared: the period from acceptance applies (green), and the SOW and package are available again.
  await editor.root.getByTestId('enabling-clear').click();
  await editor.expectSaved();
  await expect(editor.root.getByTestId('enabling-problem')).toHaveCount(0);
  await expect(editor.validityWithout).toHaveAttribute('data-applies', 'true');
  await expect(editor.validityWithout).toContainText('将采用');
  await expect(editor.sowBlocked).toHaveCount(0);
  await expect(editor.sowGenerate).toBeEnabled();
  await expect(editor.exportPackage).toBeEnabled();
});
