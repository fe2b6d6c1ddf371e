// The Sync Center's last answer in words per marketplace code (docs/marketplace-api.md "Errors"), the code and the
// server text kept for "Details", and the primary button the one that can succeed.
import { describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxErrorView } from '../../../common/api/contract-outbox';
import { makeTranslate } from '../../i18n/translate';
import { EXPLAINED_CODES, lastAnswer, nextStep } from './outbox-labels';

const en = makeTranslate('en');
const zh = makeTranslate('zh-CN');

function item(over: Partial<OutboxEntry>, error?: Partial<OutboxErrorView>): OutboxEntry {
  return {
    id: 'i1',
    seq: 1,
    orderLineId: 'L1',
    kind: 'request.reject',
    payload: { reason: 'x' },
    idempotencyKey: 'k',
    state: 'rejected',
    attempts: 1,
    lastError: error ? { at: 0, kind: 'http', message: '', ...error } : null,
    nextAttemptAt: 0,
    createdAt: 0,
    updatedAt: 0,
    ackedAt: null,
    discardedAt: null,
    discardReason: null,
    upload: null,
    order: null,
    ...over,
  };
}

describe('the last answer in words', () => {
  it('S5a: 409 MKT.2002 is a sentence in each language; the code and the server text go to Details', () => {
    const server = 'an appeal is open on CS1-000001; the supervision flow is frozen (S5a)';
    const conflict = item({ state: 'conflict' }, { status: 409, resultCode: 'MKT.2002', message: server });
    const a = lastAnswer(conflict, en)!;
    expect(a.text).toBe(
      'An appeal is open on this order: nothing can be done on it until the marketplace resolves the appeal.',
    );
    expect(a.code).toBe('409 MKT.2002');
    expect(a.detail).toBe(server);
    expect(lastAnswer(conflict, zh)!.text).toMatch(/^此订单有处理中的申诉.*。$/);
    expect(a.text).not.toContain('MKT');
  });

  it('every code in the error table has its own sentence, different in each language', () => {
    for (const code of EXPLAINED_CODES) {
      const a = lastAnswer(item({}, { status: 400, resultCode: code, message: 'm' }), en)!;
      const b = lastAnswer(item({}, { status: 400, resultCode: code, message: 'm' }), zh)!;
      expect(a.text, code).not.toMatch(/MKT|APIGW|answer\./);
      expect(b.text, code).not.toBe(a.text);
    }
  });

  it('an unknown code is still words, with the HTTP status; a network problem is a calm sentence without details', () => {
    expect(lastAnswer(item({}, { status: 418, resultCode: 'MKT.9999', message: 'teapot' }), en)).toEqual({
      code: '418 MKT.9999',
      text: 'The marketplace refused the action (HTTP 418).',
      detail: 'teapot',
    });
    expect(
      lastAnswer(item({ state: 'queued' }, { kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:47157' }), en),
    ).toEqual({ code: null, text: 'The marketplace could not be reached.', detail: null });
  });

  it('field errors of MKT.0100 stay with the server text under Details', () => {
    const a = lastAnswer(
      item(
        {},
        {
          status: 400,
          resultCode: 'MKT.0100',
          message: 'validation failed',
          fields: [{ field: 'reason', message: 'too long' }],
        },
      ),
      en,
    )!;
    expect(a.detail).toBe('validation failed (reason: too long)');
  });
});

describe('the primary button is the one that can succeed', () => {
  it('a conflict opens the order (re-queueing the same action fails again)', () => {
    for (const code of ['MKT.2001', 'MKT.2002', 'MKT.2003'])
      expect(nextStep(item({ state: 'conflict' }, { status: 409, resultCode: code })), code).toBe('open');
  });
  it('a retry that can work is re-queue; a refusal nothing fixes is discard; refused input is edit', () => {
    expect(nextStep(item({}, { status: 429, resultCode: 'MKT.0250' }))).toBe('requeue');
    expect(nextStep(item({}, { status: 500, resultCode: 'MKT.0999' }))).toBe('requeue');
    expect(nextStep(item({}, { status: 403, resultCode: 'MKT.0150' }))).toBe('discard');
    expect(nextStep(item({}, { status: 422, resultCode: 'MKT.2010' }))).toBe('discard');
    expect(nextStep(item({}, { status: 400, resultCode: 'MKT.0100' }))).toBe('edit');
    expect(nextStep(item({ kind: 'request.accept' }, { status: 400, resultCode: 'MKT.0100' }))).toBe('discard');
    expect(nextStep(item({ kind: 'delivery' }, { status: 413, resultCode: 'MKT.2413' }))).toBe('open');
  });
});
