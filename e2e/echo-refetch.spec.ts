// What one "Accept request" costs in calls to the browser host (POST /api/<channel>): the action itself, answered
// with what it changed, and one read of the order, its actions and the counts because the send to the marketplace
// began (the item is "sending") — not a second round for the window's own echo (renderer/stores/outbox-store.ts).
import { test, expect, control } from './fixtures';

const LINE = 'CSE2E0000009-000001';

test('"Accept request" on an order: 4 calls until the marketplace answers (the action, then counts, actions and items once for "sending")', async ({
  page,
  sim,
  shell,
  supervision,
}) => {
  await control(sim, 'POST', '/sim/v1/order-lines', {
    lines: [
      {
        orderId: LINE.slice(0, 12),
        orderLineId: LINE,
        supervision: { process: 'REQUEST_FIRST', stage: 'awaiting_request' },
      },
    ],
  });
  await control(sim, 'POST', `/sim/v1/order-lines/${LINE}/customer/request`, {
    description: 'deploy to production',
    attachments: [],
  });
  await shell.waitForFirstSync();
  await shell.syncNow.click();
  const detail = await supervision.openOrder(LINE);
  await expect(detail.root.getByTestId('action-accept')).toBeEnabled();
  // The marketplace answers slowly: the item stays "sending" while the calls are counted.
  await control(sim, 'POST', '/sim/v1/faults', {
    rules: [{ match: 'POST /request/accept', kind: 'delay', delayMs: 10_000, count: 1 }],
  });

  const calls: string[] = [];
  page.on('request', (r) => {
    const channel = /^\/api\/((?:outbox|actions):[\w-]+)$/.exec(decodeURIComponent(new URL(r.url()).pathname))?.[1];
    if (r.method() === 'POST' && channel) calls.push(channel);
  });
  await detail.root.getByTestId('action-accept').click();
  await page.getByTestId('accept-dialog').getByTestId('action-submit').click();
  await expect(page.getByTestId('accept-dialog')).toBeHidden();
  await expect(detail.root.getByTestId('pending-sync')).toBeVisible();
  await expect(detail.root).toContainText('Accept request — sending');
  // Whatever else the click would cause (an echo refetch) has its chance here; the count must not move.
  await page.waitForTimeout(1_500);
  expect([...calls].sort()).toEqual(['actions:accept-request', 'actions:available', 'outbox:list', 'outbox:summary']);
});
