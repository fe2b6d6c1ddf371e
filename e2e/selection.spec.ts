// Selection and the detail panel at a laptop's 1366×768: one selection by order line id (the highlight and the
// panel never show two different orders), the table's key columns beside the open panel, ↓/Enter from the search.
import { test, expect, control } from './fixtures';
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

test('reject a request in a filtered list: the highlight and the panel stay on the same order (or the highlight goes)', async ({
  page,
  shell,
  supervision,
}) => {
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
  await expect(
    supervision.rows.filter({ has: page.locator(`[data-order-line-id="${first.orderLineId}"]`) }),
  ).toHaveCount(0);

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

test('1366×768: the key columns stay visible beside the open panel; nothing under it takes focus', async ({
  page,
  supervision,
}) => {
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

test('1366×768: the customer’s request sits right by "Accept request"; a new toast does not cover the open panel', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  const [asked, later] = ['CSE2ES000001-000001', 'CSE2ES000002-000001'];
  const line = (orderLineId: string) => ({
    orderId: orderLineId.slice(0, 12),
    orderLineId,
    supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
  });
  await control(sim, 'POST', '/sim/v1/order-lines', { lines: [line(asked), line(later)] });
  await control(sim, 'POST', `/sim/v1/order-lines/${asked}/customer/request`, {
    description: 'Deploy to production / 部署到生产环境',
  });
  await shell.syncNow.click();
  await expect(shell.syncNow).toBeEnabled({ timeout: 60_000 });

  // What "Accept request" is about is on screen with it, just above the buttons (not 800 px further down).
  const detail = await supervision.openOrder(asked);
  const request = detail.root.getByTestId('action-request');
  const accept = detail.root.getByTestId('action-accept');
  await expect(request).toContainText('Deploy to production');
  await expect(request).toBeInViewport();
  await expect(accept).toBeInViewport();
  const [req, acc] = [(await request.boundingBox())!, (await accept.boundingBox())!];
  expect(acc.y - (req.y + req.height), 'the buttons follow the request closely').toBeLessThan(120);
  expect(acc.y, 'the buttons come after the request').toBeGreaterThan(req.y);

  // The customer of another order sends a request: its toast appears beside the panel, not over it.
  await control(sim, 'POST', `/sim/v1/order-lines/${later}/customer/request`, { description: 'Second request' });
  await shell.syncNow.click();
  const toast = page.locator(`[data-testid=toast][data-order-line-id="${later}"]`);
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toBeInViewport();
  const [panel, box] = [(await detail.root.boundingBox())!, (await toast.boundingBox())!];
  expect(box.x + box.width <= panel.x || box.x >= panel.x + panel.width, 'the toast is beside the panel').toBe(true);
  // Every point along the panel's bottom edge is the panel itself (nothing painted over its last buttons).
  const covered = await page.evaluate(
    ({ x, y, width }) => {
      const root = document.querySelector('[data-testid=detail-panel]');
      const out: number[] = [];
      for (let px = x + 8; px < x + width - 8; px += 24) {
        const hit = document.elementFromPoint(px, y);
        if (!hit || !root?.contains(hit)) out.push(px);
      }
      return out;
    },
    { x: panel.x, y: Math.min(panel.y + panel.height, 768) - 6, width: panel.width },
  );
  expect(covered, 'points of the panel’s bottom edge covered by something else').toEqual([]);
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

test('简体中文: ↓/Enter opens an order and its request sits beside the request buttons', async ({
  page,
  shell,
  settings,
}) => {
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
