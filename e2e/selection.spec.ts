// Selection and the detail panel at a laptop's 1366×768: one selection by order line id (the highlight and the
// panel never show two different orders), the table's key columns beside the open panel, ↓/Enter from the search.
import { test, expect } from './fixtures';
import { SupervisionPage } from './pages/SupervisionPage';

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeEach(async ({ shell }) => {
  await shell.waitForFirstSync();
});

/** The highlighted row's order line id, or null when no row is highlighted. */
async function highlighted(supervision: SupervisionPage): Promise<string | null> {
  const selected = supervision.page.locator('[data-testid=order-row].selected');
  return (await selected.count()) === 0 ? null : selected.first().getAttribute('data-order-line-id');
}

test('reject a request in a filtered list: the highlight and the panel stay on the same order (or the highlight goes)', async ({ page, shell, supervision }) => {
  await supervision.filterStages(['request_pending']);
  const before = await supervision.expectTotal((n) => n >= 2, 'at least two requests await the seller');
  const [first] = await supervision.visibleRows();
  const detail = await supervision.openRow(0);
  await expect(detail.root).toHaveAttribute('data-order-line-id', first.orderLineId);
  expect(await highlighted(supervision)).toBe(first.orderLineId);

  // The customer's request is shown with the buttons that decide on it.
  await expect(detail.root.getByTestId('action-request')).toBeVisible();
  await expect(detail.root.getByTestId('action-request')).toBeInViewport();

  await detail.root.getByTestId('action-reject').click();
  const dialog = page.getByTestId('reject-dialog');
  await dialog.getByTestId('reject-reason').fill('Please describe the target environment / 请说明目标环境');
  await dialog.getByTestId('action-submit').click();
  await expect(dialog).toBeHidden();

  // Once the marketplace acks, the line leaves the filtered list.
  await expect
    .poll(
      async () => {
        if ((await supervision.total()) >= before) await shell.syncNow.click().catch(() => undefined);
        return supervision.total();
      },
      { timeout: 45_000, intervals: [1000, 2000, 3000] },
    )
    .toBe(before - 1);
  await expect(supervision.rows.filter({ has: page.locator(`[data-order-line-id="${first.orderLineId}"]`) })).toHaveCount(0);

  // No other order is highlighted while the panel shows the rejected one; the panel says it left the list.
  const panelId = await detail.root.getAttribute('data-order-line-id');
  const selectedId = await highlighted(supervision);
  expect(panelId).toBe(first.orderLineId);
  expect(selectedId === null || selectedId === panelId).toBe(true);
  await expect(detail.root.getByTestId('detail-not-in-list')).toBeVisible();

  // "Close and clear": no panel, no highlight.
  await detail.root.getByTestId('detail-clear-selection').click();
  await expect(detail.root).toHaveCount(0);
  expect(await highlighted(supervision)).toBeNull();
});

test('1366×768: the key columns stay visible beside the open panel; nothing under it takes focus', async ({ page, supervision }) => {
  const detail = await supervision.openRow(0);
  const panel = (await detail.root.boundingBox())!;
  for (const col of ['orderNo', 'status', 'stage', 'placed', 'waiting']) {
    const header = page.getByRole('columnheader').and(page.locator(`[data-col=${col}]`));
    await expect(header).toBeVisible();
    const box = (await header.boundingBox())!;
    expect(box.x + box.width, `${col} ends left of the panel`).toBeLessThanOrEqual(panel.x);
    await expect(supervision.rows.first().locator(`[data-col=${col}]`)).toBeVisible();
  }
  // Columns that do not fit are not rendered (so their sort buttons are not focusable behind anything).
  await expect(page.getByTestId('sort-product')).toBeHidden();

  // On a narrower window the panel overlays the table, and the covered table is inert.
  await page.setViewportSize({ width: 1100, height: 768 });
  await expect(supervision.grid).toHaveAttribute('inert', '');
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(supervision.grid).not.toHaveAttribute('inert', '');
});

test('↓ from the search moves into the list and Enter opens the highlighted order', async ({ page, supervision }) => {
  await supervision.search(supervision.text, '');
  await supervision.text.focus();
  await page.keyboard.press('ArrowDown');
  await expect(supervision.grid).toBeFocused();
  await expect.poll(() => highlighted(supervision)).not.toBeNull();
  const id = await highlighted(supervision);
  await page.keyboard.press('Enter');
  await expect(supervision.detail.root).toHaveAttribute('data-order-line-id', id!);
});

test('简体中文: ↓/Enter opens an order and its request sits beside the request buttons', async ({ page, shell, settings }) => {
  await settings.setLanguage('zh-CN');
  await shell.goTo('supervision');
  const supervision = new SupervisionPage(page);
  await supervision.filterStages(['request_pending']);
  await supervision.expectTotal((n) => n > 0, '有待处理的需求');
  await supervision.search(supervision.text, '');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(supervision.detail.root).toBeVisible();
  await expect(supervision.detail.root.getByTestId('action-request')).toContainText('客户需求');
  await expect(supervision.detail.root.getByTestId('action-accept')).toHaveText('接受需求');
});
