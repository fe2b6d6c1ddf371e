import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueAction } from './enqueue';
import { OUTBOX_POLICY, OutboxSender } from './OutboxSender';
import { countUnsent, listOutbox } from './repo';
import { recordingSleep, seededRandom, startHarness, type Harness } from './testing/sim-harness';
import { soakCount } from '../testing/soak';

// A burst of actions with 30% injected 5xx, resets and 429s → all acked, 0 duplicates, and the request count stays
// within what the backoff allows. Order per line is kept (accept before appeal, S5a). 500 actions in `npm test`
// (150 lines accept then appeal, 200 lines reject), ten times as many in `npm run soak`.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const CHAINED = soakCount(150, 1_500); // accept, then appeal: 2 actions per line
const SINGLE = soakCount(200, 2_000); // reject: 1 action per line
const ACTIONS = 2 * CHAINED + SINGLE;
const POLICY = { baseMs: 100, capMs: 5_000 };
/**
 * Yields to the event loop every 100 enqueues. Queuing the soak's thousands synchronously blocks the loop for seconds,
 * and a kept-alive socket to the in-process simulator then expires on both ends at once (ECONNRESET on the next call).
 */
const breathe = (i: number): Promise<void> =>
  i % 100 === 99 ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
const RETRY_AFTER_S = 2;

describe('burst under faults (docs/marketplace-api.md error table)', () => {
  it(`${ACTIONS} actions, 30% 5xx/reset/429 → all acked exactly once, every failure costs one request and one backoff wait`, async () => {
    const chained = await h.linesIn('request_pending', CHAINED);
    const single = await h.linesIn('request_pending', SINGLE);
    const expected: Array<[string, string]> = [];
    for (const [i, l] of chained.entries()) {
      await breathe(i);
      enqueueAction(h.env.db, { orderLineId: l.orderLineId, kind: 'request.accept' }, { clock: h.clock });
      enqueueAction(
        h.env.db,
        { orderLineId: l.orderLineId, kind: 'appeal', payload: { reason: 'customer unresponsive after delivery' } },
        { clock: h.clock },
      );
      expected.push([l.orderLineId, 'request/accept'], [l.orderLineId, 'appeals']);
    }
    for (const [i, l] of single.entries()) {
      await breathe(i);
      enqueueAction(
        h.env.db,
        { orderLineId: l.orderLineId, kind: 'request.reject', payload: { reason: 'missing environment details' } },
        { clock: h.clock },
      );
      expected.push([l.orderLineId, 'request/reject']);
    }
    expect(countUnsent(h.env.db)).toBe(ACTIONS);

    // First hit wins: 1 − 0.9 · (1 − 1/9) · (1 − 1/8) = 30% of action requests fail.
    const match = 'POST /api/seller-sync/v1/order-lines/';
    await h.faults([
      { match, kind: 'status', status: 503, rate: 0.1 },
      { match, kind: 'reset', rate: 1 / 9 },
      { match, kind: 'status', status: 429, rate: 1 / 8, retryAfter: RETRY_AFTER_S },
    ]);
    const { sleep, waits } = recordingSleep();
    const sender = new OutboxSender({
      db: h.env.db,
      client: h.client,
      store: h.env.store,
      clock: h.clock,
      sleep,
      random: seededRandom(42),
      policy: POLICY,
      concurrency: 8,
    });
    let passes = 0;
    let sent = 0;
    while (countUnsent(h.env.db) > 0 && passes < 20) {
      sent += (await sender.sendDue()).sent;
      passes++;
    }
    const rules = await h.clearFaults();
    const [f503, fReset, f429] = rules.map((r) => r.applied);
    const failures = f503 + fReset + f429;

    const items = listOutbox(h.env.db);
    const applied = await h.sellerActions();
    const perAction = new Map<string, number>();
    for (const a of applied)
      perAction.set(`${a.orderLineId} ${a.kind}`, (perAction.get(`${a.orderLineId} ${a.kind}`) ?? 0) + 1);
    const counts = expected.map(([line, kind]) => perAction.get(`${line} ${kind}`) ?? 0);
    const posts = h.client.log.filter((r) => r.method === 'POST').length;
    const maxAttempts = Math.max(...items.map((i) => i.attempts));
    const backoffWaits = waits.filter((w) => w !== RETRY_AFTER_S * 1000);
    const virtualMs = waits.reduce((a, b) => a + b, 0);
    console.log(
      `burst: ${ACTIONS} actions on ${CHAINED + SINGLE} lines in ${passes} pass(es); ${posts} action requests = ${ACTIONS} + ${failures} failures ` +
        `(${f503}×503, ${fReset}×reset, ${f429}×429 = ${((100 * failures) / posts).toFixed(1)}%); acked ${items.filter((i) => i.state === 'acked').length}; ` +
        `applied once ${counts.filter((c) => c === 1).length}, duplicates ${counts.filter((c) => c > 1).length}, lost ${counts.filter((c) => c === 0).length}; ` +
        `max attempts per item ${maxAttempts}; ${waits.length} waits (${waits.length - backoffWaits.length} Retry-After), virtual backoff ${(virtualMs / 1000).toFixed(1)} s`,
    );

    expect(items.every((i) => i.state === 'acked')).toBe(true);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect(applied.filter((a) => /accept|reject|appeal/.test(a.kind)).length).toBe(ACTIONS);
    expect(failures / posts).toBeGreaterThan(0.2); // the faults really were injected
    // Every request beyond the first per action is paid for by one injected failure: no spurious resends.
    expect(posts).toBe(sent);
    expect(posts).toBe(ACTIONS + failures);
    // Each failure was followed by exactly one wait: Retry-After for 429s, capped jittered backoff otherwise.
    expect(waits.length).toBe(failures);
    expect(waits.filter((w) => w === RETRY_AFTER_S * 1000).length).toBeGreaterThanOrEqual(f429);
    expect(backoffWaits.every((w) => w >= 0 && w < POLICY.capMs)).toBe(true);
    expect(OUTBOX_POLICY.maxAttempts).toBe(Infinity); // until a definite answer
  }, 300_000);
});
