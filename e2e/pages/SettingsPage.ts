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
  }

  async setLanguage(lang: 'en' | 'zh-CN'): Promise<void> {
    await this.language.selectOption(lang);
  }
}
