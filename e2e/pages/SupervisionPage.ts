// Page object: the Service Supervision page — search, filters, the virtualized table.
import { expect, type Locator, type Page } from '@playwright/test';
import { DetailPanel } from './DetailPanel';

export interface VisibleRow {
  orderLineId: string;
  orderNo: string;
  product: string;
  stage: string;
  status: string;
}

export class SupervisionPage {
  readonly text: Locator;
  readonly orderNo: Locator;
  readonly productName: Locator;
  readonly resultCount: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly detail: DetailPanel;

  constructor(readonly page: Page) {
    this.text = page.getByTestId('search-text');
    this.orderNo = page.getByTestId('search-order-no');
    this.productName = page.getByTestId('search-product');
    this.resultCount = page.getByTestId('result-count');
    this.grid = page.getByTestId('order-grid');
    this.rows = page.getByTestId('order-row');
    this.detail = new DetailPanel(page);
  }

  /** The number in "N order lines" once loaded (digits only, any language). */
  async total(): Promise<number> {
    await expect(this.resultCount).toHaveText(/\d/);
    const text = (await this.resultCount.textContent()) ?? '';
    return Number((/[\d,]+/.exec(text)?.[0] ?? '').replace(/,/g, ''));
  }

  /** Waits until the shown total equals `n` (or satisfies `check`) and the table is not refreshing. */
  async expectTotal(check: (total: number) => boolean, message: string): Promise<number> {
    await expect.poll(async () => check(await this.total()), { message }).toBe(true);
    await expect(this.grid).not.toHaveClass(/refreshing/);
    return this.total();
  }

  async visibleRows(): Promise<VisibleRow[]> {
    await expect(this.rows.first()).toBeVisible();
    return this.rows.evaluateAll((els) =>
      els.map((el) => ({
        orderLineId: el.getAttribute('data-order-line-id') ?? '',
        orderNo: el.querySelector('[data-col=orderNo]')?.textContent ?? '',
        product: el.querySelector('[data-col=product]')?.getAttribute('title') ?? '',
        stage: el.querySelector('[data-stage]')?.getAttribute('data-stage') ?? '',
        status: el.querySelector('[data-status]')?.getAttribute('data-status') ?? '',
      })),
    );
  }

  /** Types like a user and presses Enter (the debounce is also exercised by the typing). */
  async search(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.press('Enter');
  }

  async filterStages(stages: string[]): Promise<void> {
    await this.multiSelect('filter-stage', stages);
  }

  async filterStatuses(statuses: string[]): Promise<void> {
    await this.multiSelect('filter-status', statuses);
  }

  private async multiSelect(testId: string, values: string[]): Promise<void> {
    const root = this.page.getByTestId(testId);
    await root.getByRole('button').first().click();
    for (const v of values) await root.locator(`input[type=checkbox][value="${v}"]`).check();
    await this.page.keyboard.press('Escape');
  }

  async quickFilter(id: 'needs_action' | 'awaiting_customer' | 'waiting_long' | 'appeal_open'): Promise<void> {
    await this.page.getByTestId(`quick-${id}`).click();
  }

  async clearFilters(): Promise<void> {
    await this.page.getByTestId('search-clear').click();
  }

  /** Goes to this page, finds the order by its number and opens its detail. */
  async openOrder(orderLineId: string): Promise<DetailPanel> {
    await this.page.getByTestId('nav-supervision').click();
    await this.search(this.orderNo, orderLineId.split('-')[0]);
    await this.expectTotal((n) => n === 1, `${orderLineId} should be found`);
    return this.openRow(0);
  }

  async openRow(index: number): Promise<DetailPanel> {
    await this.rows.nth(index).click();
    await expect(this.detail.root).toBeVisible();
    return this.detail;
  }
}
