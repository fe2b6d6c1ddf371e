// docs/rules.md V1–V5: the resource validity period a customer gets after a delivery.
// Pure: dates are computed on UTC+8 calendar dates (O4) whatever the process time zone.
//
// Decided here — the end of a validity period: the period is half-open [start, end) and
// `end` is the SAME CLOCK TIME (at UTC+8) periodNumber × periodType later, not end of day.
// That is what makes the V3 worked example hold: accepted Feb 1 10:00 → Feb 1 – Mar 1
// (Mar 1 10:00), dates shown at UTC+8.
import { DateTime } from 'luxon';
import type { PeriodType } from '../marketplace/wire';
import { MARKET_ZONE, marketDate } from './time';

export interface PeriodSpec {
  periodType: PeriodType;
  /** How many `periodType`s were bought (O2: periodNumber), a positive integer. */
  periodNumber: number;
}

export interface ValidityInput extends PeriodSpec {
  enablingTime: number | null;
  acceptedAt: number | null;
}

/** V1: where a known period's start came from. */
export type ValidityBasis = 'enabling_time' | 'acceptance';

export interface FixedValidity extends PeriodSpec {
  startsAtAcceptance: false;
  basis: ValidityBasis;
  /** UTC ms, inclusive. */
  start: number;
  /** UTC ms, exclusive: same UTC+8 clock time as `start`, periodNumber × periodType later. */
  end: number;
  /** `YYYY-MM-DD` at UTC+8. */
  startDate: string;
  endDate: string;
  lengthLabel: string;
}

/** V1: no enabling time and not accepted yet — the period starts when the customer accepts. */
export interface PendingValidity extends PeriodSpec {
  startsAtAcceptance: true;
  lengthLabel: string;
}

export type Validity = FixedValidity | PendingValidity;

function assertPeriod(spec: PeriodSpec): void {
  if (!Number.isSafeInteger(spec.periodNumber) || spec.periodNumber <= 0) {
    throw new RangeError(`periodNumber must be a positive integer, got ${spec.periodNumber}`);
  }
}

/**
 * V2: `start` plus the purchased duration, in calendar months/years/days on UTC+8 dates.
 * Luxon adds whole months in one step and clamps a day that does not exist to the month's
 * last day (Jan 31 + 1 month = Feb 28/29; Jan 31 + 2 months = Mar 31, not Mar 28).
 */
export function addPeriod(start: number, spec: PeriodSpec): number {
  assertPeriod(spec);
  const at = DateTime.fromMillis(start, { zone: MARKET_ZONE });
  const unit = spec.periodType === 'year' ? 'years' : spec.periodType === 'month' ? 'months' : 'days';
  return at.plus({ [unit]: spec.periodNumber }).toMillis();
}

/** "1 month", "3 months", "1 year", "30 days"; Chinese "1个月", "1年", "30天". */
export function periodLengthLabel(spec: PeriodSpec, lang: 'en' | 'zh' = 'en'): string {
  const n = spec.periodNumber;
  if (lang === 'zh') return `${n}${spec.periodType === 'year' ? '年' : spec.periodType === 'month' ? '个月' : '天'}`;
  return `${n} ${spec.periodType}${n === 1 ? '' : 's'}`;
}

function fixed(start: number, basis: ValidityBasis, spec: PeriodSpec): FixedValidity {
  const end = addPeriod(start, spec);
  return {
    startsAtAcceptance: false,
    ...spec,
    basis,
    start,
    end,
    startDate: marketDate(start),
    endDate: marketDate(end),
    lengthLabel: periodLengthLabel(spec),
  };
}

/** V1 + V2: the validity period that applies, or "starts at acceptance" while that is unknown. */
export function validityPeriod(input: ValidityInput): Validity {
  assertPeriod(input);
  const spec: PeriodSpec = { periodType: input.periodType, periodNumber: input.periodNumber };
  if (input.enablingTime !== null) return fixed(input.enablingTime, 'enabling_time', spec);
  if (input.acceptedAt !== null) return fixed(input.acceptedAt, 'acceptance', spec);
  return { startsAtAcceptance: true, ...spec, lengthLabel: periodLengthLabel(spec) };
}

/** `2025-02-01 – 2025-03-01`, or `from acceptance, 1 month`. Dates are UTC+8 (O4). */
export function formatValidity(v: Validity): string {
  return v.startsAtAcceptance ? `from acceptance, ${v.lengthLabel}` : `${v.startDate} – ${v.endDate}`;
}

export type EnablingTimeErrorCode = 'before_placement' | 'after_submission';
export interface EnablingTimeError {
  code: EnablingTimeErrorCode;
  /** The bound that was crossed (UTC ms). */
  bound: number;
  message: string;
}

export interface EnablingTimeBounds {
  placedAt: number;
  /** The moment of submission (or now, while editing: a submission can only be later). */
  now: number;
  /** Zone the message shows the bound in; default UTC+8 (O4: show times in the user's zone if known). */
  zone?: string;
}

function formatBound(ms: number, zone: string): string {
  const dt = DateTime.fromMillis(ms, { zone });
  const label = zone === MARKET_ZONE ? 'UTC+8' : dt.toFormat('ZZZZ');
  return `${dt.toFormat('yyyy-LL-dd HH:mm')} (${label})`;
}

/** V4: not earlier than the order's placement, not later than the submission. Null = fine (or not given). */
export function checkEnablingTime(enablingTime: number | null, bounds: EnablingTimeBounds): EnablingTimeError | null {
  if (enablingTime === null) return null;
  const zone = bounds.zone ?? MARKET_ZONE;
  if (enablingTime < bounds.placedAt) {
    return {
      code: 'before_placement',
      bound: bounds.placedAt,
      message: `The enabling time cannot be earlier than the order's placement time, ${formatBound(bounds.placedAt, zone)}.`,
    };
  }
  if (enablingTime > bounds.now) {
    return {
      code: 'after_submission',
      bound: bounds.now,
      message: `The enabling time cannot be later than the moment the proof is submitted (now: ${formatBound(bounds.now, zone)}).`,
    };
  }
  return null;
}

export interface ValidityOutcomesInput extends PeriodSpec {
  enablingTime: number | null;
  now: number;
  placedAt?: number;
}

export interface ValidityOutcomes {
  /** V5: the period with the chosen enabling time; null when none is chosen. */
  withEnablingTime: FixedValidity | null;
  /** V5: without an enabling time the period starts at the customer's acceptance… */
  fromAcceptance: PendingValidity;
  /** …e.g. if the customer accepted right now. */
  ifAcceptedNow: FixedValidity;
  /** V4, when `placedAt` is given and the enabling time crosses a bound. */
  enablingTimeError: EnablingTimeError | null;
}

/** V5: both outcomes for display before submitting. */
export function validityOutcomes(input: ValidityOutcomesInput): ValidityOutcomes {
  assertPeriod(input);
  const spec: PeriodSpec = { periodType: input.periodType, periodNumber: input.periodNumber };
  return {
    withEnablingTime: input.enablingTime === null ? null : fixed(input.enablingTime, 'enabling_time', spec),
    fromAcceptance: { startsAtAcceptance: true, ...spec, lengthLabel: periodLengthLabel(spec) },
    ifAcceptedNow: fixed(input.now, 'acceptance', spec),
    enablingTimeError:
      input.placedAt === undefined
        ? null
        : checkEnablingTime(input.enablingTime, { placedAt: input.placedAt, now: input.now }),
  };
}
