// The Service Supervision page against the real browser host and simulator.
import { test, expect } from './fixtures';

test.describe('Service Supervision', () => {
  test.beforeEach(async ({ shell }) => {
    await shell.waitForFirstSync();
  });

  test('demo loads: order rows are visible and the status bar shows the cached line count', async ({
    shell,
    supervision,
  }) => {
    await expect(supervision.rows.first()).toBeVisible();
    await shell.expectConnection('online');
    const cached = await shell.cachedLineCount();
    expect(cached).toBeGreaterThan(0);
    // The unfiltered list is the whole cache.
    await supervision.expectTotal((n) => n === cached, `list total should equal the ${cached} cached lines`);
  });

  test('O1: search by part of an order No.', async ({ supervision }) => {
    const all = await supervision.total();
    const [first] = await supervision.visibleRows();
    const orderId = first.orderLineId.split('-')[0];
    const part = orderId.slice(4, 11); // from the middle: a partial, not a prefix
    await supervision.search(supervision.orderNo, part);
    const total = await supervision.expectTotal(
      (n) => n >= 1 && n < all,
      `searching "${part}" should narrow ${all} lines`,
    );
    const rows = await supervision.visibleRows();
    expect(rows.map((r) => r.orderLineId)).toContain(first.orderLineId);
    for (const r of rows) expect(r.orderLineId.toUpperCase()).toContain(part.toUpperCase());
    expect(rows.length).toBe(Math.min(total, rows.length));
  });

  test('O1: search by a Chinese product name, two characters (迁移) and a longer one', async ({ supervision }) => {
    const all = await supervision.total();
    // docs/architecture.md: a trigram index cannot match 2 characters; the list must still find them.
    await supervision.search(supervision.productName, '迁移');
    const short = await supervision.expectTotal((n) => n > 0 && n < all, '"迁移" should match some, not all, lines');
    for (const r of await supervision.visibleRows()) expect(r.product).toContain('迁移');

    await supervision.search(supervision.productName, '数据迁移专业服务');
    const long = await supervision.expectTotal((n) => n > 0 && n <= short, 'the longer name should match a subset');
    for (const r of await supervision.visibleRows()) expect(r.product).toContain('数据迁移专业服务');
    expect(long).toBeLessThanOrEqual(short);

    // Free text finds the same product names too.
    await supervision.search(supervision.productName, '');
    await supervision.search(supervision.text, '迁移');
    await supervision.expectTotal((n) => n >= short, 'free text covers product names');
  });

  test('S2: filter by stage', async ({ supervision }) => {
    const all = await supervision.total();
    await supervision.filterStages(['request_pending']);
    await supervision.expectTotal((n) => n > 0 && n < all, 'the stage filter should narrow the list');
    const stages = new Set((await supervision.visibleRows()).map((r) => r.stage));
    expect([...stages]).toEqual(['request_pending']);

    await supervision.clearFilters();
    await supervision.expectTotal((n) => n === all, 'clearing filters shows every line again');
  });

  test('open the detail: customer contact, supervision timeline and request', async ({ supervision }) => {
    await supervision.filterStages(['request_pending']);
    await supervision.expectTotal((n) => n > 0, 'some orders await the seller');
    const [row] = await supervision.visibleRows();
    const detail = await supervision.openRow(0);
    await expect(detail.root).toContainText(row.orderLineId);
    await expect(detail.customer).toBeVisible();
    await expect(detail.customer.locator('a[href^="mailto:"], a[href^="tel:"]').first()).toBeVisible();
    await expect(detail.timelineEvents.first()).toBeVisible();
    await expect(detail.request).toBeVisible(); // S1 request-first: the customer's request is shown
    await expect(detail.validity).toBeVisible();

    // Keyboard: Esc closes the detail, arrows move the selection, Enter opens it again.
    await detail.close();
    await expect(detail.root).toHaveCount(0);
    await supervision.grid.focus();
    await supervision.page.keyboard.press('ArrowDown');
    await supervision.page.keyboard.press('Enter');
    await expect(detail.root).toBeVisible();
  });

  test('click a column header to sort amounts (O3: within each currency, both directions)', async ({ supervision }) => {
    // "CNY 1,200.00" → ['CNY', 1200]: amounts are compared within their currency, never across CNY and USD.
    const amounts = async () =>
      (
        await supervision.rows.evaluateAll((els) =>
          els.map((el) => el.querySelector('[data-col=amount]')?.textContent ?? ''),
        )
      ).map((text) => {
        const [currency, number] = text.trim().split(/\s+/);
        return { currency, value: Number(number.replace(/[^\d.-]/g, '')) };
      });
    const ordered = (a: Array<{ currency: string; value: number }>, dir: 1 | -1) =>
      a.every(
        (v, i) =>
          i === 0 ||
          (a[i - 1].currency === v.currency
            ? dir * (v.value - a[i - 1].value) >= 0
            : dir * v.currency.localeCompare(a[i - 1].currency) > 0),
      );
    const header = supervision.page
      .getByRole('columnheader')
      .filter({ has: supervision.page.getByTestId('sort-amount') });
    await supervision.page.getByTestId('sort-amount').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect
      .poll(async () => {
        const a = await amounts();
        return a.length > 5 && ordered(a, -1);
      })
      .toBe(true);
    await supervision.page.getByTestId('sort-amount').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect
      .poll(async () => {
        const a = await amounts();
        return a.length > 5 && ordered(a, 1);
      })
      .toBe(true);
  });

  test("import an order by id (the marketplace's documented mock order)", async ({ page, supervision }) => {
    await page.getByTestId('import-open').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-order-id').fill('NOSUCHORDER42');
    await dialog.getByTestId('import-submit').click();
    await expect(dialog.getByRole('alert')).toBeVisible(); // an unknown id is said beside the field
    await dialog.getByTestId('import-order-id').fill('MOCKPERIODYEARNEW');
    await dialog.getByTestId('import-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(supervision.detail.root).toContainText('MOCKPERIODYEARNEW-000001');
    await expect(supervision.detail.root.getByText('Imported')).toBeVisible();

    await supervision.search(supervision.orderNo, 'MOCKPERIODYEARNEW');
    await supervision.expectTotal((n) => n === 1, 'the imported line is in the same cache');
    await expect(supervision.rows.first()).toContainText('Imported');
  });
});
