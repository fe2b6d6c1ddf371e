// The app brought into the states a user sees on each page — an order with the customer's request, a ready proof
// draft, a reject the marketplace refused, a zeroed database — shared by the accessibility scan
// (e2e/accessibility.spec.ts) and the docs screenshots (e2e-docs/), so both show the same screens.
import { truncate } from 'node:fs/promises';
import path from 'node:path';
import { samplePdf } from '../marketplace-sim/sample-files';
import { control, expect, type Page, type Simulator } from './fixtures';
import { runCli, startCli, type RunningProcess } from './processes';
import type { AppShell } from './pages/AppShell';
import { ProofEditorPage } from './pages/ProofEditorPage';
import { SettingsPage } from './pages/SettingsPage';
import { SupervisionPage } from './pages/SupervisionPage';
import { SyncCenterPage } from './pages/SyncCenterPage';

const DAY = 86_400_000;

export type Lang = 'en' | 'zh-CN';
export type Theme = 'light' | 'dark';

/** Switches the UI language in Settings, as a user does (the page shown afterwards is Settings). */
export async function switchLanguage(page: Page, shell: AppShell, lang: Lang): Promise<void> {
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** The page in one theme (the OS colour scheme, which the default "System" theme follows), transitions finished. */
export async function showTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  // Finite ones only: a spinner (an infinite animation) never finishes and does not change the colours.
  const running = () =>
    document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)
      .length;
  await expect.poll(() => page.evaluate(running)).toBe(0);
}

/** Waits for the first sync, then syncs again so lines just added on the simulator are in the app. */
export async function syncAgain(shell: AppShell): Promise<void> {
  await shell.waitForFirstSync();
  await shell.syncNow.click();
  await expect(shell.syncNow).toBeEnabled({ timeout: 60_000 });
}

/** A request-first order line whose customer has sent a request (with a document): "Accept request" / "Reject". */
export async function addRequestLine(sim: Simulator, orderLineId: string): Promise<string> {
  await control(sim, 'POST', '/sim/v1/order-lines', {
    lines: [
      {
        orderId: orderLineId.slice(0, 12),
        orderLineId,
        supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
      },
    ],
  });
  await control(sim, 'POST', `/sim/v1/order-lines/${orderLineId}/customer/request`, {
    description: '请部署到生产环境，并提供验收报告。 / Please deploy to production and provide an acceptance report.',
    attachments: [{ fileName: 'requirements.pdf' }],
  });
  return orderLineId;
}

/** A canned reject reason saved in Settings (listed there, offered in the reject dialog). */
export async function addCannedReason(page: Page, shell: AppShell): Promise<void> {
  await shell.goTo('settings');
  await page.getByTestId('canned-reason-input').fill('Please describe the target environment / 请说明目标环境');
  await page.getByTestId('canned-reason-add').click();
  await expect(page.getByTestId('canned-reason')).toHaveCount(1);
}

/**
 * A Data Migration order awaiting delivery with a draft ready to deliver (every required item, the signed acceptance
 * form); the editor is left open on it. Returns the order line id.
 */
export async function readyDraft(page: Page, sim: Simulator, shell: AppShell): Promise<string> {
  const created = await control(sim, 'POST', '/sim/v1/order-lines', {
    lines: [{ createTime: new Date(Date.now() - 2 * DAY).toISOString(), supervision: { stage: 'awaiting_delivery' } }],
  });
  const [lineId] = created.orderLineIds as string[];
  await syncAgain(shell);
  const detail = await new SupervisionPage(page).openOrder(lineId);
  await detail.root.getByTestId('deliver-service-open').click();
  const editor = new ProofEditorPage(page);
  await editor.fillMigrationItems({
    scope: 'Oracle 11g → RDS for PostgreSQL',
    report: '迁移完成。All 42 schemas moved.',
    date: '2025-06-01',
    gb: '64',
    checks: ['客户签字确认 / Customer sign-off'],
  });
  await editor.attach('acceptance', {
    name: '验收单-acceptance.pdf',
    mimeType: 'application/pdf',
    buffer: samplePdf('Signed acceptance form'),
  });
  await editor.expectSaved();
  return lineId;
}

/**
 * The ready draft delivered, the delivery returned by the customer with a reason (S5b), and "Deliver service" opened
 * again: the editor on a new draft filled from the last delivery, the reason on top, one item changed since.
 */
export async function returnedDelivery(page: Page, sim: Simulator, shell: AppShell): Promise<ProofEditorPage> {
  const lineId = await readyDraft(page, sim, shell);
  const editor = new ProofEditorPage(page);
  await editor.deliver.click();
  await page.getByTestId('deliver-dialog-confirm').click();
  await expect(editor.root.getByTestId('banner-delivered')).toBeVisible({ timeout: 60_000 });
  await control(sim, 'POST', `/sim/v1/order-lines/${lineId}/customer/return`, {
    reason: '迁移报告缺少回滚演练记录 / The migration report lacks the rollback rehearsal',
  });
  await shell.syncNow.click();
  const detail = await new SupervisionPage(page).openOrder(lineId);
  await expect(detail.root.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'delivery_returned', {
    timeout: 30_000,
  });
  await detail.root.getByTestId('deliver-service-open').click();
  await expect(editor.root.getByTestId('return-reason')).toBeVisible();
  await editor.input('migrationReport').fill('迁移完成。All 42 schemas moved. Rollback rehearsed on 2025-06-02.');
  await expect(editor.root.getByTestId('changed-marker')).toHaveCount(1);
  await editor.expectSaved();
  return editor;
}

/** Opens a draft from the Proofs page's list of drafts. */
export async function openDraft(page: Page, shell: AppShell, orderLineId: string): Promise<ProofEditorPage> {
  const editor = await proofsList(page, shell);
  await page.getByTestId('draft-table-row').filter({ hasText: orderLineId }).getByTestId('draft-open').click();
  await expect(editor.root).toBeVisible();
  await expect(editor.files).toHaveCount(1);
  return editor;
}

/** The Proofs page showing its list (an open editor is left by its "Back", which may lead to the order). */
export async function proofsList(page: Page, shell: AppShell): Promise<ProofEditorPage> {
  const editor = new ProofEditorPage(page);
  await shell.goTo('proofs');
  if (await editor.root.isVisible()) {
    await editor.root.getByTestId('editor-back').click();
    await expect(editor.root).toBeHidden();
    await shell.goTo('proofs');
  }
  await expect(page.getByTestId('draft-table-row').first()).toBeVisible();
  return editor;
}

/**
 * A reject the marketplace refuses for good (409 MKT.2002: its back office opened an appeal the app had not heard of,
 * S5a): it stays in the Sync Center as a conflict. Returns the order line id.
 */
export async function refusedReject(page: Page, sim: Simulator, shell: AppShell, orderLineId: string): Promise<string> {
  await addRequestLine(sim, orderLineId);
  await syncAgain(shell);
  await control(sim, 'POST', `/sim/v1/order-lines/${orderLineId}/appeal/open`, { reason: 'opened by the back office' });
  const detail = await new SupervisionPage(page).openOrder(orderLineId);
  await detail.root.getByTestId('action-reject').click();
  await page.getByTestId('reject-reason').fill('Please add the deployment environment / 请补充部署环境');
  await page.getByTestId('action-submit').click();
  await expect(page.getByTestId('reject-dialog')).toBeHidden();
  return orderLineId;
}

/** The Sync Center with the refused reject's row, its "Details" open. */
export async function syncCenterWithConflict(page: Page, orderLineId: string): Promise<SyncCenterPage> {
  const center = new SyncCenterPage(page);
  await center.open();
  const row = center.row(orderLineId, 'request.reject');
  await expect(row).toHaveAttribute('data-state', 'conflict', { timeout: 30_000 });
  const details = row.getByTestId('outbox-details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return center;
}

/**
 * A host on a data folder whose database was zeroed after a sync and a backup (docs/architecture.md "Data"): its
 * window shows the recovery screen. The simulator is stopped (the restore must come from the backup).
 */
export async function hostNeedingRecovery(
  dataDir: string,
  sim: Simulator,
): Promise<{ proc: RunningProcess; url: string }> {
  const dd = ['--data-dir', dataDir];
  await runCli('account', ['account', 'set', ...dd, '--endpoint', sim.url, '--ak', sim.ak, '--sk-stdin'], sim.sk);
  await runCli('sync', ['sync', ...dd]);
  await runCli('backup', ['db', 'backup', ...dd]);
  await sim.stop();
  await truncate(path.join(dataDir, 'account', 'seller-desk.db'), 0);
  const { proc, found } = await startCli('host', ['serve', ...dd, '--port', '0'], {
    url: /Seller Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  });
  return { proc, url: found.url };
}
