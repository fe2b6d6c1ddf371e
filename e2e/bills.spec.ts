// The Bills page and reconciliation (docs/rules.md B1–B5) in the real UI, against the browser host and the simulator,
// whose start-up seed has twelve months of bills: one with a deliberately wrong line (B2a), one corrected by a second
// revision (B5), refunds reaching into the deposit (B3). The first sync archives them.
import type { Locator } from '@playwright/test';
import { test, expect, control, downloadOf, type Simulator } from './fixtures';
import { BillsPage } from './pages/BillsPage';
import { SettingsPage } from './pages/SettingsPage';

interface SimBill {
  billId: string;
  revision: number;
  billingPeriod: string;
  currency: string;
  totals: Record<'settlementAmount' | 'refundDeductions' | 'depositDeductions' | 'owedBySeller' | 'netPayable', string>;
  wrongLines: Array<{ orderLineId: string; deltaMinor: number }>;
}

/** Every bill revision the simulator produced, oldest first. */
async function simBills(sim: Simulator): Promise<SimBill[]> {
  return ((await control(sim, 'GET', '/sim/v1/state?lines=0')) as unknown as { bills: SimBill[] }).bills;
}

/** The latest revision of each bill. */
function latest(bills: SimBill[]): SimBill[] {
  const by = new Map<string, SimBill>();
  for (const b of bills) if ((by.get(b.billId)?.revision ?? 0) < b.revision) by.set(b.billId, b);
  return [...by.values()];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Amount text ("CNY 1,234.56", any language) → minor units. */
const minor = (s: string) => Math.round(Number(s.replace(/[^\d.-]/g, '')) * 100);

/**
 * English left in a view shown in 简体中文: its words of two or more Latin letters, less what every language writes the
 * same way — currency codes, UTC+8, export formats and byte units, min() in the B3 formulas, order line ids and file
 * names.
 */
async function englishIn(view: Locator): Promise<string[]> {
  // Text node by text node: elements side by side ("CSV", "XLSX", "PDF" buttons) are separate words.
  const nodes = await view.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const out: string[] = [];
    while (walker.nextNode()) out.push(walker.currentNode.textContent ?? '');
    return out;
  });
  const text = nodes
    .join(' ')
    .replace(/\b[A-Z]{2}\d{10}[A-Z]{5}-\d{6}\b/g, ' ')
    .replace(/\bbill-B\d{6}-\d{4}-r\d+\.csv\b/g, ' ');
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !/^(CNY|USD|UTC|CSV|XLSX|PDF|KB|MB|min)$/.test(w));
}

test('B2a, B3, B5: bills by period with the chart; a wrong line flagged; refunds split; a revision diffed; a new revision announced; CSV export; 简体中文', async ({
  page,
  sim,
  shell,
}) => {
  await shell.waitForFirstSync();
  const seeded = latest(await simBills(sim));
  const wrong = seeded.find((b) => b.wrongLines.length > 0);
  const revised = seeded.find((b) => b.revision === 2);
  const deposit = seeded.find((b) => b.totals.depositDeductions !== '0.00');
  expect(
    wrong && revised && deposit,
    'the seed has a wrong line, a second revision and a deposit deduction',
  ).toBeTruthy();
  if (!wrong || !revised || !deposit) return;

  await shell.goTo('bills');
  const bills = new BillsPage(page);
  await expect(bills.rows).toHaveCount(seeded.length);
  // The chart: an SVG with a panel per currency and bars (one series set per currency, B2).
  expect(await bills.chartCurrencies()).toEqual(['CNY', 'USD']);
  await expect(bills.chart.locator('svg text').filter({ hasText: /^CNY$/ })).toHaveCount(1);
  await expect(bills.chart.locator('svg text').filter({ hasText: /^USD$/ })).toHaveCount(1);
  expect(await bills.chart.locator('svg path').count()).toBeGreaterThan(12);
  await expect(bills.row(revised.billId).getByTestId('bill-change')).toContainText(`revision 2 — `);

  // B2a: the wrong line is flagged with both amounts and the formula with its numbers.
  await bills.open(wrong.billId);
  const bad = wrong.wrongLines[0];
  await expect(bills.checks).toHaveAttribute('data-all-match', 'false');
  await expect(bills.checks).toContainText('1 line does not match B2a');
  const flagged = bills.flaggedLines.first();
  await expect(flagged).toHaveAttribute('data-order-line-id', bad.orderLineId);
  const actual = (await flagged.getByTestId('flagged-actual').textContent()) ?? '';
  const expected = (await flagged.getByTestId('flagged-expected').textContent()) ?? '';
  expect(minor(actual) - minor(expected)).toBe(bad.deltaMinor);
  const formula = new RegExp(
    `^\\(\\d+\\.\\d{2} − \\d+\\.\\d{2}\\) × \\(1 − [\\d.]+\\) − \\d+\\.\\d{2} = ${expected.replace(/[^\d.]/g, '').replace('.', '\\.')}$`,
  );
  await expect(flagged.getByTestId('flagged-formula')).toHaveText(formula);
  await expect(bills.totals).toHaveCount(5);
  await bills.onlyMismatches.check();
  await expect(bills.lines).toHaveCount(1);
  await expect(bills.lines.first()).toHaveAttribute('data-matches', 'false');
  await expect(bills.lines.first().getByTestId('line-check')).toContainText(`B2a gives`);

  // B5: the bill as CSV — BOM, header, one row per line; the wrong line's row does not match.
  const lineCount = Number(
    ((await page.getByTestId('bill-lines').locator('h3').textContent()) ?? '').replace(/\D/g, ''),
  );
  const { bytes } = await downloadOf(page, () => bills.exportButton('csv').click());
  expect(bytes.subarray(0, 3)).toEqual(UTF8_BOM);
  const csv = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^Order No\. \/ 订单号,Order line ID \/ 订单行号,/);
  expect(csv).toHaveLength(lineCount + 1);
  expect(csv.find((r) => r.includes(bad.orderLineId))).toMatch(/,no$/);
  await expect(page.getByTestId('export-status-bill')).toHaveAttribute('data-state', 'done');

  // B3: a refund split between this bill's settlement, the deposit and what the seller owes.
  await bills.back.click();
  await bills.open(deposit.billId);
  const refundRows = bills.refunds.getByTestId('refund-row');
  expect(await refundRows.count()).toBeGreaterThan(0);
  await expect(bills.refunds.locator('[data-part="deposit"]').filter({ hasNotText: /^\D*0\.00$/ })).not.toHaveCount(0);

  // B5: the corrected bill's revisions and what changed between them.
  await bills.back.click();
  await bills.open(revised.billId);
  await expect(bills.revisions).toHaveCount(2);
  await expect(bills.diff).toHaveAttribute('data-from', '1');
  await expect(bills.diff).toHaveAttribute('data-to', '2');
  await expect(bills.diff.getByTestId('diff-totals')).toBeVisible();
  await bills.revisions.nth(0).getByRole('button').click();
  await expect(bills.detail).toHaveAttribute('data-revision', '1');
  await expect(page.getByTestId('bill-diff')).toHaveCount(0);

  // A billed line links to its order, whose detail says which bill carries it (B1).
  await bills.back.click();
  await bills.open(wrong.billId);
  await bills.onlyMismatches.check();
  await bills.lines.first().getByTestId('bill-line-order').click();
  await expect(shell.navItem('supervision')).toHaveAttribute('aria-current', 'page');
  const billing = page.getByTestId('detail-billing');
  await expect(billing.getByTestId('billing-state')).toHaveAttribute('data-state', 'billed');
  await expect(billing).toContainText(`Billed in bill ${wrong.billId}, revision 1`);

  // The marketplace corrects the wrong line: the next sync archives revision 2, announces it, and the open bill
  // follows.
  await billing.locator(`[data-testid="billing-open-bill"][data-bill-id="${wrong.billId}"]`).click();
  await expect(bills.detail).toHaveAttribute('data-revision', '1');
  await control(sim, 'POST', '/sim/v1/bills/run', { billingPeriod: wrong.billingPeriod, correct: true });
  await shell.syncNow.click();
  // (The first sync's "N new bills" toast may still be up: this one names the revised bill.)
  const toast = page.locator('[data-testid="toast"][data-kind="bills"]').filter({ hasText: 'Bill revised' });
  await expect(toast).toBeVisible();
  await expect(toast).toHaveAttribute('data-bill-ids', new RegExp(`\\b${wrong.billId}\\b`));
  await expect(bills.detail).toHaveAttribute('data-revision', '2');
  await expect(bills.checks).toHaveAttribute('data-all-match', 'true');
  await expect(bills.diff.getByTestId('diff-changed')).toContainText(bad.orderLineId);

  // 简体中文: the same views in Chinese, in the same session — the chart and the list, the flagged line with its formula
  // and both amounts, the B3 refund split, the revision diffs and a CSV download; no English left in them.
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage('zh-CN');
  await expect(shell.navItem('bills')).toHaveText('账单');
  await shell.goTo('bills');

  // The corrected bill is still open: what changed from revision 1 to 2, field by field.
  await expect(bills.detail).toHaveAttribute('data-bill-id', wrong.billId);
  await expect(bills.detail).toHaveAttribute('data-revision', '2');
  await expect(bills.checks).toHaveText('所有行和合计均符合 B2a 与 B3。');
  await expect(page.getByTestId('bill-revisions').locator('h3')).toHaveText('版本');
  await expect(bills.revisions.nth(1)).toContainText('版本 2——变更 1 行');
  await expect(bills.diff.locator('h4')).toHaveText('变化：版本 1 → 2');
  const changed = bills.diff.getByTestId('diff-changed');
  await expect(changed.locator('h5')).toHaveText('变更的行');
  await expect(changed).toContainText(bad.orderLineId);
  await expect(changed).toContainText('结算金额：');
  await expect(bills.diff.getByTestId('diff-totals').locator('h5')).toHaveText('变动的合计');
  expect(await englishIn(bills.root)).toEqual([]);

  // Revision 1: the wrong line flagged, both amounts and the formula as in English.
  await bills.revisions.nth(0).getByRole('button').click();
  await expect(bills.detail).toHaveAttribute('data-revision', '1');
  await expect(bills.checks).toHaveText('1 行与 B2a 不符');
  await expect(bills.flagged.locator('h3')).toHaveText('与 B2a 不符的行');
  await expect(flagged).toHaveAttribute('data-order-line-id', bad.orderLineId);
  await expect(flagged.locator('dt')).toHaveText(['账单金额', '按 B2a 应为', '差额']);
  expect(minor((await flagged.getByTestId('flagged-actual').textContent()) ?? '')).toBe(minor(actual));
  expect(minor((await flagged.getByTestId('flagged-expected').textContent()) ?? '')).toBe(minor(expected));
  await expect(flagged.getByTestId('flagged-formula')).toHaveText(formula);
  await expect(page.getByTestId('bill-totals').locator('h3')).toHaveText('合计');
  await expect(page.getByTestId('bill-lines').locator('h3')).toContainText('账单行');
  await expect(page.getByText('这是收到的第一个版本，没有可比较的版本。')).toBeVisible();

  // The bill as CSV from the Chinese UI: the same bilingual file, and the status in Chinese.
  const zh = await downloadOf(page, () => bills.exportButton('csv').click());
  expect(zh.bytes.subarray(0, 3)).toEqual(UTF8_BOM);
  const zhCsv = zh.bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(zhCsv[0]).toBe(csv[0]);
  expect(zhCsv).toHaveLength(lineCount + 1);
  expect(zhCsv.find((r) => r.includes(bad.orderLineId))).toMatch(/,no$/);
  await expect(page.getByTestId('export-status-bill')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('export-status-bill')).toContainText(/^\s*已下载 bill-.+\.csv（[\d.]+ KB）。$/);
  expect(await englishIn(bills.root)).toEqual([]);

  // The list with the chart.
  await bills.back.click();
  await expect(bills.root.locator('h1')).toHaveText('账单');
  await expect(page.getByTestId('bills-count')).toHaveText(`共 ${seeded.length} 张账单 · 最新版本 · 账期按 UTC+8`);
  expect(await bills.chartCurrencies()).toEqual(['CNY', 'USD']);
  await expect(page.locator('.bills-chart h2')).toHaveText('近 24 个月每月应付净额');
  for (const legend of ['应付净额', '退款扣减', '保证金扣减'])
    await expect(bills.chart.locator('svg text').filter({ hasText: legend })).toHaveCount(1);
  await expect(page.getByTestId('bill-list').locator('thead th').last()).toHaveText('应付净额');
  await expect(bills.row(revised.billId).getByTestId('bill-change')).toHaveText(/^版本 2——/);
  await expect(bills.row(wrong.billId).getByTestId('bill-change')).toHaveText(/^版本 2——变更 1 行/);
  expect(await englishIn(bills.root)).toEqual([]);

  // B3 in Chinese: the refund that reached into the deposit.
  await bills.open(deposit.billId);
  await expect(bills.refunds.locator('h3')).toHaveText('退款扣减');
  await expect(bills.refunds.getByTestId('deposit-before')).toContainText(/^本账单前保证金：.+（最近获取于 .+）$/);
  await expect(bills.refunds.locator('thead th')).toHaveText([
    '退款',
    '退款金额',
    '从本账单结算中扣减',
    '从保证金中扣减',
    '卖家应补缴',
    '扣减前保证金',
    '扣减后保证金',
  ]);
  await expect(bills.refunds.locator('[data-part="deposit"]').filter({ hasNotText: /^\D*0\.00$/ })).not.toHaveCount(0);
  expect(await englishIn(bills.root)).toEqual([]);

  // B5 in Chinese: the seed's second revision (a line added, the totals and the status moved).
  await bills.back.click();
  await bills.open(revised.billId);
  await expect(bills.diff.locator('h4')).toHaveText('变化：版本 1 → 2');
  await expect(bills.diff.getByTestId('diff-totals')).toContainText('变动的合计');
  await expect(bills.diff.getByTestId('diff-totals').locator('li').first()).toHaveText(/^.+：.+ → .+（[+-][\d.]+）$/);
  expect(await englishIn(bills.root)).toEqual([]);
});

test('B4: reconciliation — unbilled lines with their reasons, filtered, totalled, exported as CSV; the order detail says why; 简体中文', async ({
  page,
  shell,
}) => {
  await shell.waitForFirstSync();
  const cached = await shell.cachedLineCount();
  await shell.goTo('bills');
  const bills = new BillsPage(page);
  await bills.tab('reconciliation').click();
  await expect.poll(() => bills.reconCount()).toBe(cached);

  await bills.filterState('unbilled');
  await expect.poll(() => bills.reconCount()).toBeLessThan(cached);
  const unbilled = await bills.reconCount();
  expect(unbilled).toBeGreaterThan(0);
  await expect(bills.reconRows.first()).toHaveAttribute('data-state', 'unbilled');
  for (const row of await bills.reconRows.all()) {
    await expect(row).toHaveAttribute('data-state', 'unbilled');
    await expect(row.getByTestId('recon-reason')).not.toHaveText('—');
  }
  // By supervision stage: lines still awaiting delivery are unbilled because supervision is not completed (B4).
  const stage = page.getByTestId('recon-stage');
  await stage.getByRole('button').first().click();
  await stage.locator('input[type=checkbox][value="awaiting_delivery"]').check();
  await page.keyboard.press('Escape');
  await expect.poll(() => bills.reconCount()).toBeLessThan(unbilled);
  const filtered = await bills.reconCount();
  expect(filtered).toBeGreaterThan(0);
  const first = bills.reconRows.first();
  await expect(first).toHaveAttribute('data-reasons', /supervision_not_completed/);
  await expect(first.getByTestId('recon-reason')).toContainText(
    'Supervision is not completed (stage: Awaiting delivery).',
  );
  await expect(bills.reconTotals).toContainText(`billed 0 · unbilled ${filtered} · not billable 0`);

  // The filtered view as CSV: BOM, header, one row per line, with the reasons in both languages.
  const { bytes } = await downloadOf(page, () => bills.reconExport.click());
  expect(bytes.subarray(0, 3)).toEqual(UTF8_BOM);
  const csv = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^Order No\. \/ 订单号,.*Billing state \/ 出账状态,.*Reason,原因$/);
  expect(csv).toHaveLength(filtered + 1);
  for (const row of csv.slice(1)) {
    expect(row).toContain('unbilled / 未出账');
    expect(row).toContain('Supervision is not completed (stage awaiting_delivery).');
    expect(row).toContain('服务监管未完成（阶段 awaiting_delivery）。');
  }

  // The order line's detail panel says why it is not billed.
  const orderLineId = (await first.getAttribute('data-order-line-id')) ?? '';
  await first.getByRole('button', { name: orderLineId }).click();
  const billing = page.getByTestId('detail-billing');
  await expect(billing.getByTestId('billing-state')).toHaveAttribute('data-state', 'unbilled');
  await expect(billing).toContainText('Supervision is not completed (stage: Awaiting delivery).');

  // 简体中文: the same views in Chinese (the filters are kept).
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage('zh-CN');
  await expect(shell.navItem('bills')).toHaveText('账单');
  await shell.goTo('bills');
  await expect(bills.tab('reconciliation')).toHaveText('对账');
  await expect(bills.reconTotals).toContainText(`共 ${filtered} 条订单行`);
  await expect(bills.reconRows.first().getByTestId('recon-reason')).toContainText('服务监管尚未完成（阶段：待交付）');
  await bills.tab('bills').click();
  await expect(bills.chart.locator('svg text').filter({ hasText: '应付净额' })).toHaveCount(1);
  await expect(page.getByTestId('bill-list')).toContainText('首次收到');
});
