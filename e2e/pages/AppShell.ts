// Page object: the app frame — navigation and the status bar. Selectors are test ids, so they hold in every language.
import { expect, type Locator, type Page } from '@playwright/test';

export type PageId = 'supervision' | 'proofs' | 'bills' | 'settings';
export type ConnectionState = 'online' | 'failed' | 'offline' | 'host' | 'unconfigured' | 'unknown';

export class AppShell {
  readonly statusBar: Locator;
  readonly connection: Locator;
  readonly cachedLines: Locator;
  readonly lastSync: Locator;
  readonly syncNow: Locator;
  readonly demoBadge: Locator;
  /** "Sync failed: …" in words, when the marketplace answered but refused. */
  readonly syncFailure: Locator;
  /** The connected seller's name (its id in the tooltip). */
  readonly account: Locator;

  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar');
    this.connection = page.getByTestId('connection');
    this.cachedLines = page.getByTestId('cached-lines');
    this.lastSync = page.getByTestId('last-sync');
    this.syncNow = page.getByTestId('sync-now');
    this.demoBadge = page.getByTestId('demo-badge');
    this.syncFailure = page.getByTestId('sync-failure');
    this.account = page.getByTestId('status-account');
  }

  navItem(id: PageId): Locator {
    return this.page.getByTestId(`nav-${id}`);
  }

  async goTo(id: PageId): Promise<void> {
    await this.navItem(id).click();
    await expect(this.navItem(id)).toHaveAttribute('aria-current', 'page');
  }

  async expectConnection(state: ConnectionState, timeout?: number): Promise<void> {
    await expect(this.connection).toHaveAttribute('data-state', state, { timeout });
  }

  /** The number in "N cached lines" (digits only, any language). */
  async cachedLineCount(): Promise<number> {
    const text = (await this.cachedLines.textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** Waits until a sync has finished at least once (the last-sync time is shown). */
  async waitForFirstSync(timeout = 60_000): Promise<void> {
    await expect(this.lastSync.locator('time')).toBeVisible({ timeout });
    await expect(this.page.getByTestId('sync-progress')).toHaveCount(0, { timeout });
  }
}
