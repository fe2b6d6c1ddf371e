import { describe, expect, it } from 'vitest';
import { marketDate } from '../common/domain/time';
import { CUSTOMERS, PRODUCTS } from './catalog';
import { emptyLine } from './seed-ids';
import {
  customerAcceptDelivery,
  customerReturnDelivery,
  customerSubmitRequest,
  resolveAppeal,
  sellerAcceptRequest,
  sellerDeliver,
  sellerOpenAppeal,
  sellerRejectRequest,
  type OrderLine,
  type TransitionContext,
} from './transitions';
import { addPeriods } from './validity';
import { SimError } from './responses';

const at = (iso: string): number => Date.parse(iso);
const ctx = (now: number): TransitionContext => ({ now, newId: (p) => `${p}-1` });
const monthly = PRODUCTS.find((p) => p.chargingMode === 'PERIOD' && p.periodTypes.includes('month'));

function line(placedIso: string): OrderLine {
  if (!monthly) throw new Error('no monthly product');
  const l = emptyLine({
    orderId: 'CS1',
    orderLineId: 'CS1-000001',
    product: monthly,
    customer: CUSTOMERS[0],
    placedMs: at(placedIso),
  });
  l.periodType = 'month';
  l.periodNumber = 1;
  l.amount = '1200.00';
  return l;
}

function refusal(fn: () => void): SimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SimError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const delivery = (enablingTimeMs: number | null) => ({
  templateVersion: 1,
  enablingTimeMs,
  content: {},
  attachments: [],
});

describe('transitions (docs/rules.md S1–S5, V1–V3)', () => {
  it('S1: placed before 2025-03-26 00:00 UTC+8 → legacy at awaiting_delivery; at the cutover → request-first at awaiting_request', () => {
    expect(line('2025-03-25T15:59:59.000Z').supervision).toMatchObject({
      process: 'LEGACY',
      stage: 'awaiting_delivery',
    });
    expect(line('2025-03-25T16:00:00.000Z').supervision).toMatchObject({
      process: 'REQUEST_FIRST',
      stage: 'awaiting_request',
    });
  });

  it('S2/S3: the request-first path, with a rejection counted and an event per move', () => {
    const l = line('2025-04-01T04:00:00.000Z');
    customerSubmitRequest(l, ctx(at('2025-04-02T00:00:00Z')), { description: 'd', attachments: [] });
    sellerRejectRequest(l, ctx(at('2025-04-02T01:00:00Z')), 'need more');
    expect(l.supervision).toMatchObject({ stage: 'request_returned', requestRejections: 1 });
    customerSubmitRequest(l, ctx(at('2025-04-03T00:00:00Z')), { description: 'd2', attachments: [] });
    sellerAcceptRequest(l, ctx(at('2025-04-03T01:00:00Z')));
    sellerDeliver(l, ctx(at('2025-04-04T00:00:00Z')), delivery(null));
    customerReturnDelivery(l, ctx(at('2025-04-05T00:00:00Z')), 'wrong doc');
    expect(l.supervision).toMatchObject({ stage: 'delivery_returned', deliveryRejections: 1 });
    sellerDeliver(l, ctx(at('2025-04-06T00:00:00Z')), delivery(null));
    customerAcceptDelivery(l, ctx(at('2025-04-07T00:00:00Z')));
    expect(l.supervision?.stage).toBe('completed');
    expect(l.supervision?.events.map((e) => e.type)).toEqual([
      'supervision_started',
      'request_submitted',
      'request_rejected',
      'request_resubmitted',
      'request_accepted',
      'delivery_submitted',
      'delivery_returned',
      'delivery_submitted',
      'delivery_accepted',
    ]);
  });

  it('S2: moves outside the list are refused 409 MKT.2001 and leave the line untouched', () => {
    const l = line('2025-04-01T04:00:00.000Z');
    const before = JSON.stringify(l);
    const e = refusal(() => sellerAcceptRequest(l, ctx(at('2025-04-02T00:00:00Z'))));
    expect([e.status, e.code]).toEqual([409, 'MKT.2001']);
    expect(e.extra.orderLine).toBe(l);
    expect(refusal(() => customerAcceptDelivery(l, ctx(0))).code).toBe('MKT.2001');
    expect(refusal(() => sellerDeliver(l, ctx(0), delivery(null))).code).toBe('MKT.2001');
    expect(JSON.stringify(l)).toBe(before);
    const legacy = line('2025-01-01T04:00:00.000Z');
    expect(refusal(() => customerSubmitRequest(legacy, ctx(0), { description: 'x', attachments: [] })).code).toBe(
      'MKT.2001',
    ); // S1: no request stages
  });

  it('S5a: while an appeal is open nobody can act (409 MKT.2002); resolving unfreezes', () => {
    const l = line('2025-01-01T04:00:00.000Z');
    sellerDeliver(l, ctx(at('2025-02-01T00:00:00Z')), delivery(null));
    sellerOpenAppeal(l, ctx(at('2025-02-10T00:00:00Z')), { reason: 'no answer' });
    expect(refusal(() => customerAcceptDelivery(l, ctx(at('2025-02-11T00:00:00Z')))).code).toBe('MKT.2002');
    expect(refusal(() => sellerOpenAppeal(l, ctx(at('2025-02-11T00:00:00Z')), { reason: 'again' })).code).toBe(
      'MKT.2002',
    );
    resolveAppeal(l, ctx(at('2025-02-12T00:00:00Z')), 'resume');
    customerAcceptDelivery(l, ctx(at('2025-02-13T00:00:00Z')));
    expect(l.supervision?.stage).toBe('completed');
  });

  it('S6: an unsupervised line refuses every supervision move', () => {
    const l = line('2025-04-01T04:00:00.000Z');
    l.supervision = null;
    expect(refusal(() => customerSubmitRequest(l, ctx(0), { description: 'x', attachments: [] })).code).toBe(
      'MKT.2001',
    );
  });

  it('V3: one month bought Jan 1, accepted Feb 1 — no enabling time → Feb 1–Mar 1; enabling Jan 1 → Jan 1–Feb 1', () => {
    for (const [enabling, start, end] of [
      [null, '2025-02-01', '2025-03-01'],
      [at('2025-01-01T10:00:00+08:00'), '2025-01-01', '2025-02-01'],
    ] as const) {
      const l = line('2025-01-01T01:00:00.000Z'); // Jan 1, 09:00 UTC+8 (legacy: delivers directly)
      sellerDeliver(l, ctx(at('2025-01-20T02:00:00Z')), delivery(enabling));
      customerAcceptDelivery(l, ctx(at('2025-02-01T02:00:00Z'))); // Feb 1, 10:00 UTC+8
      expect(l.validity && [marketDate(Date.parse(l.validity.start)), marketDate(Date.parse(l.validity.end))]).toEqual([
        start,
        end,
      ]);
      expect(l.supervision?.acceptedAt).toBe('2025-02-01T02:00:00.000Z');
    }
  });

  it('V2: calendar months on UTC+8 dates clamp to the month end (Jan 31 + 1 month = Feb 28, or 29 in a leap year)', () => {
    expect(marketDate(addPeriods(at('2025-01-31T10:00:00+08:00'), 'month', 1))).toBe('2025-02-28');
    expect(marketDate(addPeriods(at('2024-01-31T10:00:00+08:00'), 'month', 1))).toBe('2024-02-29');
    // 23:30 UTC on Jan 30 is already Jan 31 at UTC+8
    expect(marketDate(addPeriods(at('2025-01-30T23:30:00Z'), 'month', 1))).toBe('2025-02-28');
    expect(marketDate(addPeriods(at('2024-02-29T10:00:00+08:00'), 'year', 1))).toBe('2025-02-28');
  });
});
