// Page object: Settings.
import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  readonly language: Locator;
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

  constructor(readonly page: Page) {
    this.language = page.getByTestId('settings-language');
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
  }

  async setLanguage(lang: 'en' | 'zh-CN'): Promise<void> {
    await this.language.selectOption(lang);
  }
}
