import { afterEach, describe, expect, it } from 'vitest';
import { Settings } from 'luxon';
import {
  addPeriod,
  checkEnablingTime,
  formatValidity,
  periodLengthLabel,
  validityOutcomes,
  validityPeriod,
  type FixedValidity,
} from './validity';
import { marketDate } from './time';

/** An instant given as UTC+8 wall-clock time. */
function cst(y: number, m: number, d: number, hh = 0, mm = 0): number {
  return Date.UTC(y, m - 1, d, hh - 8, mm);
}

function fixedOf(v: ReturnType<typeof validityPeriod>): FixedValidity {
  if (v.startsAtAcceptance) throw new Error('expected a fixed validity');
  return v;
}

const month = { periodType: 'month', periodNumber: 1 } as const;

describe('V3 worked example: one month bought Jan 1, used from Jan 1, accepted Feb 1', () => {
  const acceptedAt = cst(2025, 2, 1, 10, 0);

  it('V3: no enabling time → Feb 1 – Mar 1', () => {
    const v = fixedOf(validityPeriod({ ...month, enablingTime: null, acceptedAt }));
    expect(v.basis).toBe('acceptance');
    expect([v.startDate, v.endDate]).toEqual(['2025-02-01', '2025-03-01']);
    expect(formatValidity(v)).toBe('2025-02-01 – 2025-03-01');
    // Same clock time, exclusive end (decided here).
    expect(v.start).toBe(acceptedAt);
    expect(v.end).toBe(cst(2025, 3, 1, 10, 0));
  });

  it('V3: enabling time Jan 1 → Jan 1 – Feb 1', () => {
    const v = fixedOf(validityPeriod({ ...month, enablingTime: cst(2025, 1, 1, 9, 0), acceptedAt }));
    expect(v.basis).toBe('enabling_time');
    expect([v.startDate, v.endDate]).toEqual(['2025-01-01', '2025-02-01']);
    expect(v.end).toBe(cst(2025, 2, 1, 9, 0));
  });

  it('V1: no enabling time and not accepted yet → starts at acceptance', () => {
    const v = validityPeriod({ ...month, enablingTime: null, acceptedAt: null });
    expect(v).toEqual({ startsAtAcceptance: true, periodType: 'month', periodNumber: 1, lengthLabel: '1 month' });
    expect(formatValidity(v)).toBe('from acceptance, 1 month');
  });

  it('V1: the enabling time wins over an acceptance that is already known', () => {
    const v = fixedOf(validityPeriod({ ...month, enablingTime: cst(2025, 1, 15), acceptedAt: null }));
    expect(v.startDate).toBe('2025-01-15');
    expect(v.endDate).toBe('2025-02-15');
  });
});

describe('V2: calendar arithmetic on UTC+8 dates, month-end clamping', () => {
  const cases: Array<[string, number, 'month' | 'year' | 'day', number, string]> = [
    ['Jan 31 + 1 month → Feb 28', cst(2025, 1, 31, 12), 'month', 1, '2025-02-28'],
    ['Jan 31 + 1 month in a leap year → Feb 29', cst(2024, 1, 31, 12), 'month', 1, '2024-02-29'],
    ['Mar 31 + 1 month → Apr 30', cst(2025, 3, 31, 12), 'month', 1, '2025-04-30'],
    ['Jan 31 + 2 months → Mar 31 (added at once, not month by month)', cst(2025, 1, 31, 12), 'month', 2, '2025-03-31'],
    ['Aug 31 + 6 months → Feb 28', cst(2025, 8, 31, 12), 'month', 6, '2026-02-28'],
    ['Dec 15 + 1 month crosses the year', cst(2025, 12, 15, 12), 'month', 1, '2026-01-15'],
    ['Feb 29 2024 + 1 year → Feb 28 2025', cst(2024, 2, 29, 12), 'year', 1, '2025-02-28'],
    ['Feb 29 2024 + 4 years → Feb 29 2028', cst(2024, 2, 29, 12), 'year', 4, '2028-02-29'],
    ['Mar 1 2025 + 1 year → Mar 1 2026', cst(2025, 3, 1, 12), 'year', 1, '2026-03-01'],
    ['Jan 1 + 30 days → Jan 31', cst(2025, 1, 1, 12), 'day', 30, '2025-01-31'],
    ['Feb 20 2024 + 10 days → Mar 1 (leap Feb 29 counts)', cst(2024, 2, 20, 12), 'day', 10, '2024-03-01'],
    ['Dec 31 + 1 day → Jan 1', cst(2025, 12, 31, 23, 59), 'day', 1, '2026-01-01'],
  ];
  for (const [name, start, periodType, periodNumber, endDate] of cases) {
    it(`V2: ${name}`, () => {
      const v = fixedOf(validityPeriod({ periodType, periodNumber, enablingTime: start, acceptedAt: null }));
      expect(v.endDate).toBe(endDate);
      // The clock time at UTC+8 is kept.
      expect((v.end - start) % 3_600_000).toBe(0);
      expect(new Date(v.end + 8 * 3_600_000).getUTCHours()).toBe(new Date(start + 8 * 3_600_000).getUTCHours());
    });
  }

  it('V2: a day period is exactly n × 24 h (UTC+8 has no DST)', () => {
    expect(addPeriod(cst(2025, 3, 8, 10), { periodType: 'day', periodNumber: 7 })).toBe(cst(2025, 3, 15, 10));
  });

  it('V2: the period length must be a positive integer', () => {
    expect(() => validityPeriod({ periodType: 'month', periodNumber: 0, enablingTime: 0, acceptedAt: null })).toThrow(
      RangeError,
    );
    expect(() => addPeriod(0, { periodType: 'day', periodNumber: 1.5 })).toThrow(RangeError);
  });

  it('V2: length labels in English and Chinese', () => {
    expect(periodLengthLabel({ periodType: 'year', periodNumber: 1 })).toBe('1 year');
    expect(periodLengthLabel({ periodType: 'month', periodNumber: 3 })).toBe('3 months');
    expect(periodLengthLabel({ periodType: 'day', periodNumber: 30 }, 'zh')).toBe('30天');
    expect(periodLengthLabel({ periodType: 'month', periodNumber: 1 }, 'zh')).toBe('1个月');
  });
});

describe('O4/V2: UTC+8 day boundaries for a user in another time zone', () => {
  const savedTz = process.env.TZ;
  const savedZone = Settings.defaultZone;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
    Settings.defaultZone = savedZone;
  });

  function inLosAngeles(): void {
    process.env.TZ = 'America/Los_Angeles';
    Settings.defaultZone = 'America/Los_Angeles';
  }

  it('O4: Jan 31 23:30 UTC+8 (Jan 31 15:30 UTC, 07:30 in Los Angeles) + 1 month → Feb 28 23:30 UTC+8', () => {
    inLosAngeles();
    const start = Date.parse('2025-01-31T15:30:00Z');
    expect(start).toBe(cst(2025, 1, 31, 23, 30));
    expect(new Date(start).getHours()).toBe(7); // the process really runs in Los Angeles time
    const v = fixedOf(validityPeriod({ ...month, enablingTime: start, acceptedAt: null }));
    expect([v.startDate, v.endDate]).toEqual(['2025-01-31', '2025-02-28']);
    expect(v.end).toBe(Date.parse('2025-02-28T15:30:00Z'));
  });

  it('O4: Feb 1 00:30 UTC+8 is still Jan 31 in UTC and Los Angeles, yet the period is Feb 1 – Mar 1', () => {
    inLosAngeles();
    const start = Date.parse('2025-01-31T16:30:00Z');
    expect(new Date(start).getDate()).toBe(31); // Jan 31 08:30 local
    const v = fixedOf(validityPeriod({ ...month, enablingTime: start, acceptedAt: null }));
    // Computed on the local (or UTC) date it would be Jan 31 + 1 month = Feb 28: wrong.
    expect([v.startDate, v.endDate]).toEqual(['2025-02-01', '2025-03-01']);
    expect(v.end).toBe(Date.parse('2025-02-28T16:30:00Z'));
  });

  it('O4: the V3 example gives the same dates in any process time zone', () => {
    const input = { ...month, enablingTime: null, acceptedAt: cst(2025, 2, 1, 0, 5) };
    const here = validityPeriod(input);
    inLosAngeles();
    expect(validityPeriod(input)).toEqual(here);
    expect(formatValidity(validityPeriod(input))).toBe('2025-02-01 – 2025-03-01');
  });
});

describe('V4: enabling time bounds', () => {
  const placedAt = cst(2025, 1, 1, 9, 30);
  const now = cst(2025, 2, 1, 18, 0);

  it('V4: no enabling time, or one between placement and submission, is fine (bounds inclusive)', () => {
    expect(checkEnablingTime(null, { placedAt, now })).toBeNull();
    expect(checkEnablingTime(placedAt, { placedAt, now })).toBeNull();
    expect(checkEnablingTime(now, { placedAt, now })).toBeNull();
    expect(checkEnablingTime(cst(2025, 1, 15), { placedAt, now })).toBeNull();
  });

  it('V4: earlier than the placement → before_placement, the message names the placement time', () => {
    const err = checkEnablingTime(placedAt - 60_000, { placedAt, now });
    expect(err?.code).toBe('before_placement');
    expect(err?.bound).toBe(placedAt);
    expect(err?.message).toContain('placement time');
    expect(err?.message).toContain('2025-01-01 09:30 (UTC+8)');
  });

  it('V4: later than the submission → after_submission, the message names the submission moment', () => {
    const err = checkEnablingTime(now + 1, { placedAt, now });
    expect(err?.code).toBe('after_submission');
    expect(err?.bound).toBe(now);
    expect(err?.message).toContain('2025-02-01 18:00 (UTC+8)');
  });

  it('V4: the bound can be shown in the user’s zone', () => {
    const err = checkEnablingTime(placedAt - 1, { placedAt, now, zone: 'America/Los_Angeles' });
    expect(err?.message).toContain('2024-12-31 17:30 (PST)');
  });
});

describe('V5: both outcomes before submitting', () => {
  const now = cst(2025, 4, 10, 15, 0);

  it('V5: with the chosen enabling time, and from acceptance with an example for acceptance today', () => {
    const o = validityOutcomes({
      periodType: 'year',
      periodNumber: 1,
      enablingTime: cst(2025, 4, 1, 8),
      now,
      placedAt: cst(2025, 3, 30),
    });
    expect(o.withEnablingTime && [o.withEnablingTime.startDate, o.withEnablingTime.endDate]).toEqual([
      '2025-04-01',
      '2026-04-01',
    ]);
    expect(o.fromAcceptance).toMatchObject({ startsAtAcceptance: true, lengthLabel: '1 year' });
    expect([o.ifAcceptedNow.startDate, o.ifAcceptedNow.endDate]).toEqual(['2025-04-10', '2026-04-10']);
    expect(o.ifAcceptedNow.basis).toBe('acceptance');
    expect(o.enablingTimeError).toBeNull();
  });

  it('V5: no enabling time chosen → only the acceptance outcome', () => {
    const o = validityOutcomes({ ...month, enablingTime: null, now });
    expect(o.withEnablingTime).toBeNull();
    expect(marketDate(o.ifAcceptedNow.end)).toBe('2025-05-10');
  });

  it('V5 + V4: an enabling time before placement is reported beside the outcomes', () => {
    const o = validityOutcomes({ ...month, enablingTime: cst(2025, 3, 1), now, placedAt: cst(2025, 3, 30) });
    expect(o.enablingTimeError?.code).toBe('before_placement');
  });
});
