import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrderLine } from '../orders/order-lines';
import { enqueueAction } from './enqueue';
import { OutboxSender } from './OutboxSender';
import { countUnsent, listOutbox, outboxHistory, pendingOrderLines } from './repo';
import { OUTBOX_KINDS, type OutboxKind } from './schemas';
import { recordingSleep, seededRandom, startHarness, type Harness } from './testing/sim-harness';
import { inputFor, SIM_KIND, STAGE_FOR } from './testing/actions';
import { soakCount } from '../testing/soak';

// dropAfterCommit (the marketplace applies the action, then the connection drops) on every action kind → each action
// applied exactly once on the simulator, none lost. 40 runs per kind (200 in all) in `npm test`, 400 per kind in
// `npm run soak`.
const RUNS_PER_KIND = soakCount(40, 400);
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const expectedStage: Record<OutboxKind, string | null> = {
  'request.accept': 'awaiting_delivery',
  'request.reject': 'request_returned',
  delivery: 'awaiting_acceptance',
  appeal: null,
  'unsubscription.review': null,
};

describe('dropAfterCommit on every action kind (docs/marketplace-api.md idempotency)', () => {
  for (const kind of OUTBOX_KINDS) {
    it(`dropAfterCommit on ${kind} × ${RUNS_PER_KIND} → each applied exactly once, none lost`, async () => {
      const lines = await h.linesIn(STAGE_FOR[kind], RUNS_PER_KIND, {
        unsubscription: kind === 'unsubscription.review',
      });
      const items = [];
      for (const [i, line] of lines.entries()) {
        const payload = await inputFor(kind, line, { store: h.env.store, client: h.client.inner }, i);
        items.push(enqueueAction(h.env.db, { orderLineId: line.orderLineId, kind, payload }, { clock: h.clock }));
      }
      // Each line's first action POST is applied and then its connection is dropped.
      const rules = lines.map((l) => ({
        match: `POST /api/seller-sync/v1/order-lines/${l.orderLineId}/`,
        kind: 'dropAfterCommit',
        count: 1,
      }));
      // The control API takes at most 100 rules a call: the soak's larger count is appended in slices.
      for (let i = 0; i < rules.length; i += 100) await h.faults(rules.slice(i, i + 100), i > 0);
      const { sleep } = recordingSleep();
      const sender = new OutboxSender({
        db: h.env.db,
        client: h.client,
        store: h.env.store,
        clock: h.clock,
        sleep,
        random: seededRandom(1),
        policy: { baseMs: 10, capMs: 200 },
      });
      const before = h.client.log.length;
      let passes = 0;
      let sent = 0;
      while (countUnsent(h.env.db) > 0 && passes < 50) {
        sent += (await sender.sendDue()).sent;
        passes++;
      }
      const drops = (await h.clearFaults()).reduce((n, r) => n + r.applied, 0);
      const applied = await h.sellerActions();
      const perLine = new Map<string, number>();
      for (const a of applied)
        if (a.orderLineId && lines.some((l) => l.orderLineId === a.orderLineId) && SIM_KIND[kind].test(a.kind))
          perLine.set(a.orderLineId, (perLine.get(a.orderLineId) ?? 0) + 1);
      const counts = lines.map((l) => perLine.get(l.orderLineId) ?? 0);
      // One listing, not one per item: at the soak's count a listing per item blocks the loop for seconds.
      const stateOf = new Map(listOutbox(h.env.db).map((x) => [x.id, x.state]));
      const states = items.map((it) => stateOf.get(it.id));
      console.log(
        `dropAfterCommit ${kind}: ${lines.length} actions, ${drops} dropped after commit, ${sent} action POSTs (${h.client.log.length - before} requests incl. uploads) in ${passes} passes; ` +
          `applied once: ${counts.filter((c) => c === 1).length}, twice+: ${counts.filter((c) => c > 1).length}, never: ${counts.filter((c) => c === 0).length}; acked ${states.filter((s) => s === 'acked').length}`,
      );
      expect(drops).toBe(RUNS_PER_KIND);
      expect(counts.every((c) => c === 1)).toBe(true);
      expect(states.every((s) => s === 'acked')).toBe(true);
      // The resend carried the same key (the marketplace replayed its first answer) and the answered line is stored.
      for (const [i, it] of items.entries()) {
        expect(outboxHistory(h.env.db, it.id).map((e) => e.event)).toEqual(['enqueued', 'unknown', 'acked']);
        const local = getOrderLine(h.env.db, lines[i].orderLineId);
        if (expectedStage[kind]) expect(local?.stage).toBe(expectedStage[kind]);
        if (kind === 'appeal') expect(local?.appealOpen).toBe(true);
      }
      expect(
        pendingOrderLines(
          h.env.db,
          lines.map((l) => l.orderLineId),
        ).size,
      ).toBe(0);
    }, 300_000);
  }
});
