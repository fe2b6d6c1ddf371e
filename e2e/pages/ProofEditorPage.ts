// Page object: the delivery-proof editor (issue 4) — items by kind, attachments, the enabling time and validity,
// the statement of work, "Deliver service". Selectors are test ids, so they hold in every language.
import { expect, type Locator, type Page } from '@playwright/test';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class ProofEditorPage {
  readonly root: Locator;
  readonly saveState: Locator;
  readonly files: Locator;
  readonly enablingTime: Locator;
  readonly validityWith: Locator;
  readonly validityWithout: Locator;
  readonly sowGenerate: Locator;
  readonly sowAttach: Locator;
  readonly sowPreview: Locator;
  readonly sowDownload: Locator;
  readonly deliver: Locator;
  readonly deliverDialog: Locator;
  readonly otherCategory: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('proof-editor');
    this.saveState = this.root.getByTestId('save-state');
    this.files = this.root.getByTestId('proof-file');
    this.enablingTime = this.root.getByTestId('enabling-time');
    this.validityWith = this.root.getByTestId('validity-with');
    this.validityWithout = this.root.getByTestId('validity-without');
    this.sowGenerate = this.root.getByTestId('sow-generate');
    this.sowAttach = this.root.getByTestId('sow-attach');
    this.sowPreview = this.root.getByTestId('sow-preview');
    this.sowDownload = this.root.getByTestId('sow-download');
    this.deliver = this.root.getByTestId('deliver-service');
    this.deliverDialog = page.getByTestId('deliver-dialog');
    this.otherCategory = this.root.getByTestId('other-category');
  }

  item(key: string): Locator {
    return this.root.getByTestId(`proof-item-${key}`);
  }

  input(key: string): Locator {
    return this.root.getByTestId(`proof-input-${key}`);
  }

  option(key: string, text: string): Locator {
    return this.item(key).locator(`input[type=checkbox][value="${text}"]`);
  }

  async attach(category: string, file: UploadFile): Promise<void> {
    const before = await this.files.count();
    await this.root.getByTestId(`attach-input-${category}`).setInputFiles(file);
    await expect(this.files).toHaveCount(before + 1);
  }

  /** Waits until every edit is acknowledged ("Saved hh:mm:ss"). */
  async expectSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-status', 'saved');
    await expect(this.saveState).toHaveText(/\d{2}:\d{2}:\d{2}/);
  }

  /** The SHA-256 of every file shown, as `category:sha256`. */
  async fileShas(): Promise<string[]> {
    return (await this.files.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-category')}:${el.getAttribute('data-sha256')}`))).sort();
  }
}
