// Accessibility: an axe-core scan (WCAG 2.0–2.2 A and AA, and axe's best practices: heading order, landmarks, …) of
// every page and the main dialogs, in English and 简体中文, in the light and the dark theme. One test per page: it
// reaches the page's state once per language (switched in Settings, as a user does) and scans it there, so a page
// costs one start of the host and simulator, not two. Every violation fails, whatever its impact; no rule is disabled.
//
// Each state is scanned twice, English in the light theme and 简体中文 in the dark one, not in all four pairs: every
// rule still runs in both languages and in both themes. The theme changes colours only (the data-theme tokens of
// renderer/styles.css; no style depends on the language), so the rules that see colours (color-contrast,
// link-in-text-block) check the same elements with the same colours in either language; the language changes text
// and attributes only (lang, names, labels), which no theme changes. English-dark and 简体中文-light would show no rule
// anything the two scans do not. What the pairing gives up is a problem needing both at once — text of one language
// overflowing onto another background in one theme — and each scan is a full page of axe's slowest rules, so it
// halves the longest tests of the suite (docs/testing.md "Accessibility").
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from '@playwright/test';
import { test, expect, type Page } from './fixtures';
import { BillsPage } from './pages/BillsPage';
import { SettingsPage } from './pages/SettingsPage';
import { SupervisionPage } from './pages/SupervisionPage';
import {
  addCannedReason,
  addRequestLine,
  hostNeedingRecovery,
  openDraft,
  proofsList,
  readyDraft,
  refusedReject,
  returnedDelivery,
  showTheme,
  switchLanguage,
  syncAgain,
  syncCenterWithConflict,
  type Lang,
  type Theme,
} from './scenes';

const LANGS: readonly Lang[] = ['en', 'zh-CN'];
/** The theme each language is scanned in (above: both languages and both themes, every rule in each). */
const THEME_OF: Record<Lang, Theme> = { en: 'light', 'zh-CN': 'dark' };
const LANG_NAME: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };
const EVERY = '(English and 简体中文, light and dark)';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Each violation as one readable line: rule, impact, and the first few elements with what is wrong. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((v) => {
    const where = v.nodes
      .slice(0, 4)
      .map((n) => `${n.target.join(' ')} (${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()})`);
    return `${v.id} [${v.impact}] ${v.help}: ${where.join(' | ')}${v.nodes.length > 4 ? ` … +${v.nodes.length - 4}` : ''}`;
  });
}

/** Scans the page as it is now in the language's theme; every violation of every scan is listed when the test fails. */
async function scan(page: Page, name: string, lang: Lang): Promise<void> {
  const theme = THEME_OF[lang];
  await test.step(`${name} has no accessibility violations (${LANG_NAME[lang]}, ${theme})`, async () => {
    await showTheme(page, theme);
    expect.soft(await violations(page), `${name} (${LANG_NAME[lang]}, ${theme})`).toEqual([]);
  });
}

test(`Service Supervision, its table menus and the reject and import dialogs have no accessibility violations ${EVERY}`, async ({
  page,
  sim,
  shell,
}) => {
  test.setTimeout(180_000);
  const lineId = await addRequestLine(sim, 'CSE2EA000001-000001');
  await syncAgain(shell);
  await addCannedReason(page, shell);
  for (const lang of LANGS) {
    await switchLanguage(page, shell, lang);
    // An order with the customer's request, its detail panel open beside the table.
    const detail = await new SupervisionPage(page).openOrder(lineId);
    await expect(detail.root.getByTestId('action-request')).toBeVisible();
    await scan(page, 'Service Supervision', lang);

    await page.getByTestId('import-open').click();
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await scan(page, 'The import order dialog', lang);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('import-dialog')).toBeHidden();

    for (const [menu, name] of [
      ['columns', 'The column chooser'],
      ['views', 'Saved views'],
    ] as const) {
      await page.getByTestId(menu).click();
      await expect(page.getByTestId(`${menu}-menu`)).toBeVisible();
      await scan(page, name, lang);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId(`${menu}-menu`)).toBeHidden();
    }

    await detail.root.getByTestId('action-reject').click();
    const dialog = page.getByTestId('reject-dialog');
    await expect(dialog.getByTestId('reject-canned-pick')).toHaveCount(1);
    await dialog.getByTestId('action-submit').click(); // its "Required." error showing too
    await expect(dialog.getByRole('alert').first()).toBeVisible();
    await scan(page, 'The reject dialog', lang);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test(`The proof editor, the deliver dialog and the Proofs list have no accessibility violations ${EVERY}`, async ({
  page,
  sim,
  shell,
}) => {
  test.setTimeout(240_000);
  const lineId = await readyDraft(page, sim, shell);
  for (const lang of LANGS) {
    await switchLanguage(page, shell, lang);
    await proofsList(page, shell);
    await scan(page, 'The Proofs list', lang);

    const editor = await openDraft(page, shell, lineId);
    await scan(page, 'The proof editor', lang);

    await editor.deliver.click();
    await expect(editor.deliverDialog).toBeVisible();
    await scan(page, 'The deliver dialog', lang);
    await page.keyboard.press('Escape');
    await expect(editor.deliverDialog).toBeHidden();
  }
});

test(`The proof editor after a returned delivery and the full-size SOW have no accessibility violations ${EVERY}`, async ({
  page,
  sim,
  shell,
}) => {
  test.setTimeout(240_000);
  const editor = await returnedDelivery(page, sim, shell);
  for (const lang of LANGS) {
    await switchLanguage(page, shell, lang);
    await shell.goTo('proofs'); // the editor stays open on the re-delivery draft
    await expect(editor.root.getByTestId('return-reason')).toBeVisible();
    await scan(page, 'The proof editor after a returned delivery', lang);

    if (!(await editor.root.getByTestId('sow-full-size').isVisible())) await editor.sowGenerate.click();
    await editor.root.getByTestId('sow-full-size').click();
    await expect(page.getByTestId('sow-viewer-canvas')).toHaveAttribute('data-rendered-page', '1', { timeout: 30_000 });
    await scan(page, 'The full-size SOW', lang);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('sow-viewer')).toBeHidden();
  }
});

test(`Sync Center with a refused item and its edit and discard dialogs have no accessibility violations ${EVERY}`, async ({
  page,
  sim,
  shell,
}) => {
  test.setTimeout(180_000);
  const lineId = await refusedReject(page, sim, shell, 'CSE2EA000002-000001');
  for (const lang of LANGS) {
    await switchLanguage(page, shell, lang);
    const center = await syncCenterWithConflict(page, lineId);
    await scan(page, 'Sync Center', lang);

    const dialog = await center.edit(center.row(lineId, 'request.reject'));
    await scan(page, 'The edit & re-queue dialog', lang);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    const discard = await center.discard(center.row(lineId, 'request.reject'));
    await scan(page, 'The discard dialog', lang);
    await page.keyboard.press('Escape');
    await expect(discard).toBeHidden();
  }
});

test(`Bills (the list and a bill) have no accessibility violations ${EVERY}`, async ({ page, shell }) => {
  test.setTimeout(180_000);
  await shell.waitForFirstSync();
  const bills = new BillsPage(page);
  for (const lang of LANGS) {
    await switchLanguage(page, shell, lang);
    await shell.goTo('bills');
    if (await bills.detail.isVisible()) await bills.back.click();
    await expect(bills.rows.first()).toBeVisible();
    await expect(bills.chart.locator('svg')).toBeVisible();
    await scan(page, 'Bills', lang);

    // The newest bill: its checks, totals, refunds, revisions and lines.
    await bills.rows.first().getByTestId('bill-open').click();
    await expect(bills.lines.first()).toBeVisible();
    await scan(page, 'A bill', lang);
    await bills.back.click();
  }
});

test(`Settings has no accessibility violations ${EVERY}`, async ({ page, shell }) => {
  await shell.waitForFirstSync();
  await addCannedReason(page, shell);
  for (const lang of LANGS) {
    await switchLanguage(page, shell, lang);
    await expect(new SettingsPage(page).sellerName).toBeVisible();
    await scan(page, 'Settings', lang);
  }
});

/** A page in its own browser context whose locale is `lang`: the recovery screen has no Settings to switch in. */
async function pageIn(browser: Browser, lang: Lang): Promise<Page> {
  const context = await browser.newContext({ locale: lang, viewport: { width: 1400, height: 860 } });
  return context.newPage();
}

test(`The recovery screen has no accessibility violations ${EVERY}`, async ({ browser, dataDir, sim }) => {
  test.setTimeout(120_000);
  const { proc, url } = await hostNeedingRecovery(dataDir, sim);
  try {
    for (const lang of LANGS) {
      const page = await pageIn(browser, lang);
      await page.goto(url);
      await expect(page.getByTestId('recovery-screen')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await scan(page, 'The recovery screen', lang);
      await page.context().close();
    }
  } finally {
    await proc.stop();
  }
});
