import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { samplePdf } from '../../marketplace-sim/sample-files';
import { getOrderLine } from '../orders/order-lines';
import { discard, enqueueAction, requeue } from './enqueue';
import { countUnsent, listOutbox, outboxHistory, pendingOrderLines } from './repo';
import { keySeq, putLines, T0, testEnv, wireLine, type TestEnv } from './testing/fixtures';

let env: TestEnv;
const clock = { now: () => T0 + 3_600_000 };
let deps: { clock: typeof clock; newKey: () => string };

beforeEach(() => {
  env = testEnv(clock);
  deps = { clock, newKey: keySeq() };
  putLines(env.db, [
    wireLine('L-REQ-000001', { stage: 'request_pending' }),
    wireLine('L-DEL-000001', { stage: 'awaiting_delivery' }),
    wireLine('L-RET-000001', { stage: 'delivery_returned' }),
    wireLine('L-ACC-000001', { stage: 'awaiting_acceptance' }),
    wireLine('L-APP-000001', { stage: 'request_pending', appealOpen: true }),
    wireLine('L-DONE-000001', { stage: 'completed' }),
    wireLine('L-UNS-000001', { stage: 'awaiting_delivery', unsubscriptionPending: true }),
    wireLine('L-NOS-000001', { supervised: false }),
  ]);
});
afterEach(() => env.close());

function refused(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}
const rowCount = () =>
  env.db.prepare('SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM outbox_pending)').pluck().get();

async function pdf(name: string): Promise<string> {
  return (await env.store.addBytes(samplePdf(name), `${name}.pdf`)).sha256;
}

describe('enqueueAction: one local transaction', () => {
  it('queues the row with a key made now and marks the order pending sync', () => {
    const item = enqueueAction(
      env.db,
      { orderLineId: 'L-REQ-000001', kind: 'request.reject', payload: { reason: '请补充部署环境' } },
      deps,
    );
    expect(item).toMatchObject({
      state: 'queued',
      attempts: 0,
      kind: 'request.reject',
      payload: { reason: '请补充部署环境' },
      createdAt: clock.now(),
    });
    expect(item.idempotencyKey).toBe('k-0002'); // k-0001 is the item id
    expect(pendingOrderLines(env.db)).toEqual(new Set(['L-REQ-000001']));
    expect(countUnsent(env.db)).toBe(1);
    expect(listOutbox(env.db)[0]).toMatchObject({ id: item.id, upload: null });
    // the order itself is untouched until the marketplace answers
    expect(getOrderLine(env.db, 'L-REQ-000001')?.stage).toBe('request_pending');
  });

  it('real keys are UUIDs made when the user acts', () => {
    const item = enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.accept', payload: {} }, { clock });
    expect(item.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('all or nothing: when the outbox insert fails, no pending mark is left behind', () => {
    const ids = ['fresh-id', 'a-0002']; // the second is the first item's idempotency key
    const same = () => ids.shift() as string;
    enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.accept' }, { clock, newKey: keySeq('a') });
    const before = rowCount();
    expect(() =>
      enqueueAction(
        env.db,
        { orderLineId: 'L-DEL-000001', kind: 'appeal', payload: { reason: 'x' } },
        { clock, newKey: same },
      ),
    ).toThrow(/UNIQUE/);
    expect(rowCount()).toBe(before);
  });
});

describe('local checks first, with specific errors', () => {
  it('S3: accept/reject only in request_pending', () => {
    const e = refused(() => enqueueAction(env.db, { orderLineId: 'L-DEL-000001', kind: 'request.accept' }, deps));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/request_pending.*awaiting_delivery.*S3/);
    expect(
      refused(() =>
        enqueueAction(env.db, { orderLineId: 'L-ACC-000001', kind: 'request.reject', payload: { reason: 'r' } }, deps),
      ).code,
    ).toBe('conflict');
    expect(rowCount()).toBe(0);
  });

  it('S3: deliver only in awaiting_delivery or delivery_returned', async () => {
    const sow = await pdf('sow');
    const payload = {
      templateVersion: 3,
      enablingTime: null,
      content: { k: 'v' },
      attachments: [{ sha256: sow, category: 'sow' }],
    };
    expect(
      refused(() => enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'delivery', payload }, deps)).details,
    ).toMatchObject({ reason: 'stage' });
    expect(enqueueAction(env.db, { orderLineId: 'L-DEL-000001', kind: 'delivery', payload }, deps).state).toBe(
      'queued',
    );
    expect(enqueueAction(env.db, { orderLineId: 'L-RET-000001', kind: 'delivery', payload }, deps).state).toBe(
      'queued',
    );
  });

  it('S5a: an open appeal refuses every seller action, with the reason', async () => {
    const letter = await pdf('letter');
    const inputs = [
      { kind: 'request.accept', payload: {} },
      { kind: 'request.reject', payload: { reason: 'r' } },
      { kind: 'appeal', payload: { reason: 'again', attachments: [{ sha256: letter, category: 'other' }] } },
    ];
    for (const i of inputs) {
      const e = refused(() => enqueueAction(env.db, { orderLineId: 'L-APP-000001', ...i }, deps));
      expect(e.code).toBe('conflict');
      expect(e.message).toMatch(/appeal.*frozen.*S5a/);
      expect(e.details).toMatchObject({ reason: 'appeal_open' });
    }
  });

  it('S5a: an appeal is allowed in any open stage, not in completed/closed, and not while one is queued', () => {
    const e = refused(() =>
      enqueueAction(env.db, { orderLineId: 'L-DONE-000001', kind: 'appeal', payload: { reason: 'late' } }, deps),
    );
    expect(e.message).toMatch(/completed/);
    enqueueAction(
      env.db,
      { orderLineId: 'L-ACC-000001', kind: 'appeal', payload: { reason: 'customer silent for 30 days' } },
      deps,
    );
    // the queued appeal already freezes the order locally
    expect(
      refused(() =>
        enqueueAction(env.db, { orderLineId: 'L-ACC-000001', kind: 'appeal', payload: { reason: 'twice' } }, deps),
      ).details,
    ).toMatchObject({
      reason: 'appeal_open',
    });
  });

  it('S5: a commitment_letter is required when the customer is marked unreachable', async () => {
    const other = await pdf('other');
    const e = refused(() =>
      enqueueAction(
        env.db,
        {
          orderLineId: 'L-ACC-000001',
          kind: 'appeal',
          payload: {
            reason: 'no answer',
            customerUnreachable: true,
            attachments: [{ sha256: other, category: 'other' }],
          },
        },
        deps,
      ),
    );
    expect(e.code).toBe('validation');
    expect(e.details).toMatchObject({ reason: 'commitment_letter_required' });
    const ok = enqueueAction(
      env.db,
      {
        orderLineId: 'L-ACC-000001',
        kind: 'appeal',
        payload: {
          reason: 'no answer',
          customerUnreachable: true,
          attachments: [{ sha256: other, category: 'commitment_letter' }],
        },
      },
      deps,
    );
    expect(ok.state).toBe('queued');
  });

  it('S5c: an unsubscription review needs a pending unsubscription (and only one review is queued)', () => {
    expect(
      refused(() =>
        enqueueAction(
          env.db,
          {
            orderLineId: 'L-DEL-000001',
            kind: 'unsubscription.review',
            payload: { decision: 'agree', comments: 'ok' },
          },
          deps,
        ),
      ).details,
    ).toMatchObject({
      reason: 'no_pending_unsubscription',
    });
    enqueueAction(
      env.db,
      {
        orderLineId: 'L-UNS-000001',
        kind: 'unsubscription.review',
        payload: { decision: 'reject', comments: '已交付' },
      },
      deps,
    );
    expect(
      refused(() =>
        enqueueAction(
          env.db,
          {
            orderLineId: 'L-UNS-000001',
            kind: 'unsubscription.review',
            payload: { decision: 'agree', comments: 'ok' },
          },
          deps,
        ),
      ).code,
    ).toBe('conflict');
  });

  it('reject reason: required, at most 2000 characters (counted as characters, so 2000 Chinese characters fit)', () => {
    for (const reason of ['', '   ', 'x'.repeat(2001)]) {
      const e = refused(() =>
        enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.reject', payload: { reason } }, deps),
      );
      expect(e.code).toBe('validation');
      expect(e.message).toMatch(/^payload\.reason: /);
    }
    expect(
      enqueueAction(
        env.db,
        { orderLineId: 'L-REQ-000001', kind: 'request.reject', payload: { reason: '环'.repeat(2000) } },
        deps,
      ).state,
    ).toBe('queued');
  });

  it('actions are judged against the order as it will be: accept queued → a reject is refused (S3), a delivery allowed', async () => {
    enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.accept' }, deps);
    expect(
      refused(() =>
        enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.reject', payload: { reason: 'r' } }, deps),
      ).message,
    ).toMatch(/awaiting_delivery/);
    const sow = await pdf('sow2');
    const d = enqueueAction(
      env.db,
      {
        orderLineId: 'L-REQ-000001',
        kind: 'delivery',
        payload: { templateVersion: 3, content: {}, attachments: [{ sha256: sow, category: 'acceptance' }] },
      },
      deps,
    );
    expect(d.state).toBe('queued');
  });

  it("P3/P5/V4: delivery needs an acceptance or sow file, the order's template version, an enabling time within bounds", async () => {
    const shot = await pdf('shot');
    const sow = await pdf('sow3');
    const base = { templateVersion: 3, content: { env: 'prod' } };
    const tries: Array<[unknown, string]> = [
      [{ ...base, attachments: [{ sha256: shot, category: 'deployment' }] }, 'proof_document_required'],
      [{ ...base, templateVersion: 2, attachments: [{ sha256: sow, category: 'sow' }] }, 'template_outdated'],
      [
        { ...base, enablingTime: T0 - 1, attachments: [{ sha256: sow, category: 'sow' }] },
        'enabling_time_before_placement',
      ],
      [
        { ...base, enablingTime: clock.now() + 1, attachments: [{ sha256: sow, category: 'sow' }] },
        'enabling_time_in_future',
      ],
      [{ ...base, attachments: [{ sha256: 'a'.repeat(64), category: 'sow' }] }, 'missing_attachment'],
    ];
    for (const [payload, reason] of tries) {
      expect(
        refused(() => enqueueAction(env.db, { orderLineId: 'L-DEL-000001', kind: 'delivery', payload }, deps)).details,
      ).toMatchObject({ reason });
    }
    const twentyOne = Array.from({ length: 21 }, (_, i) => ({
      sha256: sow,
      category: i % 2 ? 'sow' : 'other',
      fileName: `f${i}.pdf`,
    }));
    expect(
      refused(() =>
        enqueueAction(
          env.db,
          { orderLineId: 'L-DEL-000001', kind: 'delivery', payload: { ...base, attachments: twentyOne } },
          deps,
        ),
      ).message,
    ).toMatch(/at most 20/);
    expect(
      enqueueAction(
        env.db,
        {
          orderLineId: 'L-DEL-000001',
          kind: 'delivery',
          payload: { ...base, enablingTime: T0, attachments: [{ sha256: sow, category: 'sow' }] },
        },
        deps,
      ).state,
    ).toBe('queued');
  });

  it('S6 and unknown lines: specific errors', () => {
    expect(
      refused(() => enqueueAction(env.db, { orderLineId: 'L-NOS-000001', kind: 'request.accept' }, deps)).message,
    ).toMatch(/S6/);
    expect(refused(() => enqueueAction(env.db, { orderLineId: 'NOPE', kind: 'request.accept' }, deps)).code).toBe(
      'not_found',
    );
    expect(
      refused(() => enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.cancel' }, deps)).code,
    ).toBe('validation');
  });
});

describe('re-queue and discard', () => {
  function markRejected(id: string): void {
    env.db
      .prepare("UPDATE outbox SET state = 'rejected', attempts = 1, last_error_json = ? WHERE id = ?")
      .run(JSON.stringify({ at: 1, kind: 'http', status: 400, message: 'reason too vague' }), id);
    env.db.prepare('DELETE FROM outbox_pending WHERE outbox_id = ?').run(id);
  }

  it('an edited rejected item goes back to queued with a NEW idempotency key, at the back of its line; the old key is recorded', () => {
    const a = enqueueAction(
      env.db,
      { orderLineId: 'L-REQ-000001', kind: 'request.reject', payload: { reason: 'vague' } },
      deps,
    );
    markRejected(a.id);
    const b = requeue(env.db, a.id, { reason: 'please add the deployment environment' }, deps);
    expect(b).toMatchObject({
      id: a.id,
      state: 'queued',
      attempts: 0,
      lastError: null,
      payload: { reason: 'please add the deployment environment' },
    });
    expect(b.idempotencyKey).not.toBe(a.idempotencyKey);
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(pendingOrderLines(env.db).has('L-REQ-000001')).toBe(true);
    expect(outboxHistory(env.db, a.id).map((h) => h.event)).toEqual(['enqueued', 'requeued']);
    expect(outboxHistory(env.db, a.id)[1].detail).toMatchObject({ previousKey: a.idempotencyKey, edited: true });
  });

  it('re-queue re-checks the input and the order; only rejected/conflict items can be re-queued', () => {
    const a = enqueueAction(
      env.db,
      { orderLineId: 'L-REQ-000001', kind: 'request.reject', payload: { reason: 'vague' } },
      deps,
    );
    expect(refused(() => requeue(env.db, a.id, undefined, deps)).message).toMatch(/queued/);
    markRejected(a.id);
    expect(refused(() => requeue(env.db, a.id, { reason: '' }, deps)).code).toBe('validation');
  });

  it('a discard needs a reason, is recorded (never a delete), and clears the pending mark; unknown items cannot be discarded', () => {
    const a = enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.accept' }, deps);
    expect(refused(() => discard(env.db, a.id, ' ', deps)).code).toBe('validation');
    const d = discard(env.db, a.id, 'customer called: will accept on site', deps);
    expect(d).toMatchObject({
      discardedAt: clock.now(),
      discardReason: 'customer called: will accept on site',
      state: 'queued',
    });
    expect(listOutbox(env.db)).toEqual([]);
    expect(listOutbox(env.db, { includeDiscarded: true })).toHaveLength(1);
    expect(pendingOrderLines(env.db).size).toBe(0);
    expect(countUnsent(env.db)).toBe(0);
    const b = enqueueAction(env.db, { orderLineId: 'L-REQ-000001', kind: 'request.accept' }, deps);
    env.db.prepare("UPDATE outbox SET state = 'unknown' WHERE id = ?").run(b.id);
    expect(refused(() => discard(env.db, b.id, 'oops', deps)).message).toMatch(/may have applied/);
  });
});
