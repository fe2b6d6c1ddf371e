// Page object: the Sync Center and the action dialogs it opens. Selectors are test ids and data
// attributes (state, kind, order line), so they hold in every language.
import { expect, type Locator, type Page } from '@playwright/test';

export type OutboxFilterId = 'all' | 'unsent' | 'attention' | 'acked' | 'discarded';

export class SyncCenterPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly counts: Locator;
  readonly retryNow: Locator;
  readonly navItem: Locator;
  readonly navBadge: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sync-center');
    this.rows = page.getByTestId('outbox-row');
    this.counts = page.getByTestId('sync-center-counts');
    this.retryNow = page.getByTestId('retry-now');
    this.navItem = page.getByTestId('nav-sync-center');
    this.navBadge = page.getByTestId('nav-sync-badge');
  }

  async open(): Promise<void> {
    await this.navItem.click();
    await expect(this.navItem).toHaveAttribute('aria-current', 'page');
    await expect(this.root).toBeVisible();
  }

  /** The row of one order line's item (the newest, when it has several). */
  row(orderLineId: string, kind?: string): Locator {
    const kindSel = kind ? `[data-kind="${kind}"]` : '';
    return this.page.locator(`[data-testid=outbox-row][data-order-line-id="${orderLineId}"]${kindSel}`).first();
  }

  async filter(id: OutboxFilterId): Promise<void> {
    await this.page.getByTestId(`outbox-filter-${id}`).click();
    await expect(this.page.getByTestId(`outbox-filter-${id}`)).toHaveAttribute('aria-checked', 'true');
  }

  /** Opens "Edit & re-queue" on a row; returns the dialog. */
  async edit(row: Locator): Promise<Locator> {
    await row.getByTestId('outbox-edit').click();
    const dialog = this.page.getByTestId('edit-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Opens "Discard" on a row; returns the dialog. */
  async discard(row: Locator): Promise<Locator> {
    await row.getByTestId('outbox-discard').click();
    const dialog = this.page.getByTestId('discard-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
