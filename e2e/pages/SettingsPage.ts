// Page object: Settings.
import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  readonly language: Locator;
  readonly theme: Locator;
  readonly endpoint: Locator;
  readonly ak: Locator;
  readonly skStored: Locator;
  readonly skReplace: Locator;
  readonly sk: Locator;
  readonly interval: Locator;
  readonly waitingDays: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly test: Locator;
  readonly testResult: Locator;
  /** Where the SK is kept, in words (shown while the SK field has no error). */
  readonly skHint: Locator;
  readonly sellerName: Locator;
  readonly sellerId: Locator;

  constructor(readonly page: Page) {
    this.language = page.getByTestId('settings-language');
    this.theme = page.getByTestId('settings-theme');
    this.endpoint = page.getByTestId('settings-endpoint');
    this.ak = page.getByTestId('settings-ak');
    this.skStored = page.getByTestId('settings-sk-stored');
    this.skReplace = page.getByTestId('settings-sk-replace');
    this.sk = page.getByTestId('settings-sk');
    this.interval = page.getByTestId('settings-interval');
    this.waitingDays = page.getByTestId('settings-waiting-days');
    this.save = page.getByTestId('settings-save');
    this.saved = page.getByTestId('settings-saved');
    this.test = page.getByTestId('settings-test');
    this.testResult = page.getByTestId('settings-test-result');
    this.skHint = page.getByTestId('settings-sk-hint');
    this.sellerName = page.getByTestId('settings-seller-name');
    this.sellerId = page.getByTestId('settings-seller-id');
  }

  /** The message or hint under a field: the element its input's aria-describedby names. */
  async noteOf(input: Locator): Promise<Locator> {
    const id = await input.getAttribute('aria-describedby');
    if (!id) throw new Error('the field has no aria-describedby');
    return this.page.locator(`[id="${id}"]`);
  }

  async setLanguage(lang: 'en' | 'zh-CN'): Promise<void> {
    await this.language.selectOption(lang);
  }

  async setTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.theme.selectOption(theme);
  }
}
