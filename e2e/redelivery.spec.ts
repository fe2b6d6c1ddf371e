// Re-delivery in the UI (S2, S5b): after the customer returns a delivery, "Deliver service" opens a draft filled
// from the last delivery — items (P1), enabling time (P2), the same files by SHA-256 (P3) — with the customer's
// return reason in a banner above the items and a marker on each item changed since, in English and 简体中文;
// "Start from an earlier delivery of this product" fills another order's draft, asking before it replaces anything.
// And P3's categories: a file added under "Other attachments" starts as "Other" (never "Request document"), can be
// recategorised after upload, and the SOW then lists it under its real category and names its own item.
import { execFileSync } from 'node:child_process';
import { samplePdf, samplePng } from '../marketplace-sim/sample-files';
import {
  test,
  expect,
  control,
  createSupervisedLines,
  downloadOf,
  snap,
  DAY,
  MIGRATION_ITEMS as ITEMS,
  sha256Hex as sha,
  type Page,
} from './fixtures';
import { ProofEditorPage } from './pages/ProofEditorPage';
import { SettingsPage } from './pages/SettingsPage';
import type { SupervisionPage } from './pages/SupervisionPage';

const REASON = '迁移报告缺少回滚演练记录 / The migration report lacks the rollback rehearsal';
const squash = (s: string) => s.replace(/\s+/g, '');

/** Delivers a whole Data Migration proof through the editor and waits until the marketplace took it (S4). */
async function deliverThroughApp(
  page: Page,
  supervision: SupervisionPage,
  lineId: string,
  enablingAt: number,
): Promise<{ shas: string[] }> {
  const detail = await supervision.openOrder(lineId);
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toBeVisible();
  await editor.fillMigrationItems(ITEMS);
  const acceptance = samplePdf(`acceptance of ${lineId}`);
  const screenshot = samplePng(`console of ${lineId}`);
  await editor.attach('acceptance', { name: 'acceptance.pdf', mimeType: 'application/pdf', buffer: acceptance });
  await editor.otherCategory.selectOption('deployment');
  await editor.attach('other', { name: 'console.png', mimeType: 'image/png', buffer: screenshot });
  await editor.enablingTime.fill(await editor.localTime(enablingAt));
  await editor.expectSaved();
  await editor.deliver.click();
  await page.getByTestId('deliver-dialog-confirm').click();
  await expect(editor.root.getByTestId('banner-delivered')).toBeVisible({ timeout: 60_000 });
  return { shas: [`acceptance:${sha(acceptance)}`, `deployment:${sha(screenshot)}`].sort() };
}

test('S2, S5b: after the customer returns a delivery, Deliver service opens a draft filled from the last delivery with the return reason on top — English and 简体中文', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  test.setTimeout(180_000);
  await shell.waitForFirstSync();
  const placedAt = Date.now() - 3 * DAY;
  const [lineId] = await createSupervisedLines(sim, shell, ['awaiting_delivery'], placedAt);
  const enablingAt = Math.floor((placedAt + DAY) / 60_000) * 60_000;
  const first = await deliverThroughApp(page, supervision, lineId, enablingAt);

  // The customer returns it with a reason; the next sync brings the return.
  await control(sim, 'POST', `/sim/v1/order-lines/${lineId}/customer/return`, { reason: REASON });
  await shell.syncNow.click();
  const detail = await supervision.openOrder(lineId);
  await expect(detail.root.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'delivery_returned', {
    timeout: 30_000,
  });
  // The reason is right beside "Deliver service" in the order detail, not only at the end of the timeline.
  await expect(detail.root.getByTestId('detail-return-reason')).toContainText(REASON);
  await detail.root.getByTestId('deliver-service-open').click();

  // A new draft (the delivered one stays as it was), filled from the last delivery.
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toHaveAttribute('data-state', 'editing');
  await expect(editor.input('migrationScope')).toHaveValue(ITEMS.scope);
  await expect(editor.input('migrationReport')).toHaveValue(ITEMS.report);
  await expect(editor.input('cutoverDate')).toHaveValue(ITEMS.date);
  await expect(editor.input('dataVolumeGb')).toHaveValue(ITEMS.gb);
  await expect(editor.option('checks', ITEMS.checks[0])).toBeChecked();
  await expect(editor.enablingTime).toHaveValue(await editor.localTime(enablingAt));
  expect(await editor.fileShas()).toEqual(first.shas);

  // The customer's reason, at the top: above the first item, not only in the timeline.
  const reason = editor.root.getByTestId('return-reason');
  await expect(reason).toContainText('The customer returned the last delivery');
  await expect(reason).toContainText(REASON);
  await expect(reason).toContainText('Returned 1 time');
  const reasonBox = await reason.boundingBox();
  const itemBox = await editor.item('migrationScope').boundingBox();
  expect(reasonBox && itemBox && reasonBox.y + reasonBox.height <= itemBox.y).toBe(true);
  await expect(editor.root.getByTestId('redelivery-basis')).toContainText('This draft starts from the delivery of');

  // Nothing changed yet; an edited item gets its marker, and only that one.
  await expect(editor.root.getByTestId('changed-marker')).toHaveCount(0);
  await editor.input('migrationReport').fill(`${ITEMS.report} Rollback rehearsed on 2025-06-02.`);
  await expect(editor.item('migrationReport').getByTestId('changed-marker')).toHaveText('Changed since last delivery');
  await expect(editor.root.getByTestId('changed-marker')).toHaveCount(1);
  await editor.root.getByTestId('enabling-clear').click();
  await expect(editor.root.getByTestId('redelivery-also-changed')).toContainText('Also changed: the enabling time.');
  await editor.expectSaved();
  await snap(page, 'redelivery-editor');

  // 简体中文: the same banner and markers in Chinese.
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage('zh-CN');
  await shell.goTo('proofs');
  await expect(editor.root).toBeVisible();
  await expect(reason).toContainText('客户退回了上次交付');
  await expect(reason).toContainText(REASON);
  await expect(reason).toContainText('已退回 1 次');
  await expect(editor.item('migrationReport').getByTestId('changed-marker')).toHaveText('与上次交付不同');
  await expect(editor.root.getByTestId('redelivery-also-changed')).toContainText('另有改动：开通时间。');
  await expect(editor.root.getByTestId('redelivery-basis')).toContainText('此草稿从');
});

test('P1, P3, V4: start from an earlier delivery of this product fills the draft, asking before it replaces what is there', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  test.setTimeout(180_000);
  await shell.waitForFirstSync();
  const placedAt = Date.now() - 3 * DAY;
  const [earlier, current] = await createSupervisedLines(
    sim,
    shell,
    ['awaiting_delivery', 'awaiting_delivery'],
    placedAt,
  );
  const enablingAt = Math.floor((placedAt + DAY) / 60_000) * 60_000;
  const first = await deliverThroughApp(page, supervision, earlier, enablingAt);

  // Another order of the same product: its draft starts blank; the user has typed something already.
  const detail = await supervision.openOrder(current);
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toHaveAttribute('data-state', 'editing');
  await expect(editor.input('migrationScope')).toHaveValue('');
  await editor.input('migrationScope').fill('Work in progress');
  await editor.expectSaved();

  await editor.root.getByTestId('earlier-delivery-open').click();
  const picker = page.getByTestId('earlier-delivery-dialog');
  const row = picker.locator(`[data-testid="earlier-delivery"][data-order-line-id="${earlier}"]`);
  await expect(row).toContainText(earlier.split('-')[0]);
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2}/);
  await expect(row).toContainText('5 items · 2 files');
  await snap(page, 'earlier-delivery-picker');

  // The draft holds something: replacing it is confirmed first; cancelling keeps it.
  await row.getByTestId('earlier-use').click();
  const confirm = page.getByTestId('earlier-confirm');
  await expect(confirm).toContainText('Replace what this draft holds?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(editor.input('migrationScope')).toHaveValue('Work in progress');
  await row.getByTestId('earlier-use').click();
  await page.getByTestId('earlier-confirm-confirm').click();
  await expect(picker).toBeHidden();

  await expect(editor.input('migrationScope')).toHaveValue(ITEMS.scope);
  await expect(editor.input('migrationReport')).toHaveValue(ITEMS.report);
  await expect(editor.input('dataVolumeGb')).toHaveValue(ITEMS.gb);
  await expect(editor.option('checks', ITEMS.checks[0])).toBeChecked();
  await expect(editor.enablingTime).toHaveValue(await editor.localTime(enablingAt));
  expect(await editor.fileShas()).toEqual(first.shas);
  await expect(editor.root.getByTestId('redelivery-basis')).toContainText(
    `the delivery of order ${earlier.split('-')[0]}`,
  );
  await expect(editor.root.getByTestId('return-reason')).toHaveCount(0); // nothing was returned on this order
  await editor.input('dataVolumeGb').fill('80');
  await expect(editor.item('dataVolumeGb').getByTestId('changed-marker')).toHaveText('Changed from that delivery');
  await editor.expectSaved();
});

test('P3: an uploaded screenshot can be recategorised and the SOW lists it as a deployment screenshot — English and 简体中文', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  test.setTimeout(180_000);
  await shell.waitForFirstSync();
  const [lineId] = await createSupervisedLines(sim, shell, ['awaiting_delivery'], Date.now() - 2 * DAY);
  const detail = await supervision.openOrder(lineId);
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toBeVisible();
  await editor.fillMigrationItems(ITEMS);
  await editor.attach('acceptance', {
    name: 'acceptance.pdf',
    mimeType: 'application/pdf',
    buffer: samplePdf('acceptance'),
  });

  // "Other attachments" starts as "Other", not "Request document".
  await expect(editor.otherCategory).toHaveValue('other');
  const screenshot = samplePng('deployment console');
  await editor.attach('other', { name: 'console.png', mimeType: 'image/png', buffer: screenshot });
  const shot = editor.files.filter({ hasText: 'console.png' });
  await expect(shot).toHaveAttribute('data-category', 'other');

  // Changed after upload: the same file (same SHA-256) moves to "Deployment proof".
  await shot.getByTestId('file-category').selectOption('deployment');
  await expect(shot).toHaveAttribute('data-category', 'deployment');
  await expect(shot).toHaveAttribute('data-sha256', sha(screenshot));
  await expect(shot.getByTestId('file-category').locator('option:checked')).toHaveText('Deployment proof');
  await editor.expectSaved();

  // The SOW lists it under its real category and names its own item as this document.
  await editor.sowGenerate.click();
  await expect(editor.sowPreview).toBeVisible();
  const { path: sowFile } = await downloadOf(page, () => editor.sowDownload.click(), 'sow.pdf');
  const text = squash(execFileSync('pdftotext', ['-raw', sowFile, '-'], { encoding: 'utf8' }));
  expect(text).toMatch(/console\.png.{0,12}Deployment.{0,12}部署证明/);
  expect(text).not.toContain('需求文档');
  expect(text).toContain(squash('This statement of work / 本工作说明书'));
  expect(text).not.toContain(squash('No attachment (SOW'));

  // 简体中文: the category is shown and offered in Chinese.
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage('zh-CN');
  await shell.goTo('proofs');
  await expect(editor.root).toBeVisible();
  await expect(shot.getByTestId('file-category').locator('option:checked')).toHaveText('部署场景证明');
  await expect(editor.otherCategory.locator('option:checked')).toHaveText('其他');
});
