// Page object: the order detail panel.
import type { Locator, Page } from '@playwright/test';

export class DetailPanel {
  readonly root: Locator;
  readonly customer: Locator;
  readonly timeline: Locator;
  readonly timelineEvents: Locator;
  readonly request: Locator;
  readonly supervision: Locator;
  readonly validity: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('detail-panel');
    this.customer = this.root.getByTestId('detail-customer');
    this.timeline = this.root.getByTestId('detail-timeline');
    this.timelineEvents = this.root.getByTestId('timeline-event');
    this.request = this.root.getByTestId('detail-request');
    this.supervision = this.root.getByTestId('detail-supervision');
    this.validity = this.root.getByTestId('detail-validity');
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
