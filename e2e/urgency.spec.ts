// S7 urgency on the Service Supervision list, in English and 简体中文: "Most urgent first", the urgency column
// (days, who must move, "appeal possible", the 180-day flag), quick filters that select exactly what they say,
// the "Not supervised" stage option, the customer column and the zone of list times (O4).
import type { Page } from '@playwright/test';
import { DAY_MS } from '../common/domain/time';
import { marketDayNumber, marketDaysBetween } from '../common/domain/urgency';
import { test, expect, control, type Simulator } from './fixtures';
import type { AppShell } from './pages/AppShell';
import { SettingsPage } from './pages/SettingsPage';

// O4: list times are in the user's zone; Berlin is UTC+1 in winter, UTC+2 in summer.
test.use({ timezoneId: 'Europe/Berlin' });

const CUSTOMER = 'Contoso Urgency Probe Pharmaceuticals International Holdings';
const iso = (ms: number) => new Date(ms).toISOString();

interface Probe {
  /** Seller, 60 days without a move, placed in 2024 (legacy, S1): the most urgent line, appeal possible, 180 days. */
  sellerOld: string;
  /** Customer, the same UTC+8 day as sellerOld but earlier that day: equal age, so it comes second (S7). */
  customerOld: string;
  /** Customer, 8 days: waiting > 5 days, not the seller's action. */
  customer8: string;
  /** Awaiting acceptance with a refund request pending (S5c): the seller must act. */
  refund: string;
  /** Request to review, 1 day (S3). */
  request: string;
  /** Not supervised (S6). */
  unsupervised: string;
  /** When sellerOld last moved. */
  sellerOldAt: number;
}

/** Six lines of one customer, synced into the app, the list narrowed to them (free text on the customer). */
async function probe(page: Page, sim: Simulator, shell: AppShell): Promise<Probe> {
  const now = Date.now();
  const dayStart = marketDayNumber(now - 60 * DAY_MS) * DAY_MS - 8 * 3_600_000; // 00:00 at UTC+8
  const customer = {
    customerId: 'C-URGENCY',
    customerName: CUSTOMER,
    email: 'probe@example.com',
    mobilePhone: '13800000000',
  };
  const event = (at: number, actor: string, type: string) => ({ at: iso(at), actor, type, note: null });
  const legacy = '2024-06-01T02:00:00.000Z';
  const recent = iso(now - 20 * DAY_MS);
  const sellerOldAt = dayStart + 20 * 3_600_000;
  const lines = [
    {
      orderId: 'CSURG0000001A',
      createTime: legacy,
      customer,
      supervision: {
        process: 'LEGACY',
        stage: 'awaiting_delivery',
        events: [event(sellerOldAt, 'marketplace', 'supervision_started')],
      },
    },
    {
      orderId: 'CSURG0000002B',
      createTime: legacy,
      customer,
      supervision: {
        process: 'LEGACY',
        stage: 'awaiting_acceptance',
        events: [event(dayStart + 3_600_000, 'seller', 'delivered')],
      },
    },
    {
      orderId: 'CSURG0000003C',
      createTime: recent,
      customer,
      supervision: {
        process: 'REQUEST_FIRST',
        stage: 'awaiting_acceptance',
        events: [event(now - 8 * DAY_MS - 3_600_000, 'seller', 'delivered')],
      },
    },
    {
      orderId: 'CSURG0000004D',
      createTime: recent,
      customer,
      supervision: {
        process: 'REQUEST_FIRST',
        stage: 'awaiting_acceptance',
        unsubscription: {
          requestId: 'U-URG-4',
          amount: '10.00',
          reason: 'no longer needed',
          requestedAt: iso(now - 3_600_000),
          status: 'pending',
        },
        events: [event(now - 3_600_000, 'customer', 'unsubscription_requested')],
      },
    },
    {
      orderId: 'CSURG0000005E',
      createTime: recent,
      customer,
      supervision: {
        process: 'REQUEST_FIRST',
        stage: 'request_pending',
        events: [event(now - 2 * 3_600_000, 'customer', 'request_submitted')],
      },
    },
    { orderId: 'CSURG0000006F', createTime: recent, customer, orderType: 'RENEW', supervision: null },
  ];
  const ids = (await control(sim, 'POST', '/sim/v1/order-lines', { lines })).orderLineIds as string[];
  await shell.waitForFirstSync();
  await shell.syncNow.click();
  const search = page.getByTestId('search-text');
  await search.fill('Urgency Probe');
  await search.press('Enter');
  await expect(page.getByTestId('order-row')).toHaveCount(6, { timeout: 30_000 });
  await page.getByTestId('order-grid').focus(); // out of the search box: its "search in" choices close
  await expect(page.getByTestId('search-scope')).toBeHidden();
  const [sellerOld, customerOld, customer8, refund, request, unsupervised] = ids;
  return { sellerOld, customerOld, customer8, refund, request, unsupervised, sellerOldAt };
}

const shownIds = (page: Page) =>
  page.getByTestId('order-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-order-line-id') ?? ''));
const urgencyCell = (page: Page, id: string) =>
  page.locator(`[data-testid=order-row][data-order-line-id="${id}"] [data-col=waiting]`);

async function toChinese(page: Page, shell: AppShell): Promise<void> {
  await shell.goTo('settings');
  await new SettingsPage(page).setLanguage('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await shell.goTo('supervision');
}

async function expectMostUrgentFirst(
  page: Page,
  p: Probe,
  labels: { toggle: string; appeal: string; days: (n: number) => string },
) {
  const toggle = page.getByTestId('sort-urgent-first');
  await expect(toggle).toHaveText(labels.toggle);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('columnheader').and(page.locator('[data-col=waiting]'))).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  // S7: the seller's 60-day line first; the customer's line of the same UTC+8 day next, though its move came earlier.
  await expect
    .poll(() => shownIds(page))
    .toEqual([p.sellerOld, p.customerOld, p.customer8, p.refund, p.request, p.unsupervised]);
  const top = urgencyCell(page, p.sellerOld);
  await expect(top.getByTestId('appeal-possible')).toHaveText(labels.appeal);
  await expect(top.getByTestId('days-waiting')).toHaveText(labels.days(marketDaysBetween(p.sellerOldAt, Date.now())));
  await expect(top.getByTestId('days-waiting')).toHaveClass(/overdue/);
  await expect(top.getByTestId('long-unaccepted')).toBeVisible(); // S5: placed more than 180 days ago
  await expect(top).toHaveAttribute('data-waiting-on', 'seller');
  await expect(urgencyCell(page, p.customerOld)).toHaveAttribute('data-waiting-on', 'customer');
  // Off again: back to the placement order.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await shownIds(page))[0]).not.toBe(p.sellerOld);
}

test('Most urgent first puts the line waiting longest on the seller at the top and shows appeal possible', async ({
  page,
  sim,
  shell,
}) => {
  const p = await probe(page, sim, shell);
  await expectMostUrgentFirst(page, p, {
    toggle: 'Most urgent first',
    appeal: 'Appeal possible',
    days: (n) => `${n} days`,
  });
});

test('最紧急优先 (简体中文): the line waiting longest on the seller is at the top, marked 可申诉', async ({
  page,
  sim,
  shell,
}) => {
  const p = await probe(page, sim, shell);
  await toChinese(page, shell);
  await expectMostUrgentFirst(page, p, { toggle: '最紧急优先', appeal: '可申诉', days: (n) => `${n} 天` });
});

test('Needs my action shows only lines where the seller must act, and says when it is a refund request (English and 简体中文)', async ({
  page,
  sim,
  shell,
}) => {
  const p = await probe(page, sim, shell);
  const chip = page.getByTestId('quick-needs_action');
  await expect(chip).toHaveAttribute('title', /refund request to review/);
  await chip.click();
  await expect.poll(async () => new Set(await shownIds(page))).toEqual(new Set([p.sellerOld, p.refund, p.request]));
  for (const id of [p.sellerOld, p.refund, p.request])
    await expect(urgencyCell(page, id)).toHaveAttribute('data-waiting-on', 'seller');
  // S5c: the line awaiting the customer's acceptance is here because of the refund request, and the row says so.
  await expect(page.locator(`[data-order-line-id="${p.refund}"] [data-stage]`)).toHaveAttribute(
    'data-stage',
    'awaiting_acceptance',
  );
  await expect(urgencyCell(page, p.refund).getByTestId('refund-request')).toHaveText('Refund request');
  await expect(urgencyCell(page, p.request).getByTestId('refund-request')).toHaveCount(0);

  await toChinese(page, shell);
  await expect(page.getByTestId('quick-needs_action')).toHaveText('待我处理');
  await expect(page.getByTestId('quick-needs_action')).toHaveAttribute('title', /待审核的退款申请/);
  await expect.poll(async () => new Set(await shownIds(page))).toEqual(new Set([p.sellerOld, p.refund, p.request]));
  await expect(urgencyCell(page, p.refund).getByTestId('refund-request')).toHaveText('退款申请');
});

test("Waiting > 5 days shows every line silent for more than 5 days on either side, all marked overdue; Awaiting customer only the customer's", async ({
  page,
  sim,
  shell,
}) => {
  const p = await probe(page, sim, shell);
  const waiting = page.getByTestId('quick-waiting_long');
  await expect(waiting).toHaveText('Waiting > 5 days');
  await expect(waiting).toHaveAttribute('title', /more than 5 days, whoever must act/);
  await waiting.click();
  await expect
    .poll(async () => new Set(await shownIds(page)))
    .toEqual(new Set([p.sellerOld, p.customerOld, p.customer8]));
  for (const id of [p.sellerOld, p.customerOld, p.customer8])
    await expect(urgencyCell(page, id).getByTestId('days-waiting')).toHaveClass(/overdue/);
  await expect(urgencyCell(page, p.sellerOld)).toHaveAttribute('data-waiting-on', 'seller');
  await expect(urgencyCell(page, p.customer8)).toHaveAttribute('data-waiting-on', 'customer');

  await page.getByTestId('quick-awaiting_customer').click();
  await expect.poll(async () => new Set(await shownIds(page))).toEqual(new Set([p.customerOld, p.customer8]));

  await toChinese(page, shell);
  await expect(page.getByTestId('quick-waiting_long')).toHaveText('等待超过 5 天');
  await expect(page.getByTestId('quick-waiting_long')).toHaveAttribute('title', /超过 5 天无进展的监管中订单行/);
});

test('Not supervised stage option, the customer in its own column with the full name, and list times labelled with their zone', async ({
  page,
  sim,
  shell,
}) => {
  const p = await probe(page, sim, shell);
  // The customer's whole name is kept for the tooltip even when the column cuts it.
  const customer = page.locator(`[data-order-line-id="${p.sellerOld}"] [data-col=customer]`);
  await expect(customer).toHaveAttribute('title', CUSTOMER);
  await expect(customer).toContainText('Contoso Urgency');
  // O4: the placement column says the zone its times are in (the user's); the date filter says UTC+8.
  const placed = page.getByRole('columnheader').and(page.locator('[data-col=placed]'));
  await expect(placed).toHaveText(/^Placed \(UTC\+[12]\)/);
  await expect(page.getByText('Placed between (UTC+8 dates)')).toBeVisible();

  await page.getByTestId('filter-stage').getByRole('button').first().click();
  await page.getByTestId('filter-stage').locator('input[type=checkbox][value="none"]').check();
  await page.keyboard.press('Escape');
  await expect.poll(() => shownIds(page)).toEqual([p.unsupervised]);
  await expect(page.locator(`[data-order-line-id="${p.unsupervised}"] [data-stage]`)).toHaveAttribute(
    'data-stage',
    'none',
  );

  await toChinese(page, shell);
  await expect(page.getByRole('columnheader').and(page.locator('[data-col=placed]'))).toHaveText(
    /^下单时间（UTC\+[12]）/,
  );
  await expect(page.getByRole('columnheader').and(page.locator('[data-col=customer]'))).toHaveText('客户');
  await expect(page.getByTestId('filter-stage')).toContainText('非监管');
});
