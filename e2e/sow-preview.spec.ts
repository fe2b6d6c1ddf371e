// The statement of work full size: pdf.js draws the PDF in the page (the same in Electron and the browser host), with
// page navigation, zoom and keys — Page Up / Page Down, + / −, Esc closes — opened from the SOW card.
import { samplePdf } from '../marketplace-sim/sample-files';
import { test, expect, createSupervisedLines, DAY, type Page } from './fixtures';
import { ProofEditorPage } from './pages/ProofEditorPage';
import { SettingsPage } from './pages/SettingsPage';

/** A report long enough that the SOW runs over more than one page. */
const LONG_REPORT = Array.from(
  { length: 90 },
  (_, i) => `Step ${i + 1}: schema batch ${i + 1} moved and checked / 第 ${i + 1} 步：已迁移并核对`,
).join('\n');

/** How many pixels of the canvas are not white: a drawn page has text on it. */
function inkOf(page: Page): Promise<number> {
  return page.getByTestId('sow-viewer-canvas').evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
    return ink;
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  const words =
    lang === 'en'
      ? {
          open: 'Full size',
          page: (p: number, n: number) => `Page ${p} of ${n}`,
          fit: 'Fit width',
          zoom: /^Zoom \d+%$/,
        }
      : {
          open: '全尺寸查看',
          page: (p: number, n: number) => `第 ${p} 页，共 ${n} 页`,
          fit: '适合宽度',
          zoom: /^缩放 \d+%$/,
        };

  test(`${lang}: the SOW opens full size — pages, zoom, Page Up/Page Down, Esc closes`, async ({
    page,
    sim,
    shell,
    supervision,
  }) => {
    test.setTimeout(150_000);
    await shell.waitForFirstSync();
    if (lang === 'zh-CN') {
      await shell.goTo('settings');
      await new SettingsPage(page).setLanguage('zh-CN');
      await expect(shell.navItem('settings')).toHaveText('设置');
    }
    const [lineId] = await createSupervisedLines(sim, shell, ['awaiting_delivery'], Date.now() - 3 * DAY);
    await shell.waitForFirstSync();
    const detail = await supervision.openOrder(lineId);
    await detail.root.getByTestId('deliver-service-open').click();
    const editor = new ProofEditorPage(page);
    await editor.fillMigrationItems({
      scope: 'Oracle 11g → RDS for PostgreSQL',
      report: LONG_REPORT,
      date: '2025-06-01',
      gb: '64',
      checks: ['客户签字确认 / Customer sign-off'],
    });
    await editor.attach('acceptance', {
      name: 'acceptance.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Signed acceptance form'),
    });
    await editor.expectSaved();
    await editor.sowGenerate.click();
    const open = editor.root.getByTestId('sow-full-size');
    await expect(open).toHaveText(words.open);
    await open.click();

    const viewer = page.getByTestId('sow-viewer');
    const canvas = page.getByTestId('sow-viewer-canvas');
    await expect(viewer).toBeVisible();
    await expect(canvas).toHaveAttribute('data-rendered-page', '1', { timeout: 30_000 });
    const pages = Number(await viewer.getAttribute('data-pages'));
    expect(pages, 'the long report runs over more than one page').toBeGreaterThan(1);
    await expect(page.getByTestId('sow-viewer-page')).toHaveText(words.page(1, pages));
    await expect.poll(() => inkOf(page), { message: 'page 1 is drawn' }).toBeGreaterThan(1000);
    // Fitted to the window's width by default.
    await expect(page.getByTestId('sow-viewer-fit')).toHaveText(words.fit);
    await expect(page.getByTestId('sow-viewer-fit')).toHaveAttribute('aria-pressed', 'true');
    const fitted = (await canvas.boundingBox())!.width;
    expect(fitted).toBeGreaterThan(600);

    // Keys: Page Down / Page Up turn pages; the buttons do too.
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('sow-viewer-page')).toHaveText(words.page(2, pages));
    await expect(canvas).toHaveAttribute('data-rendered-page', '2');
    await page.keyboard.press('PageUp');
    await expect(canvas).toHaveAttribute('data-rendered-page', '1');
    await expect(page.getByTestId('sow-viewer-prev')).toBeDisabled();
    await page.getByTestId('sow-viewer-next').click();
    await expect(page.getByTestId('sow-viewer-page')).toHaveText(words.page(2, pages));

    // Zoom: a step out from "fit width", then a step in with "+" — the page shrinks, then grows; "0" fits it again.
    const zoom = page.getByTestId('sow-viewer-zoom');
    await expect(zoom).toHaveText(words.zoom);
    const fittedZoom = await zoom.textContent();
    await page.getByTestId('sow-viewer-zoom-out').click();
    await expect(page.getByTestId('sow-viewer-fit')).toHaveAttribute('aria-pressed', 'false');
    await expect(zoom).not.toHaveText(fittedZoom!);
    await expect.poll(async () => (await canvas.boundingBox())!.width).toBeLessThan(fitted);
    const smaller = (await canvas.boundingBox())!.width;
    await page.keyboard.press('+');
    await expect.poll(async () => (await canvas.boundingBox())!.width).toBeGreaterThan(smaller);
    await page.keyboard.press('0');
    await expect(page.getByTestId('sow-viewer-fit')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await canvas.boundingBox())!.width).toBe(fitted);

    // Esc closes it; the editor is as it was.
    await page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    await expect(editor.root).toBeVisible();
    await expect(open).toBeVisible();
  });
}
