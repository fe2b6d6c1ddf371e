// Notifications found by comparing an order line before and after a pull stores it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppNotification } from '../../common/api/contract-outbox';
import type { WireOrderLine } from '../../common/marketplace/wire';
import { upsertOrderLines } from '../orders/order-lines';
import { detectNotifications, factsOfLine, OrderNotifier } from './notifications';
import { T0, testEnv, wireLine, type TestEnv } from '../outbox/testing/fixtures';

type Sup = NonNullable<WireOrderLine['supervision']>;
const at = new Date(T0).toISOString();

function next(line: WireOrderLine, sup: Partial<Sup>): WireOrderLine {
  return { ...line, version: line.version + 1, supervision: { ...(line.supervision as Sup), ...sup } };
}
const request = (id: string): Sup['request'] => ({
  requestId: id,
  submittedAt: at,
  description: 'please deploy',
  attachments: [],
});

describe('detectNotifications (S2, S5a, S5b, S5c)', () => {
  const base = wireLine('N-000001', { stage: 'awaiting_request' });
  const kinds = (before: WireOrderLine, after: WireOrderLine) =>
    detectNotifications(factsOfLine(before), factsOfLine(after));

  it('S1/S2: a submitted request → request_submitted; a resubmission after a return too', () => {
    const submitted = next(base, { stage: 'request_pending', request: request('R1') });
    expect(kinds(base, submitted)).toEqual(['request_submitted']);
    const returned = next(submitted, { stage: 'request_returned' });
    expect(kinds(submitted, returned)).toEqual([]); // the seller's own rejection is not news
    expect(kinds(returned, next(returned, { stage: 'request_pending', request: request('R2') }))).toEqual([
      'request_submitted',
    ]);
  });

  it('S5b: the customer returned the delivery → delivery_returned; accepting it is not a return', () => {
    const waiting = wireLine('N-000002', { stage: 'awaiting_acceptance' });
    expect(kinds(waiting, next(waiting, { stage: 'delivery_returned', deliveryRejections: 1 }))).toEqual([
      'delivery_returned',
    ]);
    expect(kinds(waiting, next(waiting, { stage: 'completed' }))).toEqual([]);
  });

  it('S5a: an appeal closing → appeal_resolved; one opening is not', () => {
    const open = wireLine('N-000003', { stage: 'awaiting_acceptance', appealOpen: true });
    expect(kinds(open, next(open, { appealOpen: false }))).toEqual(['appeal_resolved']);
    const closed = wireLine('N-000004', { stage: 'awaiting_acceptance' });
    expect(kinds(closed, next(closed, { appealOpen: true }))).toEqual([]);
  });

  it('S5c: a new pending unsubscription → unsubscription_requested; its review is not', () => {
    const line = wireLine('N-000005', { stage: 'awaiting_delivery' });
    const asked = next(line, {
      unsubscription: { requestId: 'U1', amount: '300.00', reason: 'budget', requestedAt: at, status: 'pending' },
    });
    expect(kinds(line, asked)).toEqual(['unsubscription_requested']);
    expect(
      kinds(
        asked,
        next(asked, { unsubscription: { ...(asked.supervision as Sup).unsubscription!, status: 'rejected' } }),
      ),
    ).toEqual([]);
  });

  it('nothing for a version that only touched other fields', () => {
    expect(kinds(base, { ...base, version: 2, productName: 'renamed' })).toEqual([]);
  });
});

describe('OrderNotifier: before the pull stores a page → after it', () => {
  let env: TestEnv;
  let seen: AppNotification[];
  let notifier: OrderNotifier;
  beforeEach(() => {
    env = testEnv();
    seen = [];
    notifier = new OrderNotifier({ db: env.db, clock: { now: () => T0 }, emit: (n) => seen.push(n) });
  });
  afterEach(() => env.close());

  it('announces a known line that changed, once stored; new lines (a first sync) are not announced', () => {
    const known = wireLine('N-000010', { stage: 'awaiting_request' });
    upsertOrderLines(env.db, [known]);
    const changed = next(known, { stage: 'request_pending', request: request('R9') });
    const fresh = wireLine('N-000011', { stage: 'request_pending' });
    notifier.observe([changed, fresh]);
    expect(notifier.flush()).toBe(0); // the page is not stored yet: nothing to announce
    upsertOrderLines(env.db, [changed, fresh]);
    expect(notifier.flush()).toBe(1);
    expect(seen).toEqual([
      { kind: 'request_submitted', orderLineId: 'N-000010', orderId: 'N', productName: known.productName, at: T0 },
    ]);
    expect(notifier.flush()).toBe(0); // once
  });

  it('an item the cache already has (same or older version, a feed restart) is ignored', () => {
    const line = wireLine('N-000020', { stage: 'request_pending', version: 5 });
    upsertOrderLines(env.db, [line]);
    notifier.observe([{ ...line, supervision: { ...(line.supervision as Sup), appealOpen: true } }]);
    notifier.observe([
      { ...line, version: 4, supervision: { ...(line.supervision as Sup), stage: 'delivery_returned' } },
    ]);
    expect(notifier.flush()).toBe(0);
    expect(seen).toEqual([]);
  });

  it('caps a flood: at most maxPerFlush are emitted per pull', () => {
    const capped = new OrderNotifier({
      db: env.db,
      clock: { now: () => T0 },
      emit: (n) => seen.push(n),
      maxPerFlush: 3,
    });
    const lines = Array.from({ length: 10 }, (_, i) =>
      wireLine(`N-1000${String(i).padStart(2, '0')}`, { stage: 'awaiting_acceptance' }),
    );
    upsertOrderLines(env.db, lines);
    const returned = lines.map((l) => next(l, { stage: 'delivery_returned', deliveryRejections: 1 }));
    capped.observe(returned);
    upsertOrderLines(env.db, returned);
    expect(capped.flush()).toBe(3);
    expect(seen.map((n) => n.kind)).toEqual(['delivery_returned', 'delivery_returned', 'delivery_returned']);
  });
});
