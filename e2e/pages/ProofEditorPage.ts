// Page object: the delivery-proof editor — items by kind, attachments, the enabling time and validity,
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
  readonly exportPackage: Locator;
  /** P1–P3, V4: why "Generate SOW" is unavailable, with the way to the first problem. */
  readonly sowBlocked: Locator;
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
    this.exportPackage = this.root.getByTestId('export-package');
    this.sowBlocked = this.root.getByTestId('sow-blocked');
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

  /** Drops files on a category's drop zone the way a file manager does (a `drop` event carrying a DataTransfer). */
  async drop(category: string, ...files: UploadFile[]): Promise<void> {
    const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list)
        dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      return dt;
    }, payload);
    const zone = this.root.getByTestId(`dropzone-${category}`);
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
  }

  /** Fills every required content item of the Data Migration template (text, longtext, date, number, checklist). */
  async fillMigrationItems(v: {
    scope: string;
    report: string;
    date: string;
    gb: string;
    checks: string[];
  }): Promise<void> {
    await this.input('migrationScope').fill(v.scope);
    await this.input('migrationReport').fill(v.report);
    await this.input('cutoverDate').fill(v.date);
    await this.input('dataVolumeGb').fill(v.gb);
    for (const o of v.checks) await this.option('checks', o).check();
  }

  async attach(category: string, file: UploadFile): Promise<void> {
    const before = await this.files.count();
    await this.root.getByTestId(`attach-input-${category}`).setInputFiles(file);
    await expect(this.files).toHaveCount(before + 1);
  }

  /** `ms` as the value of a `datetime-local` input in the page's own time zone (minutes). */
  localTime(ms: number): Promise<string> {
    return this.page.evaluate((t) => {
      const d = new Date(t);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    }, ms);
  }

  /** Waits until every edit is acknowledged ("Saved hh:mm:ss"). */
  async expectSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-status', 'saved');
    await expect(this.saveState).toHaveText(/\d{2}:\d{2}:\d{2}/);
  }

  /** The SHA-256 of every file shown, as `category:sha256`. */
  async fileShas(): Promise<string[]> {
    return (
      await this.files.evaluateAll((els) =>
        els.map((el) => `${el.getAttribute('data-category')}:${el.getAttribute('data-sha256')}`),
      )
    ).sort();
  }
}
