import { describe, expect, it } from 'vitest';
import { STAGES } from '../marketplace/wire';
import { DAY_MS } from './time';
import {
  marketDaysBetween,
  overdueBefore,
  sellerAction,
  urgencyOf,
  urgencySortKey,
  waitingOn,
  type UrgencyFacts,
} from './urgency';

/** An instant given as UTC+8 wall-clock time. */
function cst(y: number, m: number, d: number, hh = 0, mm = 0): number {
  return Date.UTC(y, m - 1, d, hh - 8, mm);
}

const NOW = cst(2025, 6, 10, 9, 30);
const line = (patch: Partial<UrgencyFacts> = {}): UrgencyFacts => ({
  stage: 'awaiting_acceptance',
  stageSince: cst(2025, 6, 1, 12),
  placedAt: cst(2025, 5, 1),
  appealOpen: false,
  unsubPending: false,
  requestRejections: 0,
  deliveryRejections: 0,
  ...patch,
});

describe('S7: days since the last move, on the marketplace calendar (O4)', () => {
  it('O4/S7: days are UTC+8 calendar days: 23:59 → 00:01 at UTC+8 is one day, 00:01 → 23:59 is none', () => {
    expect(marketDaysBetween(cst(2025, 6, 1, 23, 59), cst(2025, 6, 2, 0, 1))).toBe(1);
    expect(marketDaysBetween(cst(2025, 6, 1, 0, 1), cst(2025, 6, 1, 23, 59))).toBe(0);
    expect(marketDaysBetween(cst(2025, 6, 5), cst(2025, 6, 1))).toBe(0); // never negative
  });

  it('S5/S7: overdueBefore is the exact bound of "more than N days"', () => {
    for (const threshold of [0, 1, 5, 9]) {
      const bound = overdueBefore(NOW, threshold);
      expect(marketDaysBetween(bound - 1, NOW)).toBe(threshold + 1);
      expect(marketDaysBetween(bound, NOW)).toBe(threshold);
    }
  });
});

describe('S7: who must move', () => {
  it('S3/S7: request to review, delivery to make or remake → the seller; otherwise the customer', () => {
    expect(waitingOn(line({ stage: 'request_pending' }))).toBe('seller');
    expect(waitingOn(line({ stage: 'awaiting_delivery' }))).toBe('seller');
    expect(waitingOn(line({ stage: 'delivery_returned' }))).toBe('seller');
    expect(waitingOn(line({ stage: 'awaiting_request' }))).toBe('customer');
    expect(waitingOn(line({ stage: 'request_returned' }))).toBe('customer');
    expect(waitingOn(line({ stage: 'awaiting_acceptance' }))).toBe('customer');
  });

  it('S5c/S7: a pending refund request puts the line on the seller whatever the stage, and says so', () => {
    const f = line({ stage: 'awaiting_acceptance', unsubPending: true });
    expect(waitingOn(f)).toBe('seller');
    expect(sellerAction(f)).toBe('refund_request');
    expect(sellerAction(line({ stage: 'request_pending' }))).toBe('request');
    expect(sellerAction(line({ stage: 'awaiting_acceptance' }))).toBeNull();
  });

  it('S5a: an open appeal freezes the line: the marketplace must move, the seller has nothing to do', () => {
    const f = line({ stage: 'request_pending', appealOpen: true, unsubPending: true });
    expect(waitingOn(f)).toBe('marketplace');
    expect(sellerAction(f)).toBeNull();
  });

  it('S6/S2: not supervised, completed or closed → no urgency at all', () => {
    expect(urgencyOf(line({ stage: null, stageSince: null }), NOW, 5)).toBeNull();
    expect(urgencyOf(line({ stage: 'completed' }), NOW, 5)).toBeNull();
    expect(urgencyOf(line({ stage: 'closed', unsubPending: true }), NOW, 5)).toBeNull();
  });
});

describe('S7: appeal possible, overdue, the 180-day flag', () => {
  it('S5/S7: silent for more than the threshold → overdue and appeal possible; exactly the threshold → neither', () => {
    const six = urgencyOf(line({ stageSince: cst(2025, 6, 4, 23) }), NOW, 5);
    expect(six).toMatchObject({ days: 6, overdue: true, appeal: 'silence', waitingOn: 'customer' });
    const five = urgencyOf(line({ stageSince: cst(2025, 6, 5, 0, 10) }), NOW, 5);
    expect(five).toMatchObject({ days: 5, overdue: false, appeal: null });
    // The threshold is the setting's, not a constant.
    expect(urgencyOf(line({ stageSince: cst(2025, 6, 4, 23) }), NOW, 9)).toMatchObject({
      overdue: false,
      appeal: null,
    });
  });

  it('S7: 3 rejections either way make an appeal possible at any age; 2 do not', () => {
    const fresh = { stageSince: cst(2025, 6, 10, 8) };
    expect(urgencyOf(line({ ...fresh, requestRejections: 3 }), NOW, 5)?.appeal).toBe('rejections');
    expect(urgencyOf(line({ ...fresh, deliveryRejections: 3 }), NOW, 5)?.appeal).toBe('rejections');
    expect(urgencyOf(line({ ...fresh, requestRejections: 2, deliveryRejections: 2 }), NOW, 5)?.appeal).toBeNull();
  });

  it('S5a/S7: no appeal is "possible" while one is open, however long the wait', () => {
    const u = urgencyOf(line({ appealOpen: true, stageSince: cst(2025, 1, 1), requestRejections: 5 }), NOW, 5);
    expect(u).toMatchObject({ waitingOn: 'marketplace', overdue: true, appeal: null });
  });

  it('S5: the 180-day flag counts from placement, on any open stage', () => {
    expect(urgencyOf(line({ placedAt: NOW - 180 * DAY_MS }), NOW, 5)?.long).toBe(true);
    expect(urgencyOf(line({ placedAt: NOW - 179 * DAY_MS }), NOW, 5)?.long).toBe(false);
  });
});

describe('S7: most urgent first (the stored sort key)', () => {
  const sorted = (lines: Array<[string, UrgencyFacts]>) =>
    [...lines].sort((a, b) => urgencySortKey(a[1]) - urgencySortKey(b[1])).map(([name]) => name);

  it('S7: older last move first; at equal age (same UTC+8 day) the seller before the customer', () => {
    const lines: Array<[string, UrgencyFacts]> = [
      ['customer, 3 days', line({ stage: 'awaiting_acceptance', stageSince: cst(2025, 6, 7, 1) })],
      ['seller, 3 days', line({ stage: 'awaiting_delivery', stageSince: cst(2025, 6, 7, 22) })],
      ['customer, 8 days', line({ stage: 'awaiting_request', stageSince: cst(2025, 6, 2, 10) })],
      [
        'refund request, 2 days',
        line({ stage: 'awaiting_acceptance', unsubPending: true, stageSince: cst(2025, 6, 8) }),
      ],
    ];
    expect(sorted(lines)).toEqual(['customer, 8 days', 'seller, 3 days', 'customer, 3 days', 'refund request, 2 days']);
  });

  it('S5a/S6/S7: frozen lines after every actionable line, finished and unsupervised lines last', () => {
    const lines: Array<[string, UrgencyFacts]> = [
      ['not supervised', line({ stage: null, stageSince: null })],
      ['completed', line({ stage: 'completed', stageSince: cst(2024, 1, 1) })],
      ['appeal open, old', line({ appealOpen: true, stageSince: cst(2024, 1, 1) })],
      ['customer, today', line({ stageSince: cst(2025, 6, 10, 8) })],
    ];
    expect(sorted(lines)).toEqual(['customer, today', 'appeal open, old', 'not supervised', 'completed']);
    expect(urgencySortKey(lines[0][1])).toBe(urgencySortKey(lines[1][1])); // both last; placement breaks the tie
  });

  it('S7: every open stage gets a key below every finished one', () => {
    const finished = urgencySortKey(line({ stage: 'closed' }));
    for (const stage of STAGES) {
      const key = urgencySortKey(line({ stage }));
      expect(key < finished).toBe(stage !== 'completed' && stage !== 'closed');
    }
  });
});
