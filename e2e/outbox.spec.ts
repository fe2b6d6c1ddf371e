// Seller actions through the outbox, in the real UI against the browser host and the simulator.
// A rejection taken while the marketplace is away waits in the Sync Center (the order shows "pending sync"); when
// the marketplace is back (same port, same database) it is acked and the marketplace holds the reason. A definite
// refusal shows the marketplace's own message and can be edited and re-queued.
import { test, expect, control, snap } from './fixtures';
import type { Simulator } from './fixtures';
import { SyncCenterPage } from './pages/SyncCenterPage';
import { SettingsPage } from './pages/SettingsPage';

const LINES = {
  reject: 'CSE2E0000001-000001',
  refused: 'CSE2E0000002-000001',
  appeal: 'CSE2E0000003-000001',
  accept: 'CSE2E0000004-000001',
};
const REASON = 'Please add the deployment environment / 请补充部署环境';

interface SimAction {
  actor: string;
  kind: string;
  detail: Record<string, unknown>;
}
async function sellerActions(sim: Simulator, orderLineId: string): Promise<SimAction[]> {
  const state = await control(sim, 'GET', `/sim/v1/state?orderLineId=${orderLineId}`);
  return (state.actions as SimAction[]).filter((a) => a.actor === 'seller');
}

/**
 * Request-first lines on the simulator: two with a customer request (one carrying a document), one awaiting acceptance.
 */
async function seedLines(sim: Simulator): Promise<void> {
  const line = (orderLineId: string, stage: string) => ({
    orderId: orderLineId.slice(0, 12),
    orderLineId,
    supervision: { process: 'REQUEST_FIRST', stage },
  });
  await control(sim, 'POST', '/sim/v1/order-lines', {
    lines: [
      line(LINES.reject, 'awaiting_request'),
      line(LINES.refused, 'awaiting_request'),
      line(LINES.appeal, 'awaiting_acceptance'),
      line(LINES.accept, 'awaiting_request'),
    ],
  });
  for (const id of [LINES.reject, LINES.refused, LINES.accept]) {
    await control(sim, 'POST', `/sim/v1/order-lines/${id}/customer/request`, {
      description: '请部署到生产环境 / deploy to production',
      attachments: [{ fileName: 'requirements.pdf' }],
    });
  }
}

test('reject while the marketplace is away → waits with "pending sync"; back on the same port and db → acked with the reason; a refusal shows the marketplace\'s message', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await seedLines(sim);
  await shell.waitForFirstSync();
  await shell.syncNow.click();
  const detail = await supervision.openOrder(LINES.reject);

  // Item 7: the customer's request document downloads (browser host).
  const download = page.waitForEvent('download');
  await detail.request.getByTestId('attachment-download').first().click();
  expect((await download).suggestedFilename()).toBe('requirements.pdf');

  await sim.stop();
  await detail.root.getByTestId('action-reject').click();
  const dialog = page.getByTestId('reject-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('reject-reason')).toBeFocused();
  await dialog.getByTestId('action-submit').click();
  await expect(dialog.getByRole('alert').first()).toHaveText('Required.'); // 1–2000 characters, required
  await dialog.getByTestId('reject-reason').fill(REASON);
  await expect(dialog.getByTestId('reject-reason-counter')).toHaveText(`${[...REASON].length} / 2,000`);
  await snap(page, 'reject-dialog');
  await dialog.getByTestId('reject-reason').press('Control+Enter');
  await expect(dialog).toBeHidden();

  // "pending sync" on the order (detail and table row) until acked; the status bar counts it.
  await expect(detail.root.getByTestId('pending-sync')).toBeVisible();
  await expect(supervision.rows.first().getByTestId('pending-sync')).toBeVisible();
  await expect(detail.root.getByTestId('order-outbox-item')).toHaveAttribute('data-state', /queued|sending/);
  await expect(detail.root.getByTestId('action-reject')).toBeDisabled(); // S3: judged as it will be once sent
  await expect(page.getByTestId('status-unsent')).toHaveText('1 unsent');
  await snap(page, 'order-pending-sync');

  const center = new SyncCenterPage(page);
  await page.getByTestId('status-outbox').click(); // the count opens the Sync Center
  await expect(center.root).toBeVisible();
  const waiting = center.row(LINES.reject, 'request.reject');
  await expect(waiting).toHaveAttribute('data-state', 'queued');
  await expect(waiting.getByTestId('outbox-summary')).toHaveText(REASON);
  await expect(waiting.getByTestId('outbox-error')).toHaveText('The marketplace could not be reached.');
  await expect(center.counts).toHaveText('1 action waiting to be sent');
  await snap(page, 'sync-center-waiting');

  // The marketplace comes back on the same port and database; "Sync now" pushes the outbox, then pulls.
  await sim.restart();
  await shell.syncNow.click();
  await expect(waiting).toHaveAttribute('data-state', 'acked', { timeout: 30_000 });
  await expect(page.getByTestId('status-outbox')).toHaveAttribute('data-unsent', '0');
  const applied = await sellerActions(sim, LINES.reject);
  expect(applied).toEqual([expect.objectContaining({ kind: 'request/reject', detail: { reason: REASON } })]);
  const simLine = (
    (await control(sim, 'GET', `/sim/v1/state?orderLineId=${LINES.reject}`)).orderLines as Array<{
      supervision: { stage: string };
    }>
  )[0];
  expect(simLine.supervision.stage).toBe('request_returned');

  // A definite refusal (403 from the marketplace) → "Refused" with the marketplace's own message.
  await control(sim, 'POST', '/sim/v1/faults', {
    rules: [{ match: 'POST /request/reject', kind: 'status', status: 403 }],
  });
  const second = await supervision.openOrder(LINES.refused);
  await expect(second.root.getByTestId('pending-sync')).toHaveCount(0);
  await second.root.getByTestId('action-reject').click();
  await page.getByTestId('reject-reason').fill('First wording');
  await page.getByTestId('action-submit').click();
  await center.open();
  const refused = center.row(LINES.refused, 'request.reject');
  await expect(refused).toHaveAttribute('data-state', 'rejected', { timeout: 30_000 });
  await expect(refused.getByTestId('outbox-error')).toContainText('403 MKT.0150');
  await expect(refused.getByTestId('outbox-error')).toContainText('injected fault: HTTP 403'); // the simulator's resultMsg
  await expect(center.counts).toHaveText('1 needs your attention');
  await expect(center.navBadge).toHaveText('1');
  await snap(page, 'sync-center-refused');

  // Edit & re-queue: the refusal on top, the user's text kept; sent again it is acked with the new wording.
  await control(sim, 'DELETE', '/sim/v1/faults');
  const edit = await center.edit(refused);
  await expect(edit.getByTestId('edit-refusal')).toContainText('injected fault: HTTP 403');
  await expect(edit.getByTestId('edit-reason')).toHaveValue('First wording');
  await edit.getByTestId('edit-reason').fill('Second wording, edited');
  await edit.getByTestId('action-submit').click();
  await expect(edit).toBeHidden();
  await expect(refused).toHaveAttribute('data-state', 'acked', { timeout: 30_000 });
  expect((await sellerActions(sim, LINES.refused)).map((a) => a.detail.reason)).toEqual(['Second wording, edited']);
});

test('appeal with a letter of commitment (S5) uploads its file; its resolution is a toast that opens the order; a queued action can be discarded with a recorded reason', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await seedLines(sim);
  await shell.waitForFirstSync();
  await shell.syncNow.click();

  const detail = await supervision.openOrder(LINES.appeal);
  await detail.root.getByTestId('action-appeal').click();
  const dialog = page.getByTestId('appeal-dialog');
  await page.keyboard.press('Escape'); // keyboard: Esc closes
  await expect(dialog).toBeHidden();
  await detail.root.getByTestId('action-appeal').click();
  await dialog.getByTestId('appeal-reason').fill('The customer has not answered for 30 days.');
  await dialog.getByTestId('appeal-unreachable').check();
  await dialog.getByTestId('action-submit').click();
  await expect(dialog.getByRole('alert').first()).toContainText('letter of commitment'); // S5
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  await dialog
    .getByTestId('file-input')
    .setInputFiles({ name: '承诺函.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(dialog.getByTestId('action-files').locator('li')).toHaveCount(1);
  await expect(dialog.getByTestId('file-category')).toHaveValue('commitment_letter');
  await snap(page, 'appeal-dialog');
  await dialog.getByTestId('action-submit').click();
  await expect(dialog).toBeHidden();

  const center = new SyncCenterPage(page);
  await center.open();
  const appeal = center.row(LINES.appeal, 'appeal');
  await expect(appeal).toHaveAttribute('data-state', 'acked', { timeout: 30_000 });
  await expect(appeal.getByTestId('upload-progress')).toHaveAttribute('data-percent', '100');
  expect((await sellerActions(sim, LINES.appeal)).map((a) => a.kind)).toEqual(['appeals']);

  // S5a: the appeal froze the order — every action is disabled, with the reason shown.
  const frozen = await supervision.openOrder(LINES.appeal);
  await expect(frozen.root.getByTestId('actions-frozen')).toBeVisible();
  await expect(frozen.root.getByTestId('action-appeal')).toBeDisabled();

  // Item 5: the customer acts on a known order → after a pull, a toast (browser host) that opens the order.
  await control(sim, 'POST', `/sim/v1/order-lines/${LINES.appeal}/appeal/resolve`, { outcome: 'resume' });
  await shell.syncNow.click();
  const toast = page.locator(`[data-testid=toast][data-order-line-id="${LINES.appeal}"]`);
  await expect(toast).toHaveAttribute('data-kind', 'appeal_resolved');
  await expect(toast).toContainText('Appeal resolved');
  await snap(page, 'toast');
  await center.open();
  await toast.getByTestId('toast-open').click();
  await expect(toast).toHaveCount(0);
  await expect(page.getByTestId('nav-supervision')).toHaveAttribute('aria-current', 'page');
  await expect(supervision.detail.root).toContainText(LINES.appeal);
  await expect(supervision.detail.root.getByTestId('actions-frozen')).toHaveCount(0); // S5a: the flow resumed

  // A queued action (the marketplace away) can be discarded after confirmation; the reason is recorded.
  await sim.stop();
  const other = await supervision.openOrder(LINES.accept);
  await other.root.getByTestId('action-accept').click();
  const confirm = page.getByTestId('accept-dialog');
  await expect(confirm.getByTestId('action-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await center.open();
  const queued = center.row(LINES.accept, 'request.accept');
  await expect(queued).toHaveAttribute('data-state', 'queued');
  const discard = await center.discard(queued);
  await discard.getByTestId('action-submit').click();
  await expect(discard.getByRole('alert').first()).toHaveText('Required.');
  await discard.getByTestId('discard-reason').fill('Agreed with the customer by phone');
  await discard.getByTestId('action-submit').click();
  await expect(discard).toBeHidden();
  await expect(center.row(LINES.accept, 'request.accept')).toHaveCount(0);
  await center.filter('discarded');
  await expect(center.row(LINES.accept, 'request.accept').getByTestId('outbox-error')).toHaveText(
    'Discarded: Agreed with the customer by phone',
  );
});

test('in 简体中文: the actions, the reject dialog and the Sync Center are translated', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await seedLines(sim);
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage('zh-CN');
  await shell.waitForFirstSync();
  await shell.syncNow.click();
  const detail = await supervision.openOrder(LINES.reject);
  await expect(detail.root.getByTestId('action-reject')).toHaveText('驳回需求');
  await sim.stop();
  await detail.root.getByTestId('action-reject').click();
  const dialog = page.getByTestId('reject-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('驳回需求');
  await dialog.getByTestId('reject-reason').fill('请补充部署环境和期望上线日期。');
  await expect(dialog.getByTestId('reject-reason-counter')).toHaveText('15 / 2,000 字');
  await snap(page, 'reject-dialog-zh');
  await dialog.getByTestId('action-submit').click();
  await expect(detail.root.getByTestId('pending-sync')).toHaveText('待同步');
  const center = new SyncCenterPage(page);
  await center.open();
  await expect(center.navItem).toContainText('同步中心');
  await expect(center.row(LINES.reject).getByTestId('outbox-state')).toHaveText('等待发送');
  await expect(center.row(LINES.reject).getByTestId('outbox-error')).toHaveText('无法连接云商店。');
  await expect(page.getByTestId('status-unsent')).toHaveText('1 个未发送');
  await snap(page, 'sync-center-zh');
});
