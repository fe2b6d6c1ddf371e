// docs/rules.md V1/V2: the resource validity period of a supervised order line once the customer accepts.
import { DateTime } from 'luxon';
import { MARKET_ZONE } from '../common/domain/time';
import type { PeriodType } from '../common/marketplace/wire';

export interface ValidityInput {
  chargingMode: string;
  periodType?: PeriodType | null;
  periodNumber?: number | null;
  enablingTimeMs: number | null;
  acceptedAtMs: number;
}

/**
 * V2: add `n` periods in calendar units on UTC+8 dates; luxon clamps to the month's last day (Jan 31 + 1 month = Feb
 * 28/29).
 */
export function addPeriods(startMs: number, periodType: PeriodType, n: number): number {
  const start = DateTime.fromMillis(startMs, { zone: MARKET_ZONE });
  const unit = periodType === 'year' ? { years: n } : periodType === 'month' ? { months: n } : { days: n };
  return start.plus(unit).toMillis();
}

/**
 * V1: start at the enabling time when given, else at acceptance; null when the line has no period (ONE_TIME,
 * pay-per-use).
 */
export function computeValidity(input: ValidityInput): { startMs: number; endMs: number } | null {
  if (input.chargingMode !== 'PERIOD' || !input.periodType || !input.periodNumber) return null;
  const startMs = input.enablingTimeMs ?? input.acceptedAtMs;
  return { startMs, endMs: addPeriods(startMs, input.periodType, input.periodNumber) };
}
