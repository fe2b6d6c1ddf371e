// The supervision table's tools, as a delivery engineer uses them: column resize (mouse and keyboard) and the column
// chooser kept across a reload, saved views, the CSV export of every matching line, match highlighting, and the one
// search box whose field chips narrow a term — in English and 简体中文 where words are involved.
import { test, expect, downloadOf, type Page } from './fixtures';
import { SupervisionPage } from './pages/SupervisionPage';

test.beforeEach(async ({ shell }) => {
  await shell.waitForFirstSync();
});

const header = (page: Page, col: string) => page.getByRole('columnheader').and(page.locator(`[data-col=${col}]`));

async function width(page: Page, col: string): Promise<number> {
  return Math.round((await header(page, col).boundingBox())?.width ?? 0);
}

/** The customer of the first visible line. */
async function firstCustomer(supervision: SupervisionPage): Promise<string> {
  await expect(supervision.rows.first()).toBeVisible();
  return ((await supervision.rows.first().locator('[data-col=customer]').textContent()) ?? '').trim();
}

test('resizing the customer column is kept after a reload (mouse and keyboard)', async ({ page, supervision }) => {
  await expect(supervision.rows.first()).toBeVisible();
  const before = await width(page, 'customer');
  const handle = page.getByTestId('resize-customer');
  await expect(handle).toHaveAttribute('aria-label', 'Resize the Customer column');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => width(page, 'customer')).toBeGreaterThanOrEqual(before + 115);
  const dragged = await width(page, 'customer');
  // The cells follow the header.
  expect(Math.round((await supervision.rows.first().locator('[data-col=customer]').boundingBox())!.width)).toBe(
    dragged,
  );

  // Keyboard: a focused handle takes ←/→ (16 px a press).
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => width(page, 'customer')).toBe(dragged + 32);
  await expect(handle).toHaveAttribute('aria-valuenow', String(dragged + 32));

  await page.reload();
  await expect(supervision.rows.first()).toBeVisible();
  await expect.poll(() => width(page, 'customer')).toBe(dragged + 32);
});

test('简体中文: a column hidden in the chooser stays hidden after a reload, and comes back', async ({
  page,
  shell,
  settings,
}) => {
  await settings.setLanguage('zh-CN');
  await shell.goTo('supervision');
  const supervision = new SupervisionPage(page);
  await expect(supervision.rows.first()).toBeVisible();
  await page.getByTestId('columns').click();
  await expect(page.getByTestId('columns-menu')).toContainText('显示的列');
  await page.getByTestId('column-toggle-amount').uncheck();
  await expect(header(page, 'amount')).toBeHidden();
  await expect(supervision.rows.first().locator('[data-col=amount]')).toBeHidden();
  await expect(header(page, 'customer')).toBeVisible();

  await page.reload();
  await expect(supervision.rows.first()).toBeVisible();
  await expect(header(page, 'amount')).toBeHidden();
  await page.getByTestId('columns').click();
  await expect(page.getByTestId('column-toggle-amount')).not.toBeChecked();
  await page.getByTestId('column-toggle-amount').check();
  await expect(header(page, 'amount')).toBeVisible();
});

test('a saved view restores filter, sort and columns; it can be renamed and deleted', async ({ page, supervision }) => {
  const all = await supervision.total();
  const customer = await firstCustomer(supervision);
  await supervision.search(supervision.customerName, customer);
  const filtered = await supervision.expectTotal((n) => n > 0 && n < all, `"${customer}" narrows the list`);
  await page.getByTestId('sort-amount').click();
  await expect(header(page, 'amount')).toHaveAttribute('aria-sort', 'descending');
  await page.getByTestId('columns').click();
  await page.getByTestId('column-toggle-placed').uncheck();
  await page.keyboard.press('Escape');

  await page.getByTestId('views').click();
  await expect(page.getByTestId('views-menu')).toContainText('No saved views yet');
  await page.getByTestId('view-name').fill('My customer by amount');
  await page.getByTestId('view-save').click();
  await expect(page.getByTestId('view-message')).toHaveText('View “My customer by amount” saved.');
  await page.keyboard.press('Escape');

  // Everything back to the defaults.
  await supervision.clearFilters();
  await supervision.expectTotal((n) => n === all, 'cleared');
  await page.getByTestId('sort-orderNo').click();
  await page.getByTestId('columns').click();
  await page.getByTestId('column-toggle-placed').check();
  await page.keyboard.press('Escape');
  await expect(header(page, 'placed')).toBeVisible();

  // One click restores all three.
  await page.getByTestId('views').click();
  await page.getByRole('button', { name: 'Apply view My customer by amount' }).click();
  await expect(page.getByTestId('search-chip-customerName')).toContainText(customer);
  await supervision.expectTotal((n) => n === filtered, 'the view’s filter');
  await expect(header(page, 'amount')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(page, 'placed')).toBeHidden();

  // Kept across a reload; renamed; deleted.
  await page.reload();
  await page.getByTestId('views').click();
  await expect(page.getByTestId('saved-view')).toHaveCount(1);
  await page.getByTestId('view-rename').click();
  await page.getByTestId('view-rename-input').fill('Renamed');
  await page.getByTestId('view-rename-save').click();
  await expect(page.getByTestId('view-apply')).toHaveText('Renamed');
  await page.getByRole('button', { name: 'Delete view Renamed' }).click();
  await expect(page.getByTestId('saved-view')).toHaveCount(0);
});

test('简体中文: a saved view is listed and applied by its name', async ({ page, shell, settings }) => {
  await settings.setLanguage('zh-CN');
  await shell.goTo('supervision');
  const supervision = new SupervisionPage(page);
  const all = await supervision.total();
  await supervision.search(supervision.productName, '迁移');
  const filtered = await supervision.expectTotal((n) => n > 0 && n < all, '“迁移”缩小了列表');
  await page.getByTestId('views').click();
  await page.getByTestId('view-name').fill('迁移订单');
  await page.getByTestId('view-save').click();
  await expect(page.getByTestId('view-message')).toHaveText('视图“迁移订单”已保存。');
  await page.keyboard.press('Escape');
  await supervision.clearFilters();
  await supervision.expectTotal((n) => n === all, '已清除');
  await page.getByTestId('views').click();
  await page.getByRole('button', { name: '应用视图 迁移订单' }).click();
  await expect(page.getByTestId('search-chip-productName')).toContainText('商品');
  await supervision.expectTotal((n) => n === filtered, '视图的筛选条件');
});

test('Export CSV downloads every matching line (UTF-8 with BOM), not just the rows in view', async ({
  page,
  supervision,
}) => {
  const all = await supervision.total();
  expect(all).toBeGreaterThan(60); // more than a screenful and a fetched block
  // The progress the page hears while main writes (orders:export-progress, carrying the export's own id).
  await page.evaluate(() => {
    const heard: unknown[] = [];
    Object.assign(window, { exportProgress: heard });
    window.sellerDesk.on('orders:export-progress', (p) => heard.push(p));
  });
  const { bytes } = await downloadOf(page, () => page.getByTestId('export-orders-csv').click());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').split('\r\n').filter(Boolean);
  expect(lines[0]).toContain('Order No. / 订单号');
  expect(lines).toHaveLength(all + 1);
  await expect(page.getByTestId('export-orders-status')).toContainText(`${all.toLocaleString('en-US')} lines exported`);
  const heard = await page.evaluate(
    () =>
      (window as Window & { exportProgress?: Array<{ exportId: string; done: number; total: number }> })
        .exportProgress ?? [],
  );
  expect(heard.at(0)).toMatchObject({ exportId: expect.stringMatching(/^orders-/), done: 0, total: all });
  expect(heard.at(-1)).toEqual({ ...heard[0], done: all });

  // Filtered: exactly the matching lines, Chinese intact.
  await supervision.search(supervision.productName, '迁移');
  const some = await supervision.expectTotal((n) => n > 0 && n < all, '迁移 narrows the list');
  const filtered = await downloadOf(page, () => page.getByTestId('export-orders-csv').click(), 'filtered.csv');
  const rows = filtered.bytes.toString('utf8').split('\r\n').filter(Boolean).slice(1);
  expect(rows).toHaveLength(some);
  for (const r of rows) expect(r).toContain('迁移');
});

test('简体中文: Export CSV says how many lines it exported', async ({ page, shell, settings }) => {
  await settings.setLanguage('zh-CN');
  await shell.goTo('supervision');
  const supervision = new SupervisionPage(page);
  const all = await supervision.total();
  await expect(page.getByTestId('export-orders-csv')).toHaveText('导出 CSV');
  const { bytes } = await downloadOf(page, () => page.getByTestId('export-orders-csv').click());
  expect(bytes.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(all + 1);
  await expect(page.getByTestId('export-orders-status')).toContainText(`已导出 ${all.toLocaleString('en-US')} 行`);
});

test('the search term is highlighted in the rows', async ({ page, supervision }) => {
  await supervision.search(supervision.text, '迁移');
  await supervision.expectTotal((n) => n > 0, '迁移 matches');
  const marks = supervision.rows.first().locator('[data-col=product] mark');
  await expect(marks.first()).toHaveText('迁移');
  // Only the matching part is marked.
  const product = (await supervision.rows.first().locator('[data-col=product]').textContent()) ?? '';
  expect(product.length).toBeGreaterThan(2);

  // A customer chip marks the customer cell, not the product cell.
  await supervision.search(supervision.text, '');
  const customer = await firstCustomer(supervision);
  const part = [...customer].slice(0, 2).join('');
  await supervision.search(supervision.customerName, part);
  await supervision.expectTotal((n) => n > 0, `${part} matches a customer`);
  await expect(supervision.rows.first().locator('[data-col=customer] mark').first()).toHaveText(part, {
    ignoreCase: true,
  });
  await expect(page.locator('[data-testid=order-row] [data-col=product] mark')).toHaveCount(0);
});

test('one search box with chips finds by customer (keyboard: Tab to the chip, Backspace removes it)', async ({
  page,
  supervision,
}) => {
  const all = await supervision.total();
  const customer = await firstCustomer(supervision);
  await supervision.text.fill(customer);
  await expect(page.getByTestId('search-scope')).toContainText(`Search “${customer}” in`);
  await page.keyboard.press('Tab'); // All fields
  await page.keyboard.press('Tab'); // Order No.
  await page.keyboard.press('Tab'); // Customer
  await expect(page.getByTestId('search-in-customerName')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-chip-customerName')).toContainText(`Customer${customer}`);
  await expect(supervision.text).toBeFocused();
  await expect(supervision.text).toHaveValue('');
  const n = await supervision.expectTotal((t) => t > 0 && t < all, 'the customer narrows the list');
  for (const r of await supervision.rows.evaluateAll((els) =>
    els.map((el) => el.querySelector('[data-col=customer]')?.textContent ?? ''),
  ))
    expect(r).toBe(customer);
  expect(n).toBeGreaterThan(0);

  // Backspace in the empty box removes the chip; the list is whole again.
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('search-chip-customerName')).toHaveCount(0);
  await supervision.expectTotal((t) => t === all, 'chip removed');
  // There is one search box, not three.
  await expect(page.getByRole('search').locator('input[type=search]')).toHaveCount(1);
});

test('简体中文: 一个搜索框，用“客户”标签按客户查找，× 移除标签', async ({ page, shell, settings }) => {
  await settings.setLanguage('zh-CN');
  await shell.goTo('supervision');
  const supervision = new SupervisionPage(page);
  const all = await supervision.total();
  const customer = await firstCustomer(supervision);
  await supervision.text.fill(customer);
  await expect(page.getByTestId('search-in-customerName')).toHaveText('客户');
  await page.getByTestId('search-in-customerName').click();
  await expect(page.getByTestId('search-chip-customerName')).toContainText(`客户${customer}`);
  await supervision.expectTotal((t) => t > 0 && t < all, '按客户缩小');
  await page.getByRole('button', { name: `移除 客户：${customer}` }).click();
  await supervision.expectTotal((t) => t === all, '标签已移除');
});
