// The parts of the proof editor a user touches that proofs.spec.ts does not: the deliver button only where S3
// allows it (delivery_returned included), each item's description and required/optional mark (P1), files dropped on a
// drop zone, a file refused by its content, removal confirmed (P3), the picker's V4 bounds and messages, the validity
// "from acceptance" (V5), the order detail's drafts with their last edit, the proof package and the
// SOW export of selected orders; then P5 in the UI — the template changes while a draft is written: conflict
// with what changed, moved onto the new version with the new required item flagged — and a delivery queued while the
// marketplace is away showing "pending sync" until it lands (S4).
import { strFromU8, unzipSync } from 'fflate';
import { samplePdf, samplePng } from '../marketplace-sim/sample-files';
import { templateItems } from '../marketplace-sim/templates';
import {
  test,
  expect,
  control,
  createSupervisedLines,
  downloadOf,
  DAY,
  MIGRATION_ITEMS as ITEMS,
  sha256Hex as sha,
} from './fixtures';
import { ProofEditorPage } from './pages/ProofEditorPage';

test('S3, P1, P3, V4, V5: a returned delivery’s proof — marks, dropped and refused files, V4 bounds, drafts, package, SOW export', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  test.setTimeout(180_000);
  await shell.waitForFirstSync();
  const placedAt = Date.now() - 3 * DAY;
  const [returned, waiting] = await createSupervisedLines(
    sim,
    shell,
    ['delivery_returned', 'awaiting_acceptance'],
    placedAt,
  );

  // S3: nothing to deliver while the customer is deciding; a returned delivery can be delivered again.
  const detail = await supervision.openOrder(waiting);
  await expect(detail.root.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'awaiting_acceptance');
  await expect(detail.root.getByTestId('deliver-service-open')).toHaveCount(0);
  await supervision.openOrder(returned);
  await expect(detail.root.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'delivery_returned');
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toBeVisible();

  // P1: title, description, required mark (or "Optional"), the control for its kind, problems beside the item.
  await expect(editor.item('migrationScope')).toContainText('迁移范围 / Migration scope');
  await expect(editor.item('migrationScope')).toContainText('源系统与目标系统 / Source and target systems');
  await expect(editor.item('migrationScope').locator('.req')).toHaveText('*');
  await expect(editor.item('statementOfWork').locator('.opt')).toHaveText('Optional');
  const kinds = await editor.root
    .locator('[data-kind]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
  expect(new Set(kinds)).toEqual(new Set(['text', 'longtext', 'date', 'number', 'checklist', 'attachment']));
  await editor.input('dataVolumeGb').fill('about 60');
  await expect(editor.item('dataVolumeGb').getByTestId('proof-item-problem')).toHaveText(
    'Enter a number, e.g. 12 or 12.5.',
  );
  await editor.fillMigrationItems(ITEMS);
  await expect(editor.item('dataVolumeGb').getByTestId('proof-item-problem')).toHaveCount(0);

  // P3: a file dropped on the zone shows its name, size and SHA-256; a text file named .pdf is refused by content.
  const acceptance = samplePdf('Signed acceptance form');
  await editor.drop('acceptance', { name: '验收单.pdf', mimeType: 'application/pdf', buffer: acceptance });
  const accepted = editor.files.filter({ hasText: '验收单.pdf' });
  await expect(accepted).toHaveCount(1);
  await expect(accepted).toHaveAttribute('data-sha256', sha(acceptance));
  await expect(accepted).toContainText(`${acceptance.length} B`);
  await expect(accepted.getByTestId('proof-file-sha')).toHaveText(`SHA-256 ${sha(acceptance)}`);
  await editor.drop('acceptance', {
    name: 'notes.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('just some notes, not a PDF\n'),
  });
  await expect(editor.root.getByTestId('editor-notice')).toContainText('"notes.pdf" is not an allowed file type');
  await expect(editor.files).toHaveCount(1);

  // Removing asks first: cancel keeps the file, confirming removes it.
  const screenshot = samplePng('target environment');
  await editor.otherCategory.selectOption('deployment');
  await editor.attach('other', { name: 'console.png', mimeType: 'image/png', buffer: screenshot });
  const shot = editor.files.filter({ hasText: 'console.png' });
  await shot.getByTestId('proof-file-remove').click();
  const confirm = page.getByTestId('remove-file-dialog');
  await expect(confirm).toContainText('Remove "console.png"?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(editor.files).toHaveCount(2);
  await shot.getByTestId('proof-file-remove').click();
  await page.getByTestId('remove-file-dialog-confirm').click();
  await expect(editor.files).toHaveCount(1);
  await expect(shot).toHaveCount(0);

  // V4: the picker is bounded by the placement and now, and each side has its own message. V5: "from acceptance".
  await expect(editor.enablingTime).toHaveAttribute(
    'min',
    await editor.localTime(Math.ceil(placedAt / 60_000) * 60_000),
  );
  const max = await editor.enablingTime.getAttribute('max');
  expect(
    max && max >= (await editor.localTime(Date.now() - 120_000)) && max <= (await editor.localTime(Date.now())),
  ).toBe(true);
  await editor.enablingTime.fill(await editor.localTime(placedAt - DAY));
  await expect(editor.root.getByTestId('enabling-problem')).toContainText(
    "Cannot be earlier than the order's placement time",
  );
  await editor.enablingTime.fill(await editor.localTime(Date.now() + DAY));
  await expect(editor.root.getByTestId('enabling-problem')).toContainText('Cannot be later than now');
  await editor.root.getByTestId('enabling-clear').click();
  await expect(editor.root.getByTestId('enabling-problem')).toHaveCount(0);
  await expect(editor.validityWithout).toContainText('From acceptance, 1 month');
  await expect(editor.validityWithout).toContainText('Applies');
  await expect(editor.validityWith).toContainText('Choose an enabling time to see this outcome.');
  await editor.expectSaved();
  await expect(editor.root.getByTestId('readiness')).toHaveText(/Ready to deliver/);

  // Item 11: the proof package, as a download, with the manifest and every file's SHA-256.
  const zip = unzipSync((await downloadOf(page, () => editor.root.getByTestId('export-package').click())).bytes);
  const manifest = JSON.parse(strFromU8(zip['manifest.json'])) as {
    order: { orderLineId: string };
    content: Record<string, unknown>;
    enablingTime: string | null;
    files: Array<{ role: string; path: string; sha256: string }>;
  };
  expect(manifest.order.orderLineId).toBe(returned);
  expect(manifest.enablingTime).toBeNull();
  expect(manifest.content).toMatchObject({
    migrationScope: ITEMS.scope,
    cutoverDate: ITEMS.date,
    dataVolumeGb: 64,
    checks: ITEMS.checks,
  });
  expect(manifest.files.map((f) => f.role).sort()).toEqual(['attachment', 'sow']);
  for (const f of manifest.files) expect(sha(Buffer.from(zip[f.path]))).toBe(f.sha256);
  expect(manifest.files.find((f) => f.role === 'attachment')?.sha256).toBe(sha(acceptance));

  // Item 2: the order detail lists the order's drafts with their last edit; a second draft joins the list.
  await editor.root.getByTestId('editor-back').click();
  await shell.goTo('supervision');
  await supervision.openOrder(returned);
  const drafts = detail.root.getByTestId('draft-row');
  await expect(drafts).toHaveCount(1);
  await expect(drafts.first()).toContainText(/Last edit \d{4}-\d{2}-\d{2}/);
  await detail.root.getByTestId('draft-new').click();
  await expect(editor.root).toBeVisible();
  await editor.input('migrationScope').fill('Second site');
  await editor.expectSaved();
  await shell.goTo('supervision');
  await supervision.openOrder(returned);
  await expect(drafts).toHaveCount(2);

  // Item 7: the SOWs of the selected orders, one PDF per order, exported together.
  await shell.goTo('proofs'); // it shows the draft last open; the same entry again leaves it for the list
  await shell.navItem('proofs').click();
  await expect(editor.root).toHaveCount(0);
  await page
    .getByRole('checkbox', { name: new RegExp(returned) })
    .first()
    .check(); // one row per draft: two here
  const exported = unzipSync((await downloadOf(page, () => page.getByTestId('export-sows').click())).bytes);
  await expect(page.getByTestId('export-outcome')).toContainText('1 statement of work written to');
  const pdfs = Object.keys(exported).filter((n) => n.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  expect(strFromU8(exported[pdfs[0]].subarray(0, 5))).toBe('%PDF-');
});

test('P5, S4: the template changes while drafting → conflict, moved with the new item flagged; queued offline → pending sync → delivered once', async ({
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
  await editor.fillMigrationItems(ITEMS);
  await editor.attach('acceptance', {
    name: 'acceptance.pdf',
    mimeType: 'application/pdf',
    buffer: samplePdf('acceptance'),
  });
  await editor.expectSaved();

  // The seller re-releases the product with a new required item; the open order moves to template v2 (P5).
  const state = (await control(sim, 'GET', `/sim/v1/state?orderLineId=${lineId}`)) as {
    orderLines: Array<{ productId: string; templateVersion: number }>;
  };
  const { productId, templateVersion: from } = state.orderLines[0];
  const siteContact = {
    key: 'siteContact',
    title: '现场联系人 / Site contact',
    description: '客户现场负责人 / Who signed off on site',
    required: true,
    kind: 'text',
  };
  const bump = await control(sim, 'POST', `/sim/v1/products/${productId}/template`, {
    items: [...templateItems('migration', from), siteContact],
  });
  expect(bump.templateVersion).toBe(from + 1);
  expect(bump.movedOrderLineIds).toContain(lineId);
  await shell.syncNow.click();

  const banner = editor.root.getByTestId('conflict-banner');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner.getByTestId('conflict-change')).toContainText([`Template version: v${from} → v${from + 1}`]);
  await expect(editor.deliver).toBeDisabled();
  await banner.getByTestId('move-template').click();
  const move = page.getByTestId('move-dialog');
  await expect(move.getByTestId('move-new-required')).toContainText('现场联系人 / Site contact');
  await page.getByTestId('move-dialog-confirm').click();
  await expect(banner).toHaveCount(0);
  await expect(editor.item('siteContact')).toContainText(`v${from + 1}`);
  await expect(editor.input('migrationScope')).toHaveValue(ITEMS.scope);
  await editor.input('siteContact').fill('王工 / Mr Wang');
  await editor.expectSaved();

  // The marketplace goes away: "Deliver service" queues the delivery, shown as pending sync until it lands (S4).
  await sim.stop();
  await shell.syncNow.click();
  await shell.expectConnection('offline', 60_000);
  await editor.deliver.click();
  await page.getByTestId('deliver-dialog-confirm').click();
  await expect(editor.root.getByTestId('banner-queued')).toContainText('pending sync');
  await shell.goTo('supervision');
  await supervision.openOrder(lineId);
  await expect(detail.root.getByTestId('pending-sync').first()).toBeVisible();

  await sim.restart();
  await shell.syncNow.click();
  await expect(detail.root.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'awaiting_acceptance', {
    timeout: 60_000,
  });
  await expect(detail.root.getByTestId('pending-sync')).toHaveCount(0);
  const after = (await control(sim, 'GET', `/sim/v1/state?orderLineId=${lineId}`)) as {
    deliveries: Array<{ templateVersion?: number }>;
    orderLines: Array<{ supervision: { delivery: { templateVersion: number; content: Record<string, unknown> } } }>;
  };
  expect(after.deliveries).toHaveLength(1);
  expect(after.orderLines[0].supervision.delivery.templateVersion).toBe(from + 1);
  expect(after.orderLines[0].supervision.delivery.content).toMatchObject({
    siteContact: '王工 / Mr Wang',
    migrationScope: ITEMS.scope,
  });
});
