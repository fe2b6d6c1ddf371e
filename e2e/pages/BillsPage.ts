// Page object: the Bills page — the monthly chart, the list of bills, one bill (checks, refunds, revisions, lines,
// exports) and the reconciliation tab. Selectors are test ids, so they hold in every language.
import { expect, type Locator, type Page } from '@playwright/test';

export class BillsPage {
  readonly root: Locator;
  readonly chart: Locator;
  readonly rows: Locator;
  readonly detail: Locator;
  readonly back: Locator;
  readonly checks: Locator;
  readonly flagged: Locator;
  readonly flaggedLines: Locator;
  readonly totals: Locator;
  readonly refunds: Locator;
  readonly revisions: Locator;
  readonly diff: Locator;
  readonly lines: Locator;
  readonly onlyMismatches: Locator;
  readonly recon: Locator;
  readonly reconRows: Locator;
  readonly reconTotals: Locator;
  readonly reconExport: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('bills-page');
    this.chart = page.getByTestId('bills-chart');
    this.rows = page.getByTestId('bill-row');
    this.detail = page.getByTestId('bill-detail');
    this.back = page.getByTestId('bills-back');
    this.checks = page.getByTestId('bill-checks');
    this.flagged = page.getByTestId('bill-flagged');
    this.flaggedLines = page.getByTestId('flagged-line');
    this.totals = page.getByTestId('bill-total');
    this.refunds = page.getByTestId('bill-refunds');
    this.revisions = page.getByTestId('revision');
    this.diff = page.getByTestId('bill-diff');
    this.lines = page.getByTestId('bill-line');
    this.onlyMismatches = page.getByTestId('only-mismatches');
    this.recon = page.getByTestId('reconciliation');
    this.reconRows = page.getByTestId('recon-row');
    this.reconTotals = page.getByTestId('recon-totals');
    this.reconExport = page.getByTestId('recon-export');
  }

  tab(id: 'bills' | 'reconciliation'): Locator {
    return this.page.getByTestId(`bills-tab-${id}`);
  }

  row(billId: string): Locator {
    return this.page.locator(`[data-testid="bill-row"][data-bill-id="${billId}"]`);
  }

  exportButton(format: 'csv' | 'xlsx' | 'pdf'): Locator {
    return this.page.getByTestId(`export-${format}`);
  }

  /** Opens a bill from the list (its latest revision). */
  async open(billId: string): Promise<void> {
    await this.row(billId).getByTestId('bill-open').click();
    await expect(this.detail).toHaveAttribute('data-bill-id', billId);
  }

  /** The currencies the chart draws a panel for (its `data-currencies`). */
  async chartCurrencies(): Promise<string[]> {
    await expect(this.chart.locator('svg')).toBeVisible();
    return ((await this.chart.getAttribute('data-currencies')) ?? '').split(' ').filter(Boolean);
  }

  /** The reconciliation's "N order lines" (digits only, any language). */
  async reconCount(): Promise<number> {
    await expect(this.reconTotals).toBeVisible();
    return Number((await this.reconTotals.getAttribute('data-lines')) ?? 'NaN');
  }

  async filterState(state: 'billed' | 'unbilled' | 'not_billable' | 'all'): Promise<void> {
    await this.page.getByTestId(`recon-state-${state}`).click();
  }
}
