// docs/rules.md O4: the marketplace runs on UTC+8 (no DST); instants are UTC ms; date-only rules use UTC+8 dates.
import { DateTime } from 'luxon';

export const MARKET_ZONE = 'UTC+8';
export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` naming a day the calendar has (no month 13, no 30 February). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** A `YYYY-MM-DD` date at UTC+8 → the instant its day starts (UTC ms). */
export function marketDayStart(date: string): number {
  const dt = DateTime.fromISO(date, { zone: MARKET_ZONE });
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new Error(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return dt.startOf('day').toMillis();
}

/** The instant the day after `date` starts at UTC+8 — an exclusive upper bound. */
export function marketDayEnd(date: string): number {
  return DateTime.fromMillis(marketDayStart(date), { zone: MARKET_ZONE }).plus({ days: 1 }).toMillis();
}

/** UTC ms → `YYYY-MM-DD` at UTC+8. */
export function marketDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('yyyy-LL-dd');
}

/** Whole days elapsed between two instants (floor), never negative. */
export function daysBetween(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / DAY_MS));
}

export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** Open API `yyyyMMddHHmmss` (UTC) → UTC ms. */
export function parseOpenApiTime(text: string): number {
  const dt = DateTime.fromFormat(text, 'yyyyLLddHHmmss', { zone: 'UTC' });
  if (!dt.isValid) throw new Error(`not a yyyyMMddHHmmss time: ${JSON.stringify(text)}`);
  return dt.toMillis();
}

export function formatOpenApiTime(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('yyyyLLddHHmmss');
}
