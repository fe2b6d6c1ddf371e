// The keyboard path of Service Supervision, in English and 简体中文: from the search box a few Tabs reach the list
// (status, stage, one "Placed between" drop-down, one quick-filter toolbar), arrow keys move inside the toolbar,
// the date fields open from that one drop-down, and ↓ skips every filter.
import { test, expect } from './fixtures';
import { SettingsPage } from './pages/SettingsPage';

const LANGS = [
  {
    lang: 'en',
    toList: 'to the list',
    toolbar: 'Quick filters and sorting',
    placed: 'Placed between (UTC+8 dates)',
    any: 'Any date',
    from: 'From 2025-04-01',
  },
  {
    lang: 'zh-CN',
    toList: '进入列表',
    toolbar: '快捷筛选与排序',
    placed: '下单日期（UTC+8）',
    any: '任意日期',
    from: '2025-04-01 起',
  },
] as const;

for (const words of LANGS) {
  test(`from the search box, a few Tabs reach the list: search → filters → quick filters → list (${words.lang})`, async ({
    page,
    shell,
  }) => {
    await shell.waitForFirstSync();
    if (words.lang !== 'en') {
      await shell.goTo('settings');
      await new SettingsPage(page).setLanguage(words.lang);
      await expect(page.locator('html')).toHaveAttribute('lang', words.lang);
    }
    await shell.goTo('supervision');
    const search = page.getByTestId('search-text');
    const grid = page.getByTestId('order-grid');
    await expect(page.getByTestId('order-row').first()).toBeVisible();

    // `/` focuses the search box, which then shows the shortcut past every filter.
    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    await expect(page.getByTestId('search-to-list-hint')).toBeVisible();
    await expect(page.getByTestId('search-to-list-hint')).toContainText(words.toList);

    // Exactly five Tabs, each landing where it says: status, stage, "Placed between", the quick-filter toolbar, the
    // list.
    const stops = [
      page.getByTestId('filter-status').getByRole('button'),
      page.getByTestId('filter-stage').getByRole('button'),
      page.getByTestId('search-placed'),
      page.getByTestId('quick-needs_action'),
      grid,
    ];
    for (const stop of stops) {
      await page.keyboard.press('Tab');
      await expect(stop).toBeFocused();
    }

    // Back into the toolbar (one Shift+Tab): ← → Home End move between the quick filters and "Most urgent first".
    await page.keyboard.press('Shift+Tab');
    const toolbar = page.getByRole('toolbar', { name: words.toolbar });
    await expect(toolbar.getByTestId('quick-needs_action')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('quick-awaiting_customer')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('quick-waiting_long')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('quick-awaiting_customer')).toBeFocused();
    await page.keyboard.press('End');
    await expect(page.getByTestId('sort-urgent-first')).toBeFocused();
    await page.keyboard.press('ArrowRight'); // wraps around
    await expect(page.getByTestId('quick-needs_action')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('sort-urgent-first')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('quick-needs_action')).toBeFocused();
    await page.keyboard.press('ArrowRight');

    // Space turns the focused filter on and Enter off; the toolbar stays one stop and remembers where it was.
    const awaiting = page.getByTestId('quick-awaiting_customer');
    await page.keyboard.press('Space');
    await expect(awaiting).toHaveAttribute('aria-pressed', 'true');
    await expect(awaiting).toHaveAttribute('tabindex', '0');
    await expect(page.getByTestId('quick-needs_action')).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(awaiting).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(awaiting).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Tab');
    await expect(grid).toBeFocused();

    // The two date fields live behind the one "Placed between" stop: Enter opens them, Esc closes back to it.
    const placed = stops[2];
    await expect(placed).toHaveAccessibleName(`${words.placed} ${words.any}`);
    await placed.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('search-from')).toBeFocused();
    await page.getByTestId('search-from').fill('2025-04-01');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search-placed-popover')).toBeHidden();
    await expect(placed).toBeFocused();
    await expect(placed).toContainText(words.from);
    await page.getByTestId('search-clear').click();
    await expect(placed).toContainText(words.any);

    // ↓ in the search box skips every filter and lands in the list.
    await search.focus();
    await page.keyboard.press('ArrowDown');
    await expect(grid).toBeFocused();
  });
}
