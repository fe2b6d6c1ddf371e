// Dark mode and the bundled UI fonts: the theme follows the OS (prefers-color-scheme) until Settings → Appearance
// picks one (persisted through settings:set); body text uses the bundled Latin font (Inter), CJK after it.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

test.use({ colorScheme: 'dark' });

/** The background painted behind an element: its own, or the first non-transparent one above it. */
async function paintedBackground(el: Locator): Promise<string> {
  return el.evaluate((node) => {
    for (let e: Element | null = node; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
    }
    return 'rgb(255, 255, 255)';
  });
}

/** Relative luminance (0 black … 1 white) of an rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

async function expectTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  const main = page.locator('main.main');
  const bg = luminance(await paintedBackground(main));
  const text = luminance(await main.evaluate((e) => getComputedStyle(e).color));
  if (theme === 'dark') {
    expect(bg, 'the main area is dark').toBeLessThan(0.05);
    expect(text, 'its text is light').toBeGreaterThan(0.5);
  } else {
    expect(bg, 'the main area is light').toBeGreaterThan(0.8);
    expect(text, 'its text is dark').toBeLessThan(0.1);
  }
}

test('dark with a dark OS; Settings “Light” overrides it and persists; labels in English and 简体中文', async ({
  page,
  host,
  shell,
  settings,
}) => {
  await expectTheme(page, 'dark');
  await expect(settings.theme).toHaveValue('system');
  await expect(settings.theme.locator('option')).toHaveText(['System', 'Light', 'Dark']);
  await expect(page.getByRole('heading', { name: 'Appearance' })).toBeVisible();

  await settings.setTheme('light');
  await expectTheme(page, 'light');

  // Persisted in main, not only in this page: a fresh dark-OS context on the same host opens light.
  const other = await page.context().browser()!.newContext({ colorScheme: 'dark', locale: 'en-US' });
  const second = await other.newPage();
  await second.goto(host.url);
  await expect(second.getByTestId('nav-supervision')).toBeVisible();
  await expectTheme(second, 'light');
  await other.close();

  await page.reload();
  await expectTheme(page, 'light');
  await shell.goTo('settings');
  await expect(settings.theme).toHaveValue('light');

  await settings.setLanguage('zh-CN');
  await expect(page.getByRole('heading', { name: '外观' })).toBeVisible();
  await expect(settings.theme.locator('option')).toHaveText(['跟随系统', '浅色', '深色']);
  await settings.setTheme('dark');
  await expectTheme(page, 'dark');
  await settings.setTheme('system');
  await expectTheme(page, 'dark'); // the OS is dark
});

test('body text uses the bundled Latin font (Inter), with the bundled CJK font after it', async ({ page, shell }) => {
  await shell.goTo('supervision');
  const font = await page.evaluate(async () => {
    await document.fonts.ready;
    // Curly quotes and Latin text in the UI font: their faces are loaded from the app's own files.
    await document.fonts.load('13px "Inter Variable"', 'customer’s “quoted”');
    const faces = [...document.fonts].filter(
      (f) => f.family.replace(/"/g, '') === 'Inter Variable' && f.status === 'loaded',
    );
    return {
      family: getComputedStyle(document.querySelector('.page-sub') ?? document.body).fontFamily,
      check: document.fonts.check('13px "Inter Variable"', 'customer’s'),
      loaded: faces.map((f) => f.unicodeRange),
    };
  });
  expect(
    font.family
      .split(',')
      .map((f) => f.trim().replace(/["']/g, ''))
      .slice(0, 2),
  ).toEqual(['Inter Variable', 'Noto Sans SC']);
  expect(font.check).toBe(true);
  // The Latin face that covers U+2019 (’) and U+201C/D (“ ”): the General Punctuation block.
  expect(font.loaded.some((r) => /U\+2000-206F/i.test(r))).toBe(true);
});
