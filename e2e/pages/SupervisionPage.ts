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

/** The search box's field chips: a term narrowed to one field. */
export type ChipField = 'orderNo' | 'customerName' | 'productName';

export class SupervisionPage {
  /** The one search box (what is typed searches all fields). */
  readonly text: Locator;
  readonly orderNo: ChipField = 'orderNo';
  readonly customerName: ChipField = 'customerName';
  readonly productName: ChipField = 'productName';
  readonly resultCount: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly detail: DetailPanel;

  constructor(readonly page: Page) {
    this.text = page.getByTestId('search-text');
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

  /**
   * Types like a user: in the search box and Enter (all fields), or then picks a field chip (Order No., Customer,
   * Product), which replaces that field's chip; an empty value for a chip field removes its chip.
   */
  async search(field: Locator | ChipField, value: string): Promise<void> {
    if (typeof field !== 'string') {
      await field.fill(value);
      await field.press('Enter');
      return;
    }
    if (value === '') {
      const remove = this.page.getByTestId(`search-chip-remove-${field}`);
      if ((await remove.count()) > 0) await remove.click();
      return;
    }
    await this.text.fill(value);
    await this.page.getByTestId(`search-in-${field}`).click();
    await expect(this.page.getByTestId(`search-chip-${field}`)).toContainText(value);
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
