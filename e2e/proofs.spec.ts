// A whole delivery proof written with the marketplace away — every item kind, two attachments, an
// enabling time, the generated SOW attached — survives a forced restart of the browser host; with the marketplace
// back it is delivered once (the simulator holds the same SHA-256s, the order is awaiting_acceptance); after the
// customer accepts and a sync the app shows Completed and the validity period (V1). Screenshots of the editor and
// of the SOW's first page are saved as test artifacts.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { validityPeriod } from '../common/domain/validity';
import { samplePdf, samplePng } from '../marketplace-sim/sample-files';
import { test, expect, control, downloadOf, snap, type Simulator } from './fixtures';
import { ProofEditorPage } from './pages/ProofEditorPage';

const DAY = 86_400_000;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

interface SimState {
  orderLines: Array<{
    supervision: {
      stage: string;
      delivery: { attachments: Array<{ category: string; sha256: string }>; enablingTime: string | null } | null;
    };
  }>;
  deliveries: unknown[];
}
const simLine = async (sim: Simulator, id: string) =>
  (await control(sim, 'GET', `/sim/v1/state?orderLineId=${id}`)) as unknown as SimState;

test('P2, P4, S4, V1: a whole proof offline → host restart keeps it → delivered once → accepted: Completed with the validity period', async ({
  page,
  sim,
  host,
  shell,
  supervision,
}) => {
  test.setTimeout(240_000);
  await shell.waitForFirstSync();
  // A monthly Data Migration order (its template has every item kind), placed two days ago, awaiting delivery.
  const placedAt = Date.now() - 2 * DAY;
  const created = await control(sim, 'POST', '/sim/v1/order-lines', {
    lines: [{ createTime: new Date(placedAt).toISOString(), supervision: { stage: 'awaiting_delivery' } }],
  });
  const orderLineId = (created.orderLineIds as string[])[0];
  await shell.syncNow.click();
  await supervision.openOrder(orderLineId);

  // The marketplace goes away: everything below until delivering is written offline.
  await sim.stop();
  await shell.syncNow.click();
  await shell.expectConnection('offline', 60_000);

  await supervision.detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await expect(editor.root).toBeVisible();
  await expect(editor.item('migrationReport')).toContainText('迁移报告');

  const values = {
    scope: 'Oracle 11g → RDS for PostgreSQL / 甲骨文迁移',
    report: '迁移完成，无数据丢失。\nAll 42 schemas moved; 3 jobs rescheduled.',
    date: '2025-06-01',
    gb: '512.5',
  };
  const options = ['数据完整性校验 / Data integrity verified', '客户签字确认 / Customer sign-off'];
  await editor.input('migrationScope').fill(values.scope);
  await editor.input('migrationReport').fill(values.report);
  await editor.input('cutoverDate').fill(values.date);
  await editor.input('dataVolumeGb').fill('lots');
  await expect(editor.item('dataVolumeGb').getByTestId('proof-item-problem')).toBeVisible(); // specific, beside the item
  await editor.input('dataVolumeGb').fill(values.gb);
  await expect(editor.item('dataVolumeGb').getByTestId('proof-item-problem')).toHaveCount(0);
  for (const o of options) await editor.option('checks', o).check();

  const acceptance = samplePdf('Acceptance form signed by the customer');
  const screenshot = samplePng('deployment console');
  await editor.attach('acceptance', { name: '验收单-签字版.pdf', mimeType: 'application/pdf', buffer: acceptance });
  await editor.otherCategory.selectOption('deployment');
  await editor.attach('other', { name: 'console.png', mimeType: 'image/png', buffer: screenshot });
  await expect(editor.root.getByTestId('file-thumbnail')).toBeVisible();
  await expect(editor.root.getByTestId('proof-file-sha').first()).toContainText(/[0-9a-f]{64}/);

  // V4: a time after now is refused with a specific error; one day after placement is fine. V5: both outcomes.
  const local = (ms: number) => editor.localTime(ms);
  await editor.enablingTime.fill(await local(Date.now() + 2 * DAY));
  await expect(editor.root.getByTestId('enabling-problem')).toBeVisible();
  const enablingAt = Math.floor((placedAt + DAY) / 60_000) * 60_000;
  await editor.enablingTime.fill(await local(enablingAt));
  await expect(editor.root.getByTestId('enabling-problem')).toHaveCount(0);
  const expected = validityPeriod({ periodType: 'month', periodNumber: 1, enablingTime: enablingAt, acceptedAt: null });
  if (expected.startsAtAcceptance) throw new Error('unreachable');
  await expect(editor.validityWith).toContainText(`${expected.startDate} – ${expected.endDate}`);
  await expect(editor.validityWithout).toContainText(/1 month/);

  // The SOW: generated, previewed in the app, downloaded (for the artifact), attached.
  await editor.sowGenerate.click();
  await expect(editor.sowPreview).toBeVisible();
  const { path: sowFile, bytes: sowBytes } = await downloadOf(page, () => editor.sowDownload.click(), 'sow.pdf');
  await editor.sowAttach.click();
  await expect(editor.files).toHaveCount(3);
  await editor.expectSaved();
  await expect(editor.root.getByTestId('readiness')).toHaveText(/Ready to deliver/);
  await page.locator('.proof-scroll').evaluate((el) => el.scrollTo(0, 0));
  await snap(page, 'proof-editor');
  const pageOne = test.info().outputPath('sow-page-1');
  const rendered = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', sowFile, pageOne]);
  expect(rendered.status, rendered.stderr?.toString()).toBe(0);
  await test.info().attach('sow-page-1', { path: `${pageOne}.png`, contentType: 'image/png' });

  const shas = [`acceptance:${sha(acceptance)}`, `deployment:${sha(screenshot)}`, `sow:${sha(sowBytes)}`].sort();
  expect(await editor.fileShas()).toEqual(shas);

  // A forced quit of the browser host: the draft is intact after the restart.
  await page.goto(await host.restart({ kill: true }));
  await shell.goTo('proofs');
  await page.getByTestId('draft-table-row').filter({ hasText: orderLineId }).getByTestId('draft-open').click();
  await expect(editor.root).toBeVisible();
  await expect(editor.input('migrationScope')).toHaveValue(values.scope);
  await expect(editor.input('migrationReport')).toHaveValue(values.report);
  await expect(editor.input('cutoverDate')).toHaveValue(values.date);
  await expect(editor.input('dataVolumeGb')).toHaveValue(values.gb);
  for (const o of options) await expect(editor.option('checks', o)).toBeChecked();
  await expect(editor.enablingTime).toHaveValue(await local(enablingAt));
  expect(await editor.fileShas()).toEqual(shas);

  // The marketplace is back (same port and database): deliver, once.
  await sim.restart();
  await shell.syncNow.click();
  await shell.expectConnection('online', 60_000);
  await editor.deliver.click();
  await expect(editor.deliverDialog).toBeVisible();
  await expect(editor.deliverDialog.getByTestId('deliver-validity')).toContainText(
    `${expected.startDate} – ${expected.endDate}`,
  );
  await page.getByTestId('deliver-dialog-confirm').click();
  await expect(editor.root.getByTestId('banner-delivered')).toBeVisible({ timeout: 60_000 });

  const state = await simLine(sim, orderLineId);
  expect(state.deliveries).toHaveLength(1);
  const line = state.orderLines[0];
  expect(line.supervision.stage).toBe('awaiting_acceptance');
  expect((line.supervision.delivery?.attachments ?? []).map((a) => `${a.category}:${a.sha256}`).sort()).toEqual(shas);
  expect(Date.parse(line.supervision.delivery?.enablingTime ?? '')).toBe(enablingAt);
  const detail = await supervision.openOrder(orderLineId);
  await expect(detail.root.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'awaiting_acceptance');

  // The customer accepts; the next pull shows Completed and the validity from the enabling time (V1).
  await control(sim, 'POST', `/sim/v1/order-lines/${orderLineId}/customer/accept`, {});
  await shell.syncNow.click();
  await expect(detail.root.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'completed', {
    timeout: 30_000,
  });
  await expect(detail.root.locator('[data-stage]').first()).toHaveText('Completed');
  await expect(detail.validity).toContainText(`${expected.startDate} – ${expected.endDate}`);
  expect((await simLine(sim, orderLineId)).deliveries).toHaveLength(1);
});
